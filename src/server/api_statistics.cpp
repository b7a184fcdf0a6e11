// The statistics of an MBA's closed balance periods: σ(MUF) with its terms,
// CUMUF, SITMUF, Page's test and GEMUF with their thresholds (docs/statistics.md),
// computed from the journal with the methods in force (the facility's table, else the
// default; accountancy/methods_in_force.hpp), named in the answer; and the
// detection-probability planner for the bank's own measurement model
// (sim/bank_plan.hpp, the same entry point as `leubank simulate --bank --amount`);
// and the methods in force themselves, which the measurement forms offer.
#include "accountancy/balance_uncertainty.hpp"
#include "accountancy/methods_in_force.hpp"
#include "server/json_body.hpp"
#include "server/server_state.hpp"
#include "sim/analysis_json.hpp"
#include "sim/bank_plan.hpp"
#include "sim/method_table_json.hpp"

namespace leu::server {
namespace {

// Bounds of a planner request, so that one call stays within seconds on the server:
// 20,000 iterations is the CLI's default (binomial SE of a probability ≤ 0.0035 on the
// 10,000 measuring iterations), 60 periods are five years of monthly takings.
constexpr std::int64_t kMaxIterations = 20'000, kMinIterations = 100;
constexpr std::int64_t kMaxPeriods = 60;
// The detection probability of the "amount for" column: the IAEA's detection goal
// for an abrupt or protracted diversion of a significant quantity (0.95, the CLI's --target).
constexpr double kTargetDetection = 0.95;

Result<sim::BankPlanInput> plan_input(const std::string& text) {
  LEU_GET(body, Body::parse(text));
  LEU_GET(scenario, body.string("scenario"));
  LEU_GET(amount, body.kilograms("amount_kg"));
  LEU_GET(periods, body.integer("periods"));
  LEU_GET(iterations, body.integer("iterations"));
  LEU_GET(seed, body.integer("seed"));
  LEU_GET(false_alarm, body.percent("false_alarm_percent"));
  LEU_RETURN_IF_ERROR(body.finish());
  sim::BankPlanInput in;
  if (scenario != "abrupt" && scenario != "protracted")
    return fail(ErrorCode::kUsage, "scenario", "must be abrupt or protracted");
  if (periods < 1 || periods > kMaxPeriods) return fail(ErrorCode::kUsage, "periods", "must be 1 to 60");
  if (iterations < kMinIterations || iterations > kMaxIterations)
    return fail(ErrorCode::kUsage, "iterations", "must be 100 to 20000");
  if (seed < 0) return fail(ErrorCode::kUsage, "seed", "must be 0 or more");
  const double stock_kg = static_cast<double>(in.model.cylinders) * sim::u235_per_cylinder_kg(in.model);
  if (amount.kg_approx() <= 0 || amount.kg_approx() > stock_kg)
    return fail(ErrorCode::kUsage, "amount_kg", "must be more than 0 and at most the bank's U-235");
  if (false_alarm.value() <= 0 || false_alarm.value() >= 0.5)
    return fail(ErrorCode::kUsage, "false_alarm_percent", "must be more than 0 and less than 50");
  in.model.periods = static_cast<std::size_t>(periods);
  in.options = {.iterations = static_cast<std::size_t>(iterations),
                .seed = static_cast<std::uint64_t>(seed),
                .false_alarm = false_alarm.value()};
  in.diversion = {.kind = scenario == "abrupt" ? sim::DiversionKind::kAbrupt : sim::DiversionKind::kProtracted,
                  .amount = amount.kg_approx(),
                  .first_period = 1,
                  .periods = in.model.periods};
  in.target = kTargetDetection;
  return in;
}

}  // namespace

void add_statistics_routes(ServerState& state) {
  state.router.add(
      {.method = "GET",
       .path = "/api/v1/methods",
       .summary = "The measurement methods in force: the facility's table, else the default placeholder",
       .tag = "accountancy",
       .op = Operation::kReadInventory,
       .cacheable = true,
       .handler = [](Call& c) -> Result<Reply> {
         LEU_GET(table, methods_in_force(c.journal));
         nlohmann::json methods = nlohmann::json::array();
         for (const auto& m : table.methods)
           methods.push_back({{"name", m.name},
                              {"measures", m.measures},
                              {"random_rsd", m.random_rsd},
                              {"systematic_rsd", m.systematic_rsd},
                              {"source", m.source}});
         return Reply::json(
             {{"name", table.name}, {"version", table.version}, {"status", table.status}, {"methods", methods}});
       }});
  state.router.add({.method = "GET",
                    .path = "/api/v1/statistics",
                    .summary = "MUF ± σ, CUMUF, SITMUF, Page and GEMUF over the closed balance periods of an MBA",
                    .tag = "accountancy",
                    .op = Operation::kReadInventory,
                    .cacheable = true,
                    .query = {{"mba", "MBA code (default: the facility's first)"}},
                    .handler = [](Call& c) -> Result<Reply> {
                      std::string mba = c.query_value("mba");
                      if (mba.empty()) {
                        LEU_GET(facility, c.journal.facility());
                        if (!facility || facility->mbas.empty())
                          return fail(ErrorCode::kNotFound, "mba", "the journal has no MBA");
                        mba = facility->mbas.front().code;
                      }
                      LEU_GET(table, methods_in_force(c.journal));  // the facility's table, else the default
                      LEU_GET(d, balance_sequence_of(c.journal, mba, table));
                      LEU_GET(analysis, stats::analyse(d.sequence));
                      nlohmann::json out = sim::analysis_json(analysis);
                      out["mba"] = mba;
                      out["methods"] = {{"name", table.name}, {"version", table.version}, {"status", table.status}};
                      out["recorded_muf_kg"] = d.recorded_muf_kg;
                      return Reply::json(out);
                    }});
  state.router.add({.method = "POST",
                    .path = "/api/v1/statistics/plan",
                    .summary = "Detection probability of a diversion from the bank by Monte Carlo (the planner)",
                    .tag = "accountancy",
                    .op = Operation::kReadInventory,
                    .request_schema = "PlanRequest",
                    .handler = [](Call& c) -> Result<Reply> {
                      LEU_GET(in, plan_input(c.body));
                      const stats::MethodTable& table = sim::default_method_table();
                      LEU_GET(plan, sim::plan_bank(in, table));
                      return Reply::json(sim::bank_plan_json(in, plan, table));
                    }});
}

}  // namespace leu::server
