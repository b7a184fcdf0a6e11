// Page's test (one-sided CUSUM) on SITMUF and its threshold for a stated false-alarm probability over a horizon.
//
// Contract (statistics.md §1.6): S_0 = 0, S_i = max(0, S_{i-1} + y_i - k), alarm when S_i > h. With y i.i.d. N(0,1)
// (SITMUF under no loss and a correct Σ), P0(max_{i<=n} S_i > h) is computed with the Brook–Evans Markov chain
// (S discretised on [0, h] into `states` cells of width w = 2h/(2m-1), the first cell holding the atom at 0), and
// page_threshold() finds h by bisection so that this probability equals α. The tests check the chain against
// simulation and Siegmund's ARL approximation. Errors: α outside (0,1), horizon 0, k < 0.
//
//   LEU_GET(h, page_threshold(0.5, 0.05, 12, "page"));    // k = 0.5, 5 % over 12 balances
//   double s = 0; s = page_step(s, sitmuf, 0.5); if (s > h) alarm();
#pragma once

#include <cstddef>
#include <string>

#include "domain/error.hpp"

namespace leu::stats {

inline double page_step(double s, double y, double k) {
  const double v = s + y - k;
  return v > 0 ? v : 0;
}

// Default number of Markov-chain states: with 400 states the chain's h agrees with 10⁶-run simulations to ~0.01.
inline constexpr int kPageChainStates = 400;

// P0(some S_i > h, i <= horizon) for y ~ N(mu, 1).
double page_alarm_probability(double k, double h, std::size_t horizon, double mu = 0, int states = kPageChainStates);
// The h with page_alarm_probability(k, h, horizon) = alpha.
Result<double> page_threshold(double k, double alpha, std::size_t horizon, const std::string& field,
                              int states = kPageChainStates);
// Siegmund's approximation of the average run length for y ~ N(mu, 1) (statistics.md §1.6).
double siegmund_arl(double k, double h, double mu);

}  // namespace leu::stats
