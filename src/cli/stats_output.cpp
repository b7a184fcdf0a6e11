#include "cli/stats_output.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include <fmt/format.h>

#include "stats/svg_chart.hpp"

namespace leu::cli {
namespace {

using Json = nlohmann::json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Json num(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

std::string dominant(const stats::PeriodRow& r) {
  if (r.contributions.empty()) return "";
  const double total = r.sigma_muf * r.sigma_muf;
  const auto& c = r.contributions.front();
  return fmt::format("{} ({:.0f} %)", c.term, total > 0 ? 100 * c.variance / total : 0.0);
}

}  // namespace

StatsCharts charts_of(const stats::Analysis& a) {
  StatsCharts c;
  c.k_single = a.thresholds.k_single;
  c.k_cumuf = a.thresholds.k_cumuf;
  c.page_h = a.thresholds.page_h;
  for (const auto& r : a.rows) {
    c.period.push_back(static_cast<double>(r.period));
    c.muf.push_back(r.muf);
    c.sigma.push_back(r.sigma_muf);
    c.cumuf.push_back(r.cumuf);
    c.sigma_cumuf.push_back(r.sigma_cumuf);
    c.sitmuf.push_back(r.active ? r.sitmuf : kNaN);
    c.page.push_back(r.page);
    c.gemuf.push_back(r.gemuf);
    c.gemuf_threshold.push_back(r.gemuf_threshold > 0 ? r.gemuf_threshold : kNaN);
  }
  return c;
}

StatsCharts charts_of(const stats::MapitCompat& m) {
  StatsCharts c;
  c.note = kMapitLabel;
  c.k_single = 0;
  for (std::size_t i = 0; i < m.balances; ++i) {
    c.period.push_back(static_cast<double>(i + 1));
    c.muf.push_back(m.muf[i]);
    c.sigma.push_back(m.sigma_muf[i]);
    c.cumuf.push_back(m.cumuf[i]);
    c.sigma_cumuf.push_back(kNaN);
    c.sitmuf.push_back(m.sitmuf.empty() ? kNaN : m.sitmuf[i]);
    c.page.push_back(m.page.empty() ? kNaN : m.page[i]);
    c.gemuf.push_back(m.gemuf.empty() ? kNaN : m.gemuf[i]);
    c.gemuf_threshold.push_back(kNaN);
  }
  return c;
}

Result<void> write_charts(const std::string& dir, const StatsCharts& c) {
  using stats::Chart;
  std::vector<std::pair<std::string, std::string>> files;
  auto scaled = [](const std::vector<double>& v, double k) {
    std::vector<double> out;
    for (double x : v) out.push_back(k * x);
    return out;
  };
  {
    Chart ch{
        .title = "MUF ± σ(MUF) per balance period", .x_label = "balance period", .y_label = "MUF [kg]", .x = c.period};
    ch.note = c.note;
    ch.series.push_back({"MUF (bars: ± σ)", c.muf, "#1f77b4"});
    ch.error_bar = c.sigma;
    if (c.k_single > 0) {
      ch.thresholds.push_back({fmt::format("+{:.3g}σ alarm", c.k_single), scaled(c.sigma, c.k_single), "#d62728"});
      ch.thresholds.push_back({fmt::format("-{:.3g}σ alarm", c.k_single), scaled(c.sigma, -c.k_single), "#d62728"});
    }
    files.emplace_back("muf.svg", render_svg(ch));
  }
  {
    Chart ch{.title = "CUMUF", .x_label = "balance period", .y_label = "CUMUF [kg]", .x = c.period};
    ch.note = c.note;
    ch.series.push_back({"CUMUF", c.cumuf, "#2ca02c"});
    if (c.k_cumuf > 0) {
      ch.thresholds.push_back({fmt::format("+{:.3g}σ(CUMUF)", c.k_cumuf), scaled(c.sigma_cumuf, c.k_cumuf), "#d62728"});
      ch.thresholds.push_back(
          {fmt::format("-{:.3g}σ(CUMUF)", c.k_cumuf), scaled(c.sigma_cumuf, -c.k_cumuf), "#d62728"});
    }
    files.emplace_back("cumuf.svg", render_svg(ch));
  }
  {
    Chart ch{.title = "SITMUF (standardised independent transformed MUF)",
             .x_label = "balance period",
             .y_label = "SITMUF [sd]",
             .x = c.period};
    ch.note = c.note;
    ch.series.push_back({"SITMUF", c.sitmuf, "#9467bd"});
    files.emplace_back("sitmuf.svg", render_svg(ch));
  }
  {
    Chart ch{.title = "Page's test on SITMUF", .x_label = "balance period", .y_label = "S", .x = c.period};
    ch.note = c.note;
    ch.series.push_back({"Page's S", c.page, "#ff7f0e"});
    if (c.page_h > 0)
      ch.thresholds.push_back(
          {fmt::format("h = {:.3f}", c.page_h), std::vector<double>(c.period.size(), c.page_h), "#d62728"});
    files.emplace_back("page.svg", render_svg(ch));
  }
  {
    Chart ch{.title = "GEMUF (Σ SITMUF²)", .x_label = "balance period", .y_label = "Z", .x = c.period};
    ch.note = c.note;
    ch.series.push_back({"GEMUF", c.gemuf, "#8c564b"});
    ch.thresholds.push_back({"χ² threshold", c.gemuf_threshold, "#d62728"});
    files.emplace_back("gemuf.svg", render_svg(ch));
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail(ErrorCode::kStorage, dir, "cannot create the chart folder: " + ec.message());
  for (const auto& [name, svg] : files) {
    const auto path = std::filesystem::path(dir) / name;
    std::ofstream f(path, std::ios::binary);
    f << svg;
    if (!f) return fail(ErrorCode::kStorage, path.string(), "cannot write the chart");
  }
  return {};
}

void print_analysis_table(std::ostream& out, const stats::Analysis& a, const std::string& title) {
  const auto& t = a.thresholds;
  out << title << "\n";
  out << fmt::format(
      "thresholds: single |MUF| > {:.4f}σ; CUMUF |x| > {:.4f}σ; Page k = {:.3g}, h = {:.4f} ({:.3g} false alarm over "
      "{} balances); GEMUF χ² at each period\n",
      t.k_single, t.k_cumuf, t.page_k, t.page_h, t.page_alpha, t.page_horizon);
  out << fmt::format("{:>6} {:>14} {:>11} {:>14} {:>11} {:>9} {:>9} {:>10} {:>5}  {}\n", "period", "MUF", "σ(MUF)",
                     "CUMUF", "σ(CUMUF)", "SITMUF", "Page", "GEMUF", "alarm", "largest term of var(MUF)");
  for (const auto& r : a.rows) {
    std::string alarms;
    if (r.muf_alarm) alarms += "M";
    if (r.cumuf_alarm) alarms += "C";
    if (r.page_alarm) alarms += "P";
    if (r.gemuf_alarm) alarms += "G";
    out << fmt::format("{:>6} {:>14.4f} {:>11.4f} {:>14.4f} {:>11.4f} {:>9} {:>9.3f} {:>10.3f} {:>5}  {}\n", r.period,
                       r.muf, r.sigma_muf, r.cumuf, r.sigma_cumuf,
                       r.active ? fmt::format("{:.3f}", r.sitmuf) : std::string("-"), r.page, r.gemuf, alarms,
                       dominant(r));
  }
  out << "alarm: M single balance, C CUMUF, P Page, G GEMUF; '-' = no measured quantity (skipped)\n";
}

void print_analysis_csv(std::ostream& out, const stats::Analysis& a) {
  out << "period,label,muf_kg,sigma_muf_kg,muf_alarm,cumuf_kg,sigma_cumuf_kg,cumuf_alarm,active,itmuf_kg,"
         "sigma_itmuf_kg,sitmuf,page,page_threshold,page_alarm,gemuf,gemuf_threshold,gemuf_alarm\n";
  for (const auto& r : a.rows)
    out << fmt::format(
        "{},\"{}\",{:.17g},{:.17g},{},{:.17g},{:.17g},{},{},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{},"
        "{:.17g},{:.17g},{}\n",
        r.period, r.label, r.muf, r.sigma_muf, r.muf_alarm, r.cumuf, r.sigma_cumuf, r.cumuf_alarm, r.active, r.itmuf,
        r.sigma_itmuf, r.sitmuf, r.page, a.thresholds.page_h, r.page_alarm, r.gemuf, r.gemuf_threshold, r.gemuf_alarm);
}

void print_mapit_table(std::ostream& out, const stats::MapitCompat& m, const std::string& title) {
  out << title << "\n" << kMapitLabel << "\n";
  if (m.sitmuf_failure) out << "SITMUF, Page, GEMUF: none (" << m.sitmuf_failure->describe() << ")\n";
  out << fmt::format("{:>7} {:>14} {:>11} {:>14} {:>10} {:>10} {:>10}\n", "balance", "MUF", "SEMUF", "CUMUF", "SITMUF",
                     "Page", "GEMUF-V1");
  for (std::size_t i = 0; i < m.balances; ++i) {
    auto opt = [&](const std::vector<double>& v) { return v.empty() ? std::string("-") : fmt::format("{:.3f}", v[i]); };
    out << fmt::format("{:>7} {:>14.4f} {:>11.4f} {:>14.4f} {:>10} {:>10} {:>10}\n", i + 1, m.muf[i], m.sigma_muf[i],
                       m.cumuf[i], opt(m.sitmuf), opt(m.page), opt(m.gemuf));
  }
  out << "SITMUF/Page/GEMUF row m pairs MUF_m with covariance row m (MAPIT's pairing; row 1 is 0)\n";
}

void print_mapit_csv(std::ostream& out, const stats::MapitCompat& m) {
  out << "# " << kMapitLabel << "\n";
  out << "balance,muf_kg,semuf_kg,cumuf_kg,sitmuf,page,gemuf_v1\n";
  for (std::size_t i = 0; i < m.balances; ++i) {
    auto opt = [&](const std::vector<double>& v) { return v.empty() ? std::string() : fmt::format("{:.17g}", v[i]); };
    out << fmt::format("{},{:.17g},{:.17g},{:.17g},{},{},{}\n", i + 1, m.muf[i], m.sigma_muf[i], m.cumuf[i],
                       opt(m.sitmuf), opt(m.page), opt(m.gemuf));
  }
}

Json mapit_json(const stats::MapitCompat& m) {
  Json j = {{"standard", false},
            {"definitions", kMapitLabel},
            {"sitmuf_failure", m.sitmuf_failure ? Json(m.sitmuf_failure->describe()) : Json(nullptr)},
            {"balances", Json::array()}};
  for (std::size_t i = 0; i < m.balances; ++i)
    j["balances"].push_back({{"balance", i + 1},
                             {"muf_kg", m.muf[i]},
                             {"semuf_kg", m.sigma_muf[i]},
                             {"cumuf_kg", m.cumuf[i]},
                             {"sitmuf", m.sitmuf.empty() ? Json(nullptr) : num(m.sitmuf[i])},
                             {"page", m.page.empty() ? Json(nullptr) : num(m.page[i])},
                             {"gemuf_v1", m.gemuf.empty() ? Json(nullptr) : num(m.gemuf[i])}});
  return j;
}

void print_planner_table(std::ostream& out, const sim::PlannerReport& r) {
  out << fmt::format("{:>7} {:>10} {:>16} {:>16}\n", "test", "threshold", "false alarm", "detection");
  for (const auto& t : r.tests)
    out << fmt::format("{:>7} {:>10.4f} {:>9.4f} ±{:.4f} {:>9.4f} ±{:.4f}\n", t.test, t.threshold, t.false_alarm,
                       t.false_alarm_se, t.detection, t.detection_se);
  out << fmt::format(
      "({} iterations: half calibrate the thresholds, {} measure; alarm within {} periods. Page's h by design "
      "(Brook–Evans) = {:.4f}, its false alarm here {:.4f} ±{:.4f})\n",
      r.iterations, r.evaluated, r.timeliness, r.page_h_designed, r.page_false_alarm_designed,
      r.page_false_alarm_designed_se);
}

}  // namespace leu::cli
