#include "stats/flow_integration.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace leu::stats {
namespace {

struct Pulse {
  std::size_t start, end;
};

FlowIntegral from_weights(const TimeSeries& s, std::size_t lo, const std::vector<double>& w) {
  FlowIntegral f;
  for (std::size_t j = 0; j < w.size(); ++j) {
    const double c = w[j] * s.value[lo + j];
    f.total += c;
    f.weight_sq += c * c;
  }
  return f;
}

// MAPIT's pulse rule on samples lo..hi (inclusive), statistics.md §2.3.
std::vector<double> mapit_pulse_weights(const TimeSeries& s, std::size_t lo, std::size_t hi) {
  const auto& t = s.time;
  const auto& y = s.value;
  auto nz = [&](std::size_t i) { return std::abs(y[i]) >= kMapitPulseThreshold; };
  std::vector<Pulse> pulses;
  bool complete_seen = false;
  std::size_t start = 0;
  bool in_pulse = false;
  for (std::size_t i = lo; i <= hi; ++i) {
    if (nz(i) && (i == lo || !nz(i - 1))) {
      start = i;
      in_pulse = true;
    }
    if (in_pulse && nz(i) && i < hi && !nz(i + 1)) {
      pulses.push_back({start, i});
      complete_seen = true;
      in_pulse = false;
    }
  }
  if (in_pulse) pulses.push_back({start, complete_seen ? hi - 1 : hi});  // cut by the window's end
  // Extension: judged on the first pulse, applied to all.
  if (!pulses.empty()) {
    const Pulse& f = pulses.front();
    if (f.end < hi && !nz(f.end + 1) && f.end - f.start + 1 > 2) {
      double widest = 0;
      for (std::size_t i = f.start; i < f.end; ++i) widest = std::max(widest, t[i + 1] - t[i]);
      if (t[f.end + 1] - t[f.end] <= widest)
        for (auto& p : pulses) p.end = std::min(p.end + 1, hi);
    }
  }
  std::vector<double> w(hi - lo + 1, 0.0);
  for (const auto& p : pulses) {
    if (p.end <= p.start) continue;
    for (std::size_t i = p.start; i < p.end; ++i) {
      const double half = 0.5 * (t[i + 1] - t[i]);
      w[i - lo] += half;
      w[i + 1 - lo] += half;
    }
    if (y[p.end] == 0) w[p.end - 1 - lo] += 0.5 * (t[p.end] - t[p.end - 1]);
  }
  return w;
}

}  // namespace

FlowIntegral integrate_flow(const TimeSeries& s, double t0, double t1, FlowRule rule, Window window) {
  const auto first = window == Window::kClosed ? std::lower_bound(s.time.begin(), s.time.end(), t0)
                                               : std::upper_bound(s.time.begin(), s.time.end(), t0);
  const auto last = std::upper_bound(s.time.begin(), s.time.end(), t1);  // one past the last sample <= t1
  if (first >= last) return {};
  const auto lo = static_cast<std::size_t>(first - s.time.begin());
  const auto hi = static_cast<std::size_t>(last - s.time.begin()) - 1;
  std::vector<double> w(hi - lo + 1, 0.0);
  switch (rule) {
    case FlowRule::kItems: std::fill(w.begin(), w.end(), 1.0); break;
    case FlowRule::kLinear:
      for (std::size_t i = lo; i < hi; ++i) {
        const double half = 0.5 * (s.time[i + 1] - s.time[i]);
        w[i - lo] += half;
        w[i + 1 - lo] += half;
      }
      break;
    case FlowRule::kStep:
      for (std::size_t i = lo; i < hi; ++i) w[i - lo] = s.time[i + 1] - s.time[i];
      break;
    case FlowRule::kMapitPulse: w = mapit_pulse_weights(s, lo, hi); break;
  }
  return from_weights(s, lo, w);
}

Result<FlowRule> parse_flow_rule(const std::string& text, const std::string& field) {
  if (text == "items") return FlowRule::kItems;
  if (text == "linear") return FlowRule::kLinear;
  if (text == "step") return FlowRule::kStep;
  if (text == "mapit-pulse") return FlowRule::kMapitPulse;
  return invalid(field, fmt::format("unknown flow rule \"{}\" (items, linear, step, mapit-pulse)", text));
}

}  // namespace leu::stats
