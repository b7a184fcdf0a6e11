// Issued reports: an ICR, PIL or MBR given its number and kept in the journal, and corrections of issued lines.
//
// issue() builds the report from the books (report_builder.hpp), gives it the next number of its MBA and type (1,
// 2, ... with no gap, accounting-reports.md §7) and appends one `report.issued` event (ledger/report_events.hpp)
// holding the report as issued and, for an ICR, the change line behind each line. A report already issued for the
// same MBA, type and period is refused (kConflict): a change to it is a correction. An ICR also lists as late
// lines (L, AR §8) the changes booked after the ICR of their own month was issued, once.
//
// correct() issues a correction report of the same type, MBA and period: a D line deleting the earlier line and,
// unless the line is only deleted, an A line with the corrected values, both pointing at the earlier report and
// line (reports/correction.hpp). Refused, naming the input: a report or line that does not exist (kNotFound), a
// line deleted before (kConflict, naming the report that did), a field not correctable in place (kInvalidInput,
// with the reason), a correction that changes nothing. Both need Operation::kIssueReport (the accountant).
//
//   IssuedReports issued(journal);
//   auto icr = issued.issue(who, {.type = ReportType::kIcr, .mba = "KZBK", .month = Date::from_ymd(2019, 10, 1)});
//   auto fix = issued.correct(who, {.type = ReportType::kIcr, .mba = "KZBK", .report = 1, .line = 3,
//                                   .set = {{"measurement_basis", "N"}}, .reason = "basis misreported"});
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/principal.hpp"
#include "ledger/journal.hpp"
#include "reports/report.hpp"

namespace leu {

struct IssueInput {
  reports::ReportType type = reports::ReportType::kIcr;
  std::string mba;
  Date month;  // ICR: any day of the month
  Date date;   // PIL, MBR: the physical inventory date ending the period
};

struct CorrectionInput {
  reports::ReportType type = reports::ReportType::kIcr;
  std::string mba;
  std::int64_t report = 0;                               // the earlier report's number
  std::int64_t line = 0;                                 // its line
  bool remove = false;                                   // only delete the line (D)
  std::vector<std::pair<std::string, std::string>> set;  // field name -> corrected value (correction.hpp)
  std::string reason;                                    // the comment of the correction lines
};

class IssuedReports {
 public:
  explicit IssuedReports(Journal& journal) : journal_(journal) {}

  Result<reports::Report> issue(const Principal& who, const IssueInput& in);
  Result<reports::Report> correct(const Principal& who, const CorrectionInput& in);

  // Summaries of the issued reports of an MBA ("" = all) and type ("" = all), in order of issue per type:
  // {"mba", "type", "number", "kind": "original"|"correction", "period_start", "period_end", "date",
  //  "issued_by", "lines", "deleted": {"line": {"report", "line"}}}.
  Result<std::vector<nlohmann::json>> list(const std::string& mba, const std::string& type);
  // One issued report as issued. kNotFound when it was not issued.
  Result<reports::Report> get(const std::string& mba, reports::ReportType type, std::int64_t number);

 private:
  Result<reports::Report> append(const Principal& who, reports::Report r, const std::vector<std::string>& sources,
                                 const char* kind);

  Journal& journal_;
};

}  // namespace leu
