#include "accountancy/issued_reports.hpp"

#include <set>

#include "accountancy/profile_in_force.hpp"
#include "accountancy/report_builder.hpp"
#include "ledger/report_events.hpp"
#include "reports/correction.hpp"
#include "reports/labelled.hpp"
#include "reports/profile.hpp"
#include "reports/record.hpp"

namespace leu {
namespace {

using Json = nlohmann::json;
using reports::Report;
using reports::ReportLine;
using reports::ReportType;

constexpr const char* kOriginal = "original";
constexpr const char* kCorrection = "correction";

std::string type_key(ReportType t) { return std::string(reports::report_type_key(t)); }

std::string label(const Json& doc) {
  return doc["type"].get<std::string>() + " " + std::to_string(doc["number"].get<std::int64_t>());
}

void number_lines(Report& r) {
  for (std::size_t i = 0; i < r.lines.size(); ++i) r.lines[i].line_number = static_cast<std::int64_t>(i) + 1;
  r.header.line_count = static_cast<std::int64_t>(r.lines.size());
}

// The issued report documents of an MBA and type, in number order.
Result<std::vector<Json>> issued_docs(Journal& journal, const std::string& mba, const std::string& type) {
  LEU_GET(all, journal.documents(kReportKind));
  std::vector<Json> out;
  for (auto& d : all)
    if ((mba.empty() || d["mba"] == mba) && (type.empty() || d["type"] == type)) out.push_back(std::move(d));
  return out;
}

// The ICR's late lines: changes of the MBA dated in a month whose ICR was issued, not reported by any ICR yet.
Result<void> add_late_lines(Journal& journal, Report& r, std::vector<std::string>& sources,
                            const std::vector<Json>& icrs) {
  std::set<std::string> reported;
  for (const auto& d : icrs)
    for (const auto& s : d["sources"]) reported.insert(s.get<std::string>());
  std::vector<const Json*> originals;
  for (const auto& d : icrs)
    if (d["kind"] == kOriginal) originals.push_back(&d);
  LEU_GET(profile, profile_in_force(journal));
  LEU_GET(facility, journal.facility());
  const ReceiptBasis basis = facility ? facility->receipt_basis : ReceiptBasis::kReceiver;
  Result<void> made;
  auto scanned = journal.store().scan_lines(INT64_MIN, INT64_MAX, [&](const ChangeLine& l) {
    if (l.mba != r.header.mba || reported.contains(change_line_key(l))) return true;
    for (const Json* d : originals) {
      if (l.date < (*d)["period_start"].get<std::string>() || l.date > (*d)["period_end"].get<std::string>()) continue;
      auto late = reports::late_line(icr_line(l, profile, basis),
                                     "late, booked after " + label(*d) + " of its month was issued", profile);
      if (!late) {
        made = std::unexpected(late.error());
        return false;
      }
      r.lines.push_back(std::move(*late));
      sources.push_back(change_line_key(l));
      break;
    }
    return true;
  });
  if (!scanned) return std::unexpected(scanned.error());
  return made;
}

}  // namespace

Result<Report> IssuedReports::issue(const Principal& who, const IssueInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kIssueReport));
  const std::string type = type_key(in.type);
  LEU_GET(docs, issued_docs(journal_, in.mba, type));
  Report r;
  std::vector<std::string> sources;
  if (in.type == ReportType::kIcr) {
    LEU_GET(icr, build_icr(journal_, in.mba, in.month.year(), in.month.month(), who.name, &sources));
    r = std::move(icr);
    for (const auto& d : docs)
      if (d["kind"] == kOriginal && d["period_start"] == r.header.period_start)
        return fail(ErrorCode::kConflict, "month",
                    "the ICR of " + in.mba + " for " + r.header.period_start.substr(0, 7) + " was issued as " +
                        label(d) + " on " + d["date"].get<std::string>() +
                        "; change it with a correction ('leubank report correct')");
    LEU_RETURN_IF_ERROR(add_late_lines(journal_, r, sources, docs));
    if (!r.lines.empty()) r.notes.clear();  // the builder's "no inventory changes" note
  } else {
    LEU_GET(built, in.type == ReportType::kPil ? build_pil(journal_, in.mba, in.date, who.name)
                                               : build_mbr(journal_, in.mba, in.date, who.name));
    r = std::move(built);
    sources.assign(r.lines.size(), "");
    for (const auto& d : docs)
      if (d["kind"] == kOriginal && d["period_end"] == r.header.period_end)
        return fail(ErrorCode::kConflict, "date",
                    "the " + type + " of " + in.mba + " for the period ending " + r.header.period_end +
                        " was issued as " + label(d) + " on " + d["date"].get<std::string>() +
                        "; change it with a correction ('leubank report correct')");
  }
  r.header.report_number = static_cast<std::int64_t>(docs.size()) + 1;
  number_lines(r);
  return append(who, std::move(r), sources, kOriginal);
}

Result<Report> IssuedReports::correct(const Principal& who, const CorrectionInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kIssueReport));
  LEU_GET(profile, profile_in_force(journal_));
  const std::string type = type_key(in.type);
  if (in.remove == !in.set.empty())
    return fail(ErrorCode::kUsage, "set", "give the corrected fields or delete the line, one of the two");
  LEU_GET(docs, issued_docs(journal_, in.mba, type));
  LEU_GET(doc, journal_.document(kReportKind, report_key(in.mba, type, in.report)));
  if (!doc)
    return fail(ErrorCode::kNotFound, "report",
                type + " " + std::to_string(in.report) + " of " + in.mba + " was not issued (" +
                    std::to_string(docs.size()) + " " + type + " issued)");
  LEU_GET(original, reports::report_from_record((*doc)["report"]));
  if (in.line < 1 || in.line > static_cast<std::int64_t>(original.lines.size()))
    return fail(ErrorCode::kNotFound, "line",
                type + " " + std::to_string(in.report) + " has " + std::to_string(original.lines.size()) +
                    " lines; there is no line " + std::to_string(in.line));
  const std::string at = std::to_string(in.line);
  if ((*doc)["deleted"].contains(at)) {
    const Json& by = (*doc)["deleted"][at];
    return fail(ErrorCode::kConflict, "line",
                "line " + at + " of " + type + " " + std::to_string(in.report) + " was deleted by line " +
                    std::to_string(by["line"].get<std::int64_t>()) + " of " + type + " " +
                    std::to_string(by["report"].get<std::int64_t>()) + "; correct the latest version instead");
  }
  // The reason is the lines' comment: the layout's rules for a comment apply.
  ReportLine scratch;
  if (auto ok = reports::set_line_field(scratch, original, "comment", in.reason, profile); !ok)
    return invalid("reason", ok.error().message);
  const ReportLine& line = original.lines[static_cast<std::size_t>(in.line - 1)];
  std::vector<ReportLine> lines;
  if (in.remove) {
    LEU_GET(d, reports::deletion_line(line, in.report, in.reason, profile));
    lines.push_back(std::move(d));
  } else {
    ReportLine fixed = line;
    for (const auto& [name, value] : in.set)
      LEU_RETURN_IF_ERROR(reports::set_line_field(fixed, original, name, value, profile));
    LEU_GET(pair, reports::correction_lines(line, in.report, fixed, in.reason, profile));
    lines = std::move(pair);
  }
  Report r;
  r.header = original.header;
  r.header.report_date = Date::of(journal_.clock().now()).text();
  r.header.reporting_person = who.name;
  r.header.report_number = static_cast<std::int64_t>(docs.size()) + 1;
  r.lines = std::move(lines);
  number_lines(r);
  const std::vector<std::string> sources(r.lines.size());
  return append(who, std::move(r), sources, kCorrection);
}

Result<Report> IssuedReports::append(const Principal& who, Report r, const std::vector<std::string>& sources,
                                     const char* kind) {
  // Issued only as the profile in force writes and reads it back (a Facility Attachment may shorten a field).
  LEU_GET(profile, profile_in_force(journal_));
  LEU_RETURN_IF_ERROR(reports::parse_labelled(reports::write_labelled(r, profile), profile));
  const reports::ReportHeader& h = r.header;
  const Json payload = {{"date", h.report_date},
                        {"mba", h.mba},
                        {"type", type_key(h.type)},
                        {"number", h.report_number},
                        {"kind", kind},
                        {"period_start", h.period_start},
                        {"period_end", h.period_end},
                        {"report", reports::report_to_record(r)},
                        {"sources", sources}};
  LEU_RETURN_IF_ERROR(journal_.append(who.name, {NewEvent{report_event::kIssued, payload}}));
  return r;
}

Result<std::vector<Json>> IssuedReports::list(const std::string& mba, const std::string& type) {
  if (!type.empty()) LEU_RETURN_IF_ERROR(reports::parse_report_type(type, "type"));
  LEU_GET(docs, issued_docs(journal_, mba, type));
  std::vector<Json> out;
  for (const auto& d : docs)
    out.push_back({{"mba", d["mba"]},
                   {"type", d["type"]},
                   {"number", d["number"]},
                   {"kind", d["kind"]},
                   {"period_start", d["period_start"]},
                   {"period_end", d["period_end"]},
                   {"date", d["date"]},
                   {"issued_by", d["issued_by"]},
                   {"lines", d["report"]["lines"].size()},
                   {"deleted", d["deleted"]},
                   {"last_seq", d["last_seq"]}});
  return out;
}

Result<Report> IssuedReports::get(const std::string& mba, ReportType type, std::int64_t number) {
  LEU_GET(doc, journal_.document(kReportKind, report_key(mba, type_key(type), number)));
  if (!doc)
    return fail(ErrorCode::kNotFound, "report",
                type_key(type) + " " + std::to_string(number) + " of " + mba + " was not issued");
  return reports::report_from_record((*doc)["report"]);
}

}  // namespace leu
