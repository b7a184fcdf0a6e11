#include "stats/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace leu::stats {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

// A "nice" tick step (1, 2 or 5 × 10^k) giving about `count` ticks over `span`.
double tick_step(double span, int count) {
  const double raw = span / count;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

}  // namespace

std::string render_svg(const Chart& c) {
  constexpr double kW = 800, kH = 450, kLeft = 80, kRight = 20, kTop = 60, kBottom = 60;  // [px]
  double xmin = std::numeric_limits<double>::infinity(), xmax = -xmin, ymin = xmin, ymax = -xmin;
  for (double x : c.x) xmin = std::min(xmin, x), xmax = std::max(xmax, x);
  auto take = [&](const std::vector<double>& y, const std::vector<double>* bar) {
    for (std::size_t i = 0; i < y.size(); ++i) {
      if (!std::isfinite(y[i])) continue;
      const double b = bar && i < bar->size() ? std::abs((*bar)[i]) : 0;
      ymin = std::min(ymin, y[i] - b);
      ymax = std::max(ymax, y[i] + b);
    }
  };
  for (std::size_t s = 0; s < c.series.size(); ++s) take(c.series[s].y, s == 0 ? &c.error_bar : nullptr);
  for (const auto& t : c.thresholds) take(t.y, nullptr);
  if (!std::isfinite(xmin)) xmin = 0, xmax = 1;
  if (!std::isfinite(ymin)) ymin = 0, ymax = 1;
  if (xmax == xmin) xmax = xmin + 1;
  if (ymax == ymin) ymax = ymin + 1;
  const double pad = 0.05 * (ymax - ymin);
  ymin -= pad;
  ymax += pad;
  const double pw = kW - kLeft - kRight, ph = kH - kTop - kBottom;
  auto px = [&](double x) { return kLeft + (x - xmin) / (xmax - xmin) * pw; };
  auto py = [&](double y) { return kTop + (ymax - y) / (ymax - ymin) * ph; };

  std::string o = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      kW, kH);
  o += fmt::format("<text x=\"{}\" y=\"24\" font-size=\"16\" text-anchor=\"middle\">{}</text>\n", kW / 2,
                   escape(c.title));
  if (!c.note.empty())
    o +=
        fmt::format("<text x=\"{}\" y=\"42\" fill=\"#b00\" text-anchor=\"middle\">{}</text>\n", kW / 2, escape(c.note));
  // Grid and ticks.
  const double ys = tick_step(ymax - ymin, 6);
  for (double y = std::ceil(ymin / ys) * ys; y <= ymax; y += ys)
    o += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#ddd\"/><text x=\"{3}\" y=\"{4:.1f}\" "
        "text-anchor=\"end\">{5:.4g}</text>\n",
        kLeft, kW - kRight, py(y), kLeft - 6, py(y) + 4, std::abs(y) < ys * 1e-9 ? 0.0 : y);
  const double xs = std::max(1.0, tick_step(xmax - xmin, 10));
  for (double x = std::ceil(xmin / xs) * xs; x <= xmax; x += xs)
    o += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:g}</text>\n", px(x), kH - kBottom + 18, x);
  o += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\"/>\n", kLeft, kTop,
                   pw, ph);
  if (ymin < 0 && ymax > 0)
    o += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#888\"/>\n", kLeft,
                     kW - kRight, py(0));
  o += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", kLeft + pw / 2, kH - 18,
                   escape(c.x_label));
  o += fmt::format("<text transform=\"translate(18 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n", kTop + ph / 2,
                   escape(c.y_label));
  auto polyline = [&](const std::vector<double>& y, const std::string& color, const char* extra) {
    std::string pts;
    for (std::size_t i = 0; i < y.size() && i < c.x.size(); ++i) {
      if (!std::isfinite(y[i])) {
        if (!pts.empty())
          o += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" {} points=\"{}\"/>\n", color,
                           extra, pts);
        pts.clear();
        continue;
      }
      pts += fmt::format("{:.1f},{:.1f} ", px(c.x[i]), py(y[i]));
    }
    if (!pts.empty())
      o += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" {} points=\"{}\"/>\n", color, extra,
                       pts);
  };
  for (const auto& t : c.thresholds) polyline(t.y, t.color, "stroke-dasharray=\"6 4\"");
  for (std::size_t s = 0; s < c.series.size(); ++s) {
    const auto& ser = c.series[s];
    if (s == 0 && !c.error_bar.empty())
      for (std::size_t i = 0; i < ser.y.size() && i < c.error_bar.size() && i < c.x.size(); ++i)
        if (std::isfinite(ser.y[i]))
          o += fmt::format(
              "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
              "stroke-opacity=\"0.5\"/>\n",
              px(c.x[i]), py(ser.y[i] - c.error_bar[i]), py(ser.y[i] + c.error_bar[i]), ser.color);
    polyline(ser.y, ser.color, "");
    if (ser.y.size() <= 400)
      for (std::size_t i = 0; i < ser.y.size() && i < c.x.size(); ++i)
        if (std::isfinite(ser.y[i]))
          o += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"/>\n", px(c.x[i]), py(ser.y[i]),
                           ser.color);
  }
  // Legend.
  double ly = kTop + 14;
  auto legend = [&](const std::string& name, const std::string& color, bool dashed) {
    o += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" stroke-width=\"2\" {4}/><text "
        "x=\"{5}\" "
        "y=\"{6:.1f}\">{7}</text>\n",
        kLeft + 10, kLeft + 34, ly, color, dashed ? "stroke-dasharray=\"6 4\"" : "", kLeft + 40, ly + 4, escape(name));
    ly += 16;
  };
  for (const auto& s : c.series) legend(s.name, s.color, false);
  for (const auto& t : c.thresholds) legend(t.name, t.color, true);
  o += "</svg>\n";
  return o;
}

}  // namespace leu::stats
