// Balances over a MAPIT-layout dataset (statistics.md §2–3): the textbook sequence (default) and MAPIT's own numbers
// (compatibility mode, labelled non-standard).
//
// Contract: inputs, inventories and outputs are sampled records; each location has a random and a systematic relative
// standard uncertainty (MAPIT's error table, rows in the order [inputs; inventories; outputs]). T = round(max sample
// time).
//  - textbook_sequence(): n = floor(T/MBP) periods; flows integrated per location rule over (t_{i-1}, t_i] (the first
//    window closed at 0), one random error per sample (δR²·Σ(w_s y_s)²), one systematic group per location for the
//    whole horizon; an inventory must have a sample within `boundary_tolerance` of every boundary (missing time step
//    otherwise). Returns a BalanceSequence for analyse().
//  - mapit_compat(): MAPIT 1.5.13's computation, every deviation of statistics.md §3 rows 1, 3, 5, 6, 7, 8, 9, 10
//    (V1) and 12 on: P = ceil(T/MBP) - 1 balances over closed windows, MAPIT's covariance, σMUF, SITMUF pairing, Page
//    and GEMUF. A covariance that cannot be factorised is reported (balance and pivot) in `sitmuf_failure`, with the
//    other statistics still given — as MAPIT prints a message and returns nothing for SITMUF and GEMUF.
// Errors name the location (and row): mismatched lengths, unsorted times, wrong error-table size, bad uncertainties.
//
//   LEU_GET(seq, textbook_sequence(data, errors, 416, FlowRule::kMapitPulse));
//   LEU_GET(a, analyse(seq));
//   LEU_GET(m, mapit_compat(data, errors, 416));
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "domain/error.hpp"
#include "stats/balance_sequence.hpp"
#include "stats/flow_integration.hpp"
#include "stats/time_series.hpp"

namespace leu::stats {

struct MapitDataset {
  std::vector<TimeSeries> inputs, inventories, outputs;
};

struct LocationError {
  double random_rsd = 0, systematic_rsd = 0;  // [fraction]
};

// One row per location, [inputs; inventories; outputs], as MAPIT stacks them.
using ErrorTable = std::vector<LocationError>;
ErrorTable uniform_errors(const MapitDataset& d, double random_rsd, double systematic_rsd);

// T = round(max sample time) [h].
double horizon_hours(const MapitDataset& d);

struct TextbookLayout {
  double mbp = 416;                       // balance period [h]
  FlowRule rule = FlowRule::kMapitPulse;  // per location in principle; one rule for all here
  double boundary_tolerance = 1e-6;       // [h]: an inventory sample must be this close to each boundary
};

Result<BalanceSequence> textbook_sequence(const MapitDataset& d, const ErrorTable& e, const TextbookLayout& layout);

struct MapitCompat {
  std::size_t balances = 0;                   // P
  std::vector<double> muf, sigma_muf, cumuf;  // balance p = index + 1
  Eigen::MatrixXd covariance;                 // P×P, MAPIT's formula
  std::optional<Error> sitmuf_failure;
  std::vector<double> sitmuf, page, gemuf;  // MAPIT's pairing: entry m standardises MUF_m (entry 0 is 0)
};

// MAPIT's Page reference value (statistics.md §5).
inline constexpr double kMapitPageK = 0.5;

Result<MapitCompat> mapit_compat(const MapitDataset& d, const ErrorTable& e, double mbp);

}  // namespace leu::stats
