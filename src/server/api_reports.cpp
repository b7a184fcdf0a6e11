// Issued reports: list them, read one as issued, issue an ICR, PIL or MBR, correct an issued line
// (accountancy/issued_reports.hpp). Drafts from the books are the GET /api/v1/reports/* routes of api_books.cpp.
#include <cctype>

#include "accountancy/issued_reports.hpp"
#include "accountancy/profile_in_force.hpp"
#include "reports/profile.hpp"
#include "reports/record.hpp"
#include "server/api_util.hpp"
#include "server/json_body.hpp"
#include "server/report_reply.hpp"
#include "server/server_state.hpp"

namespace leu::server {
namespace {

using reports::Report;

// "icr" or "ICR" -> the report type.
Result<reports::ReportType> type_of(std::string text, const char* field) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return reports::parse_report_type(text, field);
}

// The issued report in the asked format (json by default, labelled, csv or xlsx), under the profile in force.
Result<Reply> answer(Journal& journal, const Report& r, const std::string& format, int status) {
  LEU_GET(profile, profile_in_force(journal));
  return report_reply(r, profile, format.empty() ? "json" : format, status);
}

}  // namespace

void add_issued_report_routes(ServerState& state) {
  Router& r = state.router;
  r.add({.method = "GET",
         .path = "/api/v1/issued-reports",
         .summary = "Issued reports (ICR, PIL, MBR) and corrections, in number order, with the lines each deleted",
         .tag = "reports",
         .op = Operation::kReadInventory,
         .cacheable = true,
         .query = {{"mba", "MBA code (default: all)"}, {"type", "ICR, PIL or MBR (default: all)"}},
         .handler = [](Call& c) -> Result<Reply> {
           std::string type;
           if (!c.query_value("type").empty()) {
             LEU_GET(t, type_of(c.query_value("type"), "type"));
             type = std::string(reports::report_type_key(t));
           }
           LEU_GET(items, IssuedReports(c.journal).list(c.query_value("mba"), type));
           return Reply::json({{"items", items}});
         }});
  r.add({.method = "GET",
         .path = "/api/v1/issued-reports/{mba}/{type}/{number}",
         .summary = "One issued report as it was issued",
         .tag = "reports",
         .op = Operation::kReadInventory,
         .cacheable = true,
         .query = {{"format", "json (default), labelled, csv or xlsx"}},
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(type, type_of(c.param("type"), "type"));
           const std::string& text = c.param("number");
           if (text.empty() || text.size() > 8 || text.find_first_not_of("0123456789") != std::string::npos)
             return invalid("number", "'" + text + "' is not a report number");
           LEU_GET(report, IssuedReports(c.journal).get(c.param("mba"), type, std::stoll(text)));
           return answer(c.journal, report, c.query_value("format"), 200);
         }});
  r.add({.method = "POST",
         .path = "/api/v1/issued-reports",
         .summary = "Issue an ICR (month), PIL or MBR (period ending at a physical inventory) with the next number",
         .tag = "reports",
         .op = Operation::kIssueReport,
         .writes = true,
         .request_schema = "IssueReport",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(type_text, body.string("type"));
           LEU_GET(mba, body.string("mba"));
           LEU_GET(month, body.optional_string("month"));
           LEU_GET(date, body.optional_date("date", c.today));
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_GET(type, type_of(type_text, "type"));
           IssueInput in{.type = type, .mba = mba, .date = date};
           if (type == reports::ReportType::kIcr) {
             auto first = Date::parse(month + "-01", "month");
             if (!first) return invalid("month", "'" + month + "' is not a month in the form YYYY-MM");
             in.month = *first;
           }
           LEU_GET(report, IssuedReports(c.journal).issue(c.who, in));
           return answer(c.journal, report, "json", 201);
         }});
  r.add({.method = "POST",
         .path = "/api/v1/issued-reports/corrections",
         .summary = "Correct a line of an issued report: a D/A pair, or a lone D (delete)",
         .tag = "reports",
         .op = Operation::kIssueReport,
         .writes = true,
         .request_schema = "ReportCorrection",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           CorrectionInput in;
           LEU_GET(type_text, body.string("type"));
           LEU_GET(mba, body.string("mba"));
           LEU_GET(report, body.integer("report"));
           LEU_GET(line, body.integer("line"));
           LEU_GET(remove, body.optional_bool("delete", false));
           LEU_GET(reason, body.string("reason"));
           LEU_GET(set, body.objects("set", false));
           for (Body& s : set) {
             LEU_GET(field, s.string("field"));
             LEU_GET(value, s.string("value"));
             LEU_RETURN_IF_ERROR(s.finish());
             in.set.emplace_back(field, value);
           }
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_GET(type, type_of(type_text, "type"));
           in.type = type;
           in.mba = mba;
           in.report = report;
           in.line = line;
           in.remove = remove;
           in.reason = reason;
           LEU_GET(fixed, IssuedReports(c.journal).correct(c.who, in));
           return answer(c.journal, fixed, "json", 201);
         }});
}

}  // namespace leu::server
