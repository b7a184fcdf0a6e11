#include "bank/allocation.hpp"

#include <algorithm>

namespace leu::bank {
namespace {

struct Search {
  const std::vector<Candidate>& c;
  std::int64_t quantity;
  std::int64_t budget;
  std::vector<std::int64_t> suffix;  // suffix[i] = sum of c[i..] uranium [mg]
  std::vector<std::size_t> chosen;
  bool found = false;
  std::int64_t best_excess = 0;
  std::vector<std::string> best_ids;
  std::int64_t nodes = 0;
  bool exhausted = false;

  void consider(std::int64_t sum) {
    std::vector<std::string> ids;
    for (std::size_t k : chosen) ids.push_back(c[k].id);
    std::ranges::sort(ids);
    const std::int64_t excess = sum - quantity;
    const bool better =
        !found || excess < best_excess ||
        (excess == best_excess && (ids.size() < best_ids.size() || (ids.size() == best_ids.size() && ids < best_ids)));
    if (better) {
      found = true;
      best_excess = excess;
      best_ids = std::move(ids);
    }
  }

  void dfs(std::size_t i, std::int64_t sum) {
    if (exhausted) return;
    if (++nodes > budget) {
      exhausted = true;
      return;
    }
    if (sum >= quantity) {  // covered: any further cylinder only adds excess
      consider(sum);
      return;
    }
    if (i == c.size() || sum + suffix[i] < quantity) return;
    // With a perfect fit found, a completion needs at least one more cylinder, so it cannot tie on count.
    if (found && best_excess == 0 && chosen.size() + 1 > best_ids.size()) return;
    chosen.push_back(i);
    dfs(i + 1, sum + c[i].uranium.mg());
    chosen.pop_back();
    dfs(i + 1, sum);
  }
};

}  // namespace

AllocationChoice choose_cylinders(std::vector<Candidate> candidates, Mass quantity, std::int64_t node_budget) {
  std::ranges::sort(candidates, [](const Candidate& a, const Candidate& b) {
    return a.uranium != b.uranium ? a.uranium > b.uranium : a.id < b.id;
  });
  Search s{candidates, quantity.mg(), node_budget, std::vector<std::int64_t>(candidates.size() + 1, 0), {}};
  for (std::size_t i = candidates.size(); i-- > 0;) s.suffix[i] = s.suffix[i + 1] + candidates[i].uranium.mg();
  AllocationChoice out;
  if (quantity.mg() <= 0 || s.suffix[0] < quantity.mg()) {
    out.optimal = true;
    return out;
  }
  s.dfs(0, 0);
  out.nodes = s.nodes;
  out.optimal = !s.exhausted;
  if (!s.found) return out;
  out.feasible = true;
  out.ids = s.best_ids;
  for (const auto& id : out.ids)
    for (const auto& cand : candidates)
      if (cand.id == id) out.uranium += cand.uranium, out.u235 += cand.u235;
  out.excess = out.uranium - quantity;
  return out;
}

}  // namespace leu::bank
