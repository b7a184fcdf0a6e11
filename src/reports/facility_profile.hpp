// The report profile a facility's definition puts in force: the default profile with the Facility Attachment's
// overlay (Facility::report_profile, docs/formats/reports.md §1.9) applied.
//
// Contract:
//   - An empty Facility::report_profile is the default profile itself.
//   - Otherwise the overlay must be a JSON object whose members, and theirs in nested objects, are the default
//     profile's (a misspelt "rule" or "rules/date_fromat" is refused rather than ignored; entries of tables and units
//     of rules/decimals_per_unit may be new), that holds no floating-point number
//     (it is stored in the journal, whose payloads are integers only), and whose result is a valid profile.
//   - Errors are kInvalidInput with field "facility.report_profile" followed by the JSON pointer of the fault, e.g.
//     "facility.report_profile/ic_codes/entries/31/direction": init refuses such a facility before writing.
//
//   Facility f = default_bank_facility();
//   f.report_profile = R"({"name":"code10-labelled+KZBK","rules":{"date_format":"YYYY-MM-DD"}})";
//   Result<Profile> p = facility_profile(f);   // p->rules.date_format == "YYYY-MM-DD"
#pragma once

#include "domain/facility.hpp"
#include "reports/profile.hpp"

namespace leu::reports {

// The field prefix of every error about the overlay.
inline constexpr std::string_view kFacilityProfileField = "facility.report_profile";

Result<Profile> facility_profile(const Facility& f);

}  // namespace leu::reports
