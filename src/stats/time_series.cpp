#include "stats/time_series.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace leu::stats {

Result<void> validate(const TimeSeries& s) {
  if (s.time.size() != s.value.size())
    return invalid(s.name, fmt::format("mismatched lengths: {} times but {} values", s.time.size(), s.value.size()));
  if (s.time.empty()) return invalid(s.name, "the series has no samples");
  for (std::size_t i = 0; i < s.time.size(); ++i) {
    if (!std::isfinite(s.time[i]) || !std::isfinite(s.value[i]))
      return invalid(fmt::format("{} row {}", s.name, i + 1), "time and value must be finite numbers");
    if (i > 0 && !(s.time[i] > s.time[i - 1]))
      return invalid(fmt::format("{} row {}", s.name, i + 1),
                     fmt::format("times must increase strictly ({} after {})", s.time[i], s.time[i - 1]));
  }
  return {};
}

std::size_t nearest_sample(const TimeSeries& s, double t) {
  const auto it = std::lower_bound(s.time.begin(), s.time.end(), t);
  if (it == s.time.begin()) return 0;
  if (it == s.time.end()) return s.time.size() - 1;
  const auto hi = static_cast<std::size_t>(it - s.time.begin());
  return (t - s.time[hi - 1] <= s.time[hi] - t) ? hi - 1 : hi;  // ties go to the earlier sample
}

}  // namespace leu::stats
