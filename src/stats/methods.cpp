#include "stats/methods.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

namespace leu::stats {

Result<const MeasurementMethod*> MethodTable::find(const std::string& method, const std::string& field) const {
  for (const auto& m : methods)
    if (m.name == method) return &m;
  std::string known;
  for (const auto& m : methods) known += (known.empty() ? "" : ", ") + m.name;
  return fail(ErrorCode::kNotFound, field,
              fmt::format("unknown measurement method \"{}\" (table {} v{} knows: {})", method, name, version, known));
}

Result<void> MethodTable::validate() const {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < methods.size(); ++i) {
    const auto& m = methods[i];
    const std::string field = fmt::format("methods[{}]", i);
    if (m.name.empty()) return invalid(field, "a method needs a name");
    if (!seen.insert(m.name).second) return invalid(field, fmt::format("method \"{}\" is listed twice", m.name));
    for (auto [what, v] : {std::pair{"random_rsd", m.random_rsd}, std::pair{"systematic_rsd", m.systematic_rsd}})
      if (!std::isfinite(v) || v < 0 || v >= 1)
        return invalid(field + "." + what, fmt::format("{} of \"{}\" must be in [0, 1), got {}", what, m.name, v));
    if (m.source.empty()) return invalid(field + ".source", fmt::format("method \"{}\" must name its source", m.name));
  }
  return {};
}

}  // namespace leu::stats
