// CSV, JSON and XLSX renderings.
#include "reports/export.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "reports/sample_reports_test.hpp"
#include "testing/temp_dir.hpp"

namespace leu::reports {
namespace {

using testing::sample_icr;
using testing::sample_mbr;
using testing::sample_pil;

// The XLSX content checks read the zip with unzip(1), which install-deps does not install; the "PK" check does not.
bool have_unzip() { return std::system("command -v unzip > /dev/null 2>&1") == 0; }

TEST(ExportTest, JsonHoldsWeightsAsExactMilligramIntegersAndDecimalStrings) {
  const nlohmann::json j = write_json(sample_icr(), default_profile());
  EXPECT_EQ(j["format"], "leubank-report-json-1");
  EXPECT_EQ(j["header"]["report_type"], "ICR");
  ASSERT_EQ(j["lines"].size(), 4u);
  const auto& l = j["lines"][0];
  EXPECT_TRUE(l["element_weight_mg"].is_number_integer());
  EXPECT_EQ(l["element_weight_mg"].get<std::int64_t>(), 1512345678);
  EXPECT_EQ(l["element_weight"], "1512345.678");
  EXPECT_EQ(l["element_weight_unit"], "g");
  EXPECT_EQ(l["fissile_weight_mg"].get<std::int64_t>(), 74861111);
  EXPECT_EQ(l["accounting_date"], "2026-01-14");
  EXPECT_EQ(j["notes"].size(), 2u);
  // The dump holds no number with a fraction.
  EXPECT_EQ(j.dump().find("1512345.678,"), std::string::npos);
}

TEST(ExportTest, JsonWritesNaturalUraniumInKilogramsWithSixDecimals) {
  Report r = sample_mbr();
  r.header.element_category = "N";
  for (auto& l : r.lines) l.isotope.clear();
  const nlohmann::json j = write_json(r, default_profile());
  EXPECT_EQ(j["lines"][0]["element_weight"], "24.000000");
  EXPECT_EQ(j["lines"][0]["element_weight_unit"], "kg");
  EXPECT_EQ(j["lines"][0]["element_weight_mg"].get<std::int64_t>(), 24000000);
}

TEST(ExportTest, MufIsShownWithTheProfileSign) {
  auto gain = overlay(default_profile(), nlohmann::json::parse(R"j({"rules": {"muf_sign": "positive_is_gain"}})j"));
  ASSERT_TRUE(gain);
  const nlohmann::json loss_view = write_json(sample_mbr(), default_profile());
  const nlohmann::json gain_view = write_json(sample_mbr(), *gain);
  EXPECT_EQ(loss_view["lines"][7]["fissile_weight"], "0.300");
  EXPECT_EQ(gain_view["lines"][7]["fissile_weight"], "-0.300");
  EXPECT_EQ(gain_view["lines"][7]["fissile_weight_mg"].get<std::int64_t>(), -300);
  EXPECT_EQ(gain_view["lines"][4]["fissile_weight"], "0.500");  // only MUF changes sign
}

TEST(ExportTest, CsvHasAHeaderRowAndOneQuotedRowPerLine) {
  Report r = sample_icr();
  r.lines[1].comment = "Supply, \"urgent\"";
  const std::string csv = write_csv(r, default_profile());
  const std::string first = csv.substr(0, csv.find("\r\n"));
  EXPECT_EQ(first.rfind("report_type,mba,report_number,report_date,period_start,period_end,element_category,"
                        "line_number,code,batch,",
                        0),
            0u);
  EXPECT_NE(first.find("element_weight,element_weight_unit,element_weight_mg"), std::string::npos);
  EXPECT_NE(csv.find("ICR,LEUB,3,2026-02-10,2026-01-01,2026-01-31,E,1,RF,KZ30B-0001,1,N,U6,C,F,FR,,2026-01-14,1,"
                     "1512345.678,g,1512345678,G,74861.111,g,74861111,"),
            std::string::npos);
  EXPECT_NE(csv.find("\"Supply, \"\"urgent\"\"\""), std::string::npos);
  std::size_t rows = 0;
  for (std::size_t i = csv.find("\r\n"); i != std::string::npos; i = csv.find("\r\n", i + 2)) ++rows;
  EXPECT_EQ(rows, 1 + r.lines.size());
}

TEST(ExportTest, XlsxIsAZipWorkbookWithOneSheetNamedAfterTheReport) {
  leu::testing::TempDir dir;
  const std::string path = dir.path("icr.xlsx");
  ASSERT_TRUE(write_xlsx(sample_icr(), default_profile(), path));
  std::ifstream in(path, std::ios::binary);
  char magic[2] = {0, 0};
  in.read(magic, 2);
  EXPECT_EQ(std::string(magic, 2), "PK");
  if (!have_unzip()) GTEST_SKIP() << "unzip(1) is not installed";
  const std::string listing = dir.path("listing.txt");
  ASSERT_EQ(std::system(("unzip -l '" + path + "' > '" + listing + "'").c_str()), 0);
  ASSERT_EQ(std::system(("unzip -p '" + path + "' xl/workbook.xml > '" + listing + ".wb'").c_str()), 0);
  std::ifstream l(listing), wb(listing + ".wb");
  const std::string files((std::istreambuf_iterator<char>(l)), {});
  const std::string workbook((std::istreambuf_iterator<char>(wb)), {});
  EXPECT_NE(files.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_EQ(files.find("xl/worksheets/sheet2.xml"), std::string::npos);
  EXPECT_NE(workbook.find("name=\"ICR 3\""), std::string::npos);
}

TEST(ExportTest, XlsxWritesWeightsAsNumbersWithTheUnitFormat) {
  leu::testing::TempDir dir;
  const std::string path = dir.path("mbr.xlsx");
  ASSERT_TRUE(write_xlsx(sample_mbr(), default_profile(), path));
  if (!have_unzip()) GTEST_SKIP() << "unzip(1) is not installed";
  ASSERT_EQ(std::system(("unzip -p '" + path + "' xl/worksheets/sheet1.xml > '" + path + ".xml'").c_str()), 0);
  ASSERT_EQ(std::system(("unzip -p '" + path + "' xl/styles.xml > '" + path + ".css'").c_str()), 0);
  std::ifstream s(path + ".xml"), st(path + ".css");
  const std::string sheet((std::istreambuf_iterator<char>(s)), {});
  const std::string styles((std::istreambuf_iterator<char>(st)), {});
  EXPECT_NE(sheet.find("<v>1299.5</v>"), std::string::npos);   // BA, g U-235, a number cell
  EXPECT_NE(sheet.find("<v>1299500</v>"), std::string::npos);  // the exact mg beside it
  EXPECT_NE(styles.find("#,##0.000"), std::string::npos);
}

TEST(ExportTest, XlsxToAnUnwritablePathIsAStorageError) {
  auto r = write_xlsx(sample_pil(), default_profile(), "/nonexistent-dir/x.xlsx");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kStorage);
}

}  // namespace
}  // namespace leu::reports
