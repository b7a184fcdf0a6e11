#include "stats/kalman_sitmuf.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace leu::stats {

std::vector<std::size_t> last_exposure_periods(const BalanceSequence& s) {
  std::vector<std::size_t> last(s.groups.size(), std::numeric_limits<std::size_t>::max());
  for (std::size_t i = 0; i < s.periods.size(); ++i)
    for (const auto& e : s.periods[i].exposures)
      if (e.amount != 0) last[static_cast<std::size_t>(e.group)] = i;
  return last;
}

KalmanSitmuf::KalmanSitmuf(const std::vector<SystematicGroup>& groups, double start_inventory_random_var,
                           std::vector<std::size_t> last_period)
    : last_period_(std::move(last_period)), slot_(groups.size(), -1), retired_(groups.size(), false) {
  group_var_.reserve(groups.size());
  for (const auto& g : groups) group_var_.push_back(g.variance);
  add_state(-1, start_inventory_random_var);  // slot 0: u_0
  add_state(-1, 0.0);                         // slot 1: the next inventory's error
  prev_q_ = start_inventory_random_var;
}

void KalmanSitmuf::add_state(int tag, double variance) {
  const Eigen::Index n = mean_.size();
  mean_.conservativeResize(n + 1);
  mean_(n) = 0;
  cov_.conservativeResize(n + 1, n + 1);
  cov_.row(n).setZero();
  cov_.col(n).setZero();
  cov_(n, n) = variance;
  tag_.push_back(tag);
  if (tag >= 0) slot_[static_cast<std::size_t>(tag)] = static_cast<int>(n);
}

void KalmanSitmuf::remove_state(Eigen::Index idx) {
  const Eigen::Index n = mean_.size();
  const Eigen::Index tail = n - idx - 1;
  if (tail > 0) {
    mean_.segment(idx, tail) = mean_.tail(tail).eval();
    cov_.block(idx, 0, tail, n) = cov_.bottomRows(tail).eval();
    cov_.block(0, idx, n, tail) = cov_.rightCols(tail).eval();
  }
  mean_.conservativeResize(n - 1);
  cov_.conservativeResize(n - 1, n - 1);
  if (tag_[static_cast<std::size_t>(idx)] >= 0)
    slot_[static_cast<std::size_t>(tag_[static_cast<std::size_t>(idx)])] = -1;
  tag_.erase(tag_.begin() + idx);
  for (std::size_t j = static_cast<std::size_t>(idx); j < tag_.size(); ++j)
    if (tag_[j] >= 0) slot_[static_cast<std::size_t>(tag_[j])] = static_cast<int>(j);
}

void KalmanSitmuf::retire(int group) {
  const auto g = static_cast<std::size_t>(group);
  if (slot_[g] >= 0) remove_state(slot_[g]);
  retired_[g] = true;
}

Result<Innovation> KalmanSitmuf::append(const PeriodModel& p, std::size_t period) {
  const std::size_t i = index_++;
  // The unconditional variance Σ_ii, for the pivot test and to recognise an inactive period.
  double sigma_ii = p.flow_random_var + prev_q_ + p.end_inventory_random_var;
  for (const auto& e : p.exposures) {
    const auto g = static_cast<std::size_t>(e.group);
    if (e.amount == 0 || group_var_[g] == 0) continue;
    if (retired_[g]) throw std::logic_error(fmt::format("KalmanSitmuf: group {} exposed after retirement", g));
    if (slot_[g] < 0) add_state(e.group, group_var_[g]);
    sigma_ii += group_var_[g] * e.amount * e.amount;
  }
  // The two inventory slots alternate: u_{i-1} is in slot cur_, u_i (fresh, independent) replaces u_{i-2} in the other.
  const Eigen::Index up = cur_, un = 1 - cur_;
  const Eigen::Index n = mean_.size();
  cov_.row(un).setZero();
  cov_.col(un).setZero();
  cov_(un, un) = p.end_inventory_random_var;
  mean_(un) = 0;
  Innovation out;
  if (sigma_ii == 0) {
    if (p.muf != 0)
      return invalid(fmt::format("period {}", period),
                     fmt::format("MUF is {} but its variance is 0: the period has no measured quantity", p.muf));
    out.active = false;
  } else {
    h_ = Eigen::VectorXd::Zero(n);
    for (const auto& e : p.exposures) {
      const auto g = static_cast<std::size_t>(e.group);
      if (slot_[g] >= 0) h_(slot_[g]) += e.amount;
    }
    h_(up) += 1.0;
    h_(un) -= 1.0;
    ph_.noalias() = cov_ * h_;
    const double s = h_.dot(ph_) + p.flow_random_var;
    if (!(s > kPivotTolerance * sigma_ii)) {
      index_ = i;  // the filter is not usable past a non-positive-definite period; the caller stops
      return invalid(fmt::format("period {}", period),
                     fmt::format("the MUF covariance is not positive definite here (pivot d² = {:.6g} of var(MUF) = "
                                 "{:.6g}): the period is determined by earlier ones or a variance is wrong",
                                 s, sigma_ii));
    }
    const double nu = p.muf - h_.dot(mean_);
    mean_ += ph_ * (nu / s);
    cov_.noalias() -= ph_ * ph_.transpose() / s;
    out = Innovation{.active = true, .itmuf = nu, .variance = s, .sitmuf = nu / std::sqrt(s)};
  }
  cur_ = un;  // u_{i-1} is never observed again: its slot takes u_{i+1} next time
  prev_q_ = p.end_inventory_random_var;
  if (!last_period_.empty())
    for (const auto& e : p.exposures) {
      const auto g = static_cast<std::size_t>(e.group);
      if (last_period_[g] == i && !retired_[g]) retire(e.group);
    }
  return out;
}

}  // namespace leu::stats
