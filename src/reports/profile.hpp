// The report profile: every code table, layout and rule of a report format, held as versioned data.
//
// Code 10 (the IAEA's binding report layout) is not public, so nothing about the reports is hard-coded: the
// inventory change codes, MBR line codes, measurement bases, material description parts, elements, isotopes,
// correction letters, the label/type/required-when of every field of the ICR, PIL and MBR, and the rules (date
// format, decimals per unit, forbidden characters, MUF sign) come from a profile (accounting-reports.md §0).
// The default profile "code10-labelled" version 1 is data/profiles/code10-labelled-v1.json, compiled into the
// library so that the program works without the file installed; docs/formats/reports.md describes every table.
//
// Contract:
//   - profile_from_json() validates the whole document and names the JSON pointer of the first fault
//     (Error{kInvalidInput, "/ic_codes/entries/3/direction", "..."}); a Profile that exists is consistent
//     (codes unique, tables that fields refer to exist, units known, weights exact in milligrams).
//   - overlay() applies a Facility Attachment to a base profile: table entries are replaced or added by their key
//     ("code" for code tables, "name" for layout fields), `"remove": true` deletes an entry, objects are merged.
//   - Profiles are plain values; lookups are linear (tables hold tens of entries).
//
//   Result<Profile> p = load_profile("data/profiles/code10-labelled-v1.json");
//   const Profile& d = default_profile();
//   d.ic_code("RF")->direction;                       // "+"
//   d.unit_decimals(d.element("E")->unit);            // 3 (grams with 3 decimals = exact mg)
//   Result<Profile> fa = overlay(d, nlohmann::json::parse(R"({"name":"code10-labelled+LEUB"})"));
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/error.hpp"
#include "reports/report.hpp"

namespace leu::reports {

// An inventory change code (accounting-reports.md §3). direction: "+", "-" or "±" (signed as reported).
struct IcCode {
  std::string code, name, direction;
  bool internal = true;         // no partner MBA
  bool prior_approval = false;  // needs the IAEA's approval first
  std::string tag;              // V, A, Inf, U
  bool operator==(const IcCode&) const = default;
};

// An MBR line code (accounting-reports.md §9). role: PB, increase, category_change, decrease, BE, SRD, BA, PE, MUF.
// The roles of the MBR's fixed lines, one line each (INFCIRC/153 Art. 67 (a), (c)-(g); accounting-reports.md §9):
// a profile must give each a code, which the MBR is written with.
inline constexpr std::array<std::string_view, 6> kMbrBalanceRoles = {"PB", "BE", "SRD", "BA", "PE", "MUF"};

struct MbrLineCode {
  std::string code, name;
  std::int64_t order = 0;
  std::string role;
  bool signed_value = false;  // the line may be negative (SRD, MUF)
  std::string tag;
  bool operator==(const MbrLineCode&) const = default;
};

// A measurement basis code (accounting-reports.md §4).
struct MeasurementBasis {
  std::string code, name;
  std::string where;  // "this" or "other" MBA
  std::string value;  // "new" or "previous" (already reported by this MBA)
  std::string kind;   // "measured" or "estimated"
  std::string tag;
  bool operator==(const MeasurementBasis&) const = default;
};

// A plain code with its meaning: material form, container and state (accounting-reports.md §5).
struct NamedCode {
  std::string code, name, tag;
  bool operator==(const NamedCode&) const = default;
};

// An element code with its unit and allowed isotope codes (accounting-reports.md §6).
struct ElementCode {
  std::string code, name, unit;
  std::vector<std::string> isotopes;
  std::string tag;
  bool operator==(const ElementCode&) const = default;
};

struct IsotopeCode {
  std::string code, name, unit, tag;
  bool operator==(const IsotopeCode&) const = default;
};

// A correction letter (accounting-reports.md §8); needs_previous: the line must name the corrected report and line.
struct CorrectionCode {
  std::string code, name;
  bool needs_previous = false;
  std::string tag;
  bool operator==(const CorrectionCode&) const = default;
};

enum class FieldKind {
  kText,    // C(n): printable ASCII, at most n characters
  kNumber,  // N(n): unsigned integer, at most n digits
  kWeight,  // N(24.u): decimal in the unit of the element or isotope, with that unit's decimals
  kDate,    // date in the profile's date format
};

// When a field must be present. kAlways/kOptional stand alone; the others hold when the line's IC code, correction
// letter or the report's element category is one of `values`.
struct Requirement {
  enum class When { kAlways, kOptional, kCode, kCorrection, kElement };
  When when = When::kAlways;
  std::vector<std::string> values;
  bool operator==(const Requirement&) const = default;
};

// One field of a layout: "LABEL=VALUE" in the labelled text.
struct FieldSpec {
  std::string label;  // as written in the labelled text: [A-Z0-9_]+
  std::string name;   // the Report member it carries (report.hpp), e.g. "batch", "element_weight", "pit_date"
  std::string type;   // as written in the profile: "C(16)", "N(8)", "N(24.u)", "date"
  FieldKind kind = FieldKind::kText;
  int length = 0;  // C(n), N(n): n; weights: total digits (rules.weight_digits); dates: 0
  Requirement required;
  std::string codes;    // the table the value must come from ("" when free): ic_codes, mbr_lines, ...
  std::string euratom;  // Euratom/UK label number, "" when none
  std::string cnsc;     // CNSC Table D2 label, "" when none
  std::string tag;
  bool operator==(const FieldSpec&) const = default;
};

struct Layout {
  std::vector<FieldSpec> header;  // the header record; first field is always report_type
  std::vector<FieldSpec> lines;   // one record per report line; the first field is always line_number
  const FieldSpec* header_field(std::string_view name) const;
  const FieldSpec* line_field(std::string_view name) const;
  bool operator==(const Layout&) const = default;
};

struct Rules {
  std::string date_format = "DDMMYYYY";          // or "YYYY-MM-DD"
  std::map<std::string, int> decimals_per_unit;  // "g" -> 3, "kg" -> 6: exact milligrams
  int weight_digits = 24;                        // N(24.3) of the Euratom layout: at most 24 digits
  std::string forbidden_characters = ":/;#";
  std::string muf_sign = "positive_is_loss";  // or "positive_is_gain" (UK HSE convention)
  int note_max_length = 2000;
  bool operator==(const Rules&) const = default;
};

struct Profile {
  std::string name;
  std::int64_t version = 0;
  std::string description;
  std::map<std::string, std::string> sources;  // table name -> where its content comes from

  std::vector<IcCode> ic_codes;
  std::vector<MbrLineCode> mbr_lines;
  std::vector<MeasurementBasis> measurement_basis;
  std::string material_scheme;  // "form+container+state"
  std::vector<NamedCode> material_forms, material_containers, material_states;
  std::vector<ElementCode> elements;
  std::vector<IsotopeCode> isotopes;
  std::vector<CorrectionCode> corrections;
  std::vector<std::string> not_correctable_in_place;  // ReportLine member names (accounting-reports.md §8)
  Layout icr, pil, mbr;
  Rules rules;

  const Layout& layout(ReportType t) const;
  const IcCode* ic_code(std::string_view code) const;
  const MbrLineCode* mbr_line(std::string_view code) const;
  const ElementCode* element(std::string_view code) const;
  const IsotopeCode* isotope(std::string_view code) const;
  const CorrectionCode* correction(std::string_view code) const;
  const MbrLineCode* mbr_line_with_role(std::string_view role) const;
  // Whether `code` is in the named table (the FieldSpec::codes names).
  bool has_code(std::string_view table, std::string_view code) const;
  // Decimals a weight in `unit` is written with (3 for g, 6 for kg): exactly the milligram scale.
  int unit_decimals(std::string_view unit) const;

  bool operator==(const Profile&) const = default;
};

// "ICR", "PIL", "MBR": the layout keys of a profile.
std::string_view report_type_key(ReportType t);

// Builds and validates a profile; errors name the JSON pointer (field) of the fault.
Result<Profile> profile_from_json(const nlohmann::json& doc);
// The profile as the JSON document profile_from_json reads (same tables, keys and tags).
nlohmann::json profile_to_json(const Profile& p);
// Reads a profile file; errors name the JSON pointer, and the message the file.
Result<Profile> load_profile(const std::string& path);

// The JSON text of data/profiles/code10-labelled-v1.json, compiled in at build time.
std::string_view embedded_profile_json();
// "code10-labelled" version 1, parsed once from the embedded text.
const Profile& default_profile();

// Applies a Facility Attachment override (see the contract above) and validates the result.
Result<Profile> overlay(const Profile& base, const nlohmann::json& override_doc);

// The fields of a corrected line that differ from the original and may not be corrected in place (§8): these need
// a D line and a new line instead of a D/A pair. Empty when the A line is a valid in-place correction.
std::vector<std::string> uncorrectable_changes(const ReportLine& original, const ReportLine& corrected,
                                               const Profile& p);

}  // namespace leu::reports
