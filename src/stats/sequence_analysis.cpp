#include "stats/sequence_analysis.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "stats/cholesky_sitmuf.hpp"
#include "stats/kalman_sitmuf.hpp"
#include "stats/muf_covariance.hpp"
#include "stats/page_cusum.hpp"
#include "stats/thresholds.hpp"

namespace leu::stats {

Result<Analysis> analyse(const BalanceSequence& s, const AnalysisOptions& o) {
  LEU_RETURN_IF_ERROR(validate(s));
  Analysis a;
  const std::size_t n = s.periods.size();
  LEU_GET(k_single, two_sided_k(o.alpha_single, "alpha-single"));
  LEU_GET(k_cumuf, two_sided_k(o.alpha_cumuf, "alpha-cumuf"));
  const std::size_t horizon = o.page_horizon ? o.page_horizon : std::max<std::size_t>(n, 1);
  double h = o.page_h;
  if (!(h > 0)) {
    LEU_GET(computed, page_threshold(o.page_k, o.page_alpha, horizon, "page"));
    h = computed;
  }
  a.thresholds = {k_single, k_cumuf, o.page_k, h, horizon, o.page_alpha};
  if (n == 0) return a;

  const MufCovariance cov(s);
  const std::vector<double> cumuf_var = cov.cumuf_variances();
  KalmanSitmuf kalman(s.groups, s.start_inventory_random_var, last_exposure_periods(s));
  CholeskySitmuf dense;
  std::vector<double> column;
  double cumuf = 0, page = 0, gemuf = 0;
  std::size_t active = 0;
  a.rows.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const PeriodModel& p = s.periods[i];
    PeriodRow r;
    r.period = i + 1;
    r.label = p.label;
    r.muf = p.muf;
    r.sigma_muf = std::sqrt(cov(i, i));
    r.muf_alarm = std::abs(p.muf) > k_single * r.sigma_muf;
    cumuf += p.muf;
    r.cumuf = cumuf;
    r.sigma_cumuf = std::sqrt(cumuf_var[i]);
    r.cumuf_alarm = std::abs(cumuf) > k_cumuf * r.sigma_cumuf;
    Result<Innovation> v = std::unexpected(Error{});
    if (o.engine == SitmufEngine::kKalman) {
      v = kalman.append(p, i + 1);
    } else {
      cov.column(i, column);
      v = dense.append(column, p.muf, i + 1);
    }
    if (!v) return std::unexpected(v.error());
    r.active = v->active;
    if (v->active) {
      ++active;
      r.itmuf = v->itmuf;
      r.sigma_itmuf = std::sqrt(v->variance);
      r.sitmuf = v->sitmuf;
      page = page_step(page, v->sitmuf, o.page_k);
      gemuf += v->sitmuf * v->sitmuf;
    }
    r.page = page;
    r.page_alarm = page > h;
    if (r.page_alarm && a.first_page_alarm == 0) a.first_page_alarm = i + 1;
    r.gemuf = gemuf;
    if (active > 0) {
      LEU_GET(t, chi2_threshold(static_cast<double>(active), o.gemuf_alpha, "alpha-gemuf"));
      r.gemuf_threshold = t;
      r.gemuf_alarm = gemuf > t;
    }
    r.contributions = p.contributions;
    std::sort(r.contributions.begin(), r.contributions.end(),
              [](const Contribution& x, const Contribution& y) { return x.variance > y.variance; });
    a.rows.push_back(std::move(r));
  }
  return a;
}

}  // namespace leu::stats
