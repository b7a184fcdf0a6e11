#include "stats/thresholds.hpp"

#include <cmath>

#include <fmt/format.h>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

namespace leu::stats {
namespace {

Result<void> check_alpha(double alpha, const std::string& field) {
  if (!(alpha > 0 && alpha < 1))
    return invalid(field, fmt::format("a false-alarm probability must be in (0, 1), got {}", alpha));
  return {};
}

}  // namespace

double normal_cdf(double x) { return boost::math::cdf(boost::math::normal_distribution<double>(), x); }
double normal_quantile(double p) { return boost::math::quantile(boost::math::normal_distribution<double>(), p); }

Result<double> two_sided_k(double alpha, const std::string& field) {
  LEU_RETURN_IF_ERROR(check_alpha(alpha, field));
  return normal_quantile(1 - alpha / 2);
}

Result<double> one_sided_z(double alpha, const std::string& field) {
  LEU_RETURN_IF_ERROR(check_alpha(alpha, field));
  return normal_quantile(1 - alpha);
}

Result<double> chi2_threshold(double degrees, double alpha, const std::string& field) {
  LEU_RETURN_IF_ERROR(check_alpha(alpha, field));
  if (!(degrees > 0)) return invalid(field, fmt::format("chi-square degrees of freedom must be > 0, got {}", degrees));
  return boost::math::quantile(boost::math::chi_squared_distribution<double>(degrees), 1 - alpha);
}

}  // namespace leu::stats
