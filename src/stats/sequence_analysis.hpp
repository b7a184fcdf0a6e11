// The statistics of a sequence of material balances, textbook definitions (statistics.md §1): σ(MUF) and the
// single-balance alarm, CUMUF and its σ, ITMUF/SITMUF, Page's test on SITMUF and GEMUF, with their thresholds.
//
// Contract: the sequence is validated first (errors name the period). Thresholds come from stated false-alarm
// probabilities: single balance and CUMUF |x| > z_{1-α/2}·σ per period; Page's h from α over `page_horizon` balances
// by the Brook–Evans chain (page_cusum.hpp); GEMUF Z_n > χ²_{n;1-α} per period, n = active periods so far. Inactive
// periods (no measured quantity) are reported but skipped by SITMUF, Page and GEMUF. A non-positive-definite Σ is an
// error naming the period, never skipped. Both SITMUF engines give the same numbers; kKalman is O(n·G²), kCholesky is
// the dense O(n³) reference.
//
//   LEU_GET(a, analyse(seq, AnalysisOptions{.page_horizon = 12}));
//   for (const auto& r : a.rows) fmt::print("{} {} {}\n", r.muf, r.sigma_muf, r.page_alarm);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "stats/balance_sequence.hpp"

namespace leu::stats {

enum class SitmufEngine { kKalman, kCholesky };

struct AnalysisOptions {
  double alpha_single = 0.05;    // per balance, two-sided
  double alpha_cumuf = 0.05;     // per period, two-sided
  double page_k = 0.5;           // reference value [SITMUF sd]: detects a shift of 2k = 1 sd (§1.6)
  double page_alpha = 0.05;      // over the horizon
  std::size_t page_horizon = 0;  // balances; 0 = the number of periods in the sequence
  double page_h = 0;             // > 0: use this h instead of computing it (e.g. one h for many Monte Carlo runs)
  double gemuf_alpha = 0.05;     // per period
  SitmufEngine engine = SitmufEngine::kKalman;
};

struct Thresholds {
  double k_single = 0;  // z_{1-α/2}
  double k_cumuf = 0;
  double page_k = 0;
  double page_h = 0;
  std::size_t page_horizon = 0;
  double page_alpha = 0;
};

struct PeriodRow {
  std::size_t period = 0;  // 1-based
  std::string label;
  double muf = 0, sigma_muf = 0;
  bool muf_alarm = false;
  double cumuf = 0, sigma_cumuf = 0;
  bool cumuf_alarm = false;
  bool active = true;
  double itmuf = 0, sigma_itmuf = 0, sitmuf = 0;
  double page = 0;
  bool page_alarm = false;
  double gemuf = 0, gemuf_threshold = 0;
  bool gemuf_alarm = false;
  std::vector<Contribution> contributions;  // var(MUF_i) by term, largest first
};

struct Analysis {
  Thresholds thresholds;
  std::vector<PeriodRow> rows;
  std::size_t first_page_alarm = 0;  // 1-based period, 0 = none
};

Result<Analysis> analyse(const BalanceSequence& s, const AnalysisOptions& o = {});

}  // namespace leu::stats
