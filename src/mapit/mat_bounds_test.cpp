// Regression tests for what fuzz/mapit_mat_fuzz.cpp found in the .mat path: headers declaring gigabytes of field
// names or of values (refused by mapit/mat_bounds.hpp before libmatio allocates) and a struct without its field
// table (refused by read_mat_series before libmatio's field lookup crashes); and the valid seed files of
// fuzz/corpus/mapit_mat/ (written by libmatio), which must still read with the values the seed generator wrote:
// time k * 2.5 h, data 100 + i + k * 0.125 kg.
#include "mapit/mat_bounds.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "mapit/mapit_reader.hpp"
#include "testing/temp_dir.hpp"

namespace leu::mapit {
namespace {

const std::string kCorpus = std::string(LEUBANK_SOURCE_DIR) + "/fuzz/corpus/mapit_mat/";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// fuzz/mapit_mat_fuzz.cpp found it: 505 bytes whose struct declares 1.6 GB of field names; libmatio
// calloc'ed 3.3 GB for them (the CLI's resident set reached 1.6 GB) before reading a byte of them.
TEST(MatBounds, TheFuzzFindingIsRefusedBeforeLibmatioAllocates) {
  const std::string file = kCorpus + "found-oom-field-names.mat";
  auto r = read_mat_series(file, "in");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, file);
  EXPECT_NE(r.error().message.find("1634488336 bytes of field names"), std::string::npos) << r.error().message;
}

// The third: a field of the struct declaring 1.9 billion doubles in a 436-byte file; libmatio malloc'ed 15 GB.
TEST(MatBounds, AFieldWhoseHeaderOverrunsTheFileIsRefused) {
  const std::string file = kCorpus + "found-oom-nested-data.mat";
  auto r = read_mat_series(file, "in");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, file);
  // The field's header is damaged before its dimensions: its name already overruns the field.
  EXPECT_NE(r.error().message.find("a name of 13600 bytes but has only 64 bytes"), std::string::npos)
      << r.error().message;
}

// The fourth: a field whose flags tag libmatio reads past, taking text as a dimensions size of 1.1 GB (malloc 2.2 GB).
TEST(MatBounds, DimensionsDeclaringMoreBytesThanTheFileHoldsAreRefused) {
  const std::string file = kCorpus + "found-oom-dimensions.mat";
  auto r = read_mat_series(file, "in");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message.find("1095565320 bytes of dimensions"), std::string::npos) << r.error().message;
}

// The second finding: a compressed struct that libmatio reads without its field table; looking a field up
// dereferenced a null pointer (SIGSEGV). read_mat_series now refuses it first.
TEST(MatBounds, AStructWithoutItsFieldTableIsRefusedInsteadOfCrashing) {
  const std::string file = kCorpus + "found-segv-struct-fields.mat";
  auto r = read_mat_series(file, "in");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, file);
  EXPECT_NE(r.error().message.find("damaged struct array"), std::string::npos) << r.error().message;
}

TEST(MatBounds, AnArrayDeclaringMoreElementsThanItsBytesIsRefused) {
  std::string bytes = slurp(kCorpus + "in-2x4-double.mat");
  ASSERT_EQ(bytes.size(), 560u);
  // The struct's dimensions (1, 2) sit at offset 0xa0 (after the 128-byte header, the miMATRIX tag, the array
  // flags and the dimensions tag); declare 1 x 2^30 elements instead.
  ASSERT_EQ(bytes[0xa4], 2);
  bytes[0xa4] = 0;
  bytes[0xa7] = 0x40;
  testing::TempDir dir;
  const std::string file = dir.path("big.mat");
  std::ofstream(file, std::ios::binary) << bytes;
  auto r = check_mat_bounds(file);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("1073741824 elements of 2 fields"), std::string::npos) << r.error().message;
}

TEST(MatBounds, ValidFilesStillReadWithTheirValues) {
  for (const char* name : {"in-2x4-double.mat", "in-1x3-int32.mat", "in-3x2-zlib.mat", "in-1x1-double.mat"}) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(check_mat_bounds(kCorpus + name).has_value());
    ASSERT_TRUE(read_mat_series(kCorpus + name, "in").has_value());
  }
  auto doubles = read_mat_series(kCorpus + "in-2x4-double.mat", "in");
  ASSERT_EQ(doubles->size(), 2u);
  EXPECT_EQ((*doubles)[1].time, (std::vector<double>{0, 2.5, 5, 7.5}));
  EXPECT_EQ((*doubles)[1].value, (std::vector<double>{101, 101.125, 101.25, 101.375}));
  auto zlib = read_mat_series(kCorpus + "in-3x2-zlib.mat", "in");
  ASSERT_EQ(zlib->size(), 3u);
  EXPECT_EQ((*zlib)[2].value, (std::vector<double>{102, 102.125}));
  auto ints = read_mat_series(kCorpus + "in-1x3-int32.mat", "in");
  ASSERT_EQ(ints->size(), 1u);
  EXPECT_EQ((*ints)[0].value, (std::vector<double>{1000, 1001, 1002}));  // int32 converted to double
}

}  // namespace
}  // namespace leu::mapit
