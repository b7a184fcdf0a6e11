// The event of an issued accounting report (ICR, PIL, MBR) and the projection it keeps.
//
// Contract: the service (accountancy/issued_reports.hpp) builds and validates the report, then appends one
// `report.issued` event; the fold (apply_report_event.cpp) keeps it as the `report` document "MBA/TYPE/NNNNNNNN"
// and refuses (kIntegrity) an event that contradicts the reports issued before: a number issued twice or out of
// sequence (report numbers run 1, 2, ... per MBA and report type, no gaps), a correction line (D, A) pointing at a
// report or line that does not exist, or deleting a line deleted before. docs/formats/journal.md §4.4 has the
// payload and document.
//
//   LEU_GET(doc, journal.document(kReportKind, report_key("LEUB", "ICR", 3)));
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "ledger/projections.hpp"

namespace leu {

namespace report_event {
// {"date" (report date), "mba", "type": "ICR"|"PIL"|"MBR", "number", "kind": "original"|"correction",
//  "period_start", "period_end",
//  "report": the report record (reports/record.hpp), "sources": ["seq/line" | "", ...] one per line}
inline constexpr const char* kIssued = "report.issued";
}  // namespace report_event

// Projection document kind: key "MBA/TYPE/NNNNNNNN" (number, 8 digits).
inline constexpr const char* kReportKind = "report";

std::string report_key(std::string_view mba, std::string_view type, std::int64_t number);

bool is_report_event(std::string_view type);
Result<void> apply_report_event(const StoredEvent& event, const nlohmann::json& payload, Projections& p);

}  // namespace leu
