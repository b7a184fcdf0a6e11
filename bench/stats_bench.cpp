// leubank_stats_bench: what the material-balance statistics cost, against MAPIT's timings (statistics.md §4).
//
//   BM_MapitPipeline/MBP/I   MAPIT's pipeline over its example dataset (2 inputs, 26 inventories; MAPIT adds an
//                            all-zero output, which changes nothing): I iterations, each drawing the measurement
//                            errors (one systematic per location, random errors aggregated per window and location
//                            as §1.8 allows), the measured MUF, Σ built from that iteration's measured values,
//                            σMUF, CUMUF, SITMUF, Page and GEMUF. Flow totals and boundary indices are found once
//                            (the nominal integration is done in setup, as MAPIT finds its pulses once). One thread.
//   BM_MapitSetup/MBP        that setup: reading nothing, integrating every window of the 391 k samples.
//   BM_MapitCompat/MBP       MAPIT compatibility mode on the nominal data (its covariance is O(n²·L)).
//   BM_Sequence/n            analyse() over n periods (100, 1,000, 10,000) of a synthetic facility with 28 locations
//                            and a recalibration every 52 periods (Kalman SITMUF); items = periods.
//   BM_KalmanAppend/n        the cost per period of appending 100 periods to a filter that already holds n periods.
//   BM_CholeskyAppend/n      the same (10 periods) with the dense incremental Cholesky factor (O(n²) per period).
//   BM_PlannerSequences      Monte Carlo throughput: the bank's 12-period sequence, 100,000 iterations, one thread:
//                            items_per_second = simulated balance sequences per second per core (draws, SITMUF,
//                            all four tests).
//
// Run: build/<dir>/bench/leubank_stats_bench [--benchmark_filter=...]. Needs ../shared/peer-data/mapit for the MAPIT
// benchmarks (skipped with a message otherwise). Never a test.
#include <cmath>
#include <filesystem>
#include <memory>
#include <vector>

#include <benchmark/benchmark.h>

#include "mapit/mapit_reader.hpp"
#include "sim/bank_model.hpp"
#include "sim/counter_rng.hpp"
#include "sim/method_table_json.hpp"
#include "sim/planner.hpp"
#include "stats/cholesky_sitmuf.hpp"
#include "stats/kalman_sitmuf.hpp"
#include "stats/mapit_balances.hpp"
#include "stats/muf_covariance.hpp"
#include "stats/page_cusum.hpp"
#include "stats/sequence_analysis.hpp"

namespace leu {
namespace {

const std::string kMapitDir = LEUBANK_SOURCE_DIR "/../shared/peer-data/mapit";
constexpr double kRsd = 0.005;  // MAPIT's API example: 0.5 % random and systematic everywhere (statistics.md §5)

const stats::MapitDataset* mapit_data() {
  static std::unique_ptr<stats::MapitDataset> data = [] {
    if (!std::filesystem::exists(kMapitDir + "/API_data")) return std::unique_ptr<stats::MapitDataset>();
    auto d = mapit::read_mapit_dataset(kMapitDir);
    return d ? std::make_unique<stats::MapitDataset>(std::move(*d)) : std::unique_ptr<stats::MapitDataset>();
  }();
  return data.get();
}

// Nominal per-location, per-window quantities: what MAPIT recomputes per entry, found once here.
struct Nominal {
  std::size_t n = 0, flows = 0, inventories = 0;
  std::vector<std::vector<double>> flow_total, flow_wsq;  // [location][period]
  std::vector<double> flow_sign;
  std::vector<std::vector<double>> inv;  // [location][boundary 0..n]
};

Nominal nominal_of(const stats::MapitDataset& d, double mbp) {
  Nominal m;
  m.n = static_cast<std::size_t>(std::floor(stats::horizon_hours(d) / mbp));
  for (const auto* group : {&d.inputs, &d.outputs})
    for (const auto& s : *group) {
      std::vector<double> t(m.n), w(m.n);
      for (std::size_t i = 0; i < m.n; ++i) {
        const auto f = stats::integrate_flow(s, static_cast<double>(i) * mbp, static_cast<double>(i + 1) * mbp,
                                             stats::FlowRule::kMapitPulse,
                                             i == 0 ? stats::Window::kClosed : stats::Window::kHalfOpen);
        t[i] = f.total;
        w[i] = f.weight_sq;
      }
      m.flow_total.push_back(std::move(t));
      m.flow_wsq.push_back(std::move(w));
      m.flow_sign.push_back(group == &d.inputs ? 1.0 : -1.0);
    }
  m.flows = m.flow_total.size();
  for (const auto& s : d.inventories) {
    std::vector<double> c(m.n + 1);
    for (std::size_t t = 0; t <= m.n; ++t) c[t] = s.value[stats::nearest_sample(s, static_cast<double>(t) * mbp)];
    m.inv.push_back(std::move(c));
  }
  m.inventories = m.inv.size();
  return m;
}

// One iteration: measured values, Σ on them, the statistics. Returns the last Page value (kept live).
double one_iteration(const Nominal& m, std::uint64_t it, double page_h, stats::BalanceSequence& s) {
  sim::CounterNormal rng(2026, it);
  const double a = kRsd * kRsd, b = kRsd * kRsd;
  const std::size_t locations = m.flows + m.inventories;
  s.groups.resize(locations);
  for (std::size_t l = 0; l < locations; ++l) s.groups[l] = {"", b};
  s.periods.assign(m.n, {});
  std::vector<double> eta(locations);
  for (auto& e : eta) e = kRsd * rng.next();
  s.start_inventory_random_var = 0;
  for (std::size_t l = 0; l < m.flows; ++l)
    for (std::size_t i = 0; i < m.n; ++i) {
      const double t = m.flow_total[l][i];
      const double measured = t * (1 + eta[l]) + kRsd * std::sqrt(m.flow_wsq[l][i]) * rng.next();
      auto& p = s.periods[i];
      p.muf += m.flow_sign[l] * measured;
      const double scale = t != 0 ? measured / t : 1.0;
      p.flow_random_var += a * m.flow_wsq[l][i] * scale * scale;
      if (measured != 0) p.exposures.push_back({static_cast<int>(l), m.flow_sign[l] * measured});
    }
  for (std::size_t l = 0; l < m.inventories; ++l) {
    double prev = 0;
    for (std::size_t t = 0; t <= m.n; ++t) {
      const double c = m.inv[l][t];
      const double measured = c * (1 + eta[m.flows + l] + kRsd * rng.next());
      if (t == 0)
        s.start_inventory_random_var += a * measured * measured;
      else
        s.periods[t - 1].end_inventory_random_var += a * measured * measured;
      if (t < m.n) s.periods[t].muf += measured;
      if (t > 0) {
        s.periods[t - 1].muf -= measured;
        const double e = prev - measured;
        if (e != 0) s.periods[t - 1].exposures.push_back({static_cast<int>(m.flows + l), e});
      }
      prev = measured;
    }
  }
  auto r = stats::analyse(s, {.page_horizon = m.n, .page_h = page_h});
  return r ? r->rows.back().page : -1;
}

void BM_MapitPipeline(benchmark::State& state) {
  const auto* d = mapit_data();
  if (!d) {
    state.SkipWithError("MAPIT peer data not found");
    return;
  }
  const double mbp = static_cast<double>(state.range(0));
  const auto iterations = static_cast<std::uint64_t>(state.range(1));
  const Nominal m = nominal_of(*d, mbp);
  const double h = *stats::page_threshold(0.5, 0.05, m.n, "page");
  stats::BalanceSequence s;
  for (auto _ : state) {
    double sink = 0;
    for (std::uint64_t it = 0; it < iterations; ++it) sink += one_iteration(m, it, h, s);
    benchmark::DoNotOptimize(sink);
  }
  state.counters["balances"] = static_cast<double>(m.n);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(iterations));
}
BENCHMARK(BM_MapitPipeline)
    ->Args({416, 50})
    ->Args({416, 100})
    ->Args({416, 300})
    ->Args({416, 1000})
    ->Args({208, 100})
    ->Args({104, 100})
    ->Args({52, 100})
    ->Args({24, 20})
    ->Unit(benchmark::kMillisecond);

void BM_MapitSetup(benchmark::State& state) {
  const auto* d = mapit_data();
  if (!d) {
    state.SkipWithError("MAPIT peer data not found");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(nominal_of(*d, static_cast<double>(state.range(0))));
}
BENCHMARK(BM_MapitSetup)->Arg(416)->Arg(24)->Unit(benchmark::kMillisecond);

void BM_MapitCompat(benchmark::State& state) {
  const auto* d = mapit_data();
  if (!d) {
    state.SkipWithError("MAPIT peer data not found");
    return;
  }
  const auto e = stats::uniform_errors(*d, kRsd, kRsd);
  for (auto _ : state) benchmark::DoNotOptimize(stats::mapit_compat(*d, e, static_cast<double>(state.range(0))));
}
BENCHMARK(BM_MapitCompat)->Arg(416)->Arg(24)->Unit(benchmark::kMillisecond);

// A synthetic facility: 2 flows and 26 inventories (MAPIT's example's shape), one systematic group per location and
// calibration year (52 periods), so the filter carries ~28 groups at a time.
stats::BalanceSequence synthetic(std::size_t n) {
  stats::BalanceSequence s;
  constexpr std::size_t kLocations = 28, kYear = 52;
  sim::CounterNormal rng(7, 0);
  s.start_inventory_random_var = 1;
  for (std::size_t i = 0; i < n; ++i) {
    stats::PeriodModel p;
    p.muf = rng.next();
    p.flow_random_var = 0.5;
    p.end_inventory_random_var = 1;
    for (std::size_t l = 0; l < kLocations; ++l) {
      const std::size_t g = (i / kYear) * kLocations + l;
      if (g >= s.groups.size()) s.groups.push_back({"", 2.5e-5});
      p.exposures.push_back({static_cast<int>(g), 100 + 10 * rng.next()});
    }
    s.periods.push_back(std::move(p));
  }
  return s;
}

void BM_Sequence(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto s = synthetic(n);
  const double h = *stats::page_threshold(0.5, 0.05, 100, "page");
  for (auto _ : state) {
    auto r = stats::analyse(s, {.page_horizon = 100, .page_h = h});
    if (!r) state.SkipWithError(r.error().describe().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_Sequence)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// Appending kBatch periods after n: timed together so that the pause/resume overhead (microseconds) does not
// swamp a few-microsecond step; items_per_second = periods appended per second.
constexpr std::size_t kKalmanBatch = 100, kCholeskyBatch = 10;

void BM_KalmanAppend(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto s = synthetic(n + kKalmanBatch);
  const auto last = stats::last_exposure_periods(s);
  for (auto _ : state) {
    state.PauseTiming();
    stats::KalmanSitmuf k(s.groups, s.start_inventory_random_var, last);
    for (std::size_t i = 0; i < n; ++i) (void)k.append(s.periods[i], i + 1);
    state.ResumeTiming();
    for (std::size_t i = n; i < n + kKalmanBatch; ++i) benchmark::DoNotOptimize(k.append(s.periods[i], i + 1));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kKalmanBatch));
}
BENCHMARK(BM_KalmanAppend)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond)->Iterations(20);

void BM_CholeskyAppend(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto s = synthetic(n + kCholeskyBatch);
  const stats::MufCovariance cov(s);
  std::vector<std::vector<double>> cols(kCholeskyBatch);
  for (std::size_t j = 0; j < kCholeskyBatch; ++j) cov.column(n + j, cols[j]);
  std::vector<double> col;
  for (auto _ : state) {
    state.PauseTiming();
    stats::CholeskySitmuf c;
    for (std::size_t i = 0; i < n; ++i) {
      cov.column(i, col);
      (void)c.append(col, s.periods[i].muf, i + 1);
    }
    state.ResumeTiming();
    for (std::size_t j = 0; j < kCholeskyBatch; ++j)
      benchmark::DoNotOptimize(c.append(cols[j], s.periods[n + j].muf, n + j + 1));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kCholeskyBatch));
}
BENCHMARK(BM_CholeskyAppend)->Arg(100)->Arg(1000)->Arg(3000)->Unit(benchmark::kMicrosecond)->Iterations(3);

void BM_PlannerSequences(benchmark::State& state) {
  sim::BankModel m;
  auto s = sim::bank_sequence(m, sim::default_method_table());
  constexpr std::size_t kIterations = 100'000;
  for (auto _ : state) {
    auto p = sim::Planner::create(*s, {.iterations = kIterations, .seed = 1, .threads = 1});
    auto r = p->evaluate({.kind = sim::DiversionKind::kAbrupt, .amount = 40, .first_period = 6});
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kIterations));
}
BENCHMARK(BM_PlannerSequences)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace leu

BENCHMARK_MAIN();
