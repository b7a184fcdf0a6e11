// Isotopic composition of uranium as weight fractions, and its categories.
//
// An Isotopics value is immutable and always valid: U-234, U-235, U-236 and U-238
// weight fractions, each in [0, 1], summing to 1 within kSumTolerance. It is built
// from all four fractions, or from the U-235 fraction alone (the rest U-238).
//
//   auto iso = Isotopics::from_u235(Fraction::parse_percent("4.95", "u235").value());
//   UraniumCategory c = iso->category();          // kEnriched
//   double m = iso->molar_mass_g_per_mol();        // 237.900 [g/mol]
#pragma once

#include <string_view>

#include "domain/error.hpp"
#include "domain/quantity.hpp"

namespace leu {

// Depleted / natural / enriched, the element categories of INFCIRC/153 reports.
enum class UraniumCategory { kDepleted, kNatural, kEnriched };
// Enriched uranium below 20 % U-235 is LEU; at or above it, HEU.
enum class EnrichmentClass { kNotEnriched, kLow, kHigh };

std::string_view category_name(UraniumCategory c);  // "depleted" | "natural" | "enriched"
// The one-letter element code of the reports (N, D, E; accounting-reports.md §6).
char category_element_code(UraniumCategory c);
Result<UraniumCategory> parse_category(std::string_view name);

class Isotopics {
 public:
  // |sum of the four fractions - 1| may not exceed this: 1e-6, i.e. 0.0001 wt %,
  // the last digit a mass-spectrometry certificate usually gives.
  static constexpr std::int64_t kSumTolerance = 1'000;  // parts per 10^9

  // Pure U-238: a valid composition for records that are filled in afterwards.
  Isotopics() : u238_(Fraction::one()) {}
  static Result<Isotopics> make(Fraction u234, Fraction u235, Fraction u236, Fraction u238);
  static Result<Isotopics> from_u235(Fraction u235);

  Fraction u234() const { return u234_; }
  Fraction u235() const { return u235_; }
  Fraction u236() const { return u236_; }
  Fraction u238() const { return u238_; }

  // M_U = 1 / sum_i (w_i / M_i), weights normalised to their sum [g/mol].
  double molar_mass_g_per_mol() const;
  // U-235 atom fraction a_235 = (w_235 / M_235) / sum_i (w_i / M_i) [1].
  double u235_atom_fraction() const;
  UraniumCategory category() const;
  EnrichmentClass enrichment_class() const;

  bool operator==(const Isotopics&) const = default;

 private:
  Isotopics(Fraction a, Fraction b, Fraction c, Fraction d) : u234_(a), u235_(b), u236_(c), u238_(d) {}
  Fraction u234_, u235_, u236_, u238_;
};

// Natural uranium's U-235 abundance: 0.711 wt % (leu-bank.md §9; 0.7204 atom %).
// Within kNaturalBand of it a composition is "natural": 0.001 wt % either side, the
// resolution to which assays of natural uranium are reported (design assumption).
inline constexpr Fraction kNaturalU235 = Fraction::from_parts(7'110'000);
inline constexpr Fraction kNaturalBand = Fraction::from_parts(10'000);
// HEU starts at 20 % U-235 by atoms (IAEA Safeguards Glossary 2001, 4.10-4.11).
inline constexpr double kHeuAtomFraction = 0.20;

}  // namespace leu
