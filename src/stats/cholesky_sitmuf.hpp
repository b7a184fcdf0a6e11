// SITMUF by extending a packed lower Cholesky factor one period at a time (statistics.md §1.5, "incremental").
//
// Contract: append(column, muf) takes Σ_{1..k,k} (the covariances of the new period with every earlier period,
// including the inactive ones, diagonal last) and the new MUF; it solves L ℓ = σ by forward substitution (O(k²)),
// sets d² = s - ℓᵀℓ and extends L by the row [ℓᵀ, d]. Past SITMUF values never change. A pivot d² <= tol·s means Σ is
// not positive definite at that period: the error names the period and the pivot, and the factor is left as it was.
// Memory is k(k+1)/2 doubles; this is the dense reference (the test oracle for KalmanSitmuf) and fine to n ~ 2,000.
//
//   CholeskySitmuf c;
//   std::vector<double> col;
//   for (std::size_t k = 0; k < n; ++k) { cov.column(k, col); LEU_GET(v, c.append(col, muf[k], k + 1)); }
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "domain/error.hpp"
#include "stats/innovation.hpp"

namespace leu::stats {

class CholeskySitmuf {
 public:
  // `period` (1-based) is only used to name the period in an error.
  Result<Innovation> append(std::span<const double> column, double muf, std::size_t period);
  std::size_t active_size() const { return active_.size(); }
  // L_jj of the j-th active period.
  double pivot(std::size_t j) const { return packed_[j * (j + 1) / 2 + j]; }

 private:
  std::vector<double> packed_;       // row j of L at offset j(j+1)/2
  std::vector<std::size_t> active_;  // period index (0-based) of each row of L
  std::vector<double> z_;            // SITMUF of the active periods
  std::vector<double> sigma_, ell_;  // scratch
  std::size_t seen_ = 0;             // periods appended so far, active or not
};

}  // namespace leu::stats
