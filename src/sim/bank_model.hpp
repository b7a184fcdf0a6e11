// The LEU Bank as a balance sequence for the planner: 60 full 30B cylinders of LEU UF6 in store, the U-235 of each
// determined at every physical inventory taking by weighing (load cells) and NDA enrichment, no flows.
//
// Contract: quantities are U-235 masses [kg]. A cylinder's U-235 = net UF6 mass × f_U × enrichment, so to first order
// its relative error is the sum of the weighing and enrichment errors: random variance per cylinder
// m²(δR_w² + δR_e²), and one systematic group per method and calibration period. Assumptions (stated in
// docs/statistics.md): both quantities are re-measured at every taking (conservative: an enrichment measured once and
// reused would cancel between takings); the method's relative uncertainty applies to the net mass; with one
// calibration for the whole horizon the systematic errors cancel in every balance of an unchanged store, with
// `recalibrate_each_period` each taking has its own calibration and they do not. Unknown methods are errors.
//
//   LEU_GET(seq, bank_sequence(BankModel{}, default_method_table()));
//   LEU_GET(planner, Planner::create(seq, {.timeliness = 12}));
#pragma once

#include <cstddef>
#include <string>

#include "domain/error.hpp"
#include "stats/balance_sequence.hpp"
#include "stats/methods.hpp"

namespace leu::sim {

struct BankModel {
  std::size_t cylinders = 60;  // the bank's stock (leu-bank.md: 60 cylinders, complete 10 Dec 2019)
  double uranium_kg = 1539.4;  // U in 2,277 kg UF6 at 4.95 % (leu-bank.md §9 table)
  double enrichment = 0.0495;  // U-235 weight fraction, the bank's limit (leu-bank.md)
  std::size_t periods = 12;    // balance periods in the horizon: monthly takings over the 1-year LEU timeliness goal
  bool recalibrate_each_period = false;
  std::string weighing_method = "load cells";
  std::string enrichment_method = "NDA gamma HPGe";
};

// The U-235 of one cylinder [kg].
inline double u235_per_cylinder_kg(const BankModel& m) { return m.uranium_kg * m.enrichment; }

Result<stats::BalanceSequence> bank_sequence(const BankModel& m, const stats::MethodTable& methods);

}  // namespace leu::sim
