#include "stats/balance_sequence.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace leu::stats {

Result<void> validate(const BalanceSequence& s) {
  auto bad_var = [](double v) { return !std::isfinite(v) || v < 0; };
  if (bad_var(s.start_inventory_random_var))
    return invalid("start_inventory_random_var",
                   fmt::format("variance must be finite and >= 0, got {}", s.start_inventory_random_var));
  for (std::size_t g = 0; g < s.groups.size(); ++g)
    if (bad_var(s.groups[g].variance))
      return invalid(fmt::format("groups[{}] ({})", g, s.groups[g].name),
                     fmt::format("systematic variance must be finite and >= 0, got {}", s.groups[g].variance));
  std::vector<std::size_t> last_seen(s.groups.size(), 0);
  for (std::size_t i = 0; i < s.periods.size(); ++i) {
    const auto& p = s.periods[i];
    const std::string field = fmt::format("period {}", i + 1);
    if (!std::isfinite(p.muf)) return invalid(field, fmt::format("MUF is not a finite number ({})", p.muf));
    if (bad_var(p.flow_random_var))
      return invalid(field, fmt::format("flow random variance must be finite and >= 0, got {}", p.flow_random_var));
    if (bad_var(p.end_inventory_random_var))
      return invalid(field, fmt::format("ending-inventory random variance must be finite and >= 0, got {}",
                                        p.end_inventory_random_var));
    for (const auto& e : p.exposures) {
      if (e.group < 0 || static_cast<std::size_t>(e.group) >= s.groups.size())
        return invalid(field, fmt::format("exposure names systematic group {}, but there are {} groups", e.group,
                                          s.groups.size()));
      if (!std::isfinite(e.amount)) return invalid(field, "an exposure is not a finite number");
      if (last_seen[e.group] == i + 1)
        return invalid(field, fmt::format("systematic group {} appears twice", s.groups[e.group].name));
      last_seen[e.group] = i + 1;
    }
  }
  return {};
}

}  // namespace leu::stats
