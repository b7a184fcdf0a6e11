#include "stats/cholesky_sitmuf.hpp"

#include <cmath>

#include <fmt/format.h>

namespace leu::stats {

Result<Innovation> CholeskySitmuf::append(std::span<const double> column, double muf, std::size_t period) {
  if (column.size() != seen_ + 1)
    return invalid(fmt::format("period {}", period),
                   fmt::format("covariance column has {} entries, expected {}", column.size(), seen_ + 1));
  const double s = column.back();
  const std::size_t k = active_.size();
  if (s == 0) {
    if (muf != 0)
      return invalid(fmt::format("period {}", period),
                     fmt::format("MUF is {} but its variance is 0: the period has no measured quantity", muf));
    ++seen_;
    return Innovation{.active = false};
  }
  sigma_.resize(k);
  for (std::size_t j = 0; j < k; ++j) sigma_[j] = column[active_[j]];
  ell_.resize(k);
  for (std::size_t j = 0; j < k; ++j) {
    const double* row = &packed_[j * (j + 1) / 2];
    double acc = sigma_[j];
    for (std::size_t m = 0; m < j; ++m) acc -= row[m] * ell_[m];
    ell_[j] = acc / row[j];
  }
  double d2 = s;
  double predicted = 0;
  for (std::size_t j = 0; j < k; ++j) {
    d2 -= ell_[j] * ell_[j];
    predicted += ell_[j] * z_[j];
  }
  if (!(d2 > kPivotTolerance * s))
    return invalid(fmt::format("period {}", period),
                   fmt::format("the MUF covariance is not positive definite here (pivot d² = {:.6g} of var(MUF) = "
                               "{:.6g}): the period is determined by earlier ones or a variance is wrong",
                               d2, s));
  const double d = std::sqrt(d2);
  packed_.insert(packed_.end(), ell_.begin(), ell_.end());
  packed_.push_back(d);
  active_.push_back(seen_);
  ++seen_;
  const double itmuf = muf - predicted;
  z_.push_back(itmuf / d);
  return Innovation{.active = true, .itmuf = itmuf, .variance = d2, .sitmuf = itmuf / d};
}

}  // namespace leu::stats
