// Corrections of issued lines and the journal record of a report: a D/A pair repeats the original and carries the
// corrected values, both pointing at the corrected line; fields not correctable in place are refused naming the
// field; correction reports round-trip through the labelled text (property), and every report through its record.
#include "reports/correction.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fmt/format.h>

#include "reports/labelled.hpp"
#include "reports/record.hpp"
#include "reports/sample_reports_test.hpp"

namespace leu::reports {
namespace {

using testing::sample_icr;
using testing::sample_mbr;
using testing::sample_pil;

// Grams with 3 decimals, computed apart from values.cpp: the E element unit of the default profile.
std::string grams(std::int64_t mg) { return fmt::format("{}.{:03}", mg / 1000, mg % 1000); }

TEST(Correction, AWeightCorrectionIsADeleteOfTheOriginalAndAnAddWithTheNewWeight) {
  const Report r = sample_icr();
  const ReportLine& original = r.lines[0];  // RF, 1 512 345.678 g U
  ReportLine fixed = original;
  ASSERT_TRUE(set_line_field(fixed, r, "element_weight", "1512346.678", default_profile()));
  EXPECT_EQ(fixed.element_weight_mg, 1512346678);
  const auto lines = correction_lines(original, 3, fixed, "re-weighed", default_profile());
  ASSERT_TRUE(lines) << lines.error().describe();
  ASSERT_EQ(lines->size(), 2u);
  ReportLine d = (*lines)[0];
  EXPECT_EQ(d.correction, "D");
  EXPECT_EQ(d.element_weight_mg, 1512345678);
  EXPECT_EQ((*lines)[1].correction, "A");
  EXPECT_EQ((*lines)[1].element_weight_mg, 1512346678);
  for (const auto& l : *lines) {
    EXPECT_EQ(l.previous_report, 3);
    EXPECT_EQ(l.previous_line, 1);
    EXPECT_EQ(l.comment, "re-weighed");
    EXPECT_EQ(l.line_number, 0);
  }
  d.correction = "", d.previous_report = 0, d.previous_line = 0, d.comment = "", d.line_number = 1;
  EXPECT_EQ(d, original);  // the D line repeats the line as originally reported
}

TEST(Correction, FieldsNotCorrectableInPlaceAreRefusedNamingTheField) {
  const Report r = sample_icr();
  for (const auto& [field, value] : std::vector<std::pair<std::string, std::string>>{
           {"batch", "KZ30B-0009"}, {"code", "RD"}, {"accounting_date", "2026-01-15"}, {"mba_from", "DE"}}) {
    SCOPED_TRACE(field);
    ReportLine fixed = r.lines[0];
    ASSERT_TRUE(set_line_field(fixed, r, field, value, default_profile()));
    const auto lines = correction_lines(r.lines[0], 3, fixed, "x", default_profile());
    ASSERT_FALSE(lines);
    EXPECT_EQ(lines.error().field, field);
    EXPECT_NE(lines.error().message.find("cannot be corrected in place"), std::string::npos);
  }
}

TEST(Correction, BadValuesAndFieldsAreRefusedNamingThem) {
  const Report r = sample_icr();
  ReportLine l = r.lines[0];
  EXPECT_EQ(set_line_field(l, r, "element_weight", "1.5", default_profile()).error().field, "element_weight");
  EXPECT_EQ(set_line_field(l, r, "measurement_basis", "Q", default_profile()).error().field, "measurement_basis");
  EXPECT_EQ(set_line_field(l, r, "line_number", "7", default_profile()).error().field, "line_number");
  EXPECT_EQ(set_line_field(l, r, "colour", "red", default_profile()).error().field, "colour");
  EXPECT_EQ(set_line_field(l, r, "comment", "a;b", default_profile()).error().field, "comment");
  EXPECT_EQ(l, r.lines[0]);                                                           // nothing set by a refusal
  EXPECT_FALSE(correction_lines(r.lines[0], 3, r.lines[0], "x", default_profile()));  // nothing to correct
  EXPECT_FALSE(deletion_line(r.lines[2], 3, "x", default_profile()));                 // a D line is not corrected
}

TEST(Correction, ALateLineStandsAlone) {
  const auto l = late_line(sample_icr().lines[0], "late", default_profile());
  ASSERT_TRUE(l);
  EXPECT_EQ(l->correction, "L");
  EXPECT_EQ(l->previous_report, 0);
  EXPECT_EQ(l->previous_line, 0);
}

TEST(ReportRecord, EveryReportReadsBackFromItsRecordAndAMissingMemberIsNamed) {
  for (const Report& r : {sample_icr(), sample_pil(), sample_mbr()})
    EXPECT_EQ(report_from_record(report_to_record(r)), r);
  auto doc = report_to_record(sample_icr());
  doc["lines"][1].erase("batch");
  const auto bad = report_from_record(doc);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "/lines/1/batch");
}

// For a random line of the sample ICR, random corrected weights and measurement basis: the correction lines, in a
// correction report, are written and parsed back identical; the D line equals the original but for its letter and
// pointers; the A line holds exactly the corrected weights.
RC_GTEST_PROP(CorrectionPropertyTest, CorrectionReportsRoundTripThroughTheLabelledText, ()) {
  const Profile& p = default_profile();
  const Report icr = sample_icr();
  const std::size_t k = *rc::gen::inRange<std::size_t>(0, 2);  // the two original lines (3 and 4 are a D/A pair)
  const ReportLine& original = icr.lines[k];
  const std::int64_t element = *rc::gen::inRange<std::int64_t>(0, 10'000'000'000);
  const std::int64_t fissile = *rc::gen::inRange<std::int64_t>(0, 1'000'000'000);
  const std::string basis = *rc::gen::element<std::string>("M", "N", "T", "L");
  ReportLine fixed = original;
  RC_ASSERT(set_line_field(fixed, icr, "element_weight", grams(element), p).has_value());
  RC_ASSERT(set_line_field(fixed, icr, "fissile_weight", grams(fissile), p).has_value());
  RC_ASSERT(set_line_field(fixed, icr, "measurement_basis", basis, p).has_value());
  const auto lines = correction_lines(original, icr.header.report_number, fixed, "corrected", p);
  if (fixed == original) {
    RC_ASSERT(!lines.has_value());
    return;
  }
  RC_ASSERT(lines.has_value());
  RC_ASSERT((*lines)[0].element_weight_mg == original.element_weight_mg);
  RC_ASSERT((*lines)[1].element_weight_mg == element);
  RC_ASSERT((*lines)[1].fissile_weight_mg == fissile);
  Report fix;
  fix.header = icr.header;
  fix.header.report_number = icr.header.report_number + 1;
  fix.lines = *lines;
  for (std::size_t i = 0; i < fix.lines.size(); ++i) fix.lines[i].line_number = static_cast<std::int64_t>(i) + 1;
  fix.header.line_count = static_cast<std::int64_t>(fix.lines.size());
  const auto back = parse_labelled(write_labelled(fix, p), p);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == fix);
  RC_ASSERT(report_from_record(report_to_record(fix)).value() == fix);
}

}  // namespace
}  // namespace leu::reports
