// Tests for Isotopics: validation of the four weight fractions, categories, LEU/HEU class and atom fraction.
#include "domain/isotopics.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/atomic_masses.hpp"

namespace leu {
namespace {

Fraction Pct(const char* text) { return Fraction::parse_percent(text, "pct").value(); }
Fraction Parts(std::int64_t p) { return Fraction::from_parts(p); }

Isotopics FromU235(const char* pct) { return Isotopics::from_u235(Pct(pct)).value(); }

void ExpectInvalid(const Result<Isotopics>& r, const std::string& field) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, field) << r.error().describe();
}

TEST(Isotopics, DefaultIsPureU238) {
  const Isotopics iso;
  EXPECT_EQ(iso.u238(), Fraction::one());
  EXPECT_EQ(iso.u235(), Fraction());
  EXPECT_EQ(iso.category(), UraniumCategory::kDepleted);
}

TEST(Isotopics, MakeAcceptsFourFractionsSummingToOne) {
  // leu-bank.md §9 row "0.04 wt % U-234 at 4.95 %": 0.04 + 4.95 + 0 + 95.01 = 100 %.
  const auto iso = Isotopics::make(Pct("0.04"), Pct("4.95"), Pct("0"), Pct("95.01"));
  ASSERT_TRUE(iso.has_value()) << iso.error().describe();
  EXPECT_EQ(iso->u234(), Pct("0.04"));
  EXPECT_EQ(iso->u235(), Pct("4.95"));
  EXPECT_EQ(iso->u236(), Fraction());
  EXPECT_EQ(iso->u238(), Pct("95.01"));
}

TEST(Isotopics, MakeRejectsSumOfNinetyNinePointNineNinePercent) {
  // 4.95 + 95.04 = 99.99 %: off by 1e-4, a hundred times kSumTolerance (1e-6).
  ExpectInvalid(Isotopics::make(Fraction(), Pct("4.95"), Fraction(), Pct("95.04")), "isotopics");
}

TEST(Isotopics, MakeRejectsSumAboveOne) {
  ExpectInvalid(Isotopics::make(Fraction(), Pct("4.95"), Fraction(), Pct("95.06")), "isotopics");
}

TEST(Isotopics, MakeAcceptsSumExactlyAtToleranceAndRejectsOnePartBeyond) {
  // kSumTolerance = 1,000 parts per 10^9 (1e-6), inclusive.
  ASSERT_EQ(Isotopics::kSumTolerance, 1'000);
  const Fraction u235 = Pct("4.95");
  const Fraction rest = Fraction::one() - u235;
  EXPECT_TRUE(Isotopics::make(Fraction(), u235, Fraction(), rest + Parts(1'000)).has_value());
  EXPECT_TRUE(Isotopics::make(Fraction(), u235, Fraction(), rest - Parts(1'000)).has_value());
  ExpectInvalid(Isotopics::make(Fraction(), u235, Fraction(), rest + Parts(1'001)), "isotopics");
  ExpectInvalid(Isotopics::make(Fraction(), u235, Fraction(), rest - Parts(1'001)), "isotopics");
}

TEST(Isotopics, MakeRejectsEachNegativeFractionNamingIt) {
  // One part below zero, the others summing to one: the sum (1 - 1e-9) is within tolerance, so only the range
  // rule can fire.
  const Fraction neg = Parts(-1);
  const Fraction one = Fraction::one();
  ExpectInvalid(Isotopics::make(neg, Fraction(), Fraction(), one), "u234_wt_pct");
  ExpectInvalid(Isotopics::make(Fraction(), neg, Fraction(), one), "u235_wt_pct");
  ExpectInvalid(Isotopics::make(Fraction(), Fraction(), neg, one), "u236_wt_pct");
  ExpectInvalid(Isotopics::make(Fraction(), Fraction(), one, neg), "u238_wt_pct");
}

TEST(Isotopics, MakeRejectsEachFractionAboveOneNamingIt) {
  // One part above 100 %, the others zero: the sum (1 + 1e-9) is within tolerance, so only the range rule fires.
  const Fraction over = Parts(Fraction::kOne + 1);
  const Fraction zero;
  ExpectInvalid(Isotopics::make(over, zero, zero, zero), "u234_wt_pct");
  ExpectInvalid(Isotopics::make(zero, over, zero, zero), "u235_wt_pct");
  ExpectInvalid(Isotopics::make(zero, zero, over, zero), "u236_wt_pct");
  ExpectInvalid(Isotopics::make(zero, zero, zero, over), "u238_wt_pct");
}

TEST(Isotopics, MakeAcceptsEachIsotopeAtTheEndsOfItsRange) {
  const Fraction one = Fraction::one();
  const Fraction zero;
  EXPECT_TRUE(Isotopics::make(one, zero, zero, zero).has_value());
  EXPECT_TRUE(Isotopics::make(zero, one, zero, zero).has_value());
  EXPECT_TRUE(Isotopics::make(zero, zero, one, zero).has_value());
  EXPECT_TRUE(Isotopics::make(zero, zero, zero, one).has_value());
}

TEST(Isotopics, FromU235PutsTheRestIntoU238) {
  const Isotopics iso = FromU235("4.95");
  EXPECT_EQ(iso.u234(), Fraction());
  EXPECT_EQ(iso.u235(), Parts(49'500'000));
  EXPECT_EQ(iso.u236(), Fraction());
  EXPECT_EQ(iso.u238(), Parts(950'500'000));
}

TEST(Isotopics, FromU235AcceptsZeroAndOneHundredPercent) {
  EXPECT_TRUE(Isotopics::from_u235(Fraction()).has_value());
  EXPECT_TRUE(Isotopics::from_u235(Fraction::one()).has_value());
}

TEST(Isotopics, FromU235RejectsFractionOutsideZeroToOne) {
  ExpectInvalid(Isotopics::from_u235(Parts(Fraction::kOne + 1)), "u235_wt_pct");
  ExpectInvalid(Isotopics::from_u235(Parts(-1)), "u235_wt_pct");
}

TEST(Isotopics, FromU235EqualsMakeWithTheSameFractions) {
  EXPECT_EQ(FromU235("3"), Isotopics::make(Fraction(), Pct("3"), Fraction(), Pct("97")).value());
}

// Natural band: kNaturalU235 = 0.711 wt %, kNaturalBand = 0.001 wt % either side, inclusive (isotopics.hpp).
TEST(IsotopicsCategory, NaturalAbundanceIsNatural) {
  EXPECT_EQ(FromU235("0.711").category(), UraniumCategory::kNatural);
}

TEST(IsotopicsCategory, NaturalBandIsInclusiveAtBothEdges) {
  EXPECT_EQ(FromU235("0.710").category(), UraniumCategory::kNatural);
  EXPECT_EQ(FromU235("0.712").category(), UraniumCategory::kNatural);
}

TEST(IsotopicsCategory, BelowNaturalBandIsDepleted) {
  EXPECT_EQ(FromU235("0.7099999").category(), UraniumCategory::kDepleted);
  EXPECT_EQ(FromU235("0.25").category(), UraniumCategory::kDepleted);
  EXPECT_EQ(FromU235("0").category(), UraniumCategory::kDepleted);
}

TEST(IsotopicsCategory, AboveNaturalBandIsEnriched) {
  EXPECT_EQ(FromU235("0.7120001").category(), UraniumCategory::kEnriched);
  EXPECT_EQ(FromU235("4.95").category(), UraniumCategory::kEnriched);
}

TEST(IsotopicsCategory, NamesAndElementCodesRoundTrip) {
  // Element codes D, N, E from accounting-reports.md §6.
  EXPECT_EQ(category_element_code(UraniumCategory::kDepleted), 'D');
  EXPECT_EQ(category_element_code(UraniumCategory::kNatural), 'N');
  EXPECT_EQ(category_element_code(UraniumCategory::kEnriched), 'E');
  for (UraniumCategory c : {UraniumCategory::kDepleted, UraniumCategory::kNatural, UraniumCategory::kEnriched})
    EXPECT_EQ(parse_category(category_name(c)), c);
  const auto bad = parse_category("leu");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "category");
}

// HEU starts at 20 atom % U-235 (IAEA Safeguards Glossary 2001, 4.10-4.11). With w234 = w236 = 0 that is
// between 19.7 wt % (19.90 atom %) and 19.8 wt % (20.003 atom %), by the formula in the next test.
TEST(IsotopicsEnrichmentClass, BankMaterialIsLowEnriched) {
  EXPECT_EQ(FromU235("4.95").enrichment_class(), EnrichmentClass::kLow);
  EXPECT_EQ(FromU235("0.7120001").enrichment_class(), EnrichmentClass::kLow);
}

TEST(IsotopicsEnrichmentClass, JustBelowTwentyAtomPercentIsLow) {
  EXPECT_EQ(FromU235("19.7").enrichment_class(), EnrichmentClass::kLow);
  // 20 wt % is already above 20 atom %, so the weight fraction must not be compared with 20 % directly:
  // 19.75 wt % is 19.952 atom % and still LEU.
  EXPECT_EQ(FromU235("19.75").enrichment_class(), EnrichmentClass::kLow);
}

TEST(IsotopicsEnrichmentClass, AtOrAboveTwentyAtomPercentIsHigh) {
  EXPECT_EQ(FromU235("19.8").enrichment_class(), EnrichmentClass::kHigh);
  EXPECT_EQ(FromU235("20").enrichment_class(), EnrichmentClass::kHigh);
  EXPECT_EQ(FromU235("93").enrichment_class(), EnrichmentClass::kHigh);
  EXPECT_EQ(FromU235("100").enrichment_class(), EnrichmentClass::kHigh);
}

TEST(IsotopicsEnrichmentClass, NaturalAndDepletedAreNotEnriched) {
  EXPECT_EQ(FromU235("0.711").enrichment_class(), EnrichmentClass::kNotEnriched);
  EXPECT_EQ(FromU235("0.2").enrichment_class(), EnrichmentClass::kNotEnriched);
}

// Independent hand computation (leu-bank.md §9, inverting w_i = a_i M_i / sum_j a_j M_j):
//   a_235 = (w_235 / M_235) / sum_i (w_i / M_i)
// with the AME2020 masses written out here, not taken from atomic_masses.hpp. Tolerance 1e-12 absolute:
// both sides are double evaluations of the same rational expression, ~1e-16 relative apart.
double HandAtomFraction(double w234, double w235, double w236, double w238) {
  const double m234 = 234.0409523, m235 = 235.0439301, m236 = 236.0455682, m238 = 238.0507884;
  const double moles = w234 / m234 + w235 / m235 + w236 / m236 + w238 / m238;
  return (w235 / m235) / moles;
}

TEST(IsotopicsAtomFraction, MatchesHandComputationAt495Percent) {
  // 4.95 wt % U-235 is 5.010151 atom % (leu-bank.md §9 formula; value computed by hand to 7 digits).
  const double a = FromU235("4.95").u235_atom_fraction();
  EXPECT_NEAR(a, HandAtomFraction(0, 0.0495, 0, 0.9505), 1e-12);
  EXPECT_NEAR(a, 0.05010151, 5e-9);
}

TEST(IsotopicsAtomFraction, MatchesHandComputationAtNaturalAbundance) {
  // 0.711 wt % is 0.72003 atom % by the formula above (isotopics.hpp quotes 0.7204 atom % for natural U, whose
  // 0.711 wt % is itself rounded); compared to 0.7200 atom %, tolerance 5e-6 (half a unit of the last digit).
  const double a = FromU235("0.711").u235_atom_fraction();
  EXPECT_NEAR(a, HandAtomFraction(0, 0.00711, 0, 0.99289), 1e-12);
  EXPECT_NEAR(a, 0.00720, 5e-6);
}

TEST(IsotopicsAtomFraction, MatchesHandComputationWithAllFourIsotopes) {
  const auto iso = Isotopics::make(Pct("0.04"), Pct("4.95"), Pct("0.02"), Pct("94.99")).value();
  EXPECT_NEAR(iso.u235_atom_fraction(), HandAtomFraction(0.0004, 0.0495, 0.0002, 0.9499), 1e-12);
}

TEST(IsotopicsAtomFraction, NormalisesFractionsThatSumWithinTolerance) {
  // Sum 1 + 1e-6: the weights are normalised to their sum (isotopics.hpp), so the atom fraction equals that
  // of the normalised composition. Tolerance 1e-12 as above.
  const auto iso = Isotopics::make(Fraction(), Pct("4.95"), Fraction(), Pct("95.0501")).value();
  const double sum = 0.0495 + 0.950501;
  EXPECT_NEAR(iso.u235_atom_fraction(), HandAtomFraction(0, 0.0495 / sum, 0, 0.950501 / sum), 1e-12);
}

TEST(IsotopicsAtomFraction, PureIsotopesGiveZeroAndOne) {
  EXPECT_EQ(FromU235("0").u235_atom_fraction(), 0.0);
  EXPECT_NEAR(FromU235("100").u235_atom_fraction(), 1.0, 1e-15);
}

TEST(IsotopicsMolarMass, PureIsotopesGiveTheirAtomicMasses) {
  // AME2020 masses (leu-bank.md §9), tolerance 1e-9 g/mol (double rounding only).
  EXPECT_NEAR(Isotopics().molar_mass_g_per_mol(), 238.0507884, 1e-9);
  EXPECT_NEAR(FromU235("100").molar_mass_g_per_mol(), 235.0439301, 1e-9);
  EXPECT_NEAR(Isotopics::make(Fraction::one(), Fraction(), Fraction(), Fraction())->molar_mass_g_per_mol(), 234.0409523,
              1e-9);
  EXPECT_NEAR(Isotopics::make(Fraction(), Fraction(), Fraction::one(), Fraction())->molar_mass_g_per_mol(), 236.0455682,
              1e-9);
}

TEST(IsotopicsMolarMass, AtomicMassConstantsMatchLeuBankSection9) {
  // leu-bank.md §9 table; exact equality because the constants are transcribed from it.
  EXPECT_EQ(atomic_mass::kFluorine, 18.998403163);
  EXPECT_EQ(atomic_mass::kU234, 234.0409523);
  EXPECT_EQ(atomic_mass::kU235, 235.0439301);
  EXPECT_EQ(atomic_mass::kU236, 236.0455682);
  EXPECT_EQ(atomic_mass::kU238, 238.0507884);
}

}  // namespace
}  // namespace leu
