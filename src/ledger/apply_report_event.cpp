// The event fold of issued reports (docs/formats/journal.md §4.4).
#include <cstdio>

#include "ledger/codec.hpp"
#include "ledger/report_events.hpp"

namespace leu {
namespace {

std::unexpected<Error> contradiction(const StoredEvent& e, const std::string& why) {
  return fail(ErrorCode::kIntegrity, "event " + std::to_string(e.seq), why);
}

// The line `line` (1-based) of the report document, or nullptr.
const Json* line_of(const Json& doc, std::int64_t line) {
  const Json& lines = doc["report"]["lines"];
  if (line < 1 || line > static_cast<std::int64_t>(lines.size())) return nullptr;
  return &lines[static_cast<std::size_t>(line - 1)];
}

}  // namespace

std::string report_key(std::string_view mba, std::string_view type, std::int64_t number) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%08lld", static_cast<long long>(number));
  return std::string(mba) + "/" + std::string(type) + "/" + buf;
}

bool is_report_event(std::string_view type) { return type == report_event::kIssued; }

Result<void> apply_report_event(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(mba, get_string(payload, "mba"));
  LEU_GET(type, get_string(payload, "type"));
  LEU_GET(number, get_int(payload, "number"));
  LEU_GET(date, get_date(payload, "date"));
  if (type != "ICR" && type != "PIL" && type != "MBR") return contradiction(e, "report type '" + type + "'");
  const std::string key = report_key(mba, type, number);
  LEU_GET(existing, p.document(kReportKind, key));
  if (existing) return contradiction(e, type + " " + std::to_string(number) + " of " + mba + " is issued already");
  if (number < 1) return contradiction(e, "report number " + std::to_string(number));
  if (number > 1) {
    LEU_GET(before, p.document(kReportKind, report_key(mba, type, number - 1)));
    if (!before) return contradiction(e, type + " " + std::to_string(number) + " of " + mba + " skips a number");
  }
  if (!payload.contains("report") || !payload["report"].is_object() || !payload["report"].contains("lines") ||
      !payload["report"]["lines"].is_array() || !payload.contains("sources") || !payload["sources"].is_array() ||
      payload["sources"].size() != payload["report"]["lines"].size())
    return contradiction(e, "the report record or its sources are malformed");
  const Json& lines = payload["report"]["lines"];
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string letter = lines[i].value("correction", "");
    if (letter != "D" && letter != "A") continue;
    const std::int64_t prev = lines[i].value("previous_report", std::int64_t{0});
    const std::int64_t prev_line = lines[i].value("previous_line", std::int64_t{0});
    const std::string prev_key = report_key(mba, type, prev);
    LEU_GET(target, prev < number ? p.document(kReportKind, prev_key) : Result<std::optional<Json>>(std::nullopt));
    if (!target || !line_of(*target, prev_line))
      return contradiction(e, "line " + std::to_string(i + 1) + " corrects line " + std::to_string(prev_line) + " of " +
                                  type + " " + std::to_string(prev) + ", which does not exist");
    if (letter != "D") continue;
    Json doc = std::move(*target);
    const std::string at = std::to_string(prev_line);
    if (doc["deleted"].contains(at))
      return contradiction(e, "line " + at + " of " + type + " " + std::to_string(prev) + " is deleted already");
    doc["deleted"][at] = {{"report", number}, {"line", static_cast<std::int64_t>(i) + 1}};
    doc["last_seq"] = e.seq;
    p.put_document(kReportKind, prev_key, std::move(doc));
  }
  Json doc = payload;
  doc["date"] = date.text();
  doc["issued_by"] = e.actor;
  doc["deleted"] = Json::object();
  doc["last_seq"] = e.seq;
  p.put_document(kReportKind, key, std::move(doc));
  return {};
}

}  // namespace leu
