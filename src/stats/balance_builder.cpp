#include "stats/balance_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

namespace leu::stats {
namespace {

std::string where(const Measurement& m) { return fmt::format("{} {} ({})", m.source, m.row, m.location); }

}  // namespace

Result<BalanceSequence> build_balance_sequence(const std::vector<Measurement>& ms, std::size_t periods,
                                               const MethodTable& methods, const BuildOptions& o) {
  LEU_RETURN_IF_ERROR(methods.validate());
  if (periods == 0) return invalid("periods", "at least one balance period is needed");
  if (!o.labels.empty() && o.labels.size() != periods)
    return invalid("labels", fmt::format("{} labels for {} periods", o.labels.size(), periods));
  BalanceSequence s;
  s.periods.resize(periods);
  if (!o.labels.empty())
    for (std::size_t i = 0; i < periods; ++i) s.periods[i].label = o.labels[i];
  std::map<std::pair<std::string, std::string>, int> group_of;
  std::vector<bool> shared_random;  // per group: the shared random error of one measurement (Measurement::id)
  // Per period and group: the exposure; per period and term: the random contribution.
  std::vector<std::map<int, double>> exposure(periods), gross(periods);  // gross: Σ|amount|, the rounding scale
  std::vector<std::map<std::string, double>> random_terms(periods);
  std::map<std::string, std::set<std::size_t>> seen_boundaries;
  std::vector<double> q(periods + 1, 0.0), muf_gross(periods, 0.0);
  auto group = [&](const std::string& kind, const std::string& name, const std::string& label, double variance) {
    auto [it, added] = group_of.try_emplace(std::pair{kind, name}, static_cast<int>(s.groups.size()));
    if (added) {
      s.groups.push_back({label, variance});
      shared_random.push_back(kind == "random");
    }
    return it->second;
  };

  for (const auto& m : ms) {
    const std::string at = where(m);
    if (!std::isfinite(m.value)) return invalid(at, "the value is not a finite number");
    if (m.random_weight_sq >= 0 ? !std::isfinite(m.random_weight_sq) : std::isnan(m.random_weight_sq))
      return invalid(at, "the random weight is not a finite number");
    LEU_GET(method, methods.find(m.method, at + ": method"));
    std::vector<int> groups = {group(m.method, m.calibration,
                                     m.calibration.empty() ? m.method : m.method + "/" + m.calibration,
                                     method->systematic_rsd * method->systematic_rsd)};
    double rel_random = method->random_rsd * method->random_rsd;
    if (!m.also_method.empty()) {
      LEU_GET(also, methods.find(m.also_method, at + ": also_method"));
      groups.push_back(group(m.also_method, m.also_calibration,
                             m.also_calibration.empty() ? m.also_method : m.also_method + "/" + m.also_calibration,
                             also->systematic_rsd * also->systematic_rsd));
      rel_random += also->random_rsd * also->random_rsd;
    }
    // A shared measurement's random error is a group of its own; otherwise it is independent (r_i, q_t).
    const bool shared = !m.id.empty();
    if (shared) groups.push_back(group("random", m.id, "random: " + m.location + " (" + m.id + ")", rel_random));
    const double rand_var =
        shared ? 0.0 : rel_random * (m.random_weight_sq < 0 ? m.value * m.value : m.random_weight_sq);
    auto expose = [&](std::size_t period, double amount) {
      muf_gross[period] += std::abs(amount);
      for (int g : groups) {
        exposure[period][g] += amount;
        gross[period][g] += std::abs(amount);
      }
    };
    if (m.kind == MeasuredKind::kInventory) {
      if (m.index > periods) return invalid(at, fmt::format("boundary {} is outside 0..{}", m.index, periods));
      if (!seen_boundaries[m.location].insert(m.index).second)
        return invalid(at, fmt::format("boundary {} is measured twice", m.index));
      q[m.index] += rand_var;
      if (m.index < periods) {
        s.periods[m.index].muf += m.value;
        expose(m.index, m.value);
        if (!shared && (m.index > 0 || !o.exact_starting_inventory))
          random_terms[m.index]["random: " + m.location] += rand_var;
      }
      if (m.index > 0) {
        s.periods[m.index - 1].muf -= m.value;
        expose(m.index - 1, -m.value);
        if (!shared) random_terms[m.index - 1]["random: " + m.location] += rand_var;
      }
    } else {
      if (m.index < 1 || m.index > periods)
        return invalid(at, fmt::format("period {} is outside 1..{}", m.index, periods));
      const double sign = m.kind == MeasuredKind::kInput ? 1.0 : -1.0;
      auto& p = s.periods[m.index - 1];
      p.muf += sign * m.value;
      p.flow_random_var += rand_var;
      expose(m.index - 1, sign * m.value);
      if (!shared) random_terms[m.index - 1]["random: " + m.location] += rand_var;
    }
  }
  for (const auto& [location, boundaries] : seen_boundaries)
    if (!o.absent_inventory_is_empty && boundaries.size() != periods + 1) {
      std::size_t missing = 0;
      while (boundaries.count(missing)) ++missing;
      return invalid(fmt::format("inventory {}", location),
                     fmt::format("missing time step: no measurement at boundary {} (needs every boundary 0..{})",
                                 missing, periods));
    }
  s.start_inventory_random_var = o.exact_starting_inventory ? 0.0 : q[0];
  for (std::size_t i = 0; i < periods; ++i) {
    auto& p = s.periods[i];
    p.end_inventory_random_var = q[i + 1];
    // ± the same values (a book value carried through) cancel up to rounding: call that zero.
    if (std::abs(p.muf) <= 1e-12 * muf_gross[i]) p.muf = 0;
    for (const auto& [term, v] : random_terms[i]) p.contributions.push_back({term, v});
    for (const auto& [g, e] : exposure[i]) {
      // A shared measurement entering with both signs cancels: test against its size, not exact zero.
      if (std::abs(e) <= 1e-12 * gross[i][g]) continue;
      const auto& grp = s.groups[static_cast<std::size_t>(g)];
      p.exposures.push_back({g, e});
      p.contributions.push_back(
          {shared_random[static_cast<std::size_t>(g)] ? grp.name : "systematic: " + grp.name, grp.variance * e * e});
    }
  }
  return s;
}

}  // namespace leu::stats
