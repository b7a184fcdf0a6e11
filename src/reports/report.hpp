// The accounting reports as data: ICR (inventory change report), PIL (physical
// inventory listing) and MBR (material balance report), independent of any
// format. accounting-reports.md §7 has the layouts this follows (Euratom/UK
// labels, keyed to CNSC label numbers); which fields a report type uses is
// listed per field below. Weights are exact integers of milligrams; the profile
// decides the unit and decimals they are written with.
//
// Builders in accountancy/ fill these from the journal; reports/ writes them in
// the profile's labelled text, CSV, JSON and XLSX, and parses the labelled text
// back (write -> parse -> identical).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace leu::reports {

enum class ReportType { kIcr, kPil, kMbr };

// "I", "P", "M": the report-type letters of the Euratom layout.
char report_type_letter(ReportType t);

struct ReportHeader {
  ReportType type = ReportType::kIcr;
  std::string mba;                 // reporting MBA code
  std::string report_date;         // YYYY-MM-DD, the date the report was made
  std::int64_t report_number = 0;  // sequential per MBA and type, no gaps
  std::string period_start;        // ICR: first day of the month; MBR: previous PIT + 1 day; PIL: the PIT date
  std::string period_end;          // ICR: last day of the month; MBR and PIL: the PIT date
  std::string element_category;    // one report per element category: "E", "N", "D"
  std::string reporting_person;
  std::int64_t line_count = 0;  // lines in the report; checked on parsing

  bool operator==(const ReportHeader&) const = default;
};

// One line of a report. Fields not used by a report type are empty / zero.
struct ReportLine {
  std::int64_t line_number = 0;        // all: 1, 2, ... with no gaps
  std::string code;                    // ICR: inventory change code (RF, SF, LA, ...);
                                       // MBR: line code (PB, RF, ..., BE, DI, BA, PE, MF)
  std::string batch;                   // ICR, PIL: batch name, at most 16 characters
  std::string kmp;                     // ICR, PIL
  std::string measurement_basis;       // ICR, PIL: M, N, T, L, ...
  std::string material_form;           // ICR, PIL: e.g. "U6" (UF6)
  std::string material_container;      // ICR, PIL: e.g. "C" (cylinder)
  std::string material_state;          // ICR, PIL: e.g. "F" (fresh / unirradiated)
  std::string mba_from;                // ICR: receipts (RD/RF): shipper MBA or country
  std::string mba_to;                  // ICR: shipments (SD/SF): receiver MBA or country
  std::string accounting_date;         // ICR: YYYY-MM-DD
  std::int64_t items = 0;              // ICR, PIL: number of items, never blank (1 for bulk)
  std::int64_t element_weight_mg = 0;  // all: element weight [mg]; MBR lines may be negative (MF, DI)
  std::string isotope;                 // all: "G" (U-235) for enriched uranium
  std::int64_t fissile_weight_mg = 0;  // all: isotope weight [mg]
  std::string container_id;            // PIL: the item's id (cylinder serial number)
  std::string correction;              // all: "" original, "D" delete, "A" add (corrected half), "L" late
  std::int64_t previous_report = 0;    // corrections: report number of the corrected line
  std::int64_t previous_line = 0;      // corrections: line number of the corrected line
  std::string comment;                 // all: free text, at most 256 characters

  bool operator==(const ReportLine&) const = default;
};

struct Report {
  ReportHeader header;
  std::vector<ReportLine> lines;
  std::vector<std::string> notes;  // ICR concise notes (INFCIRC/153 Art. 64), one paragraph each

  bool operator==(const Report&) const = default;
};

}  // namespace leu::reports
