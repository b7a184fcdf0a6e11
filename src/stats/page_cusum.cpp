#include "stats/page_cusum.hpp"

#include <cmath>
#include <vector>

#include <Eigen/Dense>

#include <fmt/format.h>

#include "stats/thresholds.hpp"

namespace leu::stats {

double page_alarm_probability(double k, double h, std::size_t horizon, double mu, int states) {
  const Eigen::Index m = states;
  const double w = 2 * h / (2.0 * static_cast<double>(m) - 1);
  // Q(i, j): transitions among the non-absorbing states; what leaves a row is the alarm probability.
  // Q(i, j) depends on j - i only (besides column 0): Φ at the 2m+1 cell edges is all that is needed.
  std::vector<double> edge(static_cast<std::size_t>(2 * m + 1));  // edge[e + m] = Φ((e + ½)w + k - mu)
  for (Eigen::Index e = -m; e <= m; ++e)
    edge[static_cast<std::size_t>(e + m)] = normal_cdf((static_cast<double>(e) + 0.5) * w + k - mu);
  auto at = [&](Eigen::Index e) { return edge[static_cast<std::size_t>(e + m)]; };
  Eigen::MatrixXd q(m, m);
  for (Eigen::Index i = 0; i < m; ++i) {
    q(i, 0) = at(-i);
    for (Eigen::Index j = 1; j < m; ++j) q(i, j) = at(j - i) - at(j - i - 1);
  }
  Eigen::RowVectorXd d = Eigen::RowVectorXd::Zero(m);
  d(0) = 1;  // S_0 = 0
  if (horizon <= static_cast<std::size_t>(2 * m)) {
    for (std::size_t step = 0; step < horizon; ++step) d = (d * q).eval();
  } else {  // d·Qⁿ by repeated squaring: O(m³ log n) instead of O(m² n)
    Eigen::MatrixXd power = q;
    for (std::size_t n = horizon; n > 0; n >>= 1) {
      if (n & 1) d = (d * power).eval();
      if (n > 1) power = (power * power).eval();
    }
  }
  return 1 - d.sum();
}

Result<double> page_threshold(double k, double alpha, std::size_t horizon, const std::string& field, int states) {
  if (!(alpha > 0 && alpha < 1))
    return invalid(field, fmt::format("Page's false-alarm probability must be in (0, 1), got {}", alpha));
  if (horizon == 0) return invalid(field, "Page's horizon must be at least one balance period");
  if (!(k >= 0)) return invalid(field, fmt::format("Page's reference value k must be >= 0, got {}", k));
  double lo = 0, hi = 1;
  while (page_alarm_probability(k, hi, horizon, 0, states) > alpha) {
    lo = hi;
    hi *= 2;
    if (hi > 1e4) return invalid(field, "no Page threshold below 10⁴ reaches that false-alarm probability");
  }
  for (int it = 0; it < 60 && hi - lo > 1e-5; ++it) {
    const double mid = 0.5 * (lo + hi);
    (page_alarm_probability(k, mid, horizon, 0, states) > alpha ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double siegmund_arl(double k, double h, double mu) {
  const double delta = mu - k;
  const double b = h + 1.166;  // Siegmund's correction for the overshoot (statistics.md §1.6)
  if (std::abs(delta) < 1e-12) return b * b;
  return (std::exp(-2 * delta * b) + 2 * delta * b - 1) / (2 * delta * delta);
}

}  // namespace leu::stats
