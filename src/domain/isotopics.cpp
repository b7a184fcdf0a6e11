#include "domain/isotopics.hpp"

#include <cstdlib>

#include "domain/atomic_masses.hpp"

namespace leu {
namespace {

// sum_i (w_i / M_i) over the normalised weights [mol/g].
double moles_per_gram(const Isotopics& iso) {
  const double sum = iso.u234().value() + iso.u235().value() + iso.u236().value() + iso.u238().value();
  return (iso.u234().value() / atomic_mass::kU234 + iso.u235().value() / atomic_mass::kU235 +
          iso.u236().value() / atomic_mass::kU236 + iso.u238().value() / atomic_mass::kU238) /
         sum;
}

}  // namespace

std::string_view category_name(UraniumCategory c) {
  switch (c) {
    case UraniumCategory::kDepleted: return "depleted";
    case UraniumCategory::kNatural: return "natural";
    case UraniumCategory::kEnriched: return "enriched";
  }
  return "?";
}

char category_element_code(UraniumCategory c) {
  switch (c) {
    case UraniumCategory::kDepleted: return 'D';
    case UraniumCategory::kNatural: return 'N';
    case UraniumCategory::kEnriched: return 'E';
  }
  return '?';
}

Result<UraniumCategory> parse_category(std::string_view name) {
  if (name == "depleted") return UraniumCategory::kDepleted;
  if (name == "natural") return UraniumCategory::kNatural;
  if (name == "enriched") return UraniumCategory::kEnriched;
  return invalid("category", "'" + std::string(name) + "' is not depleted, natural or enriched");
}

Result<Isotopics> Isotopics::make(Fraction u234, Fraction u235, Fraction u236, Fraction u238) {
  const std::pair<const char*, Fraction> parts[] = {
      {"u234_wt_pct", u234}, {"u235_wt_pct", u235}, {"u236_wt_pct", u236}, {"u238_wt_pct", u238}};
  for (const auto& [name, f] : parts) {
    if (f.parts() < 0 || f.parts() > Fraction::kOne) return invalid(name, "must lie between 0 and 100 %");
  }
  const std::int64_t sum = u234.parts() + u235.parts() + u236.parts() + u238.parts();
  if (std::llabs(sum - Fraction::kOne) > kSumTolerance)
    return invalid("isotopics", "the U-234, U-235, U-236 and U-238 fractions sum to " +
                                    Fraction::from_parts(sum).percent_text(7) + " %, not 100 % (tolerance 0.0001 %)");
  return Isotopics(u234, u235, u236, u238);
}

Result<Isotopics> Isotopics::from_u235(Fraction u235) {
  return make(Fraction(), u235, Fraction(), Fraction::one() - u235);
}

double Isotopics::molar_mass_g_per_mol() const { return 1.0 / moles_per_gram(*this); }

double Isotopics::u235_atom_fraction() const {
  const double sum = u234_.value() + u235_.value() + u236_.value() + u238_.value();
  return (u235_.value() / sum / atomic_mass::kU235) / moles_per_gram(*this);
}

UraniumCategory Isotopics::category() const {
  if (u235_ > kNaturalU235 + kNaturalBand) return UraniumCategory::kEnriched;
  if (u235_ < kNaturalU235 - kNaturalBand) return UraniumCategory::kDepleted;
  return UraniumCategory::kNatural;
}

EnrichmentClass Isotopics::enrichment_class() const {
  if (category() != UraniumCategory::kEnriched) return EnrichmentClass::kNotEnriched;
  return u235_atom_fraction() >= kHeuAtomFraction ? EnrichmentClass::kHigh : EnrichmentClass::kLow;
}

}  // namespace leu
