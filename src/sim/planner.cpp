#include "sim/planner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include <fmt/format.h>
#include <boost/math/distributions/chi_squared.hpp>

#include "sim/counter_rng.hpp"
#include "sim/progress.hpp"
#include "stats/muf_covariance.hpp"
#include "stats/page_cusum.hpp"

namespace leu::sim {
namespace {

constexpr std::size_t kTests = 4;
const char* const kTestNames[kTests] = {"single", "cumuf", "page", "gemuf"};
// Dense Σ and its factor: 4,000² doubles = 128 MB. Beyond that, use the sequential statistics, not the planner.
constexpr std::size_t kMaxPeriods = 4000;

unsigned thread_count(unsigned wanted, std::size_t work) {
  unsigned t = wanted ? wanted : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(work, 1)));
}

// Runs f(begin, end) over [0, total) split into `threads` contiguous blocks.
template <class F>
void parallel_blocks(std::size_t total, unsigned threads, F&& f) {
  std::vector<std::thread> pool;
  const std::size_t block = (total + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t b = t * block, e = std::min(total, b + block);
    if (b >= e) break;
    pool.emplace_back([&f, b, e] { f(b, e); });
  }
  for (auto& th : pool) th.join();
}

// The first period (0-based, < horizon) at which each test's statistic exceeds its threshold, or horizon if none;
// or, with thresholds empty, each test's maximum over the horizon.
struct PathStats {
  double max[kTests];
  std::size_t first[kTests];
};

// Calibration (gemuf_z empty): each test's maximum over the horizon, GEMUF on the scale -log P(χ²_{i+1} > Z_i),
// comparable across periods. Evaluation: the first crossing of `thr`, GEMUF against its per-period Z thresholds.
PathStats path_stats(const double* muf, const double* z, const Eigen::VectorXd& sigma, const Eigen::VectorXd& sigma_c,
                     std::size_t horizon, double page_k, const std::vector<double>& thr,
                     const std::vector<double>& gemuf_z) {
  PathStats s;
  for (std::size_t t = 0; t < kTests; ++t) {
    s.max[t] = -1;
    s.first[t] = horizon;
  }
  const bool calibrating = gemuf_z.empty();
  double cumuf = 0, page = 0, gemuf = 0;
  auto see = [&](std::size_t t, double v, double limit, std::size_t i) {
    if (v > s.max[t]) s.max[t] = v;
    if (!calibrating && s.first[t] == horizon && v > limit) s.first[t] = i;
  };
  for (std::size_t i = 0; i < horizon; ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    cumuf += muf[i];
    page = stats::page_step(page, z[i], page_k);
    gemuf += z[i] * z[i];
    see(0, std::abs(muf[i]) / sigma(ii), calibrating ? 0 : thr[0], i);
    see(1, std::abs(cumuf) / sigma_c(ii), calibrating ? 0 : thr[1], i);
    see(2, page, calibrating ? 0 : thr[2], i);
    if (calibrating) {
      const double tail = boost::math::cdf(
          boost::math::complement(boost::math::chi_squared_distribution<double>(static_cast<double>(i + 1)), gemuf));
      see(3, tail > 0 ? -std::log(tail) : 745.0, 0, i);  // 745 ≈ -log(smallest subnormal double)
    } else {
      see(3, gemuf, gemuf_z[i], i);
    }
  }
  return s;
}

}  // namespace

Result<Planner> Planner::create(const stats::BalanceSequence& nominal, const PlannerOptions& o) {
  LEU_RETURN_IF_ERROR(stats::validate(nominal));
  const std::size_t n = nominal.periods.size();
  if (n == 0) return invalid("periods", "the planner needs at least one balance period");
  if (n > kMaxPeriods)
    return invalid("periods", fmt::format("{} periods: the planner's dense Σ is limited to {}", n, kMaxPeriods));
  if (o.iterations < 100)
    return invalid("iterations", "at least 100 iterations are needed (half calibrate, half measure)");
  if (!(o.false_alarm > 0 && o.false_alarm < 1))
    return invalid("false-alarm", fmt::format("must be in (0, 1), got {}", o.false_alarm));
  if (o.timeliness > n)
    return invalid("timeliness", fmt::format("{} periods, but the sequence has {}", o.timeliness, n));
  Planner p;
  p.o_ = o;
  p.n_ = n;
  p.horizon_ = o.timeliness ? o.timeliness : n;
  const stats::MufCovariance cov(nominal);
  const Eigen::MatrixXd sigma = cov.dense();
  Eigen::LLT<Eigen::MatrixXd> llt(sigma);
  if (llt.info() != Eigen::Success)
    return invalid("covariance",
                   "the nominal MUF covariance is not positive definite (a period without measured "
                   "quantity, or perfectly correlated periods): run `leubank stats` on it to see where");
  p.l_ = llt.matrixL();
  p.sigma_ = sigma.diagonal().cwiseSqrt();
  const auto cv = cov.cumuf_variances();
  p.sigma_cumuf_ = Eigen::Map<const Eigen::VectorXd>(cv.data(), static_cast<Eigen::Index>(n)).cwiseSqrt();

  // The error model, in the aggregated form of §1.8.
  const std::size_t g = nominal.groups.size();
  Eigen::MatrixXd exposure = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(g));
  std::vector<double> r_sd(n), q_sd(n + 1), g_sd(g);
  q_sd[0] = std::sqrt(nominal.start_inventory_random_var);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& per = nominal.periods[i];
    r_sd[i] = std::sqrt(per.flow_random_var);
    q_sd[i + 1] = std::sqrt(per.end_inventory_random_var);
    for (const auto& e : per.exposures) exposure(static_cast<Eigen::Index>(i), e.group) += e.amount;
  }
  for (std::size_t j = 0; j < g; ++j) g_sd[j] = std::sqrt(nominal.groups[j].variance);

  const std::size_t iters = o.iterations;
  p.muf_.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(iters));
  p.z_.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(iters));
  std::atomic<std::size_t> done{0};
  Progress bar(iters, "simulating", o.progress);
  const unsigned threads = thread_count(o.threads, iters);
  std::atomic<bool> finished{false};
  std::thread reporter;
  if (o.progress)
    reporter = std::thread([&] {
      while (!finished.load()) {
        bar.update(done.load());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      bar.update(done.load());
      bar.finish();
    });
  parallel_blocks(iters, threads, [&](std::size_t b, std::size_t e) {
    Eigen::VectorXd eta(static_cast<Eigen::Index>(g)), u(static_cast<Eigen::Index>(n + 1));
    for (std::size_t it = b; it < e; ++it) {
      CounterNormal rng(o.seed, it);
      for (std::size_t j = 0; j < g; ++j) eta(static_cast<Eigen::Index>(j)) = g_sd[j] * rng.next();
      for (std::size_t t = 0; t <= n; ++t) u(static_cast<Eigen::Index>(t)) = q_sd[t] * rng.next();
      auto col = p.muf_.col(static_cast<Eigen::Index>(it));
      col.noalias() = exposure * eta;
      for (std::size_t i = 0; i < n; ++i) {
        const auto ii = static_cast<Eigen::Index>(i);
        col(ii) += r_sd[i] * rng.next() + u(ii) - u(ii + 1);
      }
      if ((it - b) % 256 == 255) done += 256;
    }
    // SITMUF = L⁻¹·MUF for the block: one triangular solve with many right-hand sides.
    const auto cols = static_cast<Eigen::Index>(e - b);
    p.z_.middleCols(static_cast<Eigen::Index>(b), cols) =
        p.l_.triangularView<Eigen::Lower>().solve(p.muf_.middleCols(static_cast<Eigen::Index>(b), cols));
  });
  done = iters;
  finished = true;
  if (reporter.joinable()) reporter.join();

  // Calibrate on the even iterations.
  std::vector<std::vector<double>> maxima(kTests);
  for (std::size_t it = 0; it < iters; it += 2) {
    const auto c = static_cast<Eigen::Index>(it);
    const PathStats s =
        path_stats(p.muf_.col(c).data(), p.z_.col(c).data(), p.sigma_, p.sigma_cumuf_, p.horizon_, o.page_k, {}, {});
    for (std::size_t t = 0; t < kTests; ++t) maxima[t].push_back(s.max[t]);
  }
  p.threshold_.resize(kTests);
  for (std::size_t t = 0; t < kTests; ++t) {
    auto& m = maxima[t];
    const auto k = static_cast<std::size_t>(std::ceil((1 - o.false_alarm) * static_cast<double>(m.size()))) - 1;
    std::nth_element(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(k), m.end());
    p.threshold_[t] = m[k];
  }
  // GEMUF's calibrated tail level as a threshold on Z_i per period.
  const double tail = std::exp(-p.threshold_[3]);
  for (std::size_t i = 0; i < p.horizon_; ++i)
    p.gemuf_z_.push_back(boost::math::quantile(
        boost::math::complement(boost::math::chi_squared_distribution<double>(static_cast<double>(i + 1)), tail)));
  LEU_GET(h, stats::page_threshold(o.page_k, o.false_alarm, p.horizon_, "page"));
  p.page_h_ = h;
  // False alarms on the odd (measuring) iterations: independent of any diversion, counted once.
  for (std::size_t it = 1; it < iters; it += 2) {
    const auto c = static_cast<Eigen::Index>(it);
    const PathStats s = path_stats(p.muf_.col(c).data(), p.z_.col(c).data(), p.sigma_, p.sigma_cumuf_, p.horizon_,
                                   o.page_k, p.threshold_, p.gemuf_z_);
    for (std::size_t k = 0; k < kTests; ++k) p.noise_alarms_[k] += s.first[k] < p.horizon_;
    p.page_designed_alarms_ += s.max[2] > p.page_h_;
  }
  return p;
}

std::vector<double> Planner::sigma_muf() const { return {sigma_.data(), sigma_.data() + sigma_.size()}; }

Result<std::vector<double>> Planner::loss_vector(const Diversion& d) const {
  std::vector<double> loss(n_, 0.0);
  if (d.kind == DiversionKind::kNone) return loss;
  if (!std::isfinite(d.amount)) return invalid("amount", "the diverted amount must be a finite number");
  const std::size_t span = d.kind == DiversionKind::kAbrupt ? 1 : d.periods;
  if (d.first_period < 1 || span < 1 || d.first_period + span - 1 > n_)
    return invalid("diversion", fmt::format("periods {}..{} are outside the sequence 1..{}", d.first_period,
                                            d.first_period + span - 1, n_));
  for (std::size_t i = 0; i < span; ++i) loss[d.first_period - 1 + i] = d.amount / static_cast<double>(span);
  return loss;
}

Result<PlannerReport> Planner::evaluate(const Diversion& d) const {
  LEU_GET(loss, loss_vector(d));
  const Eigen::Map<const Eigen::VectorXd> lv(loss.data(), static_cast<Eigen::Index>(n_));
  const Eigen::VectorXd lz = l_.triangularView<Eigen::Lower>().solve(lv);
  const std::size_t iters = static_cast<std::size_t>(muf_.cols());
  const unsigned threads = thread_count(o_.threads, iters / 2);
  struct Counts {
    std::vector<std::size_t> by_period[kTests];
    std::size_t evaluated = 0;
  };
  std::vector<Counts> per_thread(threads);
  const std::size_t pairs = iters / 2;
  const std::size_t block = (pairs + threads - 1) / threads;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      Counts& c = per_thread[t];
      for (auto& v : c.by_period) v.assign(horizon_, 0);
      Eigen::VectorXd m(static_cast<Eigen::Index>(n_)), z(static_cast<Eigen::Index>(n_));
      for (std::size_t pi = t * block; pi < std::min(pairs, (t + 1) * block); ++pi) {
        const auto col = static_cast<Eigen::Index>(2 * pi + 1);
        m = muf_.col(col) + lv;
        z = z_.col(col) + lz;
        const PathStats s =
            path_stats(m.data(), z.data(), sigma_, sigma_cumuf_, horizon_, o_.page_k, threshold_, gemuf_z_);
        for (std::size_t k = 0; k < kTests; ++k)
          if (s.first[k] < horizon_) ++c.by_period[k][s.first[k]];
        ++c.evaluated;
      }
    });
  }
  for (auto& th : pool) th.join();
  PlannerReport r;
  r.iterations = iters;
  r.timeliness = horizon_;
  r.page_h_designed = page_h_;
  for (const auto& c : per_thread) r.evaluated += c.evaluated;
  const std::size_t page_designed = page_designed_alarms_;
  const double ne = static_cast<double>(r.evaluated);
  auto se = [&](double pr) { return std::sqrt(pr * (1 - pr) / ne); };
  r.page_false_alarm_designed = static_cast<double>(page_designed) / ne;
  r.page_false_alarm_designed_se = se(r.page_false_alarm_designed);
  for (std::size_t k = 0; k < kTests; ++k) {
    TestOutcome out;
    out.test = kTestNames[k];
    out.threshold = threshold_[k];
    std::size_t cumulative = 0;
    const std::size_t noise = noise_alarms_[k];
    for (std::size_t j = 0; j < horizon_; ++j) {
      for (const auto& c : per_thread) cumulative += c.by_period[k][j];
      out.detection_by_period.push_back(static_cast<double>(cumulative) / ne);
    }
    out.false_alarm = static_cast<double>(noise) / ne;
    out.false_alarm_se = se(out.false_alarm);
    out.detection = out.detection_by_period.back();
    out.detection_se = se(out.detection);
    r.tests.push_back(std::move(out));
  }
  return r;
}

Result<double> Planner::amount_for(const Diversion& shape, const std::string& test, double target) const {
  const auto it = std::find(std::begin(kTestNames), std::end(kTestNames), test);
  if (it == std::end(kTestNames))
    return invalid("test", fmt::format("unknown test \"{}\" (single, cumuf, page, gemuf)", test));
  if (!(target > 0 && target < 1)) return invalid("probability", fmt::format("must be in (0, 1), got {}", target));
  if (shape.kind == DiversionKind::kNone) return invalid("diversion", "a diversion scenario is needed");
  const auto k = static_cast<std::size_t>(it - std::begin(kTestNames));
  auto dp = [&](double amount) -> Result<double> {
    Diversion d = shape;
    d.amount = amount;
    LEU_GET(r, evaluate(d));
    return r.tests[k].detection;
  };
  // Bracket: start at one σ of the diverted periods' MUF and double.
  double hi = sigma_.maxCoeff();
  for (int i = 0;; ++i) {
    LEU_GET(v, dp(hi));
    if (v >= target) break;
    if (i > 60) return invalid("diversion", "no amount reaches that detection probability");
    hi *= 2;
  }
  double lo = 0;
  for (int i = 0; i < 40 && hi - lo > 1e-4 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    LEU_GET(v, dp(mid));
    (v >= target ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace leu::sim
