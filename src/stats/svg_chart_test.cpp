// The SVG chart writer: a document with the title escaped, one polyline per unbroken run of values (NaN = gap),
// dashed thresholds, error bars, and axes that include every value.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "stats/svg_chart.hpp"

namespace leu::stats {
namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(SvgChart, DrawsSeriesGapsThresholdsAndEscapesText) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Chart c{.title = "MUF <&> \"x\"", .x_label = "period", .y_label = "kg", .x = {1, 2, 3, 4, 5}};
  c.series.push_back({"MUF", {1, 2, nan, 4, 5}, "#123456"});
  c.error_bar = {0.5, 0.5, 0.5, 0.5, 0.5};
  c.thresholds.push_back({"h", {10, 10, 10, 10, 10}, "#d62728"});
  const std::string svg = render_svg(c);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_NE(svg.find("MUF &lt;&amp;&gt; &quot;x&quot;"), std::string::npos);
  EXPECT_EQ(svg.find("<&>"), std::string::npos);
  // Two runs of the series (the NaN splits it) plus one threshold line.
  EXPECT_EQ(count(svg, "<polyline"), 3u);
  EXPECT_EQ(count(svg, "stroke-dasharray=\"6 4\" points"), 1u);
  EXPECT_EQ(count(svg, "<circle"), 4u);                 // a marker per finite point
  EXPECT_EQ(count(svg, "stroke-opacity=\"0.5\""), 4u);  // an error bar per finite point
  EXPECT_NE(svg.find(">10<"), std::string::npos);       // the y axis reaches the threshold (a tick at 10)
}

}  // namespace
}  // namespace leu::stats
