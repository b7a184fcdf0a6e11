#include "sim/bank_model.hpp"

#include <fmt/format.h>

namespace leu::sim {

Result<stats::BalanceSequence> bank_sequence(const BankModel& m, const stats::MethodTable& methods) {
  LEU_RETURN_IF_ERROR(methods.validate());
  if (m.cylinders == 0) return invalid("cylinders", "the store needs at least one cylinder");
  if (m.periods == 0) return invalid("periods", "at least one balance period is needed");
  if (!(m.uranium_kg > 0)) return invalid("uranium-kg", fmt::format("must be > 0, got {}", m.uranium_kg));
  if (!(m.enrichment > 0 && m.enrichment < 1))
    return invalid("enrichment", fmt::format("must be in (0, 1), got {}", m.enrichment));
  LEU_GET(w, methods.find(m.weighing_method, "weighing-method"));
  LEU_GET(e, methods.find(m.enrichment_method, "enrichment-method"));
  const double per = u235_per_cylinder_kg(m);
  const double n_cyl = static_cast<double>(m.cylinders);
  const double c = per * n_cyl;  // the store's U-235 at every taking [kg]
  const double q_w = n_cyl * per * per * w->random_rsd * w->random_rsd;
  const double q_e = n_cyl * per * per * e->random_rsd * e->random_rsd;
  stats::BalanceSequence s;
  s.start_inventory_random_var = q_w + q_e;
  const std::size_t calibrations = m.recalibrate_each_period ? m.periods + 1 : 1;
  for (std::size_t k = 0; k < calibrations; ++k) {
    const std::string cal = m.recalibrate_each_period ? fmt::format("taking {}", k) : "horizon";
    s.groups.push_back({w->name + "/" + cal, w->systematic_rsd * w->systematic_rsd});
    s.groups.push_back({e->name + "/" + cal, e->systematic_rsd * e->systematic_rsd});
  }
  for (std::size_t i = 1; i <= m.periods; ++i) {
    stats::PeriodModel p;
    p.label = fmt::format("taking {} to {}", i - 1, i);
    p.end_inventory_random_var = q_w + q_e;
    p.contributions = {{"random: " + w->name, 2 * q_w}, {"random: " + e->name, 2 * q_e}};
    if (m.recalibrate_each_period) {
      const int before = static_cast<int>(2 * (i - 1)), after = static_cast<int>(2 * i);
      for (int j = 0; j < 2; ++j) {
        p.exposures.push_back({before + j, c});
        p.exposures.push_back({after + j, -c});
        for (int g : {before + j, after + j})
          p.contributions.push_back({"systematic: " + s.groups[static_cast<std::size_t>(g)].name,
                                     s.groups[static_cast<std::size_t>(g)].variance * c * c});
      }
    }
    s.periods.push_back(std::move(p));
  }
  return s;
}

}  // namespace leu::sim
