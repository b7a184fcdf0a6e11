// Issued reports and their corrections on both backends, over the demo bank: report numbers run 1, 2, ... per MBA
// and type; an issued report reads back exactly as issued; issuing the same report twice is refused; a correction
// is a new report whose D/A lines point at the corrected report and line; a field not correctable in place, a line
// that does not exist and a line already deleted are refused with nothing written; a change booked after its
// month's ICR was issued is reported once, as a late line (L), in the next ICR issued.
#include "accountancy/issued_reports.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "accountancy/operations.hpp"
#include "reports/export.hpp"
#include "reports/labelled.hpp"
#include "reports/profile.hpp"
#include "testing/bank_fixture.hpp"
#include "testing/temp_dir.hpp"

namespace leu {
namespace {

using reports::Report;
using reports::ReportLine;
using reports::ReportType;
using testing::Backend;
using ::testing::HasSubstr;

class IssuedReportsTest : public testing::BankFixture {
 protected:
  // The demo bank: periods closed and signed to the end of 2025.
  IssuedReportsTest() : BankFixture(Date::from_ymd(2026, 11, 28), testing::Books::kDemo) {}

  void SetUp() override {
    BankFixture::SetUp();
    if (!ready()) return;
    aigerim_ = principal("aigerim");
    olga_ = principal("olga");
  }

  Result<Report> issue_icr(int year, unsigned month) {
    return IssuedReports(*journal_).issue(
        aigerim_, {.type = ReportType::kIcr, .mba = "KZBK", .month = Date::from_ymd(year, month, 1)});
  }

  // Issues the ICR of October 2019 (the 32 receipts from France) as report 1.
  Report october() {
    auto r = issue_icr(2019, 10);
    EXPECT_TRUE(r) << r.error().describe();
    return r ? *r : Report{};
  }

  Result<Report> correct(CorrectionInput in) {
    in.type = ReportType::kIcr;
    in.mba = "KZBK";
    return IssuedReports(*journal_).correct(aigerim_, in);
  }

  // The journal head and count, to prove a refusal changed nothing.
  std::pair<Head, std::int64_t> state() { return {store_->head().value(), store_->journal_count().value()}; }

  // Written in the labelled text and parsed back: the same report.
  void expect_round_trip(const Report& r) {
    const auto& p = reports::default_profile();
    const auto back = reports::parse_labelled(reports::write_labelled(r, p), p);
    ASSERT_TRUE(back) << back.error().describe();
    EXPECT_EQ(*back, r);
  }

  Principal aigerim_, olga_;
};

TEST_P(IssuedReportsTest, IssuedIcrsAreNumberedInSequenceAndReadBackAsIssued) {
  const Report oct = october();
  EXPECT_EQ(oct.header.report_number, 1);
  ASSERT_EQ(oct.lines.size(), 32u);
  EXPECT_EQ(oct.header.report_date, "2026-11-28");
  EXPECT_EQ(oct.header.reporting_person, "aigerim");
  const auto dec = issue_icr(2019, 12);
  ASSERT_TRUE(dec) << dec.error().describe();
  EXPECT_EQ(dec->header.report_number, 2);  // issued second, whatever month it covers
  EXPECT_EQ(dec->lines.size(), 28u);
  EXPECT_EQ(IssuedReports(*journal_).get("KZBK", ReportType::kIcr, 1).value(), oct);
  EXPECT_EQ(IssuedReports(*journal_).get("KZBK", ReportType::kIcr, 2).value(), *dec);
  const auto list = IssuedReports(*journal_).list("KZBK", "ICR").value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["kind"], "original");
  EXPECT_EQ(list[1]["period_start"], "2019-12-01");
  expect_round_trip(oct);
  EXPECT_TRUE(journal_->verify().value().ok());
}

TEST_P(IssuedReportsTest, IssuingTheSameIcrTwiceIsRefusedAndChangesNothing) {
  october();
  const auto before = state();
  const auto again = issue_icr(2019, 10);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "month");
  EXPECT_THAT(again.error().message, HasSubstr("issued as ICR 1"));
  EXPECT_THAT(again.error().message, HasSubstr("correction"));
  EXPECT_EQ(state(), before);
}

TEST_P(IssuedReportsTest, OnlyTheAccountantIssues) {
  const auto before = state();
  const auto r = IssuedReports(*journal_).issue(
      olga_, {.type = ReportType::kIcr, .mba = "KZBK", .month = Date::from_ymd(2019, 10, 1)});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(state(), before);
}

TEST_P(IssuedReportsTest, AWeightCorrectionIsADeleteAndAddPairPointingAtTheLine) {
  const Report oct = october();
  const ReportLine& original = oct.lines[4];
  // The profile writes element E in g with exactly 3 decimals; the correction adds 1.000 g.
  const std::int64_t want_mg = original.element_weight_mg + 1000;
  const std::string grams = std::to_string(want_mg / 1000) + "." + fmt::format("{:03}", want_mg % 1000);
  const auto fix = correct({.report = 1, .line = 5, .set = {{"element_weight", grams}}, .reason = "re-weighed"});
  ASSERT_TRUE(fix) << fix.error().describe();
  EXPECT_EQ(fix->header.report_number, 2);
  EXPECT_EQ(fix->header.period_start, "2019-10-01");
  ASSERT_EQ(fix->lines.size(), 2u);
  const ReportLine& d = fix->lines[0];
  const ReportLine& a = fix->lines[1];
  EXPECT_EQ(d.correction, "D");
  EXPECT_EQ(a.correction, "A");
  for (const ReportLine* l : {&d, &a}) {
    EXPECT_EQ(l->previous_report, 1);
    EXPECT_EQ(l->previous_line, 5);
    EXPECT_EQ(l->comment, "re-weighed");
    EXPECT_EQ(l->batch, original.batch);
  }
  EXPECT_EQ(d.element_weight_mg, original.element_weight_mg);  // repeats the line as originally reported
  EXPECT_EQ(a.element_weight_mg, want_mg);
  EXPECT_EQ(d.line_number, 1);
  EXPECT_EQ(a.line_number, 2);
  expect_round_trip(*fix);
  // The other formats carry the letters and pointers too.
  const auto& p = reports::default_profile();
  const std::string csv = reports::write_csv(*fix, p);
  EXPECT_THAT(csv, HasSubstr(",D,1,5,re-weighed"));
  EXPECT_THAT(csv, HasSubstr(",A,1,5,re-weighed"));
  const auto json = reports::write_json(*fix, p);
  EXPECT_EQ(json["lines"][1]["correction"], "A");
  EXPECT_EQ(json["lines"][1]["previous_line"], 5);
  testing::TempDir dir;
  EXPECT_TRUE(reports::write_xlsx(*fix, p, dir.path("fix.xlsx")));
  // The corrected line is now deleted; the listing says by what.
  const auto list = IssuedReports(*journal_).list("KZBK", "ICR").value();
  EXPECT_EQ(list[0]["deleted"]["5"]["report"], 2);
  EXPECT_EQ(list[1]["kind"], "correction");
  EXPECT_TRUE(journal_->verify().value().ok());
}

TEST_P(IssuedReportsTest, ALineCorrectedBeforeIsRefusedNamingTheCorrectionButItsAddLineMayBeCorrected) {
  october();
  ASSERT_TRUE(correct({.report = 1, .line = 5, .set = {{"measurement_basis", "N"}}, .reason = "basis"}));
  const auto before = state();
  const auto again = correct({.report = 1, .line = 5, .remove = true, .reason = "again"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "line");
  EXPECT_THAT(again.error().message, HasSubstr("deleted by line 1 of ICR 2"));
  EXPECT_EQ(state(), before);
  const auto del = correct({.report = 2, .line = 2, .remove = true, .reason = "not received in October"});
  ASSERT_TRUE(del) << del.error().describe();
  ASSERT_EQ(del->lines.size(), 1u);
  EXPECT_EQ(del->lines[0].correction, "D");
  EXPECT_EQ(del->lines[0].previous_report, 2);
  EXPECT_EQ(del->lines[0].previous_line, 2);
  EXPECT_EQ(del->lines[0].measurement_basis, "N");  // as the A line reported it
  expect_round_trip(*del);
}

TEST_P(IssuedReportsTest, FieldsNotCorrectableInPlaceAreRefusedWithTheReason) {
  october();
  const auto before = state();
  for (const auto& [field, value] : std::vector<std::pair<std::string, std::string>>{
           {"batch", "OTHER-01"}, {"code", "RD"}, {"accounting_date", "2019-10-18"}, {"mba_from", "DE"}}) {
    SCOPED_TRACE(field);
    const auto r = correct({.report = 1, .line = 3, .set = {{field, value}}, .reason = "wrong"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().field, field);
    EXPECT_THAT(r.error().message, HasSubstr("cannot be corrected in place"));
    EXPECT_THAT(r.error().message, HasSubstr("delete the line"));
  }
  EXPECT_EQ(state(), before);
}

TEST_P(IssuedReportsTest, BadCorrectionsAreRefusedNamingTheInput) {
  october();
  const auto before = state();
  const auto no_line = correct({.report = 1, .line = 33, .remove = true, .reason = "x"});
  ASSERT_FALSE(no_line);
  EXPECT_EQ(no_line.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(no_line.error().field, "line");
  EXPECT_THAT(no_line.error().message, HasSubstr("has 32 lines; there is no line 33"));
  const auto no_report = correct({.report = 7, .line = 1, .remove = true, .reason = "x"});
  ASSERT_FALSE(no_report);
  EXPECT_EQ(no_report.error().field, "report");
  const auto same = correct({.report = 1, .line = 1, .set = {{"measurement_basis", "M"}}, .reason = "x"});
  ASSERT_FALSE(same);
  EXPECT_THAT(same.error().message, HasSubstr("nothing to correct"));
  const auto unknown_code = correct({.report = 1, .line = 1, .set = {{"measurement_basis", "Q"}}, .reason = "x"});
  ASSERT_FALSE(unknown_code);
  EXPECT_EQ(unknown_code.error().field, "measurement_basis");
  const auto bad_reason = correct({.report = 1, .line = 1, .remove = true, .reason = "a/b"});
  ASSERT_FALSE(bad_reason);
  EXPECT_EQ(bad_reason.error().field, "reason");
  const auto no_reason = correct({.report = 1, .line = 1, .remove = true, .reason = ""});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  EXPECT_EQ(state(), before);
}

TEST_P(IssuedReportsTest, AChangeBookedAfterItsMonthsIcrWasIssuedIsALateLineOfTheNextIcrOnce) {
  const auto march = issue_icr(2026, 3);
  ASSERT_TRUE(march) << march.error().describe();
  // A loss dated in March, booked after March's ICR was issued.
  std::string cylinder;
  const std::vector<Item> items = journal_->items().value();
  for (const auto& item : items)
    if (item.on_hand() && item.last_date <= Date::from_ymd(2026, 3, 10)) {
      cylinder = item.id;
      break;
    }
  ASSERT_FALSE(cylinder.empty());
  ASSERT_TRUE(Operations(*journal_).book_loss(
      aigerim_,
      {.cylinder = cylinder, .uf6 = Mass::grams(500), .reason = "valve leak", .date = Date::from_ymd(2026, 3, 10)}));
  const auto april = issue_icr(2026, 4);
  ASSERT_TRUE(april) << april.error().describe();
  ASSERT_FALSE(april->lines.empty());
  const ReportLine& late = april->lines.back();
  EXPECT_EQ(late.correction, "L");
  EXPECT_EQ(late.code, "LA");
  EXPECT_EQ(late.batch, journal_->item(cylinder).value()->batch);
  EXPECT_EQ(late.accounting_date, "2026-03-10");
  EXPECT_EQ(late.previous_report, 0);
  EXPECT_THAT(late.comment, HasSubstr("ICR " + std::to_string(march->header.report_number)));
  expect_round_trip(*april);
  const auto may = issue_icr(2026, 5);
  ASSERT_TRUE(may);
  for (const auto& l : may->lines) EXPECT_NE(l.correction, "L");  // reported once
}

TEST_P(IssuedReportsTest, PilAndMbrAreIssuedOncePerPeriodAndCorrectable) {
  IssuedReports issued(*journal_);
  const Date pit = Date::from_ymd(2025, 12, 31);
  const auto mbr = issued.issue(aigerim_, {.type = ReportType::kMbr, .mba = "KZBK", .date = pit});
  ASSERT_TRUE(mbr) << mbr.error().describe();
  EXPECT_EQ(mbr->header.report_number, 1);
  EXPECT_EQ(mbr->lines.front().code, "PB");
  const auto pil = issued.issue(aigerim_, {.type = ReportType::kPil, .mba = "KZBK", .date = pit});
  ASSERT_TRUE(pil) << pil.error().describe();
  EXPECT_EQ(pil->header.report_number, 1);  // numbered per type
  const auto before = state();
  const auto twice = issued.issue(aigerim_, {.type = ReportType::kMbr, .mba = "KZBK", .date = pit});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twice.error().field, "date");
  EXPECT_EQ(state(), before);
  const auto fix = issued.correct(aigerim_, {.type = ReportType::kPil,
                                             .mba = "KZBK",
                                             .report = 1,
                                             .line = 1,
                                             .set = {{"measurement_basis", "M"}},
                                             .reason = "re-weighed at the taking"});
  ASSERT_TRUE(fix) << fix.error().describe();
  EXPECT_EQ(fix->header.type, ReportType::kPil);
  EXPECT_EQ(fix->header.period_end, "2025-12-31");
  EXPECT_EQ(fix->lines[1].correction, "A");
  expect_round_trip(*fix);
  EXPECT_TRUE(journal_->verify().value().ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, IssuedReportsTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
