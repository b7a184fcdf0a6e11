// A report as a journal record: the exact members of Report (report.hpp) as JSON, so that an issued report can be
// kept in the journal and read back identical, and a later correction can point at its lines.
//
// Unlike write_json (export.hpp), which is a view for people under a profile (decimal weights, the profile's MUF
// sign), this is lossless and profile-free: weights as integers of milligrams, dates ISO, every member present.
//
// Contract: report_from_record(report_to_record(r)) == r for every Report. report_from_record refuses a document
// with a member missing or of the wrong JSON type, naming it (Error{kInvalidInput, "/lines/3/batch", ...}).
//
//   nlohmann::json doc = report_to_record(icr);
//   Result<Report> back = report_from_record(doc);
#pragma once

#include <nlohmann/json.hpp>

#include "domain/error.hpp"
#include "reports/report.hpp"

namespace leu::reports {

nlohmann::json report_to_record(const Report& r);
Result<Report> report_from_record(const nlohmann::json& doc);

// "ICR", "PIL", "MBR" -> the type; kInvalidInput naming `field` otherwise.
Result<ReportType> parse_report_type(std::string_view key, const std::string& field);

}  // namespace leu::reports
