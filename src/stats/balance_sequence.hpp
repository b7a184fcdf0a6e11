// The error structure of a sequence of material balances: what σ(MUF), CUMUF, SITMUF, Page and GEMUF need.
//
// Contract (statistics.md §1.2): MUF_i = w_i + u_{i-1} - u_i + Σ_g e_{g,i} η_g, where w_i is the random error of the
// period's flows (variance r_i), u_t the random error of the total inventory at boundary t (variance q_t; q_0 is the
// starting inventory) and η_g the relative systematic error of group g (one method in one calibration period,
// variance δS_g²) with exposure e_{g,i} [kg]. So Σ = R + Σ_g δS_g² e_g e_gᵀ with R tridiagonal. Periods are numbered
// 1..n in messages; vectors are 0-based. Every variance is in [kg²], amounts in [kg].
//
//   BalanceSequence s;
//   s.start_inventory_random_var = 0.25;                   // q_0
//   s.groups = {{"load cells/2025", 2.5e-7}};               // δS² = (0.05 %)²
//   s.periods.push_back({.muf = 1.2, .flow_random_var = 0.1, .end_inventory_random_var = 0.25,
//                        .exposures = {{0, 100.0}}});
//   LEU_RETURN_IF_ERROR(validate(s));
#pragma once

#include <string>
#include <vector>

#include "domain/error.hpp"

namespace leu::stats {

struct SystematicGroup {
  std::string name;     // "method/calibration period"
  double variance = 0;  // δS_g² [fraction²]
};

struct Exposure {
  int group = 0;      // index into BalanceSequence::groups
  double amount = 0;  // e_{g,i} [kg]: +inputs, -outputs, C(t_{i-1}) - C(t_i) for inventories
};

// One term of var(MUF_i), for "which measurement dominates".
struct Contribution {
  std::string term;     // "random: Vaporization", "systematic: load cells/2025"
  double variance = 0;  // [kg²]
};

struct PeriodModel {
  double muf = 0;                           // measured MUF_i [kg]
  double flow_random_var = 0;               // r_i [kg²]
  double end_inventory_random_var = 0;      // q_i [kg²]
  std::vector<Exposure> exposures;          // at most one entry per group
  std::vector<Contribution> contributions;  // optional breakdown; sums to var(MUF_i) when present
  std::string label;                        // "2025-12-31", "[416, 832] h"; empty = the period number
};

struct BalanceSequence {
  double start_inventory_random_var = 0;  // q_0 [kg²]; 0 only if the starting inventory is declared exact
  std::vector<SystematicGroup> groups;
  std::vector<PeriodModel> periods;
};

// Variances finite and non-negative, group indices known, no group twice in one period: the error names the period.
Result<void> validate(const BalanceSequence& s);

}  // namespace leu::stats
