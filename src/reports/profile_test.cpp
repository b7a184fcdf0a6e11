// The report profile: the data file, its embedded copy, load errors naming the JSON path, and overlays.
#include "reports/profile.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "testing/temp_dir.hpp"

namespace leu::reports {
namespace {

using nlohmann::json;

const std::string kProfilePath = std::string(LEUBANK_SOURCE_DIR) + "/data/profiles/code10-labelled-v1.json";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json profile_doc() { return json::parse(read(kProfilePath)); }

TEST(ProfileTest, EmbeddedCopyIsByteForByteTheDataFile) { EXPECT_EQ(embedded_profile_json(), read(kProfilePath)); }

TEST(ProfileTest, DataFileLoadsAndEqualsTheDefaultProfile) {
  auto p = load_profile(kProfilePath);
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ(*p, default_profile());
  EXPECT_EQ(p->name, "code10-labelled");
  EXPECT_EQ(p->version, 1);
}

TEST(ProfileTest, DefaultProfileHoldsTheTablesOfAccountingReports) {
  const Profile& p = default_profile();
  // §3: signs of the bank's codes.
  EXPECT_EQ(p.ic_code("RF")->direction, "+");
  EXPECT_EQ(p.ic_code("SF")->direction, "-");
  EXPECT_EQ(p.ic_code("DI")->direction, "±");
  EXPECT_TRUE(p.ic_code("TW")->prior_approval);
  EXPECT_EQ(p.ic_code("HA"), nullptr);  // CNSC-only marker, not carried
  // §9: MBR order PB ... BE DI BA PE MF.
  ASSERT_FALSE(p.mbr_lines.empty());
  EXPECT_EQ(p.mbr_lines.front().code, "PB");
  EXPECT_EQ(p.mbr_lines.back().code, "MF");
  EXPECT_TRUE(p.mbr_line("MF")->signed_value);
  EXPECT_EQ(p.mbr_line_with_role("SRD")->code, "DI");
  // §6 and §10: units and decimals (exact milligrams).
  EXPECT_EQ(p.element("E")->unit, "g");
  EXPECT_EQ(p.element("N")->unit, "kg");
  EXPECT_EQ(p.element("D")->unit, "kg");
  EXPECT_EQ(p.unit_decimals("g"), 3);
  EXPECT_EQ(p.unit_decimals("kg"), 6);
  // §4, §5, §8.
  EXPECT_TRUE(p.has_code("measurement_basis", "M"));
  EXPECT_TRUE(p.has_code("material_form", "U6"));
  EXPECT_TRUE(p.has_code("corrections", "D"));
  EXPECT_EQ(p.not_correctable_in_place,
            (std::vector<std::string>{"accounting_date", "batch", "mba_from", "mba_to", "code"}));
  EXPECT_EQ(p.rules.forbidden_characters, ":/;#");
  EXPECT_EQ(p.rules.muf_sign, "positive_is_loss");
  EXPECT_EQ(p.rules.date_format, "DDMMYYYY");
}

TEST(ProfileTest, ProfileToJsonReadsBackToTheSameProfile) {
  auto back = profile_from_json(profile_to_json(default_profile()));
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(*back, default_profile());
}

void expect_error_at(json doc, const std::string& pointer) {
  auto p = profile_from_json(doc);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(p.error().field, pointer) << p.error().describe();
}

TEST(ProfileTest, LoadErrorsNameTheJsonPathOfTheFault) {
  json d = profile_doc();
  d["ic_codes"]["entries"][3]["direction"] = "*";
  expect_error_at(d, "/ic_codes/entries/3/direction");

  d = profile_doc();
  d["layouts"]["PIL"]["lines"][2].erase("label");
  expect_error_at(d, "/layouts/PIL/lines/2/label");

  d = profile_doc();
  d["layouts"]["ICR"]["lines"][1]["type"] = "C(x)";
  expect_error_at(d, "/layouts/ICR/lines/1/type");

  d = profile_doc();
  d["rules"]["decimals_per_unit"]["kg"] = 3;  // would round milligrams away
  expect_error_at(d, "/rules/decimals_per_unit/kg");

  d = profile_doc();
  d["elements"]["entries"][0]["isotopes"][1] = "Q";
  expect_error_at(d, "/elements/entries/0/isotopes/1");

  d = profile_doc();
  d["measurement_basis"]["entries"][2]["code"] = "M";
  expect_error_at(d, "/measurement_basis/entries/2/code");

  d = profile_doc();
  d["layouts"]["MBR"]["lines"][1]["codes"] = "no_such_table";
  expect_error_at(d, "/layouts/MBR/lines/1/codes");

  d = profile_doc();
  d.erase("version");
  expect_error_at(d, "/version");
}

TEST(ProfileTest, LoadingAFileNamesTheFileAndThePath) {
  leu::testing::TempDir dir;
  json d = profile_doc();
  d["rules"]["muf_sign"] = "sometimes";
  const std::string path = dir.path("bad.json");
  std::ofstream(path) << d.dump(2);
  auto p = load_profile(path);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().field, "/rules/muf_sign");
  EXPECT_NE(p.error().message.find(path), std::string::npos);

  std::ofstream(dir.path("broken.json")) << "{ not json";
  EXPECT_FALSE(load_profile(dir.path("broken.json")));
  EXPECT_EQ(load_profile(dir.path("missing.json")).error().code, ErrorCode::kNotFound);
}

TEST(ProfileTest, OverlayReplacesAnEntryByItsCodeAndKeepsTheRest) {
  const json fa = json::parse(R"j({
    "name": "code10-labelled+LEUB", "version": 2,
    "ic_codes": {"entries": [{"code": "RF", "name": "receipt from the supplier", "direction": "+",
                              "internal": false, "prior_approval": true, "tag": "U"}]},
    "layouts": {"ICR": {"lines": [{"label": "BATCH", "name": "batch", "type": "C(20)", "required": "always",
                                   "euratom": "11", "cnsc": "446", "tag": "A"}]}},
    "rules": {"date_format": "YYYY-MM-DD"}
  })j");
  auto p = overlay(default_profile(), fa);
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ(p->name, "code10-labelled+LEUB");
  EXPECT_EQ(p->version, 2);
  EXPECT_EQ(p->ic_code("RF")->name, "receipt from the supplier");
  EXPECT_TRUE(p->ic_code("RF")->prior_approval);
  EXPECT_EQ(p->ic_codes.size(), default_profile().ic_codes.size());
  EXPECT_EQ(p->icr.line_field("batch")->length, 20);
  EXPECT_EQ(p->icr.lines.size(), default_profile().icr.lines.size());
  EXPECT_EQ(p->rules.date_format, "YYYY-MM-DD");
  EXPECT_EQ(p->rules.forbidden_characters, ":/;#");  // untouched rules stay
}

TEST(ProfileTest, OverlayAddsAndRemovesEntries) {
  const json fa = json::parse(R"j({
    "material_description": {"container": [{"code": "Q", "name": "overpack", "tag": "U"}]},
    "ic_codes": {"entries": [{"code": "NP", "remove": true}]}
  })j");
  auto p = overlay(default_profile(), fa);
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_TRUE(p->has_code("material_container", "Q"));
  EXPECT_EQ(p->ic_code("NP"), nullptr);
}

TEST(ProfileTest, OverlayThatBreaksTheProfileIsRefusedWithThePath) {
  auto p =
      overlay(default_profile(), json::parse(R"j({"ic_codes": {"entries": [{"code": "RF", "direction": "+"}]}})j"));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().field, "/ic_codes/entries/1/name");
}

TEST(ProfileTest, ChangingBatchOrDateNeedsDeleteAndNewLineNotAnInPlaceCorrection) {
  ReportLine a;
  a.batch = "KZ30B-0001";
  a.accounting_date = "2026-01-14";
  a.element_weight_mg = 10;
  ReportLine b = a;
  b.element_weight_mg = 11;
  EXPECT_TRUE(uncorrectable_changes(a, b, default_profile()).empty());
  b.batch = "KZ30B-0002";
  b.accounting_date = "2026-01-15";
  EXPECT_EQ(uncorrectable_changes(a, b, default_profile()), (std::vector<std::string>{"accounting_date", "batch"}));
}

}  // namespace
}  // namespace leu::reports
