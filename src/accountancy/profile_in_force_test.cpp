// The report profile in force comes from the facility the journal was opened with (profile_in_force.hpp), on both
// backends. The facility's Facility Attachment overlay renames the profile, the ICR's batch label and the MUF line
// code (MF -> MU), adds an inventory change code (RX) and writes dates as YYYY-MM-DD; the drafts, the issued reports
// and their parse back follow it, and a journal opened without an overlay keeps the default profile. Text checks are
// exact substrings of the labelled format (docs/formats/reports.md §3); round trips compare whole reports (==).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "access/principal.hpp"
#include "accountancy/balance_period.hpp"
#include "accountancy/issued_reports.hpp"
#include "accountancy/operations.hpp"
#include "accountancy/profile_in_force.hpp"
#include "accountancy/report_builder.hpp"
#include "domain/facility.hpp"
#include "domain/uf6.hpp"
#include "reports/labelled.hpp"
#include "testing/bank_fixture.hpp"

namespace leu {
namespace {

using Json = nlohmann::json;

const Date kReceived = Date::from_ymd(2025, 6, 2);
const Date kPit = Date::from_ymd(2025, 12, 31);
const Mass kNet = Mass::kilograms(2200);

// A Facility Attachment as a State might write it (the codes are invented for this test).
constexpr const char* kOverlay = R"j({
  "name": "code10-labelled+KZBK",
  "ic_codes": {"entries": [{"code": "RX", "name": "receipt from a reserve (invented)", "direction": "+",
                            "internal": false, "prior_approval": false, "tag": "U"}]},
  "mbr_lines": {"entries": [{"code": "MF", "remove": true},
                            {"code": "MU", "name": "material unaccounted for", "order": 31, "role": "MUF",
                             "signed": true, "tag": "U"}]},
  "layouts": {"ICR": {"lines": [{"label": "BATCH_NAME", "name": "batch", "type": "C(16)", "required": "always",
                                 "euratom": "11", "cnsc": "446", "tag": "U"}]}},
  "rules": {"date_format": "YYYY-MM-DD"}
})j";

class ProfileInForce : public testing::BankFixture {
 protected:
  ProfileInForce() : BankFixture(Date::from_ymd(2026, 1, 15), testing::Books::kOpened) {
    facility_.report_profile = Json::parse(kOverlay).dump();
  }
  void SetUp() override {
    BankFixture::SetUp();
    if (!ready()) return;
    olga_ = staff("olga", Role::kOperator);
    aigerim_ = staff("aigerim", Role::kAccountant);
    auto received = Operations(*journal_).receive(olga_, {cylinder()});
    ASSERT_TRUE(received.has_value()) << received.error().describe();
  }

  // One cylinder from France: 2 200 kg UF6 at 4.9 % U-235, declared at the receiver's values.
  static ReceiptLine cylinder() {
    ReceiptLine l;
    l.line = 2;
    l.cylinder_id = "FR-FA-01";
    l.supplier = "Orano Cycle";
    l.shipper_batch = "B25-01";
    l.shipper = "FR";
    l.tare = Mass::kilograms(635);
    l.gross = l.tare + kNet;
    l.isotopics = Isotopics::from_u235(Fraction::from_parts(49'000'000)).value();
    const UraniumContent c = uranium_in_uf6(kNet, l.isotopics);
    l.declared_uranium = c.uranium;
    l.declared_u235 = c.u235;
    l.recertified_on = kReceived.plus_days(-200);
    l.received_on = kReceived;
    return l;
  }

  void close_period() {
    Periods periods(*journal_);
    ASSERT_TRUE(periods.take_inventory(olga_, PitInput{.mba = "KZBK", .date = kPit, .all_found = true}));
    auto closed = periods.close_period(aigerim_, "KZBK", kPit);
    ASSERT_TRUE(closed.has_value()) << closed.error().describe();
  }

  Principal olga_, aigerim_;
};

TEST_P(ProfileInForce, IsTheDefaultProfileWithTheFacilitysOverlay) {
  auto p = profile_in_force(*journal_);
  ASSERT_TRUE(p.has_value()) << p.error().describe();
  EXPECT_EQ(p->name, "code10-labelled+KZBK");
  ASSERT_NE(p->ic_code("RX"), nullptr);
  EXPECT_EQ(p->ic_code("RX")->direction, "+");
  EXPECT_EQ(reports::default_profile().ic_code("RX"), nullptr);
  EXPECT_EQ(p->mbr_line_with_role("MUF")->code, "MU");
  EXPECT_EQ(p->mbr_line("MF"), nullptr);
  EXPECT_EQ(p->icr.line_field("batch")->label, "BATCH_NAME");
  EXPECT_EQ(p->rules.date_format, "YYYY-MM-DD");
  EXPECT_EQ(p->ic_codes.size(), reports::default_profile().ic_codes.size() + 1);  // the rest is the default's

  // The overlay travels in the journal's facility record.
  EXPECT_EQ(Json::parse(journal_->facility().value()->report_profile), Json::parse(kOverlay));

  // A journal opened without an overlay reports under the default profile.
  auto plain_store = open_store(db_.another("plain"), OpenMode::kCreate).value();
  Journal plain(*plain_store, clock_);
  ASSERT_TRUE(open_journal(plain, default_bank_facility(), "admin").has_value());
  EXPECT_EQ(profile_in_force(plain).value(), reports::default_profile());
}

TEST_P(ProfileInForce, TheIcrAndMbrAreWrittenWithTheOverlaysLabelsCodesAndDates) {
  const reports::Profile profile = profile_in_force(*journal_).value();
  auto icr = build_icr(*journal_, "KZBK", 2025, 6, "aigerim");
  ASSERT_TRUE(icr.has_value()) << icr.error().describe();
  const std::string icr_text = reports::write_labelled(*icr, profile);
  EXPECT_NE(icr_text.find(";PROFILE=code10-labelled+KZBK;"), std::string::npos) << icr_text;
  EXPECT_NE(icr_text.find(";IC_CODE=RF;BATCH_NAME=FR-FA-01;"), std::string::npos) << icr_text;
  EXPECT_EQ(icr_text.find(";BATCH="), std::string::npos) << icr_text;
  EXPECT_NE(icr_text.find(";ACCOUNTING_DATE=2025-06-02;"), std::string::npos) << icr_text;

  close_period();
  auto mbr = build_mbr(*journal_, "KZBK", kPit, "aigerim");
  ASSERT_TRUE(mbr.has_value()) << mbr.error().describe();
  ASSERT_FALSE(mbr->lines.empty());
  EXPECT_EQ(mbr->lines.back().code, "MU");  // the MUF line, last (INFCIRC/153 Art. 67 (g)), under its new code
  const std::string mbr_text = reports::write_labelled(*mbr, profile);
  EXPECT_NE(mbr_text.find(";IC_CODE=MU;"), std::string::npos) << mbr_text;
  EXPECT_EQ(mbr_text.find(";IC_CODE=MF;"), std::string::npos) << mbr_text;
  EXPECT_NE(mbr_text.find(";END_REPORT=2025-12-31;"), std::string::npos) << mbr_text;
}

TEST_P(ProfileInForce, IssuedReportsParseBackUnderTheProfileInForceOnly) {
  const reports::Profile profile = profile_in_force(*journal_).value();
  IssuedReports issued(*journal_);
  auto icr = issued.issue(aigerim_, {.type = reports::ReportType::kIcr, .mba = "KZBK", .month = kReceived});
  ASSERT_TRUE(icr.has_value()) << icr.error().describe();
  close_period();
  auto mbr = issued.issue(aigerim_, {.type = reports::ReportType::kMbr, .mba = "KZBK", .date = kPit});
  ASSERT_TRUE(mbr.has_value()) << mbr.error().describe();

  for (const auto& [type, number] : {std::pair{reports::ReportType::kIcr, 1}, {reports::ReportType::kMbr, 1}}) {
    const reports::Report kept = issued.get("KZBK", type, number).value();
    const std::string text = reports::write_labelled(kept, profile);
    auto back = reports::parse_labelled(text, profile);
    ASSERT_TRUE(back.has_value()) << back.error().describe() << "\n" << text;
    EXPECT_EQ(*back, kept);
    // The default profile does not read it: the header names another profile.
    auto other = reports::parse_labelled(text, reports::default_profile());
    ASSERT_FALSE(other.has_value());
    EXPECT_EQ(other.error().field, "line 1, field 'profile'") << other.error().describe();
  }

  // A line under the added code RX is the overlay's: written and read back under the profile in force.
  reports::Report with_rx = issued.get("KZBK", reports::ReportType::kIcr, 1).value();
  with_rx.lines.front().code = "RX";
  auto rx = reports::parse_labelled(reports::write_labelled(with_rx, profile), profile);
  ASSERT_TRUE(rx.has_value()) << rx.error().describe();
  EXPECT_EQ(rx->lines.front().code, "RX");
}

INSTANTIATE_TEST_SUITE_P(Backends, ProfileInForce, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<testing::Backend>>);

}  // namespace
}  // namespace leu
