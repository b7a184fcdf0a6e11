// Rendering of `leubank stats` and `leubank simulate`: tables, JSON, CSV and SVG charts of the statistics.
//
// Contract: the textbook analysis and MAPIT's compatibility numbers are rendered in the same shapes; output of the
// compatibility mode is labelled non-standard everywhere (table title, JSON "standard": false, CSV comment line,
// chart note). write_charts() writes muf.svg, cumuf.svg, sitmuf.svg, page.svg and gemuf.svg into an existing or new
// directory, only after every chart is built; an unwritable directory is a kStorage error naming it.
//
//   print_analysis_table(std::cout, analysis, "MAPIT dataset, MBP 416 h");
//   LEU_RETURN_IF_ERROR(write_charts("charts", charts_of(analysis, "")));
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/error.hpp"
#include "sim/analysis_json.hpp"
#include "sim/planner.hpp"
#include "stats/mapit_balances.hpp"
#include "stats/sequence_analysis.hpp"

namespace leu::cli {

// What the charts show, from either mode.
struct StatsCharts {
  std::string note;  // "" for the textbook; a non-standard label otherwise
  std::vector<double> period, muf, sigma, cumuf, sigma_cumuf, sitmuf, page, gemuf, gemuf_threshold;
  double k_single = 0, k_cumuf = 0, page_h = 0;  // page_h 0 = none (MAPIT has no h)
};

StatsCharts charts_of(const stats::Analysis& a);
StatsCharts charts_of(const stats::MapitCompat& m);
Result<void> write_charts(const std::string& dir, const StatsCharts& c);

void print_analysis_table(std::ostream& out, const stats::Analysis& a, const std::string& title);
void print_analysis_csv(std::ostream& out, const stats::Analysis& a);

void print_mapit_table(std::ostream& out, const stats::MapitCompat& m, const std::string& title);
void print_mapit_csv(std::ostream& out, const stats::MapitCompat& m);
nlohmann::json mapit_json(const stats::MapitCompat& m);

inline constexpr const char* kMapitLabel =
    "NON-STANDARD: MAPIT 1.5.13 compatibility mode (docs/statistics.md, \"MAPIT compatibility\")";

void print_planner_table(std::ostream& out, const sim::PlannerReport& r);

}  // namespace leu::cli
