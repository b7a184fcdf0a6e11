// stats and simulate: material-balance statistics over a MAPIT-layout dataset, and the detection-probability planner.
#include <iostream>

#include <fmt/format.h>

#include "accountancy/balance_uncertainty.hpp"
#include "accountancy/methods_in_force.hpp"
#include "cli/context.hpp"
#include "cli/stats_output.hpp"
#include "mapit/mapit_reader.hpp"
#include "sim/bank_model.hpp"
#include "sim/bank_plan.hpp"
#include "sim/method_table_json.hpp"
#include "sim/planner.hpp"
#include "stats/sequence_analysis.hpp"

namespace leu::cli {
namespace {

using Json = nlohmann::json;

struct StatsArgs {
  std::string mba, methods;
  std::string mapit, mode = "textbook", rule = "mapit-pulse", format = "table", chart_dir, source = "auto";
  std::string engine = "kalman";
  double mbp = 416;
  double rsd_random = 0.005, rsd_systematic = 0.005;  // MAPIT's API example uses 0.5 % everywhere (statistics.md §5)
  double alpha = 0.05, alpha_cumuf = 0.05, page_k = 0.5, page_alpha = 0.05, gemuf_alpha = 0.05;
  std::size_t horizon = 0;
};

struct SimArgs {
  bool bank = false, recalibrate = false, no_progress = false;
  std::string mapit, methods, diversion = "both", format = "table";
  std::string weighing = "load cells", enrichment = "NDA gamma HPGe";
  double mbp = 416, rsd_random = 0.005, rsd_systematic = 0.005;
  std::size_t periods = 12, iterations = 20'000, timeliness = 0, first_period = 1, spread = 0, cylinders = 60;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  double false_alarm = 0.05, page_k = 0.5, target = 0.95, amount = -1;
};

Result<stats::MapitDataset> load_mapit(const std::string& dir, const std::string& source) {
  const mapit::Source s = source == "mat"   ? mapit::Source::kMat
                          : source == "csv" ? mapit::Source::kCsv
                                            : mapit::Source::kAuto;
  return mapit::read_mapit_dataset(dir, s);
}

Result<stats::MethodTable> method_table(const std::string& file) {
  if (file.empty()) return sim::default_method_table();
  LEU_GET(text, read_input(file));
  return sim::parse_method_table(text, file);
}

stats::AnalysisOptions analysis_options(const StatsArgs& a) {
  return {.alpha_single = a.alpha,
          .alpha_cumuf = a.alpha_cumuf,
          .page_k = a.page_k,
          .page_alpha = a.page_alpha,
          .page_horizon = a.horizon,
          .gemuf_alpha = a.gemuf_alpha,
          .engine = a.engine == "cholesky" ? stats::SitmufEngine::kCholesky : stats::SitmufEngine::kKalman};
}

Result<void> print_analysis(const StatsArgs& a, const stats::Analysis& analysis, const std::string& title) {
  if (!a.chart_dir.empty()) LEU_RETURN_IF_ERROR(write_charts(a.chart_dir, charts_of(analysis)));
  if (a.format == "json")
    std::cout << sim::analysis_json(analysis).dump(2) << '\n';
  else if (a.format == "csv")
    print_analysis_csv(std::cout, analysis);
  else
    print_analysis_table(std::cout, analysis, title);
  return {};
}

// Over the database's closed balance periods of one MBA (read-only).
Result<void> run_stats_db(Context& ctx, const StatsArgs& a) {
  LEU_GET(j, ctx.journal());
  std::string mba = a.mba;
  if (mba.empty()) {
    LEU_GET(facility, j->facility());
    if (!facility) return fail(ErrorCode::kConflict, "db", "the journal has no facility");
    mba = facility->mbas.front().code;
  }
  // The methods in force (the facility's table, else the default) unless --methods names another.
  LEU_GET(table, a.methods.empty() ? methods_in_force(*j) : method_table(a.methods));
  LEU_GET(d, balance_sequence_of(*j, mba, table));
  LEU_GET(analysis, stats::analyse(d.sequence, analysis_options(a)));
  if (a.format == "json") {
    if (!a.chart_dir.empty()) LEU_RETURN_IF_ERROR(write_charts(a.chart_dir, charts_of(analysis)));
    Json out = sim::analysis_json(analysis);
    out["mba"] = mba;
    out["methods"] = {{"name", table.name}, {"version", table.version}, {"status", table.status}};
    std::cout << out.dump(2) << '\n';
    return {};
  }
  return print_analysis(
      a, analysis,
      fmt::format("MBA {}: U-235 [kg]; methods {} v{} ({})", mba, table.name, table.version, table.status));
}

Result<void> run_stats(Context& ctx, const StatsArgs& a) {
  if (a.mapit.empty()) return run_stats_db(ctx, a);
  LEU_GET(data, load_mapit(a.mapit, a.source));
  const auto errors = stats::uniform_errors(data, a.rsd_random, a.rsd_systematic);
  const std::string title =
      fmt::format("{}: MBP {:g} h, δR {:g}, δS {:g}", a.mapit, a.mbp, a.rsd_random, a.rsd_systematic);
  if (a.mode == "mapit") {
    LEU_GET(m, stats::mapit_compat(data, errors, a.mbp));
    if (!a.chart_dir.empty()) LEU_RETURN_IF_ERROR(write_charts(a.chart_dir, charts_of(m)));
    if (a.format == "json")
      std::cout << mapit_json(m).dump(2) << '\n';
    else if (a.format == "csv")
      print_mapit_csv(std::cout, m);
    else
      print_mapit_table(std::cout, m, title);
    return {};
  }
  LEU_GET(rule, stats::parse_flow_rule(a.rule, "rule"));
  LEU_GET(seq, stats::textbook_sequence(data, errors, {.mbp = a.mbp, .rule = rule}));
  LEU_GET(analysis, stats::analyse(seq, analysis_options(a)));
  return print_analysis(a, analysis, title);
}

sim::DiversionKind diversion_kind(const std::string& name) {
  return name == "protracted" ? sim::DiversionKind::kProtracted
         : name == "none"     ? sim::DiversionKind::kNone
                              : sim::DiversionKind::kAbrupt;
}

sim::PlannerOptions planner_options(const SimArgs& a) {
  return {.iterations = a.iterations,
          .seed = a.seed,
          .threads = a.threads,
          .timeliness = a.timeliness,
          .false_alarm = a.false_alarm,
          .page_k = a.page_k,
          .progress = !a.no_progress};
}

void print_scenario(const SimArgs& a, const sim::PlannerReport& r, double sigma_muf_1, const std::string& unit) {
  std::cout << fmt::format("diversion {} of {:g} {} from period {}; σ(MUF) of period 1 = {:.4g} {}\n", a.diversion,
                           a.amount, unit, a.first_period, sigma_muf_1, unit);
  print_planner_table(std::cout, r);
}

Result<void> run_simulate(const SimArgs& a) {
  if (a.bank == !a.mapit.empty()) return fail(ErrorCode::kUsage, "bank", "give exactly one of --bank or --mapit DIR");
  stats::MethodTable table = sim::default_method_table();
  if (!a.methods.empty()) {
    LEU_GET(text, read_input(a.methods));
    LEU_GET(t, sim::parse_method_table(text, a.methods));
    table = std::move(t);
  }
  stats::BalanceSequence seq;
  std::string unit = "kg";
  sim::BankModel bank;
  if (a.bank) {
    bank.cylinders = a.cylinders;
    bank.periods = a.periods;
    bank.recalibrate_each_period = a.recalibrate;
    bank.weighing_method = a.weighing;
    bank.enrichment_method = a.enrichment;
    unit = "kg U-235";
  }
  if (a.bank && a.amount >= 0) {
    // The scenario for the bank: the shared entry point, as POST /api/v1/statistics/plan.
    const std::size_t horizon = a.timeliness ? a.timeliness : a.periods;
    const std::size_t spread = a.spread ? a.spread : horizon - (a.first_period - 1);
    const sim::BankPlanInput in{.model = bank,
                                .options = planner_options(a),
                                .diversion = {.kind = diversion_kind(a.diversion),
                                              .amount = a.amount,
                                              .first_period = a.first_period,
                                              .periods = spread}};
    LEU_GET(plan, sim::plan_bank(in, table));
    if (a.format == "json")
      std::cout << sim::bank_plan_json(in, plan, table).dump(2) << '\n';
    else
      print_scenario(a, plan.report, plan.sigma_muf[0], unit);
    return {};
  }
  if (a.bank) {
    LEU_GET(s, sim::bank_sequence(bank, table));
    seq = std::move(s);
  } else {
    LEU_GET(data, load_mapit(a.mapit, "auto"));
    LEU_GET(
        s, stats::textbook_sequence(data, stats::uniform_errors(data, a.rsd_random, a.rsd_systematic), {.mbp = a.mbp}));
    seq = std::move(s);
  }
  LEU_GET(planner, sim::Planner::create(seq, planner_options(a)));
  const std::size_t horizon = a.timeliness ? a.timeliness : seq.periods.size();
  const std::size_t spread = a.spread ? a.spread : horizon - (a.first_period - 1);
  Json out = {{"unit", unit},
              {"periods", seq.periods.size()},
              {"timeliness_periods", horizon},
              {"false_alarm_target", a.false_alarm},
              {"seed", a.seed},
              {"iterations", a.iterations},
              {"methods_table", fmt::format("{} v{} ({})", table.name, table.version, table.status)},
              {"sigma_muf", planner.sigma_muf()}};
  if (a.bank) {
    out["bank"] = {{"cylinders", bank.cylinders},
                   {"u235_per_cylinder_kg", sim::u235_per_cylinder_kg(bank)},
                   {"weighing_method", bank.weighing_method},
                   {"enrichment_method", bank.enrichment_method},
                   {"recalibrate_each_period", bank.recalibrate_each_period}};
  }
  if (a.amount >= 0) {
    LEU_GET(r, planner.evaluate({.kind = diversion_kind(a.diversion),
                                 .amount = a.amount,
                                 .first_period = a.first_period,
                                 .periods = spread}));
    out["scenario"] = {{"diversion", a.diversion}, {"amount", a.amount}, {"first_period", a.first_period}};
    out["report"] = sim::planner_json(r);
    if (a.format == "json")
      std::cout << out.dump(2) << '\n';
    else
      print_scenario(a, r, planner.sigma_muf()[0], unit);
    return {};
  }
  // No amount: the amount each test detects with the target probability, abrupt and protracted.
  out["target_detection"] = a.target;
  out["amount_detected"] = Json::array();
  std::vector<std::pair<std::string, sim::Diversion>> shapes;
  if (a.diversion != "protracted")
    shapes.push_back({"abrupt", {.kind = sim::DiversionKind::kAbrupt, .first_period = a.first_period}});
  if (a.diversion != "abrupt")
    shapes.push_back(
        {"protracted", {.kind = sim::DiversionKind::kProtracted, .first_period = a.first_period, .periods = spread}});
  for (const auto& [name, shape] : shapes)
    for (const char* test : {"single", "cumuf", "page", "gemuf"}) {
      LEU_GET(amount, planner.amount_for(shape, test, a.target));
      Json row = {{"diversion", name}, {"test", test}, {"amount", amount}};
      if (a.bank) {
        row["significant_quantities"] = amount / sim::kLeuSignificantQuantityKg;
        row["cylinders_equivalent"] = amount / sim::u235_per_cylinder_kg(bank);
      }
      out["amount_detected"].push_back(row);
    }
  if (a.format == "json") {
    std::cout << out.dump(2) << '\n';
    return {};
  }
  std::cout << fmt::format(
      "amount detected with {:.0f} % probability within {} periods at {:.3g} false-alarm probability per test "
      "({} iterations, seed {})\n",
      100 * a.target, horizon, a.false_alarm, a.iterations, a.seed);
  std::cout << fmt::format("σ(MUF) of period 1: {:.4g} {}; methods: {}\n", planner.sigma_muf()[0], unit,
                           out["methods_table"].get<std::string>());
  std::cout << fmt::format("{:>11} {:>7} {:>14}{}\n", "diversion", "test", "amount [" + unit + "]",
                           a.bank ? "       SQ  cylinders" : "");
  for (const auto& row : out["amount_detected"])
    std::cout << fmt::format("{:>11} {:>7} {:>14.2f}{}\n", row["diversion"].get<std::string>(),
                             row["test"].get<std::string>(), row["amount"].get<double>(),
                             a.bank ? fmt::format(" {:>8.3f} {:>10.3f}", row["significant_quantities"].get<double>(),
                                                  row["cylinders_equivalent"].get<double>())
                                    : std::string());
  return {};
}

}  // namespace

void add_stats_commands(CLI::App& app, Context& ctx) {
  StatsArgs& s = ctx.hold<StatsArgs>();
  auto* stats = app.add_subcommand("stats", "material-balance statistics: σ(MUF), CUMUF, SITMUF, Page, GEMUF");
  stats->add_option("--mapit", s.mapit,
                    "a MAPIT-layout dataset folder (API_data/mat or API_data/csv); without it, the database's periods");
  stats->add_option("--mba", s.mba, "database: the MBA (default: the facility's first)");
  stats->add_option("--methods", s.methods,
                    "database: a methods table (JSON, data/methods format; default: the methods in force, the "
                    "facility's table or the placeholder)");
  stats->add_option("--mbp", s.mbp, "balance period [h] (MAPIT layout; default 416)");
  stats->add_option("--mode", s.mode, "textbook (default) or mapit (MAPIT 1.5.13's numbers, non-standard)")
      ->check(CLI::IsMember({"textbook", "mapit"}));
  stats->add_option("--rule", s.rule, "flow integration: mapit-pulse (default), linear, step, items")
      ->check(CLI::IsMember({"mapit-pulse", "linear", "step", "items"}));
  stats->add_option("--source", s.source, "auto (mat, else csv), mat or csv")
      ->check(CLI::IsMember({"auto", "mat", "csv"}));
  stats->add_option("--rsd-random", s.rsd_random, "relative random SD of every location (default 0.005)");
  stats->add_option("--rsd-systematic", s.rsd_systematic, "relative systematic SD of every location (default 0.005)");
  stats->add_option("--alpha", s.alpha, "false-alarm probability of the single-balance test (default 0.05)");
  stats->add_option("--alpha-cumuf", s.alpha_cumuf, "false-alarm probability of the CUMUF test per period (0.05)");
  stats->add_option("--page-k", s.page_k, "Page's reference value in SITMUF sd (default 0.5)");
  stats->add_option("--page-alpha", s.page_alpha, "Page's false-alarm probability over the horizon (default 0.05)");
  stats->add_option("--horizon", s.horizon, "Page's horizon in balances (default: the number of periods)");
  stats->add_option("--gemuf-alpha", s.gemuf_alpha, "GEMUF's false-alarm probability per period (default 0.05)");
  stats->add_option("--engine", s.engine, "SITMUF engine: kalman (default) or cholesky")
      ->check(CLI::IsMember({"kalman", "cholesky"}));
  stats->add_option("--format", s.format, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  stats->add_option("--chart-dir", s.chart_dir, "also write muf, cumuf, sitmuf, page and gemuf charts (SVG) here");
  stats->callback([&] { ctx.action = [&]() -> Result<void> { return run_stats(ctx, s); }; });

  SimArgs& m = ctx.hold<SimArgs>();
  auto* simulate = app.add_subcommand("simulate", "detection probability of diversions by Monte Carlo (the planner)");
  simulate->add_flag("--bank", m.bank, "the LEU Bank: cylinders weighed and enrichment-measured at each taking");
  simulate->add_option("--mapit", m.mapit, "or a MAPIT-layout dataset as the nominal facility");
  simulate->add_option("--mbp", m.mbp, "balance period [h] for --mapit (default 416)");
  simulate->add_option("--rsd-random", m.rsd_random, "--mapit: relative random SD (default 0.005)");
  simulate->add_option("--rsd-systematic", m.rsd_systematic, "--mapit: relative systematic SD (default 0.005)");
  simulate->add_option("--cylinders", m.cylinders, "--bank: cylinders in store (default 60)");
  simulate->add_option("--periods", m.periods, "--bank: balance periods (default 12: monthly over one year)");
  simulate->add_flag("--recalibrate", m.recalibrate, "--bank: a new calibration at every taking");
  simulate->add_option("--methods", m.methods, "a methods table (JSON, data/methods format; default: the placeholder)");
  simulate->add_option("--weighing-method", m.weighing, "--bank: weighing method (default 'load cells')");
  simulate->add_option("--enrichment-method", m.enrichment, "--bank: enrichment method (default 'NDA gamma HPGe')");
  simulate->add_option("--iterations", m.iterations, "Monte Carlo iterations (default 20000)");
  simulate->add_option("--seed", m.seed, "random seed (default 1); results do not depend on --threads");
  simulate->add_option("--threads", m.threads, "threads (default: all cores)");
  simulate->add_option("--timeliness", m.timeliness, "periods within which an alarm counts (default: all)");
  simulate->add_option("--false-alarm", m.false_alarm, "target false-alarm probability per test (default 0.05)");
  simulate->add_option("--page-k", m.page_k, "Page's reference value (default 0.5)");
  simulate->add_option("--diversion", m.diversion, "abrupt, protracted, both (default) or none")
      ->check(CLI::IsMember({"abrupt", "protracted", "both", "none"}));
  simulate->add_option("--amount", m.amount, "diverted amount [kg]; without it, the amount detected at --target");
  simulate->add_option("--first-period", m.first_period, "the diversion's first period (default 1)");
  simulate->add_option("--spread", m.spread, "protracted: over this many periods (default: to the timeliness end)");
  simulate->add_option("--target", m.target, "detection probability sought (default 0.95)");
  simulate->add_option("--format", m.format, "table or json")->check(CLI::IsMember({"table", "json"}));
  simulate->add_flag("--no-progress", m.no_progress, "no progress bar (it is drawn only on a terminal anyway)");
  simulate->callback([&] { ctx.action = [&]() -> Result<void> { return run_simulate(m); }; });
}

}  // namespace leu::cli
