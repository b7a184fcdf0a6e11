// The demo bank's reports against golden files (data/golden/demo-*.txt): the ICR
// of October 2019 lists the 32 receipts from France, December 2019 the 28 from
// Kazatomprom; the PIL and MBR of the first period. Also: each report parses back
// to itself, its weights add up to the books, and a period not closed is refused.
// Regenerate the golden files with LEUBANK_UPDATE_GOLDEN=1 after a deliberate change.
#include "accountancy/report_builder.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "demo/demo_bank.hpp"
#include "reports/labelled.hpp"
#include "reports/profile.hpp"
#include "testing/temp_dir.hpp"

namespace leu {
namespace {

using ::testing::HasSubstr;

class DemoReports : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_store(dir_.path("bank.db"), OpenMode::kCreate);
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    journal_ = std::make_unique<Journal>(*store_, clock_);
    ASSERT_TRUE(build_demo_bank(*journal_));
  }

  // Compares `text` with the golden file, or rewrites it when LEUBANK_UPDATE_GOLDEN is set.
  void expect_golden(const std::string& name, const std::string& text) {
    const std::string path = std::string(LEUBANK_SOURCE_DIR) + "/data/golden/" + name;
    if (std::getenv("LEUBANK_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << text;
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "missing golden file " << path;
    std::stringstream golden;
    golden << in.rdbuf();
    EXPECT_EQ(text, golden.str()) << "differs from " << path;
  }

  std::string labelled(const reports::Report& r) {
    const std::string text = reports::write_labelled(r, reports::default_profile());
    const auto back = reports::parse_labelled(text, reports::default_profile());
    EXPECT_TRUE(back) << back.error().describe();
    if (back) {
      EXPECT_EQ(*back, r);
    }
    return text;
  }

  testing::TempDir dir_;
  FixedClock clock_{Date::from_ymd(2026, 1, 15)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;
};

TEST_F(DemoReports, IcrOfOctober2019ListsTheThirtyTwoReceiptsFromFrance) {
  const auto icr = build_icr(*journal_, "KZBK", 2019, 10, "aigerim");
  ASSERT_TRUE(icr) << icr.error().describe();
  ASSERT_EQ(icr->lines.size(), 32u);
  for (const auto& l : icr->lines) {
    EXPECT_EQ(l.code, "RF");
    EXPECT_EQ(l.mba_from, "FR");
    EXPECT_EQ(l.accounting_date, "2019-10-17");
  }
  expect_golden("demo-icr-2019-10.txt", labelled(*icr));
}

TEST_F(DemoReports, IcrOfDecember2019ListsTheTwentyEightKazatompromReceipts) {
  const auto icr = build_icr(*journal_, "KZBK", 2019, 12, "aigerim");
  ASSERT_TRUE(icr);
  ASSERT_EQ(icr->lines.size(), 28u);
  for (const auto& l : icr->lines) EXPECT_THAT(l.batch, HasSubstr("DEMO-KZ-"));
  EXPECT_EQ(icr->header.report_number, 3);  // October, November, December
  expect_golden("demo-icr-2019-12.txt", labelled(*icr));
}

TEST_F(DemoReports, PilAndMbrOfTheFirstPeriodAddUpToTheBook) {
  const Date end = Date::from_ymd(2019, 12, 31);
  const auto pil = build_pil(*journal_, "KZBK", end, "aigerim");
  const auto mbr = build_mbr(*journal_, "KZBK", end, "aigerim");
  ASSERT_TRUE(pil && mbr);
  std::int64_t pil_u = 0;
  for (const auto& l : pil->lines) pil_u += l.element_weight_mg;
  const auto book = journal_->book_at("KZBK", end).value();
  EXPECT_EQ(pil_u, book.front().uranium_mg);
  std::map<std::string, std::int64_t> mbr_u;
  for (const auto& l : mbr->lines) mbr_u[l.code] = l.element_weight_mg;
  EXPECT_EQ(mbr_u["PE"], pil_u);  // an MBR needs a PIL whose sum equals PE
  EXPECT_EQ(mbr_u["BE"], mbr_u["PB"] + mbr_u["RF"]);
  EXPECT_EQ(mbr_u["MF"], 0);
  expect_golden("demo-pil-2019-12-31.txt", labelled(*pil));
  expect_golden("demo-mbr-2019-12-31.txt", labelled(*mbr));
}

TEST_F(DemoReports, AReportForAPeriodNotClosedIsRefused) {
  const auto mbr = build_mbr(*journal_, "KZBK", Date::from_ymd(2026, 6, 30), "aigerim");
  ASSERT_FALSE(mbr);
  EXPECT_EQ(mbr.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(mbr.error().message, HasSubstr("close it first"));
  EXPECT_FALSE(build_pil(*journal_, "KZBK", Date::from_ymd(2026, 6, 30), "aigerim"));
  EXPECT_FALSE(build_icr(*journal_, "NONE", 2019, 10, "aigerim"));
  EXPECT_FALSE(build_icr(*journal_, "KZBK", 2027, 1, "aigerim"));
}

}  // namespace
}  // namespace leu
