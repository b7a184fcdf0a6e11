// The amount a flow record carries through a balance window, per location rule (statistics.md §2.3).
//
// Contract: the window is closed [t0, t1] (MAPIT) or half-open (t0, t1] (textbook: each sample in one period). Only
// samples inside the window count. Rules: kItems sums item masses; kLinear is the trapezoid over the window's
// samples; kStep holds each value until the next sample in the window; kMapitPulse is MAPIT's trapezoid on pulses
// (pulses of |value| >= 1e-10, the end extension, the half-interval at a zero end: §2.3 steps 1–4). The result is the
// total Σ_s w_s y_s and Σ_s (w_s y_s)², the random-variance weight when each sample carries its own random error.
//
//   FlowIntegral f = integrate_flow(in0, 0, 416, FlowRule::kMapitPulse, Window::kClosed);   // f.total [kg]
#pragma once

#include <string>

#include "domain/error.hpp"
#include "stats/time_series.hpp"

namespace leu::stats {

enum class FlowRule { kItems, kLinear, kStep, kMapitPulse };
enum class Window { kClosed, kHalfOpen };

struct FlowIntegral {
  double total = 0;      // [kg]
  double weight_sq = 0;  // Σ (w_s y_s)² [kg²]
};

// MAPIT's non-zero threshold for a flow sample (statistics.md §2.3, §5).
inline constexpr double kMapitPulseThreshold = 1e-10;

FlowIntegral integrate_flow(const TimeSeries& s, double t0, double t1, FlowRule rule, Window window);
Result<FlowRule> parse_flow_rule(const std::string& text, const std::string& field);

}  // namespace leu::stats
