// The detection-probability planner run for the LEU Bank's own measurement model: the one entry point that
// `leubank simulate --bank --amount` and POST /api/v1/statistics/plan share, so both answer with the same numbers
// for the same seed.
//
// Contract: builds the bank's balance sequence (bank_model.hpp) from `methods`, creates the Planner with `options`,
// evaluates `diversion` (amount in kg U-235) and, when `target` > 0, bisects for each test the amount it detects with
// probability `target` in the same diversion shape (Planner::amount_for). Deterministic in (seed, iterations) and
// independent of the thread count. Errors are the planner's and the bank model's (unknown method, bad horizon).
//
//   LEU_GET(plan, plan_bank({.diversion = {.kind = DiversionKind::kAbrupt, .amount = 20}}, default_method_table()));
//   nlohmann::json j = bank_plan_json(input, plan, default_method_table());
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/error.hpp"
#include "sim/bank_model.hpp"
#include "sim/planner.hpp"
#include "stats/methods.hpp"

namespace leu::sim {

// The significant quantity of LEU: 75 kg U-235 (IAEA Safeguards Glossary, 2022).
inline constexpr double kLeuSignificantQuantityKg = 75.0;

struct BankPlanInput {
  BankModel model;
  PlannerOptions options;
  Diversion diversion;
  double target = 0;  // detection probability for the amount-for-target column; 0 = not computed
};

struct AmountForTarget {
  std::string test;
  double amount_kg = 0;  // U-235
};

struct BankPlan {
  std::vector<double> sigma_muf;  // per period [kg U-235]
  PlannerReport report;
  std::vector<AmountForTarget> amount_for_target;  // per test, empty when target = 0
};

Result<BankPlan> plan_bank(const BankPlanInput& in, const stats::MethodTable& methods);

// The planner's report as JSON: iterations, thresholds, false-alarm and detection probabilities with their standard
// errors, detection by period, Page's designed h.
nlohmann::json planner_json(const PlannerReport& r);

// The whole answer: the model, the scenario, σ(MUF), the report and the amounts for the target, with significant
// quantities and cylinder equivalents of each amount.
nlohmann::json bank_plan_json(const BankPlanInput& in, const BankPlan& plan, const stats::MethodTable& methods);

}  // namespace leu::sim
