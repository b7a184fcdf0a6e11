// The measurement-error structure of an MBA's closed balance periods, for `leubank stats` over the database. Read-only.
//
// Contract: the boundaries are the day before the first period and each period's end; quantities are U-235 [kg]. An
// item's book value is its receipt measurement (measurements never change book values), so the receipt, every
// inventory that carries the book value and the shipment are one measurement with one random error (Measurement::id
// = item@received_on), which cancels between them; a cylinder re-weighed at a physical inventory taking (net UF6 in
// the taking) is a new measurement. A cylinder's U-235 is weighed (`load cells`) × enrichment (`NDA gamma HPGe`): the
// receiver's acceptance methods, as the journal records no method for receipts. The journal records no calibration
// periods yet: one per calendar year of the measurement date is assumed. Losses and gains are not modelled. The
// recorded MUF of each period (U-235, all categories) is returned beside the sequence, whose MUF is recomputed from
// the same values. Unknown methods, no closed period: errors naming the input.
//
//   LEU_GET(d, balance_sequence_of(journal, "KZBK", sim::default_method_table()));
//   LEU_GET(a, stats::analyse(d.sequence));
#pragma once

#include <string>
#include <vector>

#include "ledger/journal.hpp"
#include "stats/balance_sequence.hpp"
#include "stats/methods.hpp"

namespace leu {

struct DatabaseBalances {
  stats::BalanceSequence sequence;
  std::vector<double> recorded_muf_kg;  // U-235, from the period.closed documents
};

// The receiver's acceptance methods assumed for receipts (leu-bank.md §11; operations.hpp defaults).
inline constexpr const char* kReceiptWeighingMethod = "load cells";
inline constexpr const char* kReceiptEnrichmentMethod = "NDA gamma HPGe";

Result<DatabaseBalances> balance_sequence_of(Journal& journal, const std::string& mba,
                                             const stats::MethodTable& methods);

}  // namespace leu
