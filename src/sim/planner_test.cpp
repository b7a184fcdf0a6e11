// The planner: reproducible from its seed whatever the thread count, false-alarm rates as designed, detection
// probabilities and the 95 % amount against closed forms. Monte Carlo tolerances are stated from the standard error.
#include <cmath>

#include <gtest/gtest.h>

#include "sim/bank_model.hpp"
#include "sim/method_table_json.hpp"
#include "sim/planner.hpp"
#include "stats/muf_covariance.hpp"
#include "stats/thresholds.hpp"

namespace leu::sim {
namespace {

constexpr std::size_t kIterations = 40'000;  // 20,000 calibrate, 20,000 measure

stats::BalanceSequence bank(std::size_t periods) {
  BankModel m;
  m.periods = periods;
  auto s = bank_sequence(m, default_method_table());
  EXPECT_TRUE(s) << s.error().describe();
  return *s;
}

TEST(Planner, TheSameSeedGivesTheSameNumbersOnOneOrTwoThreads) {
  const auto seq = bank(6);
  auto a = Planner::create(seq, {.iterations = 2'000, .seed = 11, .threads = 1});
  auto b = Planner::create(seq, {.iterations = 2'000, .seed = 11, .threads = 2});
  ASSERT_TRUE(a && b);
  const Diversion d{.kind = DiversionKind::kAbrupt, .amount = 40, .first_period = 3};
  auto ra = a->evaluate(d), rb = b->evaluate(d);
  ASSERT_TRUE(ra && rb);
  for (std::size_t k = 0; k < ra->tests.size(); ++k) {
    EXPECT_EQ(ra->tests[k].threshold, rb->tests[k].threshold);
    EXPECT_EQ(ra->tests[k].detection_by_period, rb->tests[k].detection_by_period);
  }
  auto c = Planner::create(seq, {.iterations = 2'000, .seed = 12, .threads = 2});
  ASSERT_TRUE(c);
  EXPECT_NE(c->evaluate(d)->tests[2].threshold, ra->tests[2].threshold);  // a different seed, different draws
}

TEST(Planner, SingleBalanceDetectionMatchesTheNormalClosedForm) {
  // One balance: MUF ~ N(D, σ²); alarm |MUF| > cσ; P = Φ(D/σ - c) + Φ(-D/σ - c), with c the calibrated threshold.
  const auto seq = bank(1);
  auto p = Planner::create(seq, {.iterations = kIterations, .seed = 3, .timeliness = 1});
  ASSERT_TRUE(p) << p.error().describe();
  const double sigma = p->sigma_muf()[0];
  // σ(MUF) of the bank by hand: 60 cylinders × 76.2 kg U-235 × √(0.05 %² + 1.5 %²), at both takings:
  // √(2·60)·76.2·0.0150083 = 12.53 kg U-235 (placeholder uncertainties).
  EXPECT_NEAR(sigma, std::sqrt(120.0) * 1539.4 * 0.0495 * std::sqrt(0.0005 * 0.0005 + 0.015 * 0.015), 1e-9);
  auto r = p->evaluate({.kind = DiversionKind::kAbrupt, .amount = 2.5 * sigma, .first_period = 1});
  ASSERT_TRUE(r);
  const auto& single = r->tests[0];
  // The calibrated threshold estimates z_{0.975} = 1.96: quantile SE √(p(1-p)/n)/f = √(.05·.95/20000)/(2φ(1.96))
  // ≈ 0.013; 5 SE.
  EXPECT_NEAR(single.threshold, 1.959964, 0.066);
  const double c = single.threshold;
  const double want = stats::normal_cdf(2.5 - c) + stats::normal_cdf(-2.5 - c);
  EXPECT_NEAR(single.detection, want, 5 * std::sqrt(want * (1 - want) / 20'000.0));  // binomial SE, 5 SE
}

TEST(Planner, FalseAlarmRatesMatchTheTargetAndPagesDesign) {
  const auto seq = bank(12);
  auto p = Planner::create(seq, {.iterations = kIterations, .seed = 5, .timeliness = 12, .false_alarm = 0.05});
  ASSERT_TRUE(p);
  auto r = p->evaluate({});
  ASSERT_TRUE(r);
  // Calibrated on one half, measured on the other: the binomial SE √(.05·.95/20000) ≈ 0.0015 plus as much again
  // from the estimated threshold, so 5·√2 SE.
  const double tol = 5 * std::sqrt(2.0) * std::sqrt(0.05 * 0.95 / 20'000.0);
  for (const auto& t : r->tests) {
    EXPECT_NEAR(t.false_alarm, 0.05, tol) << t.test;
    EXPECT_DOUBLE_EQ(t.detection, t.false_alarm) << t.test;  // no diversion: detection is the false alarm
  }
  // With Σ right, SITMUF is i.i.d. N(0,1) and Page's designed h (Brook–Evans) gives its design rate: binomial 5 SE
  // plus 0.002 for the chain's discretisation.
  EXPECT_NEAR(r->page_false_alarm_designed, 0.05, 5 * std::sqrt(0.05 * 0.95 / 20'000.0) + 0.002);
  EXPECT_NEAR(r->tests[2].threshold, r->page_h_designed, 0.25);  // quantile error of a max: a loose check only
}

TEST(Planner, AmountDetectedWith95PercentMatchesTheClosedForm) {
  // One balance at 5 % false alarm: the amount with P = 0.95 solves Φ(D/σ - c) + Φ(-D/σ - c) = 0.95, i.e.
  // D ≈ σ(c + z_{0.95}) (the second term is < 1e-6 there).
  const auto seq = bank(1);
  auto p = Planner::create(seq, {.iterations = kIterations, .seed = 8, .timeliness = 1});
  ASSERT_TRUE(p);
  auto r = p->evaluate({});
  const double c = r->tests[0].threshold, sigma = p->sigma_muf()[0];
  auto d = p->amount_for({.kind = DiversionKind::kAbrupt, .first_period = 1}, "single", 0.95);
  ASSERT_TRUE(d) << d.error().describe();
  // SE of the estimated probability near 0.95 is √(.95·.05/20000) ≈ 0.0015; divided by the density φ(1.645)/σ ≈
  // 0.103/σ that is 0.015σ in the amount; 5 SE.
  EXPECT_NEAR(*d, sigma * (c + 1.644854), 0.075 * sigma);
}

TEST(Planner, BadScenariosAreErrors) {
  const auto seq = bank(4);
  auto p = Planner::create(seq, {.iterations = 1'000, .seed = 1});
  ASSERT_TRUE(p);
  auto r = p->evaluate({.kind = DiversionKind::kProtracted, .amount = 10, .first_period = 3, .periods = 5});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "diversion");
  EXPECT_FALSE(p->amount_for({.kind = DiversionKind::kAbrupt}, "tea leaves", 0.95));
  EXPECT_FALSE(Planner::create(seq, {.iterations = 10}));
  EXPECT_FALSE(Planner::create(seq, {.iterations = 1'000, .timeliness = 9}));
  BankModel m;
  m.enrichment_method = "divining rod";
  auto s = bank_sequence(m, default_method_table());
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "enrichment-method");
}

TEST(MethodTable, TheDefaultSaysItIsAPlaceholderAndNamesEverySource) {
  const auto& t = default_method_table();
  EXPECT_NE(t.status.find("PLACEHOLDER"), std::string::npos);
  ASSERT_TRUE(t.find("load cells", "m"));
  EXPECT_DOUBLE_EQ((*t.find("load cells", "m"))->random_rsd, 0.0005);  // leu-bank.md §11: 0.05 %
  for (const auto& m : t.methods) EXPECT_FALSE(m.source.empty()) << m.name;
}

TEST(MethodTable, ABadDocumentNamesTheMember) {
  auto t = parse_method_table(R"({"format": "leubank-methods", "name": "x", "version": "1", "status": "s",
    "methods": [{"name": "a", "measures": "m", "random_rsd": 0.01, "systematic_rsd": -1, "source": "s"}]})",
                              "site.json");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().field, "site.json: methods[0].systematic_rsd");
  t = parse_method_table(R"({"format": "leubank-methods", "name": "x", "version": "1", "status": "s",
    "methods": [{"name": "a", "measures": "m", "random_rsd": "low", "systematic_rsd": 0, "source": "s"}]})",
                         "site.json");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().field, "site.json: methods[0].random_rsd");
  EXPECT_FALSE(parse_method_table("not json", "site.json"));
}

}  // namespace
}  // namespace leu::sim
