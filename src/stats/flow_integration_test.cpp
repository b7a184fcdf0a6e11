// Flow integration rules on hand-made records (statistics.md §2.3); every expected value is worked out in the comment.
#include <gtest/gtest.h>

#include "stats/flow_integration.hpp"
#include "stats/time_series.hpp"

namespace leu::stats {
namespace {

// Sums of a few exact binary fractions: exact in double, 1e-12 for safety.
constexpr double kExact = 1e-12;

TEST(FlowIntegration, MapitPulseExtendsOntoTheClosingZeroAndCountsAFullRectangle) {
  // 5 kg/h from t=1 to t=3, zero at t=4 (1 h later = the pulse's widest spacing): end moves onto t=4.
  // Trapezoid 1..4 = 5 + 5 + 2.5, plus half the last interval × 5 = 2.5: 15 = 5 kg/h × 3 h.
  const TimeSeries s{"in", {0, 1, 2, 3, 4, 10}, {0, 5, 5, 5, 0, 0}};
  EXPECT_NEAR(integrate_flow(s, 0, 10, FlowRule::kMapitPulse, Window::kClosed).total, 15, kExact);
  // The other rules on the same record: linear 2.5+5+5+2.5; step 5+5+5; items 5+5+5.
  EXPECT_NEAR(integrate_flow(s, 0, 10, FlowRule::kLinear, Window::kClosed).total, 15, kExact);
  EXPECT_NEAR(integrate_flow(s, 0, 10, FlowRule::kStep, Window::kClosed).total, 15, kExact);
  EXPECT_NEAR(integrate_flow(s, 0, 10, FlowRule::kItems, Window::kClosed).total, 15, kExact);
  // Half-open (0, 10] drops the sample at t=0: linear over t=1..10 = 5 + 5 + 2.5.
  EXPECT_NEAR(integrate_flow(s, 0, 10, FlowRule::kLinear, Window::kHalfOpen).total, 12.5, kExact);
}

TEST(FlowIntegration, MapitPulseWithoutExtensionCountsOnlyItsNonZeroSamples) {
  // The zero comes 3 h after the pulse's last sample (> widest spacing 1 h): no extension; trapezoid 1..3 = 10.
  const TimeSeries s{"in", {0, 1, 2, 3, 6, 10}, {0, 5, 5, 5, 0, 0}};
  const FlowIntegral f = integrate_flow(s, 0, 10, FlowRule::kMapitPulse, Window::kClosed);
  EXPECT_NEAR(f.total, 10, kExact);
  // Weights 0.5, 1, 0.5 on values 5: Σ(w y)² = 2.5² + 5² + 2.5² = 37.5.
  EXPECT_NEAR(f.weight_sq, 37.5, kExact);
}

TEST(FlowIntegration, MapitPulseCutByTheWindowEnd) {
  // Only pulse, cut at t=3: ends at the last sample; 5 + 5.
  const TimeSeries a{"in", {0, 1, 2, 3}, {0, 5, 5, 5}};
  EXPECT_NEAR(integrate_flow(a, 0, 3, FlowRule::kMapitPulse, Window::kClosed).total, 10, kExact);
  // A complete pulse [1,3] (extended onto t=4: 4+4+2+2 = 12) and a cut one [5,7] that ends at the second-to-last
  // sample (6), then moves one later with the extension (7): 6 + 6 = 12. Total 24.
  const TimeSeries b{"in", {0, 1, 2, 3, 4, 5, 6, 7}, {0, 4, 4, 4, 0, 6, 6, 6}};
  EXPECT_NEAR(integrate_flow(b, 0, 7, FlowRule::kMapitPulse, Window::kClosed).total, 24, kExact);
}

TEST(FlowIntegration, NearestSampleTakesTheFirstOnTies) {
  const TimeSeries s{"invn", {0, 1, 2}, {10, 20, 30}};
  EXPECT_EQ(nearest_sample(s, 0.5), 0u);
  EXPECT_EQ(nearest_sample(s, 0.51), 1u);
  EXPECT_EQ(nearest_sample(s, 99), 2u);
  EXPECT_EQ(nearest_sample(s, -5), 0u);
}

TEST(FlowIntegration, BadSeriesNamesTheRow) {
  auto r = validate(TimeSeries{"invn3", {0, 1, 1}, {0, 0, 0}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "invn3 row 3");
  r = validate(TimeSeries{"in0", {0, 1}, {0}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "in0");
  EXPECT_NE(r.error().message.find("mismatched lengths"), std::string::npos);
  EXPECT_FALSE(parse_flow_rule("trapezium", "rule"));
}

}  // namespace
}  // namespace leu::stats
