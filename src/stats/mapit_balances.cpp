#include "stats/mapit_balances.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "stats/balance_builder.hpp"
#include "stats/methods.hpp"

namespace leu::stats {
namespace {

Result<void> check(const MapitDataset& d, const ErrorTable& e, double mbp) {
  if (!(mbp > 0) || mbp != std::floor(mbp))
    return invalid("mbp", fmt::format("the balance period must be a positive whole number of hours, got {}", mbp));
  if (d.inventories.empty()) return invalid("inventory", "the dataset has no inventory location");
  if (d.inputs.empty() && d.outputs.empty()) return invalid("input", "the dataset has no input or output location");
  for (const auto* group : {&d.inputs, &d.inventories, &d.outputs})
    for (const auto& s : *group) LEU_RETURN_IF_ERROR(validate(s));
  const std::size_t locations = d.inputs.size() + d.inventories.size() + d.outputs.size();
  if (e.size() != locations)
    return invalid("error table",
                   fmt::format("{} rows for {} locations (inputs, inventories, outputs)", e.size(), locations));
  for (std::size_t i = 0; i < e.size(); ++i)
    for (double v : {e[i].random_rsd, e[i].systematic_rsd})
      if (!std::isfinite(v) || v < 0 || v >= 1)
        return invalid(fmt::format("error table row {}", i + 1),
                       fmt::format("a relative standard uncertainty must be in [0, 1), got {}", v));
  return {};
}

}  // namespace

ErrorTable uniform_errors(const MapitDataset& d, double random_rsd, double systematic_rsd) {
  return ErrorTable(d.inputs.size() + d.inventories.size() + d.outputs.size(), {random_rsd, systematic_rsd});
}

double horizon_hours(const MapitDataset& d) {
  double t = 0;
  for (const auto* group : {&d.inputs, &d.inventories, &d.outputs})
    for (const auto& s : *group)
      if (!s.time.empty()) t = std::max(t, s.time.back());
  return std::round(t);
}

Result<BalanceSequence> textbook_sequence(const MapitDataset& d, const ErrorTable& e, const TextbookLayout& layout) {
  LEU_RETURN_IF_ERROR(check(d, e, layout.mbp));
  const auto n = static_cast<std::size_t>(std::floor(horizon_hours(d) / layout.mbp));
  if (n == 0) return invalid("mbp", fmt::format("no complete balance period of {} h in the data", layout.mbp));
  MethodTable table{"mapit-error-table", "1", {}, "from the dataset's error table"};
  std::vector<Measurement> ms;
  std::vector<std::string> labels;
  for (std::size_t i = 1; i <= n; ++i)
    labels.push_back(
        fmt::format("({:g}, {:g}] h", static_cast<double>(i - 1) * layout.mbp, static_cast<double>(i) * layout.mbp));
  std::size_t row = 0;
  auto add_method = [&](const TimeSeries& s) {
    const LocationError& err = e[row++];
    table.methods.push_back({s.name, "", err.random_rsd, err.systematic_rsd, "error table"});
    return table.methods.back().name;
  };
  auto add_flows = [&](const std::vector<TimeSeries>& flows, MeasuredKind kind) {
    for (const auto& s : flows) {
      const std::string method = add_method(s);
      for (std::size_t i = 1; i <= n; ++i) {
        const double t0 = static_cast<double>(i - 1) * layout.mbp, t1 = static_cast<double>(i) * layout.mbp;
        const FlowIntegral f = integrate_flow(s, t0, t1, layout.rule, i == 1 ? Window::kClosed : Window::kHalfOpen);
        ms.push_back({.location = s.name,
                      .kind = kind,
                      .index = i,
                      .value = f.total,
                      .random_weight_sq = f.weight_sq,
                      .method = method,
                      .calibration = "horizon",
                      .row = i,
                      .source = "period"});
      }
    }
  };
  add_flows(d.inputs, MeasuredKind::kInput);
  for (const auto& s : d.inventories) {
    const std::string method = add_method(s);
    for (std::size_t t = 0; t <= n; ++t) {
      const double tau = static_cast<double>(t) * layout.mbp;
      const std::size_t k = nearest_sample(s, tau);
      if (std::abs(s.time[k] - tau) > layout.boundary_tolerance)
        return invalid(
            fmt::format("inventory {}", s.name),
            fmt::format("missing time step: no sample at the boundary t = {:g} h (nearest: row {}, t = {:g} h)", tau,
                        k + 1, s.time[k]));
      ms.push_back({.location = s.name,
                    .kind = MeasuredKind::kInventory,
                    .index = t,
                    .value = s.value[k],
                    .method = method,
                    .calibration = "horizon",
                    .row = k + 1,
                    .source = s.name + " row"});
    }
  }
  add_flows(d.outputs, MeasuredKind::kOutput);
  return build_balance_sequence(ms, n, table, {.labels = labels});
}

Result<MapitCompat> mapit_compat(const MapitDataset& d, const ErrorTable& e, double mbp) {
  LEU_RETURN_IF_ERROR(check(d, e, mbp));
  const double horizon = horizon_hours(d);
  const auto m_total = static_cast<std::size_t>(std::ceil(horizon / mbp));
  if (m_total < 2)
    return invalid("mbp", fmt::format("MAPIT balances nothing with {} h periods over {} h", mbp, horizon));
  const std::size_t p_count = m_total - 1;
  MapitCompat out;
  out.balances = p_count;
  const auto pn = static_cast<Eigen::Index>(p_count);
  // Per location: u (row side: two-period window) and v (column side: one period), a = δR², b = δS².
  out.muf.assign(p_count, 0.0);
  std::vector<double> var(p_count, 0.0);
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(pn, pn);
  std::size_t row = 0;
  auto flows = [&](const std::vector<TimeSeries>& list, double sign) {
    for (const auto& s : list) {
      const double a = e[row].random_rsd * e[row].random_rsd, b = e[row].systematic_rsd * e[row].systematic_rsd;
      ++row;
      Eigen::VectorXd u(pn), v(pn);
      for (std::size_t m = 0; m < p_count; ++m) {
        const double p = static_cast<double>(m + 1);
        const double one = integrate_flow(s, (p - 1) * mbp, p * mbp, FlowRule::kMapitPulse, Window::kClosed).total;
        const double two =
            m == 0 ? one : integrate_flow(s, (p - 2) * mbp, p * mbp, FlowRule::kMapitPulse, Window::kClosed).total;
        out.muf[m] += sign * one;
        var[m] += one * one * (a + b);
        u(static_cast<Eigen::Index>(m)) = two;
        v(static_cast<Eigen::Index>(m)) = one;
      }
      for (Eigen::Index m = 0; m < pn; ++m) {
        cov(m, m) += u(m) * u(m) * (a + b);
        for (Eigen::Index k = m + 1; k < pn; ++k) cov(m, k) += b * u(m) * v(k);
      }
    }
  };
  flows(d.inputs, 1.0);
  for (const auto& s : d.inventories) {
    const double a = e[row].random_rsd * e[row].random_rsd, b = e[row].systematic_rsd * e[row].systematic_rsd;
    ++row;
    // c[k + 1] = C(k) for k = -1 .. P; C(-1) is the first sample.
    std::vector<double> c(p_count + 2);
    c[0] = s.value.front();
    for (std::size_t k = 0; k <= p_count; ++k) c[k + 1] = s.value[nearest_sample(s, static_cast<double>(k) * mbp)];
    auto at = [&](std::ptrdiff_t k) { return c[static_cast<std::size_t>(k + 1)]; };
    for (std::size_t m = 0; m < p_count; ++m) {
      const auto p = static_cast<std::ptrdiff_t>(m + 1);
      out.muf[m] -= at(p) - at(p - 1);
      var[m] += (at(p) * at(p) + (p > 1 ? at(p - 1) * at(p - 1) : 0.0)) * (a + b);
      const auto mi = static_cast<Eigen::Index>(m);
      cov(mi, mi) += at(p) * at(p) * (a + b);
      if (m > 0) cov(mi, mi) += at(p - 2) * at(p - 2) * (a + b) - 2 * at(p - 2) * at(p) * b;
      const double u = at(p) - at(p - 2);
      for (std::size_t k = m + 1; k < p_count; ++k) {
        const auto q = static_cast<std::ptrdiff_t>(k + 1);
        cov(mi, static_cast<Eigen::Index>(k)) += b * u * (at(q) - at(q - 1)) - (q == p + 1 ? a * at(p) * at(p) : 0.0);
      }
    }
  }
  flows(d.outputs, -1.0);
  for (Eigen::Index m = 0; m < pn; ++m)
    for (Eigen::Index k = m + 1; k < pn; ++k) cov(k, m) = cov(m, k);
  out.covariance = cov;
  out.sigma_muf.resize(p_count);
  out.cumuf.resize(p_count);
  double sum = 0;
  for (std::size_t m = 0; m < p_count; ++m) {
    out.sigma_muf[m] = std::sqrt(var[m]);
    sum += out.muf[m];
    out.cumuf[m] = sum;
  }
  // SITMUF with MAPIT's pairing: x = (0, MUF_1 .. MUF_{P-1}), plain Cholesky of the whole P×P matrix.
  Eigen::MatrixXd l = Eigen::MatrixXd::Zero(pn, pn);
  for (Eigen::Index j = 0; j < pn; ++j) {
    double d2 = cov(j, j);
    for (Eigen::Index k = 0; k < j; ++k) d2 -= l(j, k) * l(j, k);
    if (!(d2 > 0)) {
      out.sitmuf_failure = Error{ErrorCode::kConflict, fmt::format("balance {}", j + 1),
                                 fmt::format("MAPIT's covariance is not positive definite (Cholesky pivot {:.6g} at "
                                             "index {}): MAPIT gives no SITMUF, Page or GEMUF here",
                                             d2, j)};
      return out;
    }
    l(j, j) = std::sqrt(d2);
    for (Eigen::Index i = j + 1; i < pn; ++i) {
      double acc = cov(i, j);
      for (Eigen::Index k = 0; k < j; ++k) acc -= l(i, k) * l(j, k);
      l(i, j) = acc / l(j, j);
    }
  }
  Eigen::VectorXd x = Eigen::VectorXd::Zero(pn);
  for (Eigen::Index m = 1; m < pn; ++m) x(m) = out.muf[static_cast<std::size_t>(m - 1)];
  const Eigen::VectorXd s = l.triangularView<Eigen::Lower>().solve(x);
  out.sitmuf.assign(s.data(), s.data() + pn);
  double page = 0, gemuf = 0;
  for (std::size_t m = 0; m < p_count; ++m) {
    page = m == 0 ? std::max(out.sitmuf[0], 0.0) : std::max(page + out.sitmuf[m] - kMapitPageK, 0.0);
    gemuf += out.sitmuf[m] * out.sitmuf[m];
    out.page.push_back(page);
    out.gemuf.push_back(gemuf);
  }
  return out;
}

}  // namespace leu::stats
