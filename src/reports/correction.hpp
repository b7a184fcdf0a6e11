// Correction lines of an issued report (accounting-reports.md §8; docs/formats/reports.md §1.6).
//
// Nothing issued is ever edited: a correction is a new report of the same type whose lines refer to the earlier
// report and line. The letters follow the Euratom/UK scheme (AR §8, A):
//   D  deletes an earlier line; it repeats the deleted line as originally reported
//   A  the corrected half of a D/A pair: the corrected values, pointing to the same earlier line
//   L  a late line: a stand-alone addition (a change booked after its month's report was issued)
// A change to a field the profile lists as not correctable in place (date, batch, MBA, IC code: CNSC, A) is refused
// with the reason: delete the line (a lone D) and book the change anew, which is reported as a late line.
//
// Contract: the lines returned carry line_number 0; the caller numbers them within its report. Every letter used
// must be in the profile's corrections table.
//
//   ReportLine fixed = original;
//   LEU_RETURN_IF_ERROR(set_line_field(fixed, report, "measurement_basis", "N", profile));
//   auto lines = correction_lines(original, 3, fixed, "re-weighed at the receipt KMP", profile);  // {D, A}
#pragma once

#include <string>
#include <vector>

#include "domain/error.hpp"
#include "reports/profile.hpp"
#include "reports/report.hpp"

namespace leu::reports {

// Correction letters (AR §8, Euratom/UK scheme, A); the profile must hold each of them.
inline constexpr std::string_view kDeleteLine = "D";
inline constexpr std::string_view kAddLine = "A";
inline constexpr std::string_view kLateLine = "L";

// Sets one line field of `line` (a line of report `r`) from text, by its layout name (reports.md §1.7): text and
// codes as in the labelled format, numbers as digits, weights as decimals in the field's unit with that unit's
// decimals (MUF as shown under the profile's sign), dates ISO YYYY-MM-DD. The line number and the correction
// fields cannot be set. Errors name `name`.
Result<void> set_line_field(ReportLine& line, const Report& r, const std::string& name, const std::string& value,
                            const Profile& p);

// The D line deleting `original` (a line of report `original_report`), with `reason` as its comment.
Result<ReportLine> deletion_line(const ReportLine& original, std::int64_t original_report, const std::string& reason,
                                 const Profile& p);

// The D/A pair correcting `original` to `corrected` in place. Refused (kInvalidInput, field = the first such field)
// when a field not correctable in place differs, and when nothing differs.
Result<std::vector<ReportLine>> correction_lines(const ReportLine& original, std::int64_t original_report,
                                                 const ReportLine& corrected, const std::string& reason,
                                                 const Profile& p);

// `line` as a late line (L), stand-alone, with `comment`.
Result<ReportLine> late_line(ReportLine line, const std::string& comment, const Profile& p);

}  // namespace leu::reports
