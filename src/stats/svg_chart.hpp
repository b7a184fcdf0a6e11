// A line chart as an SVG document (a string; writing it is the caller's job): the charts of MUF ± σ, CUMUF, SITMUF
// and Page's statistic with its threshold.
//
// Contract: x holds the periods; each series has one y per x (NaN = gap). Optional error bars (± per point) on the
// first series, and dashed threshold curves (one value per x, or constant). Axes are scaled to the data including
// bars and thresholds; text is escaped. No dependencies beyond fmt.
//
//   Chart c{.title = "Page's test", .x_label = "balance period", .y_label = "S", .x = {1, 2, 3}};
//   c.series.push_back({"S", {0, 0.4, 1.2}, "#1f77b4"});
//   c.thresholds.push_back({"h = 3.2", {3.2, 3.2, 3.2}, "#d62728"});
//   std::string svg = render_svg(c);
#pragma once

#include <string>
#include <vector>

namespace leu::stats {

struct ChartSeries {
  std::string name;
  std::vector<double> y;
  std::string color = "#1f77b4";
};

struct Chart {
  std::string title, x_label, y_label;
  std::vector<double> x;
  std::vector<ChartSeries> series;
  std::vector<double> error_bar;        // ± on the first series, per x (empty = none)
  std::vector<ChartSeries> thresholds;  // dashed
  std::string note;                     // a line under the title ("non-standard: MAPIT compatibility mode")
};

std::string render_svg(const Chart& c);

}  // namespace leu::stats
