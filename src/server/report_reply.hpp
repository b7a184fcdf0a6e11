// One reply for a report in the format a client asks for, shared by the draft reports of the books
// (GET /api/v1/reports/{icr,pil,mbr}, api_books.cpp) and the issued ones (GET /api/v1/issued-reports/...,
// api_reports.cpp).
//
// Contract: `format` is "json", "labelled", "csv" or "xlsx" (each route resolves its own default first); anything
// else is kInvalidInput naming `format` (422), and nothing is written. JSON is the reply's body; labelled text, CSV
// and XLSX are its `text` with their content type. libxlsxwriter writes files only, so the workbook goes through a
// private temporary file that is read back and removed; a failure to write it is the writer's kStorage error.
//
//   const reports::Profile& profile = reports::default_profile();
//   LEU_GET(reply, report_reply(report, profile, "xlsx", 200));  // reply.text starts with "PK"
#pragma once

#include <string>

#include "reports/profile.hpp"
#include "reports/report.hpp"
#include "server/route.hpp"

namespace leu::server {

inline constexpr const char* kXlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Result<Reply> report_reply(const reports::Report& report, const reports::Profile& profile, const std::string& format,
                           int status);

}  // namespace leu::server
