// Significant quantities: the approximate amount of material for which the
// possibility of making a nuclear explosive device cannot be excluded.
//
// IAEA Safeguards Glossary (2001), table II (leu-bank.md §10): uranium below
// 20 % U-235 (LEU, natural, depleted): 75 kg U-235, or 10 t natural U, or 20 t
// depleted U; HEU: 25 kg U-235.
//
//   double sq = significant_quantities(UraniumCategory::kEnriched, EnrichmentClass::kLow, u, u235);
#pragma once

#include "domain/isotopics.hpp"
#include "domain/quantity.hpp"

namespace leu {

inline constexpr Mass kSqLeuU235 = Mass::kilograms(75);
inline constexpr Mass kSqHeuU235 = Mass::kilograms(25);
inline constexpr Mass kSqNaturalU = Mass::kilograms(10'000);
inline constexpr Mass kSqDepletedU = Mass::kilograms(20'000);

// Number of significant quantities in the given uranium and U-235 masses [SQ].
double significant_quantities(UraniumCategory category, EnrichmentClass enrichment, Mass uranium, Mass u235);

}  // namespace leu
