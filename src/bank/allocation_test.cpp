// The least-excess choice of whole cylinders, against brute force on small reserves.
#include "bank/allocation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/split_mix.hpp"

namespace leu::bank {
namespace {

struct Best {
  bool feasible = false;
  std::int64_t excess = 0;
  std::size_t count = 0;
  std::vector<std::string> ids;
};

// Every subset, the same order of preference: least excess, fewest cylinders, smallest id list.
Best brute_force(const std::vector<Candidate>& c, Mass q) {
  Best best;
  for (std::uint32_t mask = 1; mask < (1u << c.size()); ++mask) {
    std::int64_t sum = 0;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < c.size(); ++i)
      if (mask & (1u << i)) sum += c[i].uranium.mg(), ids.push_back(c[i].id);
    if (sum < q.mg()) continue;
    std::ranges::sort(ids);
    const std::int64_t excess = sum - q.mg();
    if (!best.feasible || excess < best.excess ||
        (excess == best.excess && (ids.size() < best.count || (ids.size() == best.count && ids < best.ids))))
      best = {true, excess, ids.size(), ids};
  }
  return best;
}

TEST(AllocationTest, TheChoiceEqualsBruteForceOnSmallRandomReserves) {
  SplitMix64 rng(5);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = static_cast<int>(rng.between(1, 13));
    std::vector<Candidate> c;
    for (int i = 0; i < n; ++i) {
      // Around 1.5 t U per cylinder, to the gram; some trials with repeated masses to exercise the ties.
      const std::int64_t g = trial % 5 == 0 ? rng.between(1, 3) * 500'000 : rng.between(1'480'000, 1'520'000);
      c.push_back({"C" + std::to_string(100 + i), Mass::grams(g), Mass::grams(g / 20)});
    }
    const Mass q = Mass::grams(rng.between(1, static_cast<std::int64_t>(n) * 1'600'000));
    const AllocationChoice got = choose_cylinders(c, q);
    const Best want = brute_force(c, q);
    ASSERT_EQ(got.feasible, want.feasible) << "trial " << trial;
    EXPECT_TRUE(got.optimal);
    if (!want.feasible) continue;
    EXPECT_EQ(got.excess.mg(), want.excess) << "trial " << trial;
    EXPECT_EQ(got.ids, want.ids) << "trial " << trial;
    EXPECT_GE(got.uranium, q);
  }
}

TEST(AllocationTest, AQuantityAboveTheReserveIsInfeasible) {
  const std::vector<Candidate> c = {{"A", Mass::kilograms(1500), {}}, {"B", Mass::kilograms(1400), {}}};
  EXPECT_FALSE(choose_cylinders(c, Mass::kilograms(2901)).feasible);
  const auto exact = choose_cylinders(c, Mass::kilograms(2900));
  ASSERT_TRUE(exact.feasible);
  EXPECT_EQ(exact.excess, Mass());
}

TEST(AllocationTest, ASearchBeyondItsBudgetSaysTheOptimumIsNotProven) {
  std::vector<Candidate> c;
  SplitMix64 rng(7);
  for (int i = 0; i < 60; ++i)
    c.push_back({"C" + std::to_string(i), Mass::grams(rng.between(1'480'000, 1'520'000)), {}});
  const auto got = choose_cylinders(c, Mass::kilograms(30'000), 10'000);
  ASSERT_TRUE(got.feasible);
  EXPECT_FALSE(got.optimal);
  EXPECT_GE(got.uranium, Mass::kilograms(30'000));
}

}  // namespace
}  // namespace leu::bank
