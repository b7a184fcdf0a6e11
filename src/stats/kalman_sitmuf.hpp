// SITMUF in O(G²) per period: the innovations of a Kalman filter over the systematic errors (statistics.md §1.5).
//
// Contract: the state holds the relative systematic error η_g of every group in use and the random errors of the
// last two inventories (two alternating slots). Period i observes MUF_i = Σ_g e_{g,i} η_g + u_{i-1} - u_i + w_i; the
// innovation and its variance are exactly ITMUF_i and L_ii² of the Cholesky route (CholeskySitmuf is the test oracle),
// so results agree to rounding. A group enters the state at its first exposure and leaves at retire() (or automatically
// after `last_period`), so the cost per period depends on the groups in use, not on the number of periods. Same pivot
// rule and errors as CholeskySitmuf. Retiring a group and exposing it again later is a bug (exception).
//
//   KalmanSitmuf k(seq.groups, seq.start_inventory_random_var, last_exposure_periods(seq));
//   for (std::size_t i = 0; i < seq.periods.size(); ++i) { LEU_GET(v, k.append(seq.periods[i], i + 1)); ... }
#pragma once

#include <cstddef>
#include <vector>

#include <Eigen/Dense>

#include "domain/error.hpp"
#include "stats/balance_sequence.hpp"
#include "stats/innovation.hpp"

namespace leu::stats {

// For each group, the last 0-based period index with a non-zero exposure (or SIZE_MAX when never exposed).
std::vector<std::size_t> last_exposure_periods(const BalanceSequence& s);

class KalmanSitmuf {
 public:
  KalmanSitmuf(const std::vector<SystematicGroup>& groups, double start_inventory_random_var,
               std::vector<std::size_t> last_period = {});
  // `period` is 1-based, used in errors; periods must be appended in order.
  Result<Innovation> append(const PeriodModel& p, std::size_t period);
  void retire(int group);
  std::size_t state_size() const { return static_cast<std::size_t>(mean_.size()); }

 private:
  void add_state(int tag, double variance);
  void remove_state(Eigen::Index idx);

  std::vector<double> group_var_;
  std::vector<std::size_t> last_period_;
  std::vector<int> slot_;  // group -> state index, -1 if not in the state
  std::vector<bool> retired_;
  std::vector<int> tag_;  // state index -> group, or -1 for the inventory random error
  Eigen::VectorXd mean_;
  Eigen::MatrixXd cov_;
  Eigen::VectorXd h_, ph_;  // scratch
  double prev_q_ = 0;       // q_{i-1}
  Eigen::Index cur_ = 0;    // the state slot (0 or 1) holding u_{i-1}
  std::size_t index_ = 0;   // 0-based index of the next period
};

}  // namespace leu::stats
