// From measurements to the error structure of the balance sequence (statistics.md §1.2): the propagation of
// variance with random errors independent per measurement and systematic errors fully correlated within one method
// and calibration period — across the beginning and ending inventories and the flows.
//
// Contract: n periods; a flow measurement (input or output) belongs to one period 1..n; an inventory measurement to
// one boundary 0..n (boundary i ends period i and begins period i+1). An inventory location measured at some
// boundary must be measured at every boundary 0..n (missing time step otherwise); a location is measured once per
// boundary (unless `absent_inventory_is_empty`, for item stores). Each measurement names its method (looked up in the
// table: unknown = error) and calibration period; the group of a systematic error is (method, calibration).
// `random_weight_sq` < 0 means one measurement of `value`; otherwise the random variance is δR²·random_weight_sq (e.g.
// Σ_s (w_s y_s)² for a rate integrated from samples). Every error names the input row. MUF_i = C(t_{i-1}) + X_i - Y_i -
// C(t_i) from the measured values.
//
//   std::vector<Measurement> ms = {{.location = "hall", .kind = MeasuredKind::kInventory, .index = 0,
//                                   .value = 1000, .method = "load cells", .calibration = "2025", .row = 1}, ...};
//   LEU_GET(seq, build_balance_sequence(ms, 4, table));
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "stats/balance_sequence.hpp"
#include "stats/methods.hpp"

namespace leu::stats {

enum class MeasuredKind { kInput, kOutput, kInventory };

struct Measurement {
  std::string location;
  MeasuredKind kind = MeasuredKind::kInventory;
  std::size_t index = 0;         // period 1..n (flows) or boundary 0..n (inventories)
  double value = 0;              // [kg]
  double random_weight_sq = -1;  // [kg²]; < 0: value²
  std::string method;
  std::string calibration;
  // A second factor of the value, measured by another method (U-235 = net mass × f_U × enrichment): relative errors
  // add, so its random variance adds and it has its own systematic group. Empty = none.
  std::string also_method;
  std::string also_calibration;
  // A measurement used in several places (a book value carried from receipt to inventory to shipment): every record
  // with the same non-empty id shares one random error, which then cancels wherever it enters with both signs.
  std::string id;
  std::size_t row = 0;                 // where it came from, for errors (1-based)
  std::string source = "measurement";  // what `row` counts ("measurement", "invn3.csv")
};

struct BuildOptions {
  bool exact_starting_inventory = false;   // q_0 = 0 (only if the starting inventory is declared exact)
  std::vector<std::string> labels;         // optional period labels, n entries
  bool absent_inventory_is_empty = false;  // an item store: a location not measured at a boundary holds nothing
};

Result<BalanceSequence> build_balance_sequence(const std::vector<Measurement>& ms, std::size_t periods,
                                               const MethodTable& methods, const BuildOptions& o = {});

}  // namespace leu::stats
