// The detection-probability planner: Monte Carlo over a facility's balance sequence under its measurement-error
// model, with and without a diversion, and the probability that each test alarms within the timeliness goal at a
// target false-alarm probability (statistics.md §1.8).
//
// Contract: the nominal BalanceSequence (from the methods and the declared inventories and flows) fixes Σ; each
// iteration draws one systematic error per group and the aggregated random errors of each period's flows and each
// inventory (same distribution as per-measurement draws, §1.8), from a counter-based generator keyed by
// (seed, iteration) — so results do not depend on the thread count. The statistics use Σ on nominal values (factored
// once). Thresholds: each test's maximum over the first `timeliness` periods (single |MUF|/σ, |CUMUF|/σ, Page's S,
// GEMUF's -log upper-tail χ² probability) is calibrated on the even-numbered loss-free iterations to the
// (1 - false_alarm) quantile; false-alarm and detection probabilities are measured on the odd-numbered ones with
// common random numbers (a diversion adds its loss vector to the same noise). Standard errors are binomial,
// √(p(1-p)/I). Page's analytic h (Brook–Evans, page_cusum.hpp) and its false-alarm rate are reported beside it.
// Errors: a diversion outside the horizon, too large a problem (n > 4,000 periods), no iterations, a bad Σ.
//
//   LEU_GET(p, Planner::create(seq, {.iterations = 20'000, .seed = 7, .timeliness = 12}));
//   LEU_GET(out, p.evaluate({.kind = DiversionKind::kAbrupt, .amount = 20, .first_period = 6}));
//   LEU_GET(a, p.amount_for({.kind = DiversionKind::kProtracted, .first_period = 1, .periods = 12}, "page", 0.95));
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "domain/error.hpp"
#include "stats/balance_sequence.hpp"

namespace leu::sim {

enum class DiversionKind { kNone, kAbrupt, kProtracted };

struct Diversion {
  DiversionKind kind = DiversionKind::kNone;
  double amount = 0;             // total diverted [kg]
  std::size_t first_period = 1;  // 1-based
  std::size_t periods = 1;       // protracted: spread evenly over this many periods
};

struct PlannerOptions {
  std::size_t iterations = 10'000;
  std::uint64_t seed = 1;
  unsigned threads = 0;        // 0: std::thread::hardware_concurrency()
  std::size_t timeliness = 0;  // periods within which an alarm counts; 0 = the whole sequence
  double false_alarm = 0.05;   // target over the timeliness horizon, per test
  double page_k = 0.5;         // Page's reference value [SITMUF sd]
  bool progress = false;       // a progress bar on stderr (only drawn on a terminal)
};

struct TestOutcome {
  std::string test;      // "single", "cumuf", "page", "gemuf"
  double threshold = 0;  // calibrated, in the test's own statistic
  double false_alarm = 0, false_alarm_se = 0;
  double detection = 0, detection_se = 0;
  std::vector<double> detection_by_period;  // P(alarm by period j), j = 1..timeliness
};

struct PlannerReport {
  std::vector<TestOutcome> tests;
  double page_h_designed = 0;                                              // Brook–Evans h for i.i.d. N(0,1) SITMUF
  double page_false_alarm_designed = 0, page_false_alarm_designed_se = 0;  // measured with that h
  std::size_t iterations = 0, evaluated = 0, timeliness = 0;
};

class Planner {
 public:
  static Result<Planner> create(const stats::BalanceSequence& nominal, const PlannerOptions& o);
  Result<PlannerReport> evaluate(const Diversion& d) const;
  // The smallest total amount [kg] the named test detects with `target` probability (bisection; common random
  // numbers make it repeatable). `shape.amount` is ignored.
  Result<double> amount_for(const Diversion& shape, const std::string& test, double target) const;
  std::size_t periods() const { return n_; }
  std::vector<double> sigma_muf() const;

 private:
  Planner() = default;
  Result<std::vector<double>> loss_vector(const Diversion& d) const;

  PlannerOptions o_;
  std::size_t n_ = 0, horizon_ = 0;
  Eigen::MatrixXd l_;  // lower Cholesky factor of Σ (nominal)
  Eigen::VectorXd sigma_, sigma_cumuf_;
  Eigen::MatrixXd muf_, z_;        // n × I noise-only MUF and SITMUF, one column per iteration
  std::vector<double> threshold_;  // per test
  std::vector<double> gemuf_z_;    // GEMUF's calibrated threshold on Z_i, per period
  double page_h_ = 0;
  std::size_t noise_alarms_[4] = {};  // per test, on the measuring (odd) iterations
  std::size_t page_designed_alarms_ = 0;
};

}  // namespace leu::sim
