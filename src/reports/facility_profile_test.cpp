// The profile a facility's definition puts in force (facility_profile.hpp): the default profile without an overlay,
// the overlay applied when there is one, and every faulty overlay refused naming "facility.report_profile" and the
// JSON pointer of the fault.
#include <gtest/gtest.h>

#include <string>

#include "reports/facility_profile.hpp"

namespace leu::reports {
namespace {

using nlohmann::json;

Facility with_overlay(const std::string& overlay_text) {
  Facility f = default_bank_facility();
  f.report_profile = overlay_text;
  return f;
}

TEST(FacilityProfileTest, NoOverlayIsTheDefaultProfile) {
  auto p = facility_profile(default_bank_facility());
  ASSERT_TRUE(p.has_value()) << p.error().describe();
  EXPECT_EQ(*p, default_profile());
}

TEST(FacilityProfileTest, TheOverlayIsAppliedToTheDefaultProfile) {
  auto p = facility_profile(with_overlay(R"({"name":"code10-labelled+KZBK","rules":{"date_format":"YYYY-MM-DD"}})"));
  ASSERT_TRUE(p.has_value()) << p.error().describe();
  EXPECT_EQ(p->name, "code10-labelled+KZBK");
  EXPECT_EQ(p->rules.date_format, "YYYY-MM-DD");
  EXPECT_EQ(p->ic_codes, default_profile().ic_codes);
}

TEST(FacilityProfileTest, AFaultyOverlayIsRefusedNamingTheFacilityFieldAndThePointer) {
  const struct {
    const char* overlay;
    const char* field;
    const char* message_part;
  } cases[] = {
      {R"([1, 2])", "facility.report_profile", "an object is required"},
      {R"({"rule": {"date_format": "YYYY-MM-DD"}})", "facility.report_profile/rule",
       "is not a member of a report profile"},
      {R"({"rules": {"date_fromat": "YYYY-MM-DD"}})", "facility.report_profile/rules/date_fromat",
       "is not a member of a report profile"},
      {R"({"rules": {"weight_digits": 24.5}})", "facility.report_profile/rules/weight_digits", "floating-point"},
      {R"({"ic_codes": {"entries": [{"code": "RX", "direction": "+"}]}})",
       "facility.report_profile/ic_codes/entries/30/name", "is missing"},
      {R"({"ic_codes": {"entries": [{"code": "ZZ", "remove": true}]}})", "facility.report_profile/ic_codes/entries/0",
       "removes 'ZZ', which is not there"},
      {R"({"mbr_lines": {"entries": [{"code": "PB", "remove": true}]}})", "facility.report_profile/mbr_lines/entries",
       "no line has the role PB"},
  };
  for (const auto& c : cases) {
    auto p = facility_profile(with_overlay(c.overlay));
    ASSERT_FALSE(p.has_value()) << c.overlay;
    EXPECT_EQ(p.error().code, ErrorCode::kInvalidInput) << c.overlay;
    EXPECT_EQ(p.error().field, c.field) << c.overlay << ": " << p.error().describe();
    EXPECT_NE(p.error().message.find(c.message_part), std::string::npos) << c.overlay << ": " << p.error().describe();
  }
}

}  // namespace
}  // namespace leu::reports
