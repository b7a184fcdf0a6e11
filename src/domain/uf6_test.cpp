// Tests for the UF6 arithmetic: M_U, f_U, uranium and U-235 in UF6 against leu-bank.md §9, rounding, properties.
#include "domain/uf6.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace leu {
namespace {

constexpr Mass kFull30B = Mass::kilograms(2277);  // 30B maximum fill (leu-bank.md §8, §9 table)

Isotopics FromU235(const char* pct) {
  return Isotopics::from_u235(Fraction::parse_percent(pct, "u235").value()).value();
}

// One row of the leu-bank.md §9 table (w234 = w236 = 0).
struct Row {
  const char* w235_pct;
  double molar_mass;  // M_U [g/mol], 3 decimals
  double f_u;         // f_U [1], 6 decimals
  double u_kg;        // U in 2,277 kg UF6 [kg], 1 decimal
  double u235_kg;     // U-235 in it [kg], 2 decimals
};

constexpr Row kRow0711 = {"0.711", 238.029, 0.676182, 1539.7, 10.95};
constexpr Row kRow300 = {"3.00", 237.959, 0.676117, 1539.5, 46.19};
constexpr Row kRow400 = {"4.00", 237.929, 0.676089, 1539.5, 61.58};
constexpr Row kRow495 = {"4.95", 237.900, 0.676063, 1539.4, 76.20};
constexpr Row kRow500 = {"5.00", 237.899, 0.676061, 1539.4, 76.97};

// Tolerances: half a unit of the last digit the table shows.
constexpr double kMolarMassTol = 0.0005;  // g/mol
constexpr double kFuTol = 5e-7;
constexpr double kUraniumKgTol = 0.05;  // kg
constexpr double kU235KgTol = 0.005;    // kg

void ExpectRow(const Row& row) {
  SCOPED_TRACE(std::string("w235 = ") + row.w235_pct + " wt %");
  const Isotopics iso = FromU235(row.w235_pct);
  EXPECT_NEAR(iso.molar_mass_g_per_mol(), row.molar_mass, kMolarMassTol);
  EXPECT_NEAR(uranium_fraction_of_uf6(iso), row.f_u, kFuTol);
  const UraniumContent c = uranium_in_uf6(kFull30B, iso);
  EXPECT_NEAR(c.uranium.kg_approx(), row.u_kg, kUraniumKgTol);
  EXPECT_NEAR(c.u235.kg_approx(), row.u235_kg, kU235KgTol);
}

// leu-bank.md §9 table, row 0.711 wt %: M_U 238.029 (±0.0005 g/mol), f_U 0.676182 (±5e-7),
// U 1,539.7 kg (±0.05 kg), U-235 10.95 kg (±0.005 kg).
TEST(Uf6, NaturalAbundanceMatchesReferenceTable) { ExpectRow(kRow0711); }

// leu-bank.md §9 table, row 3.00 wt %: M_U 237.959 (±0.0005 g/mol), f_U 0.676117 (±5e-7),
// U 1,539.5 kg (±0.05 kg), U-235 46.19 kg (±0.005 kg).
TEST(Uf6, ThreePercentMatchesReferenceTable) { ExpectRow(kRow300); }

// leu-bank.md §9 table, row 4.00 wt %: M_U 237.929 (±0.0005 g/mol), f_U 0.676089 (±5e-7),
// U 1,539.5 kg (±0.05 kg), U-235 61.58 kg (±0.005 kg).
TEST(Uf6, FourPercentMatchesReferenceTable) { ExpectRow(kRow400); }

// leu-bank.md §9 table, row 4.95 wt % (the bank's limit): M_U 237.900 (±0.0005 g/mol), f_U 0.676063 (±5e-7),
// U 1,539.4 kg (±0.05 kg), U-235 76.20 kg (±0.005 kg).
TEST(Uf6, UraniumIn2277KgAt495PercentMatchesReferenceTable) { ExpectRow(kRow495); }

// leu-bank.md §9 table, row 5.00 wt % (the 30B design limit): M_U 237.899 (±0.0005 g/mol), f_U 0.676061 (±5e-7),
// U 1,539.4 kg (±0.05 kg), U-235 76.97 kg (±0.005 kg).
TEST(Uf6, FivePercentMatchesReferenceTable) { ExpectRow(kRow500); }

// leu-bank.md §9, note under the table: 0.04 wt % U-234 at 4.95 % gives M_U 237.899 (±0.0005 g/mol) and
// f_U 0.676061 (±5e-7). The remaining 95.01 % is U-238.
TEST(Uf6, U234AtFourHundredthsPercentMatchesReferenceNote) {
  const auto iso =
      Isotopics::make(Fraction::parse_percent("0.04", "u234").value(), Fraction::parse_percent("4.95", "u235").value(),
                      Fraction(), Fraction::parse_percent("95.01", "u238").value());
  ASSERT_TRUE(iso.has_value()) << iso.error().describe();
  EXPECT_NEAR(iso->molar_mass_g_per_mol(), 237.899, kMolarMassTol);
  EXPECT_NEAR(uranium_fraction_of_uf6(*iso), 0.676061, kFuTol);
}

// leu-bank.md §9: "compute it from isotopics, never as 0.676". Between 0.711 % and 5 % f_U moves by
// 1.8e-4 relative; the table's own digits give 0.676182 - 0.676061 = 1.21e-4 absolute (±1e-6 from rounding).
TEST(Uf6, UraniumFractionFallsWithEnrichment) {
  const double f_nat = uranium_fraction_of_uf6(FromU235("0.711"));
  const double f_5 = uranium_fraction_of_uf6(FromU235("5.00"));
  EXPECT_GT(f_nat, f_5);
  EXPECT_NEAR(f_nat - f_5, 0.676182 - 0.676061, 1e-6);
}

TEST(Uf6, UraniumInUf6AtMilligramResolutionMatchesHandComputation) {
  // Independent long double evaluation of leu-bank.md §9's formulas with the AME2020 / IUPAC masses written out:
  //   M_U = 1 / (w235/M235 + w238/M238), f_U = M_U / (M_U + 6 M_F), m_U = f_U m_UF6, m_235 = w235 m_U.
  // Tolerance: 0.5 mg for the rounding to whole milligrams plus 1e-3 mg for the difference between the double and
  // long double evaluations (~1e-16 relative of 1.5e9 mg = 1.5e-7 mg).
  const long double w235 = 0.0495L, w238 = 0.9505L;
  const long double m_u = 1.0L / (w235 / 235.0439301L + w238 / 238.0507884L);
  const long double f_u = m_u / (m_u + 6.0L * 18.998403163L);
  const long double u_exact = f_u * 2'277'000'000.0L;
  const long double u235_exact = w235 * u_exact;
  const UraniumContent c = uranium_in_uf6(kFull30B, FromU235("4.95"));
  EXPECT_NEAR(static_cast<double>(c.uranium.mg()), static_cast<double>(u_exact), 0.5 + 1e-3);
  EXPECT_NEAR(static_cast<double>(c.u235.mg()), static_cast<double>(u235_exact), 0.5 + 1e-3);
  // Rounded + residual reconstructs the exact value (tolerance 1e-3 mg as above).
  EXPECT_NEAR(static_cast<double>(c.uranium.mg()) - c.uranium_rounding_mg, static_cast<double>(u_exact), 1e-3);
  EXPECT_NEAR(static_cast<double>(c.u235.mg()) - c.u235_rounding_mg, static_cast<double>(u235_exact), 1e-3);
}

TEST(Uf6, RoundingResidualsAreWithinHalfAMilligram) {
  // uf6.hpp: rounded - exact, |.| <= 0.5 mg. Net masses chosen to give varied fractional milligrams.
  for (std::int64_t net_mg : {std::int64_t{1}, std::int64_t{7}, std::int64_t{999'999}, std::int64_t{2'219'431'000},
                              std::int64_t{2'277'000'000}, std::int64_t{1'234'567'891}}) {
    for (const char* pct : {"0.711", "3.00", "4.95", "5.00"}) {
      SCOPED_TRACE(std::to_string(net_mg) + " mg at " + pct + " %");
      const UraniumContent c = uranium_in_uf6(Mass::milligrams(net_mg), FromU235(pct));
      EXPECT_LE(std::abs(c.uranium_rounding_mg), 0.5);
      EXPECT_LE(std::abs(c.u235_rounding_mg), 0.5);
    }
  }
}

TEST(Uf6, RoundedPlusResidualReconstructsExactValue) {
  // uf6.hpp: residual = rounded - exact. The exact m_U = f_U * m_UF6 and m_235 = w235 * m_U are evaluated here in
  // long double from the same f_U; rounded - residual must give them back to 1e-6 mg (the residual is stored as a
  // double, ~1e-17 mg off; 1e-6 mg leaves room for long double evaluation order).
  const Isotopics iso = FromU235("4.95");
  const long double f_u = uranium_fraction_of_uf6(iso);
  for (std::int64_t net_mg : {std::int64_t{3}, std::int64_t{1'234'567'891}, std::int64_t{2'277'000'000}}) {
    SCOPED_TRACE(net_mg);
    const UraniumContent c = uranium_in_uf6(Mass::milligrams(net_mg), iso);
    const long double u_exact = static_cast<long double>(net_mg) * f_u;
    const long double u235_exact = u_exact * 0.0495L;
    const long double u_back = static_cast<long double>(c.uranium.mg()) - c.uranium_rounding_mg;
    const long double u235_back = static_cast<long double>(c.u235.mg()) - c.u235_rounding_mg;
    EXPECT_LT(std::fabs(u_back - u_exact), 1e-6L);
    EXPECT_LT(std::fabs(u235_back - u235_exact), 1e-6L);
  }
}

TEST(Uf6, ZeroNetGivesZeroUraniumAndNoResidual) {
  const UraniumContent c = uranium_in_uf6(Mass(), FromU235("4.95"));
  EXPECT_EQ(c.uranium, Mass());
  EXPECT_EQ(c.u235, Mass());
  EXPECT_EQ(c.uranium_rounding_mg, 0.0);
  EXPECT_EQ(c.u235_rounding_mg, 0.0);
}

TEST(Uf6, U235NeverExceedsUraniumEvenForPureU235) {
  for (const char* pct : {"0", "0.711", "4.95", "20", "93", "100"}) {
    SCOPED_TRACE(pct);
    const UraniumContent c = uranium_in_uf6(kFull30B, FromU235(pct));
    EXPECT_LE(c.u235, c.uranium);
  }
  // 100 % U-235: all the uranium is U-235.
  const UraniumContent pure = uranium_in_uf6(kFull30B, FromU235("100"));
  EXPECT_EQ(pure.u235, pure.uranium);
}

TEST(Uf6, U235InUraniumRoundsAHandComputedCaseExactly) {
  // 1,539,395,100 mg U x 4.95 % = 76,200,057.45 mg (exact by hand) -> 76,200,057 mg.
  EXPECT_EQ(u235_in_uranium(Mass::milligrams(1'539'395'100), FromU235("4.95")), Mass::milligrams(76'200'057));
  // 123,456,789,012,345 mg x 4.95 % = 6,111,111,056,111.077 5 mg -> 6,111,111,056,111 mg.
  EXPECT_EQ(u235_in_uranium(Mass::milligrams(123'456'789'012'345), FromU235("4.95")),
            Mass::milligrams(6'111'111'056'111));
  // 30 mg x 4.95 % = 1.485 mg -> 1 mg.
  EXPECT_EQ(u235_in_uranium(Mass::milligrams(30), FromU235("4.95")), Mass::milligrams(1));
}

TEST(Uf6, U235InUraniumRoundsHalfAwayFromZero) {
  // 10 mg x 5 % = 0.5 mg exactly -> 1 mg; -10 mg -> -1 mg.
  EXPECT_EQ(u235_in_uranium(Mass::milligrams(10), FromU235("5")), Mass::milligrams(1));
  EXPECT_EQ(u235_in_uranium(Mass::milligrams(-10), FromU235("5")), Mass::milligrams(-1));
  // 30 mg x 4.95 % = 1.485 mg; -30 mg -> -1 mg (below half, toward zero).
  EXPECT_EQ(u235_in_uranium(Mass::milligrams(-30), FromU235("4.95")), Mass::milligrams(-1));
}

TEST(Uf6, U235InUraniumIsExactBeyondDoublePrecision) {
  // (2^60 + 1) mg x 50 % = 576,460,752,303,423,488.5 mg -> ...489 mg. A double cannot even hold 2^60 + 1, so
  // only integer arithmetic gets this right.
  const std::int64_t mg = (std::int64_t{1} << 60) + 1;
  EXPECT_EQ(u235_in_uranium(Mass::milligrams(mg), FromU235("50")), Mass::milligrams(576'460'752'303'423'489));
}

TEST(Uf6, U235InUraniumOfPureU235IsTheUranium) {
  const Mass u = Mass::milligrams(1'539'395'123);
  EXPECT_EQ(u235_in_uranium(u, FromU235("100")), u);
  EXPECT_EQ(u235_in_uranium(u, FromU235("0")), Mass());
}

// Property: for any net UF6 in [0, 2,277 kg] (30B maximum fill, leu-bank.md §8) and U-235 in [0, 5 %]
// (30B design limit), 0 <= U-235 <= U <= net UF6.
RC_GTEST_PROP(Uf6Property, UraniumContentIsOrderedAndBoundedByNet, ()) {
  const auto net_mg = *rc::gen::inRange<std::int64_t>(0, kFull30B.mg() + 1);
  const auto u235_parts = *rc::gen::inRange<std::int64_t>(0, 50'000'000 + 1);
  const auto iso = Isotopics::from_u235(Fraction::from_parts(u235_parts));
  RC_ASSERT(iso.has_value());
  const UraniumContent c = uranium_in_uf6(Mass::milligrams(net_mg), *iso);
  RC_ASSERT(c.u235.mg() >= 0);
  RC_ASSERT(c.u235 <= c.uranium);
  RC_ASSERT(c.uranium <= Mass::milligrams(net_mg));
  RC_ASSERT(std::abs(c.uranium_rounding_mg) <= 0.5);
  RC_ASSERT(std::abs(c.u235_rounding_mg) <= 0.5);
}

}  // namespace
}  // namespace leu
