// The covariance matrix Σ of the MUF sequence, textbook definition (statistics.md §1.2–1.4).
//
// Contract: built from a validated BalanceSequence; Σ_ii = r_i + q_{i-1} + q_i + Σ_g δS_g² e_{g,i}²,
// Σ_{i,i+1} = -q_i + Σ_g δS_g² e_{g,i} e_{g,i+1}, other off-diagonals the systematic part only. Entries are computed
// on demand from the tridiagonal part and sparse exposures (per period and per group), so memory is O(number of
// exposures), not O(n²) nor O(n·G). CUMUF's variance is kept as running sums, O(exposures of the period) per period.
//
//   MufCovariance cov(seq);
//   double sigma = std::sqrt(cov(2, 2));        // σ(MUF_3)
//   Eigen::MatrixXd full = cov.dense();          // for tests and small n
#pragma once

#include <cstddef>
#include <vector>

#include <Eigen/Dense>

#include "stats/balance_sequence.hpp"

namespace leu::stats {

class MufCovariance {
 public:
  explicit MufCovariance(const BalanceSequence& s);

  std::size_t size() const { return diag_.size(); }
  double operator()(std::size_t i, std::size_t k) const;  // Σ_ik, 0-based
  // Σ_{0..k, k}: the new column when period k (0-based) is appended, including the diagonal as its last entry.
  void column(std::size_t k, std::vector<double>& out) const;
  Eigen::MatrixXd dense() const;
  // var(CUMUF_i) for i = 0..n-1 (statistics.md §1.4).
  std::vector<double> cumuf_variances() const;

 private:
  struct Entry {
    std::size_t index;  // group (in by_period_) or period (in by_group_)
    double amount;      // e_{g,i} [kg]
  };
  std::vector<double> diag_;                   // R_ii
  std::vector<double> off_;                    // R_{i,i+1}
  std::vector<double> group_var_;              // δS_g²
  std::vector<std::vector<Entry>> by_period_;  // exposures of each period, sorted by group
  std::vector<std::vector<Entry>> by_group_;   // exposures of each group, by period
  std::vector<double> q_;                      // q_0..q_n
  std::vector<double> r_;                      // r_1..r_n
};

}  // namespace leu::stats
