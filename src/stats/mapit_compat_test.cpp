// MAPIT compatibility mode on a hand-made dataset: every number below is worked out by hand from statistics.md §3.
#include <cmath>

#include <gtest/gtest.h>

#include "stats/mapit_balances.hpp"
#include "stats/sequence_analysis.hpp"

namespace leu::stats {
namespace {

// A few products of exact decimals: 1e-12 covers the rounding.
constexpr double kRound = 1e-12;

// MBP 2 h over T = 8 h: M = 4, P = 3 balances. One inventory: C(0) = 10, C(1) = 20, C(2) = 15, C(3) = 30 (at t = 0,
// 2, 4, 6); C(-1) = the first sample = 10. One all-zero input (MAPIT needs one). δR = 1 %, δS = 2 %: a = 1e-4,
// b = 4e-4.
MapitDataset tiny() {
  MapitDataset d;
  d.inventories.push_back({"invn0", {0, 1, 2, 3, 4, 5, 6, 7, 8}, {10, 10, 20, 20, 15, 15, 30, 30, 30}});
  d.inputs.push_back({"in0", {0, 8}, {0, 0}});
  return d;
}

TEST(MapitCompat, ReproducesMapitsFormulasOnAHandCase) {
  const MapitDataset d = tiny();
  auto m = mapit_compat(d, uniform_errors(d, 0.01, 0.02), 2);
  ASSERT_TRUE(m) << m.error().describe();
  ASSERT_EQ(m->balances, 3u);
  // MUF_p = -(C(p) - C(p-1)) = -10, 5, -15; CUMUF = -10, -5, -20.
  EXPECT_NEAR(m->muf[0], -10, kRound);
  EXPECT_NEAR(m->muf[1], 5, kRound);
  EXPECT_NEAR(m->muf[2], -15, kRound);
  EXPECT_NEAR(m->cumuf[2], -20, kRound);
  // §3 #6: σ² = (C(p)² + [p>1]C(p-1)²)(a+b) = 400·5e-4, 625·5e-4, 1125·5e-4.
  EXPECT_NEAR(m->sigma_muf[0], std::sqrt(0.2), kRound);
  EXPECT_NEAR(m->sigma_muf[1], std::sqrt(0.3125), kRound);
  EXPECT_NEAR(m->sigma_muf[2], std::sqrt(0.5625), kRound);
  // §3 #1, diagonal: C(p)²(a+b) + [m>0](C(p-2)²(a+b) - 2C(p-2)C(p)b): 0.2; 0.1125+0.05-0.12; 0.45+0.2-0.48.
  const auto& c = m->covariance;
  EXPECT_NEAR(c(0, 0), 0.2, kRound);
  EXPECT_NEAR(c(1, 1), 0.0425, kRound);
  EXPECT_NEAR(c(2, 2), 0.17, kRound);
  // Off-diagonal b·u_m·v_n - [n=m+1]·a·C(p)², u = (10, 5, 10), v = (·, -5, 15):
  EXPECT_NEAR(c(0, 1), -0.06, kRound);   // 4e-4·10·(-5) - 1e-4·400
  EXPECT_NEAR(c(0, 2), 0.06, kRound);    // 4e-4·10·15
  EXPECT_NEAR(c(1, 2), 0.0075, kRound);  // 4e-4·5·15 - 1e-4·225
  EXPECT_NEAR(c(2, 1), c(1, 2), 0);
  // §3 #3: x = (0, MUF_1, MUF_2); s = L⁻¹x. By hand: s0 = 0, s1 = -10/√0.0245, s2 = (5 + 0.255/0.0245)/√0.125459…
  ASSERT_FALSE(m->sitmuf_failure);
  EXPECT_EQ(m->sitmuf[0], 0.0);
  EXPECT_NEAR(m->sitmuf[1], -10 / std::sqrt(0.0245), 1e-9);
  const double l22 = std::sqrt(0.152 - 0.0255 * 0.0255 / 0.0245);
  EXPECT_NEAR(m->sitmuf[2], (5 + 0.255 / 0.0245) / l22, 1e-9);
  // §3 #5: P0 = max(s0, 0) = 0, P1 = max(P0 + s1 - 0.5, 0) = 0, P2 = s2 - 0.5. §3 #10: GEMUF V1 = Σ s².
  EXPECT_EQ(m->page[1], 0.0);
  EXPECT_NEAR(m->page[2], m->sitmuf[2] - 0.5, 1e-12);
  EXPECT_NEAR(m->gemuf[2], m->sitmuf[1] * m->sitmuf[1] + m->sitmuf[2] * m->sitmuf[2], 1e-9);
}

TEST(MapitCompat, TextbookModeOnTheSameDataUsesTheTextbookCovariance) {
  const MapitDataset d = tiny();
  auto s = textbook_sequence(d, uniform_errors(d, 0.01, 0.02), {.mbp = 2});
  ASSERT_TRUE(s) << s.error().describe();
  ASSERT_EQ(s->periods.size(), 4u);  // floor(8/2): the textbook keeps the last full period
  auto a = analyse(*s);
  ASSERT_TRUE(a) << a.error().describe();
  // §1.3: var(MUF_1) = (C0² + C1²)a + (C0 - C1)²b = 500e-4 + 100·4e-4 = 0.09 (MAPIT: 0.2).
  EXPECT_NEAR(a->rows[0].sigma_muf, std::sqrt(0.09), kRound);
}

TEST(MapitCompat, BadDatasetsNameTheInput) {
  MapitDataset d = tiny();
  auto e = uniform_errors(d, 0.01, 0.02);
  e.pop_back();
  auto m = mapit_compat(d, e, 2);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().field, "error table");
  d = tiny();
  d.inventories[0].value.pop_back();
  m = mapit_compat(d, uniform_errors(d, 0.01, 0.02), 2);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().field, "invn0");
  d = tiny();
  d.inventories[0].time = {0, 1, 3, 4, 5, 6, 7, 8, 9};  // no sample at the boundary t = 2
  auto s = textbook_sequence(d, uniform_errors(d, 0.01, 0.02), {.mbp = 2});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "inventory invn0");
  EXPECT_NE(s.error().message.find("missing time step"), std::string::npos);
  d = tiny();
  s = textbook_sequence(d, uniform_errors(d, -0.01, 0.02), {.mbp = 2});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "error table row 1");
}

}  // namespace
}  // namespace leu::stats
