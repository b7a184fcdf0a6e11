#include "stats/muf_covariance.hpp"

#include <algorithm>
#include <cmath>

namespace leu::stats {

MufCovariance::MufCovariance(const BalanceSequence& s) {
  const std::size_t n = s.periods.size();
  const std::size_t g = s.groups.size();
  diag_.resize(n);
  off_.assign(n > 0 ? n - 1 : 0, 0.0);
  q_.resize(n + 1);
  r_.resize(n);
  q_[0] = s.start_inventory_random_var;
  group_var_.resize(g);
  for (std::size_t j = 0; j < g; ++j) group_var_[j] = s.groups[j].variance;
  by_period_.resize(n);
  by_group_.resize(g);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = s.periods[i];
    q_[i + 1] = p.end_inventory_random_var;
    r_[i] = p.flow_random_var;
    diag_[i] = p.flow_random_var + q_[i] + q_[i + 1];
    if (i + 1 < n) off_[i] = -q_[i + 1];
    for (const auto& e : p.exposures) {
      if (e.amount == 0) continue;
      by_period_[i].push_back({static_cast<std::size_t>(e.group), e.amount});
      by_group_[static_cast<std::size_t>(e.group)].push_back({i, e.amount});
    }
    std::sort(by_period_[i].begin(), by_period_[i].end(),
              [](const Entry& a, const Entry& b) { return a.index < b.index; });
  }
}

double MufCovariance::operator()(std::size_t i, std::size_t k) const {
  if (i > k) std::swap(i, k);
  double v = i == k ? diag_[i] : (k == i + 1 ? off_[i] : 0.0);
  const auto& a = by_period_[i];
  const auto& b = by_period_[k];
  for (std::size_t x = 0, y = 0; x < a.size() && y < b.size();) {
    if (a[x].index < b[y].index) {
      ++x;
    } else if (b[y].index < a[x].index) {
      ++y;
    } else {
      v += group_var_[a[x].index] * a[x].amount * b[y].amount;
      ++x;
      ++y;
    }
  }
  return v;
}

void MufCovariance::column(std::size_t k, std::vector<double>& out) const {
  out.assign(k + 1, 0.0);
  for (const auto& e : by_period_[k]) {
    const double w = group_var_[e.index] * e.amount;
    for (const auto& f : by_group_[e.index]) {
      if (f.index > k) break;
      out[f.index] += w * f.amount;
    }
  }
  out[k] += diag_[k];
  if (k > 0) out[k - 1] += off_[k - 1];
}

Eigen::MatrixXd MufCovariance::dense() const {
  const auto n = static_cast<Eigen::Index>(size());
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
  for (std::size_t g = 0; g < by_group_.size(); ++g)
    for (const auto& a : by_group_[g])
      for (const auto& b : by_group_[g])
        m(static_cast<Eigen::Index>(a.index), static_cast<Eigen::Index>(b.index)) +=
            group_var_[g] * a.amount * b.amount;
  for (Eigen::Index i = 0; i < n; ++i) {
    m(i, i) += diag_[static_cast<std::size_t>(i)];
    if (i + 1 < n) {
      m(i, i + 1) += off_[static_cast<std::size_t>(i)];
      m(i + 1, i) += off_[static_cast<std::size_t>(i)];
    }
  }
  return m;
}

std::vector<double> MufCovariance::cumuf_variances() const {
  const std::size_t n = size();
  std::vector<double> out(n);
  std::vector<double> running(group_var_.size(), 0.0);
  double r_sum = 0, systematic = 0;  // Σ_g δS_g² (Σ_{j<=i} e_{g,j})², updated per exposure
  for (std::size_t i = 0; i < n; ++i) {
    r_sum += r_[i];
    for (const auto& e : by_period_[i]) {
      const double before = running[e.index];
      running[e.index] += e.amount;
      systematic += group_var_[e.index] * (running[e.index] * running[e.index] - before * before);
    }
    out[i] = q_[0] + q_[i + 1] + r_sum + systematic;
  }
  return out;
}

}  // namespace leu::stats
