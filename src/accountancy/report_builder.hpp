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
// the default profile's LEU-bank mapping says. Measurement basis codes come from the
// profile in force (profile_in_force.hpp) by their meaning (accounting-reports.md §4):
// measured in this MBA and new (M) for receipts booked at the receiver's values (the
// acceptance weighing at the receipt KMP), DI lines, losses and gains, and items
// re-weighed at the taking; measured in another MBA and new (N) for receipts booked at
// the shipper's values (Facility::receipt_basis); measured here and reported before (T)
// for shipments and inventory listings of booked values. A DI line is reported with its
// sign, shipper - receiver.
//
//   auto icr = build_icr(journal, "KZBK", 2019, 10, "aigerim");
//   std::string text = reports::write_labelled(*icr, reports::default_profile());
#pragma once

#include <string>
#include <vector>

#include "domain/material_balance.hpp"
#include "ledger/journal.hpp"
#include "reports/profile.hpp"
#include "reports/report.hpp"

namespace leu {

// Errors: kNotFound (unknown MBA), kInvalidInput (a month in the future or not 1-12).
// With `sources`, also the change line of each report line ("seq/line", see change_line_key).
Result<reports::Report> build_icr(Journal& journal, const std::string& mba, int year, unsigned month,
                                  const std::string& reporting_person, std::vector<std::string>* sources = nullptr);
// The ICR line of one change line (line_number 0), with the codes of `profile`; `basis` is the facility's
// receipt basis (Facility::receipt_basis), which a receipt line's measurement basis follows.
reports::ReportLine icr_line(const ChangeLine& l, const reports::Profile& profile, ReceiptBasis basis);
// "seq/line": the change line's identity, as issued reports record it.
std::string change_line_key(const ChangeLine& l);
// Errors: kNotFound when no period of the MBA ends on `pit_date` (close it first).
Result<reports::Report> build_pil(Journal& journal, const std::string& mba, Date pit_date,
                                  const std::string& reporting_person);
Result<reports::Report> build_mbr(Journal& journal, const std::string& mba, Date pit_date,
                                  const std::string& reporting_person);

}  // namespace leu
