// The project's "Code 10-style labelled" text format of the ICR, PIL and MBR (docs/formats/reports.md §3).
//
// It is leubank's own format, built from the public Euratom/UK labelled layouts and CNSC label meanings
// (accounting-reports.md §7); it is NOT the IAEA Code 10 format, which is not public. One record per text line:
//
//   H;FORMAT=LEUBANK-LABELLED-1;PROFILE=code10-labelled;PROFILE_VERSION=1;REPORT_TYPE=I;MBA=LEUB;...;CRC=<16 hex>
//   L;LINE_NUMBER=1;IC_CODE=RF;BATCH=KZ-0001;...;ELEMENT_WEIGHT=1512345.000;...;CRC=<16 hex>
//   N;NOTE=Concise note text;CRC=<16 hex>
//
// Labels, types and required-when come from the profile's layout of the report type; the CRC is the first 16 hex
// digits of SHA-256 of the record's bytes before ";CRC=".
//
// Contract:
//   - write_labelled writes the fields of the report type's layout in layout order, leaving out empty optional
//     fields; members of Report that the layout does not carry are not written.
//   - parse_labelled(write_labelled(r, p), p) == r for every report that follows the profile (fields outside the
//     layout left empty, PIL period_start == period_end).
//   - parse_labelled refuses anything else with Error{kInvalidInput, "line N, field 'name'", "..."}, N being the
//     line of the text (1 = header) and name the report field (or the label as written, when it is unknown).
//
//   std::string text = write_labelled(report, default_profile());
//   Result<Report> back = parse_labelled(text, default_profile());
#pragma once

#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "reports/profile.hpp"
#include "reports/report.hpp"

namespace leu::reports {

// The value of FORMAT in the header record: the version of this text format (not of the profile).
inline constexpr std::string_view kLabelledFormat = "LEUBANK-LABELLED-1";

// The CRC of a record: the first 16 lowercase hex digits of SHA-256 of `body` (the record before ";CRC=").
std::string line_crc(std::string_view body);

std::string write_labelled(const Report& r, const Profile& p);

Result<Report> parse_labelled(std::string_view text, const Profile& p);

}  // namespace leu::reports
