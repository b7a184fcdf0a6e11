// CSV, JSON and XLSX renderings of a report, for people and spreadsheets (docs/formats/reports.md §4-§6).
//
// The labelled text (labelled.hpp) is the report as submitted; these are views of the same data under the same
// profile: the layout's line fields in layout order, weights in the unit of their element or isotope with that
// unit's decimals and, beside them, as exact integers of milligrams; the MUF line with the profile's sign.
//
// Contract:
//   - write_csv: RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote, CR or LF), a header row of
//     column names, one row per report line; report-level columns repeated on each row; ISO dates.
//   - write_json: one object; weights as "<name>_mg" integers and "<name>" decimal strings, never JSON numbers
//     with a fraction; every layout field present on every line (empty string or 0 when absent).
//   - write_xlsx: one workbook with one sheet named after the report ("ICR 3"), a header block and a table;
//     numbers as numbers with the unit's number format, dates as dates. Fails with kStorage when the file
//     cannot be written.
//
//   std::string csv = write_csv(report, default_profile());
//   nlohmann::json j = write_json(report, default_profile());
//   Result<void> ok = write_xlsx(report, default_profile(), "/tmp/icr-3.xlsx");
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/error.hpp"
#include "reports/profile.hpp"
#include "reports/report.hpp"

namespace leu::reports {

inline constexpr std::string_view kJsonFormat = "leubank-report-json-1";

std::string write_csv(const Report& r, const Profile& p);

nlohmann::json write_json(const Report& r, const Profile& p);

Result<void> write_xlsx(const Report& r, const Profile& p, const std::string& path);

// "ICR 3": the sheet name of a report in the XLSX workbook.
std::string sheet_name(const Report& r);

}  // namespace leu::reports
