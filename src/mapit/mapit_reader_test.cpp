// The MAPIT-layout reader on small hand-written folders: layout, file order, and errors naming the file and row.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "mapit/mapit_reader.hpp"
#include "stats/mapit_balances.hpp"
#include "testing/temp_dir.hpp"

namespace leu::mapit {
namespace {

void write(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

TEST(MapitReader, ReadsCsvFoldersInNumericOrder) {
  testing::TempDir dir;
  const std::string api = dir.path("API_data/csv");
  write(api + "/inventory/invn10.csv", "0,10\n1,11\n");
  write(api + "/inventory/invn2.csv", "0,2\n1,3\n");
  write(api + "/input/in0.csv", "0.0e+00,5\n1.0e+00,0\n");
  auto d = read_mapit_dataset(dir.path(""));
  ASSERT_TRUE(d) << d.error().describe();
  ASSERT_EQ(d->inventories.size(), 2u);
  EXPECT_EQ(d->inventories[0].name, "invn2");  // 2 before 10, as numbers
  EXPECT_EQ(d->inventories[1].value[1], 11.0);
  ASSERT_EQ(d->inputs.size(), 1u);
  EXPECT_EQ(d->inputs[0].value[0], 5.0);
  EXPECT_TRUE(d->outputs.empty());
}

TEST(MapitReader, AMalformedLineIsAnErrorNamingFileAndRow) {
  testing::TempDir dir;
  write(dir.path("API_data/csv/inventory/invn0.csv"), "0,1\n1,2,3\n");
  auto d = read_mapit_dataset(dir.path(""));
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().field, dir.path("API_data/csv/inventory/invn0.csv") + " row 2");
  write(dir.path("API_data/csv/inventory/invn0.csv"), "0,1\n1,abc\n");
  d = read_mapit_dataset(dir.path(""));
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().field.find(" row 2"), std::string::npos);
}

TEST(MapitReader, UnsortedTimesAreRejectedByTheStatistics) {
  testing::TempDir dir;
  write(dir.path("API_data/csv/inventory/invn0.csv"), "0,1\n2,2\n1,3\n");
  write(dir.path("API_data/csv/input/in0.csv"), "0,0\n2,0\n");
  auto d = read_mapit_dataset(dir.path(""));
  ASSERT_TRUE(d);
  auto m = stats::mapit_compat(*d, stats::uniform_errors(*d, 0.01, 0.01), 1);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().field, "invn0 row 3");
}

TEST(MapitReader, ANonMatFileIsAStorageError) {
  testing::TempDir dir;
  write(dir.path("API_data/mat/inventory/invn.mat"), "not a MATLAB file");
  auto d = read_mapit_dataset(dir.path(""));
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().field, dir.path("API_data/mat/inventory/invn.mat"));
}

}  // namespace
}  // namespace leu::mapit
