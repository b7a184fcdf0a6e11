#include "domain/significant_quantity.hpp"

namespace leu {

double significant_quantities(UraniumCategory category, EnrichmentClass enrichment, Mass uranium, Mass u235) {
  const auto ratio = [](Mass m, Mass sq) { return static_cast<double>(m.mg()) / static_cast<double>(sq.mg()); };
  switch (category) {
    case UraniumCategory::kDepleted: return ratio(uranium, kSqDepletedU);
    case UraniumCategory::kNatural: return ratio(uranium, kSqNaturalU);
    case UraniumCategory::kEnriched: return ratio(u235, enrichment == EnrichmentClass::kHigh ? kSqHeuU235 : kSqLeuU235);
  }
  return 0;
}

}  // namespace leu
