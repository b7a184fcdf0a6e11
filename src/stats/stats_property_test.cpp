// Monte Carlo and randomised properties of the statistics: simulated MUF sequences (drawn measurement by measurement,
// independently of the propagation code) have the covariance the code computes; SITMUF is N(0,1); Page's false-alarm
// rate matches its design; both SITMUF engines agree. Fixed seeds; tolerances from the Monte Carlo standard error.
#include <cmath>
#include <map>
#include <random>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <Eigen/Dense>

#include "stats/balance_builder.hpp"
#include "stats/cholesky_sitmuf.hpp"
#include "stats/kalman_sitmuf.hpp"
#include "stats/muf_covariance.hpp"
#include "stats/page_cusum.hpp"
#include "stats/sequence_analysis.hpp"

namespace leu::stats {
namespace {

constexpr std::size_t kPeriods = 8;

MethodTable methods() {
  return {"test",
          "1",
          {{"scale", "mass", 0.01, 0.005, "test value"},
           {"tank", "volume", 0.02, 0.01, "test value"},
           {"flowmeter", "flow", 0.005, 0.01, "test value"}},
          "test"};
}

// A balanced facility (true MUF = 0): three inventories, one recalibrated at boundary 4, one input and one output
// per period. Inventory values vary so that the systematic exposures do not cancel.
std::vector<Measurement> facility() {
  std::vector<Measurement> ms;
  std::size_t row = 0;
  std::vector<double> total(kPeriods + 1, 0.0);
  for (std::size_t t = 0; t <= kPeriods; ++t) {
    const double c[] = {100 + 30 * std::sin(1.0 * static_cast<double>(t)),
                        80 + 20 * std::cos(0.7 * static_cast<double>(t)), 60 + 5.0 * static_cast<double>(t)};
    ms.push_back({.location = "A",
                  .index = t,
                  .value = c[0],
                  .method = "scale",
                  .calibration = t < 4 ? "1" : "2",
                  .row = ++row});
    ms.push_back({.location = "B", .index = t, .value = c[1], .method = "tank", .calibration = "1", .row = ++row});
    ms.push_back({.location = "C",
                  .index = t,
                  .value = c[2],
                  .method = "scale",
                  .calibration = t < 4 ? "1" : "2",
                  .row = ++row});
    total[t] = c[0] + c[1] + c[2];
  }
  for (std::size_t i = 1; i <= kPeriods; ++i) {
    const double x = 150 + 10.0 * static_cast<double>(i);
    ms.push_back({.location = "in",
                  .kind = MeasuredKind::kInput,
                  .index = i,
                  .value = x,
                  .method = "flowmeter",
                  .calibration = "1",
                  .row = ++row});
    ms.push_back({.location = "out",
                  .kind = MeasuredKind::kOutput,
                  .index = i,
                  .value = total[i - 1] + x - total[i],
                  .method = "flowmeter",
                  .calibration = "1",
                  .row = ++row});
  }
  return ms;
}

// The MUF sequence from measured values, written out independently of balance_builder.cpp.
std::vector<double> simulate_muf(const std::vector<Measurement>& ms, const MethodTable& t, std::mt19937_64& rng) {
  std::normal_distribution<double> n01;
  std::map<std::pair<std::string, std::string>, double> eta;
  std::vector<double> muf(kPeriods, 0.0);
  for (const auto& m : ms) {
    const auto* method = *t.find(m.method, "");
    auto [it, fresh] = eta.try_emplace({m.method, m.calibration}, 0.0);
    if (fresh) it->second = method->systematic_rsd * n01(rng);
    const double measured = m.value * (1 + method->random_rsd * n01(rng) + it->second);
    if (m.kind == MeasuredKind::kInventory) {
      if (m.index < kPeriods) muf[m.index] += measured;
      if (m.index > 0) muf[m.index - 1] -= measured;
    } else {
      muf[m.index - 1] += m.kind == MeasuredKind::kInput ? measured : -measured;
    }
  }
  return muf;
}

constexpr int kIterations = 100'000;

TEST(StatsMonteCarlo, SimulatedMufSequencesHaveTheComputedCovariance) {
  const auto ms = facility();
  auto seq = build_balance_sequence(ms, kPeriods, methods());
  ASSERT_TRUE(seq) << seq.error().describe();
  const Eigen::MatrixXd sigma = MufCovariance(*seq).dense();
  std::mt19937_64 rng(20260101);
  const auto n = static_cast<Eigen::Index>(kPeriods);
  Eigen::MatrixXd sum_xy = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd sum_x = Eigen::VectorXd::Zero(n);
  for (int it = 0; it < kIterations; ++it) {
    const auto m = simulate_muf(ms, methods(), rng);
    const Eigen::Map<const Eigen::VectorXd> v(m.data(), n);
    sum_x += v;
    sum_xy += v * v.transpose();
  }
  const double i_n = kIterations;
  const Eigen::VectorXd mean = sum_x / i_n;
  const Eigen::MatrixXd cov = (sum_xy - i_n * mean * mean.transpose()) / (i_n - 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    // The true MUF is 0: mean within 5 standard errors sqrt(Σ_ii / I).
    EXPECT_NEAR(mean(i), 0.0, 5 * std::sqrt(sigma(i, i) / i_n)) << "period " << i + 1;
    for (Eigen::Index k = i; k < n; ++k) {
      // Standard error of a sample covariance of normals: sqrt((Σ_ii Σ_kk + Σ_ik²) / I); 5 SE over 36 entries.
      const double se = std::sqrt((sigma(i, i) * sigma(k, k) + sigma(i, k) * sigma(i, k)) / i_n);
      EXPECT_NEAR(cov(i, k), sigma(i, k), 5 * se) << "entry " << i + 1 << "," << k + 1;
    }
  }
  // The shared inventory must make consecutive balances negatively correlated here; otherwise this test is empty.
  EXPECT_LT(sigma(0, 1), -5 * std::sqrt((sigma(0, 0) * sigma(1, 1)) / i_n));
}

TEST(StatsMonteCarlo, SitmufIsStandardNormalAndPageKeepsItsFalseAlarmRate) {
  const auto ms = facility();
  auto seq = build_balance_sequence(ms, kPeriods, methods());
  ASSERT_TRUE(seq);
  const double alpha = 0.05;
  auto h = page_threshold(0.5, alpha, kPeriods, "page");
  ASSERT_TRUE(h);
  std::mt19937_64 rng(4242);
  std::vector<double> s1(kPeriods, 0.0), s2(kPeriods, 0.0);
  int alarms = 0;
  const auto last = last_exposure_periods(*seq);
  for (int it = 0; it < kIterations; ++it) {
    const auto m = simulate_muf(ms, methods(), rng);
    KalmanSitmuf k(seq->groups, seq->start_inventory_random_var, last);
    double page = 0;
    bool alarmed = false;
    for (std::size_t i = 0; i < kPeriods; ++i) {
      PeriodModel p = seq->periods[i];
      p.muf = m[i];
      auto v = k.append(p, i + 1);
      ASSERT_TRUE(v);
      s1[i] += v->sitmuf;
      s2[i] += v->sitmuf * v->sitmuf;
      page = page_step(page, v->sitmuf, 0.5);
      alarmed = alarmed || page > *h;
    }
    alarms += alarmed;
  }
  for (std::size_t i = 0; i < kPeriods; ++i) {
    const double mean = s1[i] / kIterations, var = s2[i] / kIterations - mean * mean;
    EXPECT_NEAR(mean, 0.0, 5 / std::sqrt(kIterations)) << "period " << i + 1;       // SE 1/√I
    EXPECT_NEAR(var, 1.0, 5 * std::sqrt(2.0 / kIterations)) << "period " << i + 1;  // SE √(2/I)
  }
  // Binomial SE √(α(1-α)/I) ≈ 0.0007; 5 SE, plus 0.002 for the chain's discretisation (400 states).
  const double far = static_cast<double>(alarms) / kIterations;
  EXPECT_NEAR(far, alpha, 5 * std::sqrt(alpha * (1 - alpha) / kIterations) + 0.002);
}

TEST(StatsMonteCarlo, PageChainMatchesSimulationOfIidNormals) {
  // The threshold for 5 % over 50 balances, checked against 200,000 simulated N(0,1) sequences.
  auto h = page_threshold(0.5, 0.05, 50, "page");
  ASSERT_TRUE(h);
  std::mt19937_64 rng(99);
  std::normal_distribution<double> n01;
  constexpr int kRuns = 200'000;
  int alarms = 0;
  for (int r = 0; r < kRuns; ++r) {
    double s = 0;
    for (int i = 0; i < 50; ++i) {
      s = page_step(s, n01(rng), 0.5);
      if (s > *h) {
        ++alarms;
        break;
      }
    }
  }
  // SE √(0.05·0.95/2e5) ≈ 0.0005; 5 SE plus 0.002 for the discretisation.
  EXPECT_NEAR(static_cast<double>(alarms) / kRuns, 0.05, 5 * std::sqrt(0.05 * 0.95 / kRuns) + 0.002);
}

// Random sequences with several groups, recalibrations and inactive periods: both engines give the same numbers.
RC_GTEST_PROP(StatsProperty, KalmanAndCholeskyEnginesAgree, (std::uint64_t seed)) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  BalanceSequence s;
  const int groups = 1 + static_cast<int>(rng() % 5);
  for (int g = 0; g < groups; ++g) s.groups.push_back({"g" + std::to_string(g), 1e-5 * (1 + u(rng))});
  const std::size_t n = 2 + rng() % 40;
  s.start_inventory_random_var = u(rng);
  for (std::size_t i = 0; i < n; ++i) {
    PeriodModel p;
    p.muf = 10 * (u(rng) - 0.5);
    p.flow_random_var = 0.1 + u(rng);
    p.end_inventory_random_var = u(rng);
    for (int g = 0; g < groups; ++g)
      if (u(rng) < 0.5) p.exposures.push_back({g, 200 * (u(rng) - 0.5)});
    s.periods.push_back(p);
  }
  auto a = analyse(s, {.engine = SitmufEngine::kKalman});
  auto b = analyse(s, {.engine = SitmufEngine::kCholesky});
  RC_ASSERT(a.has_value());
  RC_ASSERT(b.has_value());
  for (std::size_t i = 0; i < n; ++i) {
    // Both are backward-stable; SITMUF of order 10 agrees to 1e-8 relative to its size.
    RC_ASSERT(std::abs(a->rows[i].sitmuf - b->rows[i].sitmuf) <= 1e-8 * (1 + std::abs(b->rows[i].sitmuf)));
    RC_ASSERT(std::abs(a->rows[i].sigma_itmuf - b->rows[i].sigma_itmuf) <= 1e-8 * b->rows[i].sigma_itmuf);
  }
}

}  // namespace
}  // namespace leu::stats
