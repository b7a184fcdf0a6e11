// The measurement-error structure of an MBA's closed balance periods, for `leubank stats` over the database. Read-only.
//
// Contract: the boundaries are the day before the first period and each period's end; quantities are U-235 [kg]. An
// item's book value is its receipt measurement (measurements never change book values), so the receipt, every
// inventory that carries the book value and the shipment are one measurement with one random error (Measurement::id
// = item@received_on), which cancels between them; a cylinder re-weighed at a physical inventory taking (net UF6 in
// the taking) is a new measurement (id = "item re-weighed@day"), also when the taking is on the receipt's day. A
// cylinder's U-235 is weighing × enrichment, each under its own method and
// calibration period, as the journal records them (format version 2): a receipt's acceptance measurements (the
// received item's last_weighing / last_enrichment), and for a re-weighing at a taking the method and calibration
// period its found item names (its enrichment stays the receipt's); a version 1 taking names none, so the weighing
// recorded on its date stands in. Where the journal names none (version 1 events, receipts booked on the shipper's
// papers, a version 1 re-weighing not recorded as a weighing) the receiver's acceptance methods below are assumed,
// with one calibration period per calendar year of the measurement, named by the year ("2019"). A booked
// loss (LA) is an output and a gain (GA) an input of its period, of the U-235 booked, under the item's acceptance
// methods (a loss or gain names no method), with its own random error. The recorded MUF of each period (U-235, all
// categories) is returned beside the sequence, whose MUF is recomputed from the same values. Unknown methods, no
// closed period: errors naming the input.
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

// The receiver's acceptance methods assumed where the journal names none (leu-bank.md §11; operations.hpp defaults).
inline constexpr const char* kReceiptWeighingMethod = "load cells";
inline constexpr const char* kReceiptEnrichmentMethod = "NDA gamma HPGe";

Result<DatabaseBalances> balance_sequence_of(Journal& journal, const std::string& mba,
                                             const stats::MethodTable& methods);

}  // namespace leu
