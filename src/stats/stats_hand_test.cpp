// Hand-computed small cases for every statistic (values worked out on paper in the comments; tolerances stated).
#include <cmath>
#include <random>

#include <gtest/gtest.h>
#include <Eigen/Dense>

#include "stats/balance_builder.hpp"
#include "stats/cholesky_sitmuf.hpp"
#include "stats/kalman_sitmuf.hpp"
#include "stats/muf_covariance.hpp"
#include "stats/page_cusum.hpp"
#include "stats/sequence_analysis.hpp"
#include "stats/thresholds.hpp"

namespace leu::stats {
namespace {

// Doubles summing a handful of terms: 1e-12 absolute covers their rounding.
constexpr double kRound = 1e-12;

MethodTable two_methods() {
  return {"test",
          "1",
          {{"scale", "mass", 0.01, 0.02, "test value"}, {"flowmeter", "flow", 0.005, 0.01, "test value"}},
          "test"};
}

// One inventory location (scale: δR 1 %, δS 2 %), one input per period (flowmeter: δR 0.5 %, δS 1 %), one calibration
// period each. C = 100, 110, 90, 120 kg; X = 20, 30, 40 kg. So MUF = 10, 50, 10 kg.
std::vector<Measurement> hand_case() {
  std::vector<Measurement> ms;
  const double c[] = {100, 110, 90, 120};
  for (std::size_t t = 0; t < 4; ++t)
    ms.push_back({.location = "vault",
                  .kind = MeasuredKind::kInventory,
                  .index = t,
                  .value = c[t],
                  .method = "scale",
                  .calibration = "2025",
                  .row = t + 1});
  const double x[] = {20, 30, 40};
  for (std::size_t i = 1; i <= 3; ++i)
    ms.push_back({.location = "feed",
                  .kind = MeasuredKind::kInput,
                  .index = i,
                  .value = x[i - 1],
                  .method = "flowmeter",
                  .calibration = "2025",
                  .row = 4 + i});
  return ms;
}

TEST(StatsHand, MufAndItsCovarianceMatchTheHandPropagation) {
  auto seq = build_balance_sequence(hand_case(), 3, two_methods());
  ASSERT_TRUE(seq) << seq.error().describe();
  EXPECT_NEAR(seq->periods[0].muf, 10, kRound);
  EXPECT_NEAR(seq->periods[1].muf, 50, kRound);
  EXPECT_NEAR(seq->periods[2].muf, 10, kRound);
  MufCovariance cov(*seq);
  // var(MUF_1) = 20²(2.5e-5+1e-4) + (100²+110²)·1e-4 + (100-110)²·4e-4 = 0.05 + 2.21 + 0.04
  EXPECT_NEAR(cov(0, 0), 2.30, kRound);
  EXPECT_NEAR(cov(1, 1), 2.2925, kRound);  // 0.1125 + 2.02 + 0.16
  EXPECT_NEAR(cov(2, 2), 2.81, kRound);    // 0.2 + 2.25 + 0.36
  // cov(1,2) = 20·30·1e-4 + (-10)(20)·4e-4 - 110²·1e-4 (the shared inventory) = 0.06 - 0.08 - 1.21
  EXPECT_NEAR(cov(0, 1), -1.23, kRound);
  EXPECT_NEAR(cov(1, 0), -1.23, kRound);
  EXPECT_NEAR(cov(0, 2), 0.20, kRound);   // 20·40·1e-4 + (-10)(-30)·4e-4
  EXPECT_NEAR(cov(1, 2), -0.93, kRound);  // 0.12 - 0.24 - 0.81
  const Eigen::MatrixXd d = cov.dense();
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 3; ++k)
      EXPECT_NEAR(d(i, k), cov(static_cast<std::size_t>(i), static_cast<std::size_t>(k)), kRound);
}

TEST(StatsHand, ContributionsSumToTheVarianceAndNameTheDominantTerm) {
  auto seq = build_balance_sequence(hand_case(), 3, two_methods());
  ASSERT_TRUE(seq);
  auto a = analyse(*seq);
  ASSERT_TRUE(a) << a.error().describe();
  const auto& row = a->rows[0];
  double sum = 0;
  for (const auto& c : row.contributions) sum += c.variance;
  EXPECT_NEAR(sum, 2.30, kRound);
  EXPECT_EQ(row.contributions.front().term, "random: vault");  // 2.21 of 2.30
  EXPECT_NEAR(row.contributions.front().variance, 2.21, kRound);
}

TEST(StatsHand, CumufVarianceIsTheSingleBalanceOverTheWholeSpan) {
  auto seq = build_balance_sequence(hand_case(), 3, two_methods());
  ASSERT_TRUE(seq);
  const auto v = MufCovariance(*seq).cumuf_variances();
  // 1ᵀΣ1 over 3 periods = 7.4025 + 2(-1.23 + 0.20 - 0.93) = 3.4825; equally q0 + q3 + Σr + Σ δS²(Σe)² =
  // 1 + 1.44 + 0.0725 + 0.81 + 0.16.
  EXPECT_NEAR(v[2], 3.4825, kRound);
  EXPECT_NEAR(v[0], 2.30, kRound);
  EXPECT_NEAR(v[1], 2.30 + 2.2925 - 2 * 1.23, kRound);
}

TEST(StatsHand, SitmufOfTheFirstTwoPeriodsMatchesTheHandFactorisation) {
  auto seq = build_balance_sequence(hand_case(), 3, two_methods());
  ASSERT_TRUE(seq);
  for (auto engine : {SitmufEngine::kKalman, SitmufEngine::kCholesky}) {
    auto a = analyse(*seq, {.engine = engine});
    ASSERT_TRUE(a) << a.error().describe();
    // SITMUF_1 = 10/√2.3; ℓ = -1.23/√2.3; d² = 2.2925 - 1.23²/2.3; ITMUF_2 = 50 + 1.23·10/2.3.
    EXPECT_NEAR(a->rows[0].sitmuf, 10 / std::sqrt(2.3), 1e-12);
    const double d2 = 2.2925 - 1.23 * 1.23 / 2.3;
    EXPECT_NEAR(a->rows[1].itmuf, 50 + 12.3 / 2.3, 1e-11);
    EXPECT_NEAR(a->rows[1].sigma_itmuf, std::sqrt(d2), 1e-12);
    EXPECT_NEAR(a->rows[1].sitmuf, (50 + 12.3 / 2.3) / std::sqrt(d2), 1e-11);
    // The third, against Eigen's own Cholesky (an independent implementation): L⁻¹·MUF.
    const Eigen::MatrixXd sigma = MufCovariance(*seq).dense();
    const Eigen::VectorXd z = sigma.llt().matrixL().solve(Eigen::Vector3d(10, 50, 10));
    EXPECT_NEAR(a->rows[2].sitmuf, z(2), 1e-11);
    // GEMUF = Σ SITMUF² = MUFᵀ Σ⁻¹ MUF.
    const Eigen::Vector3d m(10, 50, 10);
    EXPECT_NEAR(a->rows[2].gemuf, m.dot(sigma.ldlt().solve(m)), 1e-9);
  }
}

TEST(StatsHand, PageStatisticFollowsTheRecursion) {
  // y = 1, 2, -3, 0.7 with k = 0.5: S = 0.5, 2.0, max(0, -1.5) = 0, 0.2.
  double s = 0;
  const double y[] = {1, 2, -3, 0.7}, want[] = {0.5, 2.0, 0.0, 0.2};
  for (int i = 0; i < 4; ++i) {
    s = page_step(s, y[i], 0.5);
    EXPECT_NEAR(s, want[i], 1e-15);
  }
}

TEST(StatsHand, ThresholdsAreTheTabulatedQuantiles) {
  // Abramowitz & Stegun 26.2 / any χ² table, to the digits printed there.
  EXPECT_NEAR(*two_sided_k(0.05, "a"), 1.959964, 1e-6);
  EXPECT_NEAR(*two_sided_k(0.01, "a"), 2.575829, 1e-6);
  EXPECT_NEAR(*chi2_threshold(1, 0.05, "a"), 3.841459, 1e-6);
  EXPECT_NEAR(*chi2_threshold(10, 0.05, "a"), 18.307038, 1e-6);
  EXPECT_FALSE(two_sided_k(0, "alpha"));
  EXPECT_FALSE(two_sided_k(1.5, "alpha"));
}

TEST(StatsHand, PageChainAgreesWithSiegmundAndWithItsOwnLimits) {
  // One step: P(S_1 > h) = P(y > h + k) exactly; the chain's discretisation error is O(w).
  EXPECT_NEAR(page_alarm_probability(0.5, 2.0, 1), 1 - normal_cdf(2.5), 2e-3);
  // Long horizon: P(alarm by n) ≈ 1 - exp(-n/ARL0) with Siegmund's ARL0(k=0.5, h=4) ≈ 336 (statistics.md §1.6).
  // The geometric approximation and Siegmund's are each good to a few per cent: 0.03 absolute. statistics.md rounds
  // Siegmund's value to ≈ 336; the formula gives 338.1 (1 % tolerance).
  const double arl = siegmund_arl(0.5, 4, 0);
  EXPECT_NEAR(arl, 336, 3.4);
  EXPECT_NEAR(siegmund_arl(0.5, 4, 1), 8.4, 0.1);  // statistics.md: ≈ 8.4 at δ = 1
  EXPECT_NEAR(page_alarm_probability(0.5, 4, 336), 1 - std::exp(-1.0), 0.03);
  // The threshold inverts the probability.
  auto h = page_threshold(0.5, 0.05, 12, "page");
  ASSERT_TRUE(h);
  EXPECT_NEAR(page_alarm_probability(0.5, *h, 12), 0.05, 1e-4);
  EXPECT_FALSE(page_threshold(0.5, 0.05, 0, "page"));
}

TEST(StatsHand, IncrementalFactorEqualsTheFullFactorisation) {
  // Random SPD 30×30 matrix: extending the factor one column at a time gives the same L⁻¹m as Eigen's LLT.
  std::mt19937_64 rng(7);
  std::normal_distribution<double> n01;
  Eigen::MatrixXd a(30, 30);
  for (int i = 0; i < 30; ++i)
    for (int j = 0; j < 30; ++j) a(i, j) = n01(rng);
  const Eigen::MatrixXd sigma = a * a.transpose() + 30 * Eigen::MatrixXd::Identity(30, 30);
  Eigen::VectorXd m(30);
  for (int i = 0; i < 30; ++i) m(i) = n01(rng);
  const Eigen::VectorXd z = sigma.llt().matrixL().solve(m);
  CholeskySitmuf c;
  for (int k = 0; k < 30; ++k) {
    std::vector<double> col(static_cast<std::size_t>(k) + 1);
    for (int i = 0; i <= k; ++i) col[static_cast<std::size_t>(i)] = sigma(i, k);
    auto v = c.append(col, m(k), static_cast<std::size_t>(k) + 1);
    ASSERT_TRUE(v);
    EXPECT_NEAR(v->sitmuf, z(k), 1e-10);  // condition number < 10: 1e-10 is generous for rounding
  }
}

TEST(StatsHand, NotPositiveDefiniteIsAnErrorNamingThePeriod) {
  // Periods 1 and 2 identical and perfectly correlated: the second pivot is zero.
  CholeskySitmuf c;
  ASSERT_TRUE(c.append(std::vector<double>{4.0}, 1.0, 1));
  auto v = c.append(std::vector<double>{4.0, 4.0}, 1.0, 2);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().field, "period 2");
  EXPECT_NE(v.error().message.find("not positive definite"), std::string::npos);
  // The same through the Kalman engine: two periods exposed only to one systematic group.
  BalanceSequence s;
  s.groups = {{"g", 1e-4}};
  s.periods = {{.muf = 1, .exposures = {{0, 100}}}, {.muf = 1, .exposures = {{0, 100}}}};
  auto a = analyse(s);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().field, "period 2");
}

TEST(StatsHand, BadInputNamesTheInputAndTheRow) {
  auto ms = hand_case();
  ms[5].method = "ouija";
  auto r = build_balance_sequence(ms, 3, two_methods());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "measurement 6 (feed): method");
  EXPECT_NE(r.error().message.find("ouija"), std::string::npos);

  ms = hand_case();
  ms.erase(ms.begin() + 2);  // vault at boundary 2
  r = build_balance_sequence(ms, 3, two_methods());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "inventory vault");
  EXPECT_NE(r.error().message.find("boundary 2"), std::string::npos);

  ms = hand_case();
  ms[6].index = 4;  // period 4 of 3
  r = build_balance_sequence(ms, 3, two_methods());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "measurement 7 (feed)");

  MethodTable neg = two_methods();
  neg.methods[0].random_rsd = -0.01;
  r = build_balance_sequence(hand_case(), 3, neg);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "methods[0].random_rsd");

  BalanceSequence s;
  s.periods = {{.muf = 1, .flow_random_var = 1}, {.muf = 1, .flow_random_var = -2}};
  auto a = analyse(s);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().field, "period 2");
}

TEST(StatsHand, APeriodWithoutMeasuredQuantityIsInactiveAndSkipped) {
  BalanceSequence s;
  s.periods = {{.muf = 0}, {.muf = 2, .flow_random_var = 4}};
  auto a = analyse(s);
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_FALSE(a->rows[0].active);
  EXPECT_TRUE(a->rows[1].active);
  EXPECT_NEAR(a->rows[1].sitmuf, 1.0, 1e-15);  // 2/√4
  s.periods[0].muf = 1;                        // MUF without variance: bad data
  EXPECT_FALSE(analyse(s));
}

}  // namespace
}  // namespace leu::stats
