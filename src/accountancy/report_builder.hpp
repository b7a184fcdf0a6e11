// Builds the accounting reports of an MBA from the books (reports/report.hpp):
//
//   ICR  every inventory change line of a calendar month, one report line each, by batch
//   PIL  the items found at a physical inventory taking, with the values PE used
//   MBR  a closed balance period: PB, increases and decreases by code, BE, DI (SRD),
//        BA, PE, MF (MUF, positive = apparent loss), per element category
//
// Report numbers here are those of a draft: an ICR is numbered by its month counted
// from the MBA's first month with a change (1, 2, ...), a PIL and an MBR by their
// period counted from the first closed period. Issuing (issued_reports.hpp) gives
// the report its number in the journal's gap-free sequence. Weights are the books' exact
// milligrams. Material description: UF6 ("U6"), cylinder ("C"), fresh ("F"), as
// the default profile's LEU-bank mapping says; measurement basis M for receipts
// (the acceptance weighing at the receipt KMP) and losses/gains, T for shipments
// and inventory listings of booked values (measured here, reported before), M for
// items re-weighed at the taking.
//
//   auto icr = build_icr(journal, "KZBK", 2019, 10, "aigerim");
//   std::string text = reports::write_labelled(*icr, reports::default_profile());
#pragma once

#include <string>
#include <vector>

#include "ledger/journal.hpp"
#include "reports/report.hpp"

namespace leu {

// Errors: kNotFound (unknown MBA), kInvalidInput (a month in the future or not 1-12).
// With `sources`, also the change line of each report line ("seq/line", see change_line_key).
Result<reports::Report> build_icr(Journal& journal, const std::string& mba, int year, unsigned month,
                                  const std::string& reporting_person, std::vector<std::string>* sources = nullptr);
// The ICR line of one change line (line_number 0).
reports::ReportLine icr_line(const ChangeLine& l);
// "seq/line": the change line's identity, as issued reports record it.
std::string change_line_key(const ChangeLine& l);
// Errors: kNotFound when no period of the MBA ends on `pit_date` (close it first).
Result<reports::Report> build_pil(Journal& journal, const std::string& mba, Date pit_date,
                                  const std::string& reporting_person);
Result<reports::Report> build_mbr(Journal& journal, const std::string& mba, Date pit_date,
                                  const std::string& reporting_person);

}  // namespace leu
