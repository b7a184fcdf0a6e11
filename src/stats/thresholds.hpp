// Alarm thresholds from a stated false-alarm probability: normal and chi-square quantiles (Boost.Math).
//
// Contract: alpha in (0, 1), else an error naming `field`. The single-balance and CUMUF tests alarm on |x| > k·σ, so
// k = z_{1-α/2} (two-sided); GEMUF alarms on Z_n > χ²_{n;1-α}.
//
//   LEU_GET(k, two_sided_k(0.05, "alpha"));   // 1.959964
#pragma once

#include <string>

#include "domain/error.hpp"

namespace leu::stats {

Result<double> two_sided_k(double alpha, const std::string& field);
Result<double> one_sided_z(double alpha, const std::string& field);  // z_{1-α}
Result<double> chi2_threshold(double degrees, double alpha, const std::string& field);
double normal_cdf(double x);
double normal_quantile(double p);  // p in (0, 1)

}  // namespace leu::stats
