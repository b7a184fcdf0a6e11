#include "sim/bank_plan.hpp"

#include <fmt/format.h>

namespace leu::sim {
namespace {

const char* kind_name(DiversionKind k) {
  switch (k) {
    case DiversionKind::kAbrupt: return "abrupt";
    case DiversionKind::kProtracted: return "protracted";
    case DiversionKind::kNone: break;
  }
  return "none";
}

}  // namespace

Result<BankPlan> plan_bank(const BankPlanInput& in, const stats::MethodTable& methods) {
  LEU_GET(seq, bank_sequence(in.model, methods));
  LEU_GET(planner, Planner::create(seq, in.options));
  LEU_GET(report, planner.evaluate(in.diversion));
  BankPlan plan{.sigma_muf = planner.sigma_muf(), .report = std::move(report), .amount_for_target = {}};
  if (in.target > 0)
    for (const char* test : {"single", "cumuf", "page", "gemuf"}) {
      LEU_GET(amount, planner.amount_for(in.diversion, test, in.target));
      plan.amount_for_target.push_back({test, amount});
    }
  return plan;
}

nlohmann::json planner_json(const PlannerReport& r) {
  nlohmann::json j = {{"iterations", r.iterations},
                      {"evaluated", r.evaluated},
                      {"timeliness_periods", r.timeliness},
                      {"page_h_designed", r.page_h_designed},
                      {"page_false_alarm_with_designed_h", r.page_false_alarm_designed},
                      {"tests", nlohmann::json::array()}};
  for (const auto& t : r.tests)
    j["tests"].push_back({{"test", t.test},
                          {"threshold", t.threshold},
                          {"false_alarm", t.false_alarm},
                          {"false_alarm_se", t.false_alarm_se},
                          {"detection", t.detection},
                          {"detection_se", t.detection_se},
                          {"detection_by_period", t.detection_by_period}});
  return j;
}

nlohmann::json bank_plan_json(const BankPlanInput& in, const BankPlan& plan, const stats::MethodTable& methods) {
  const double per_cylinder = u235_per_cylinder_kg(in.model);
  nlohmann::json out = {{"unit", "kg U-235"},
                        {"periods", in.model.periods},
                        {"timeliness_periods", plan.report.timeliness},
                        {"false_alarm_target", in.options.false_alarm},
                        {"seed", in.options.seed},
                        {"iterations", in.options.iterations},
                        {"methods_table", fmt::format("{} v{} ({})", methods.name, methods.version, methods.status)},
                        {"sigma_muf", plan.sigma_muf},
                        {"bank",
                         {{"cylinders", in.model.cylinders},
                          {"u235_per_cylinder_kg", per_cylinder},
                          {"weighing_method", in.model.weighing_method},
                          {"enrichment_method", in.model.enrichment_method},
                          {"recalibrate_each_period", in.model.recalibrate_each_period}}},
                        {"scenario",
                         {{"diversion", kind_name(in.diversion.kind)},
                          {"amount", in.diversion.amount},
                          {"first_period", in.diversion.first_period},
                          {"spread_periods", in.diversion.periods},
                          {"significant_quantities", in.diversion.amount / kLeuSignificantQuantityKg}}},
                        {"report", planner_json(plan.report)}};
  if (in.target > 0) {
    out["target_detection"] = in.target;
    out["amount_for_target"] = nlohmann::json::array();
    for (const auto& a : plan.amount_for_target)
      out["amount_for_target"].push_back({{"test", a.test},
                                          {"amount", a.amount_kg},
                                          {"significant_quantities", a.amount_kg / kLeuSignificantQuantityKg},
                                          {"cylinders_equivalent", a.amount_kg / per_cylinder}});
  }
  return out;
}

}  // namespace leu::sim
