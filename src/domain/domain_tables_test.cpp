// Tests for the domain's data tables and small values: cylinder types, ICR codes, SQs, roles, Facility, Mass/Fraction.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "domain/cylinder_type.hpp"
#include "domain/facility.hpp"
#include "domain/inventory_change_codes.hpp"
#include "domain/isotopics.hpp"
#include "domain/quantity.hpp"
#include "domain/roles.hpp"
#include "domain/significant_quantity.hpp"

namespace leu {
namespace {

// ---- Cylinder types ----

TEST(CylinderTypes, Type30BHasItsStandardLimits) {
  // leu-bank.md §8 (ANSI N14.1, ISO 7195): 2,277 kg UF6 maximum fill, 5.0 wt % U-235, recertified within 5 years.
  const CylinderType* t = find_cylinder_type("30B");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name, "30B");
  EXPECT_EQ(t->max_fill, Mass::kilograms(2277));
  EXPECT_EQ(t->enrichment_limit, Fraction::parse_percent("5.0", "limit").value());
  EXPECT_EQ(t->recertification_years, 5);
  EXPECT_EQ(t->nominal_tare, Mass::kilograms(635));  // ~635 kg tare, cylinder_type.hpp / leu-bank.md §8
  EXPECT_FALSE(t->source.empty());
}

TEST(CylinderTypes, FindReturnsEntryOfTheTable) {
  ASSERT_FALSE(cylinder_types().empty());
  for (const auto& t : cylinder_types()) EXPECT_EQ(find_cylinder_type(t.name), &t);
}

TEST(CylinderTypes, UnknownNameIsNotFound) {
  EXPECT_EQ(find_cylinder_type("48Y"), nullptr);
  EXPECT_EQ(find_cylinder_type("30b"), nullptr);
  EXPECT_EQ(find_cylinder_type(""), nullptr);
}

// ---- Inventory change codes ----

TEST(InventoryChangeCodes, EveryCodeIsUnique) {
  std::set<std::string_view> seen;
  for (const auto& c : inventory_change_codes()) EXPECT_TRUE(seen.insert(c.code).second) << c.code;
  EXPECT_EQ(seen.size(), inventory_change_codes().size());
}

TEST(InventoryChangeCodes, EveryCodeHasTwoCharactersAndAName) {
  for (const auto& c : inventory_change_codes()) {
    EXPECT_EQ(c.code.size(), 2u) << c.code;
    EXPECT_FALSE(c.name.empty()) << c.code;
  }
}

TEST(InventoryChangeCodes, ReceiptsIncreaseTheBookWithAPartner) {
  // CNSC REGDOC-2.13.1 Table D3 / Euratom 302/2005 (accounting-reports.md §3).
  for (const char* code : {"RF", "RD"}) {
    const InventoryChangeCode* c = find_inventory_change_code(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->direction, Direction::kIncrease) << code;
    EXPECT_TRUE(c->has_partner) << code;
  }
}

TEST(InventoryChangeCodes, ShipmentsDecreaseTheBookWithAPartner) {
  for (const char* code : {"SF", "SD"}) {
    const InventoryChangeCode* c = find_inventory_change_code(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->direction, Direction::kDecrease) << code;
    EXPECT_TRUE(c->has_partner) << code;
  }
}

TEST(InventoryChangeCodes, ShipperReceiverDifferenceIsAsReported) {
  const InventoryChangeCode* di = find_inventory_change_code("DI");
  ASSERT_NE(di, nullptr);
  EXPECT_EQ(di->direction, Direction::kAsReported);
}

TEST(InventoryChangeCodes, AccidentalLossAndGainHaveOppositeDirections) {
  ASSERT_NE(find_inventory_change_code("LA"), nullptr);
  ASSERT_NE(find_inventory_change_code("GA"), nullptr);
  EXPECT_EQ(find_inventory_change_code("LA")->direction, Direction::kDecrease);
  EXPECT_EQ(find_inventory_change_code("GA")->direction, Direction::kIncrease);
}

TEST(InventoryChangeCodes, LookupReturnsTheTableEntry) {
  for (const auto& c : inventory_change_codes()) EXPECT_EQ(find_inventory_change_code(c.code), &c) << c.code;
}

TEST(InventoryChangeCodes, UnknownCodeIsNotFound) {
  EXPECT_EQ(find_inventory_change_code("XX"), nullptr);
  EXPECT_EQ(find_inventory_change_code("rf"), nullptr);
  EXPECT_EQ(find_inventory_change_code(""), nullptr);
}

TEST(InventoryChangeCodes, DirectionNames) {
  EXPECT_EQ(direction_name(Direction::kIncrease), "+");
  EXPECT_EQ(direction_name(Direction::kDecrease), "-");
  EXPECT_EQ(direction_name(Direction::kAsReported), "+/-");
}

// ---- Significant quantities (IAEA Safeguards Glossary 2001, table II; leu-bank.md §10) ----
// Each SQ is an exact ratio of integers that are equal, so 1.0 is exact; tolerance 1e-12 regardless.

TEST(SignificantQuantities, SeventyFiveKgU235OfLeuIsOne) {
  EXPECT_NEAR(significant_quantities(UraniumCategory::kEnriched, EnrichmentClass::kLow, Mass::kilograms(1515),
                                     Mass::kilograms(75)),
              1.0, 1e-12);
}

TEST(SignificantQuantities, LeuCountsU235NotUranium) {
  // 1,539.4 kg U with 76.20 kg U-235 (a full 30B at 4.95 %, leu-bank.md §9) is 76.20 / 75 = 1.016 SQ.
  EXPECT_NEAR(significant_quantities(UraniumCategory::kEnriched, EnrichmentClass::kLow, Mass::grams(1'539'400),
                                     Mass::grams(76'200)),
              76.2 / 75.0, 1e-12);
}

TEST(SignificantQuantities, TenTonnesNaturalUraniumIsOne) {
  EXPECT_NEAR(significant_quantities(UraniumCategory::kNatural, EnrichmentClass::kNotEnriched, Mass::kilograms(10'000),
                                     Mass::grams(71'100)),
              1.0, 1e-12);
}

TEST(SignificantQuantities, TwentyTonnesDepletedUraniumIsOne) {
  EXPECT_NEAR(significant_quantities(UraniumCategory::kDepleted, EnrichmentClass::kNotEnriched, Mass::kilograms(20'000),
                                     Mass::kilograms(50)),
              1.0, 1e-12);
}

TEST(SignificantQuantities, TwentyFiveKgU235OfHeuIsOne) {
  EXPECT_NEAR(significant_quantities(UraniumCategory::kEnriched, EnrichmentClass::kHigh, Mass::kilograms(27),
                                     Mass::kilograms(25)),
              1.0, 1e-12);
}

TEST(SignificantQuantities, ConstantsMatchTheGlossary) {
  EXPECT_EQ(kSqLeuU235, Mass::kilograms(75));
  EXPECT_EQ(kSqHeuU235, Mass::kilograms(25));
  EXPECT_EQ(kSqNaturalU, Mass::kilograms(10'000));
  EXPECT_EQ(kSqDepletedU, Mass::kilograms(20'000));
}

// ---- Roles (ARCHITECTURE.md, "Actors") ----

TEST(Roles, EveryRoleNameParsesBackToItsRole) {
  ASSERT_EQ(all_roles().size(), 8u);
  std::set<std::string_view> names;
  for (Role r : all_roles()) {
    EXPECT_TRUE(names.insert(role_name(r)).second) << role_name(r);
    EXPECT_EQ(parse_role(role_name(r)), r) << role_name(r);
  }
}

TEST(Roles, UnknownRoleErrorListsTheKnownRoles) {
  const auto r = parse_role("superuser");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, "role");
  EXPECT_NE(r.error().message.find("superuser"), std::string::npos);
  for (Role known : all_roles())
    EXPECT_NE(r.error().message.find(std::string(role_name(known))), std::string::npos) << role_name(known);
}

TEST(Roles, ParseIsCaseSensitive) { EXPECT_FALSE(parse_role("Operator").has_value()); }

TEST(Roles, OperatorMayReceiveButAdminMayNot) {
  const std::vector<Role> op = {Role::kOperator}, admin = {Role::kAdmin};
  EXPECT_TRUE(may(op, Operation::kReceive));
  EXPECT_FALSE(may(admin, Operation::kReceive));
}

TEST(Roles, AdminMayManageUsersButOperatorMayNot) {
  const std::vector<Role> op = {Role::kOperator}, admin = {Role::kAdmin};
  EXPECT_TRUE(may(admin, Operation::kManageUsers));
  EXPECT_FALSE(may(op, Operation::kManageUsers));
}

TEST(Roles, AdminCannotChangeMaterialRecords) {
  // ARCHITECTURE.md: "admin: users and roles; cannot change material records".
  const std::vector<Role> admin = {Role::kAdmin};
  for (Operation op : {Operation::kReceive, Operation::kMeasure, Operation::kMove, Operation::kSealApply,
                       Operation::kSealRemove, Operation::kShip, Operation::kLossGain})
    EXPECT_FALSE(may(admin, op)) << operation_name(op);
}

TEST(Roles, AccountantMayBookLossOrGainButOperatorMayNot) {
  const std::vector<Role> accountant = {Role::kAccountant}, op = {Role::kOperator};
  EXPECT_TRUE(may(accountant, Operation::kLossGain));
  EXPECT_FALSE(may(op, Operation::kLossGain));
}

TEST(Roles, AuditorMayOnlyRead) {
  const std::vector<Role> auditor = {Role::kAuditor};
  EXPECT_TRUE(may(auditor, Operation::kReadInventory));
  for (Operation op :
       {Operation::kReceive, Operation::kMeasure, Operation::kMove, Operation::kSealApply, Operation::kSealVerify,
        Operation::kSealRemove, Operation::kShip, Operation::kLossGain, Operation::kManageUsers, Operation::kRebuild})
    EXPECT_FALSE(may(auditor, op)) << operation_name(op);
}

TEST(Roles, NoRolesMayDoNothing) {
  const std::vector<Role> none;
  for (Operation op : {Operation::kReceive, Operation::kMeasure, Operation::kMove, Operation::kSealApply,
                       Operation::kSealVerify, Operation::kSealRemove, Operation::kShip, Operation::kLossGain,
                       Operation::kManageUsers, Operation::kRebuild, Operation::kReadInventory})
    EXPECT_FALSE(may(none, op)) << operation_name(op);
}

TEST(Roles, AnyHeldRoleThatIsAllowedSuffices) {
  const std::vector<Role> both = {Role::kAdmin, Role::kOperator};
  EXPECT_TRUE(may(both, Operation::kReceive));
  EXPECT_TRUE(may(both, Operation::kManageUsers));
}

TEST(Roles, MayAgreesWithRolesAllowedForEveryRoleAndOperation) {
  for (Operation op : {Operation::kReceive, Operation::kMeasure, Operation::kMove, Operation::kSealApply,
                       Operation::kSealVerify, Operation::kSealRemove, Operation::kShip, Operation::kLossGain,
                       Operation::kManageUsers, Operation::kRebuild, Operation::kReadInventory}) {
    const auto allowed = roles_allowed(op);
    EXPECT_FALSE(allowed.empty()) << operation_name(op);
    for (Role r : all_roles()) {
      const std::vector<Role> held = {r};
      EXPECT_EQ(may(held, op), std::ranges::find(allowed, r) != allowed.end())
          << role_name(r) << " / " << operation_name(op);
    }
  }
}

// ---- Facility ----

TEST(Facility, DefaultBankFacilityIsValid) {
  const Facility f = default_bank_facility();
  const auto ok = f.validate();
  EXPECT_TRUE(ok.has_value()) << ok.error().describe();
}

TEST(Facility, DefaultBankFacilityHasTheHostStateAgreementLimits) {
  // INFCIRC/916 (leu-bank.md §6): 4.95 % U-235, 60 full 30B cylinders, in Kazakhstan.
  const Facility f = default_bank_facility();
  EXPECT_EQ(f.country, "KZ");
  EXPECT_EQ(f.cylinder_type, "30B");
  EXPECT_EQ(f.enrichment_limit, Fraction::parse_percent("4.95", "limit").value());
  EXPECT_EQ(f.max_full_cylinders, 60);
  const Mba* mba = f.find_mba("KZBK");
  ASSERT_NE(mba, nullptr);
  for (KmpKind k : {KmpKind::kReceipt, KmpKind::kShipment, KmpKind::kInventory})
    EXPECT_NE(mba->find_kmp(k), nullptr) << kmp_kind_name(k);
  EXPECT_EQ(f.find_mba("XXXX"), nullptr);
}

void ExpectInvalidField(const Facility& f, const std::string& field) {
  const auto r = f.validate();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, field) << r.error().describe();
}

TEST(Facility, DuplicateMbaCodeIsRejected) {
  Facility f = default_bank_facility();
  f.mbas.push_back(f.mbas.front());
  ExpectInvalidField(f, "mba.code");
}

TEST(Facility, MbaWithoutInventoryKmpIsRejected) {
  Facility f = default_bank_facility();
  auto& kmps = f.mbas.front().kmps;
  std::erase_if(kmps, [](const Kmp& k) { return k.kind == KmpKind::kInventory; });
  ExpectInvalidField(f, "mba.kmps");
}

TEST(Facility, DuplicateKmpCodeIsRejected) {
  Facility f = default_bank_facility();
  f.mbas.front().kmps.push_back(f.mbas.front().kmps.front());
  ExpectInvalidField(f, "kmp.code");
}

TEST(Facility, CountryThatIsNotAlpha2IsRejected) {
  for (const char* country : {"", "KAZ", "K"}) {
    SCOPED_TRACE(country);
    Facility f = default_bank_facility();
    f.country = country;
    ExpectInvalidField(f, "facility.country");
  }
}

TEST(Facility, ZeroEnrichmentLimitIsRejected) {
  Facility f = default_bank_facility();
  f.enrichment_limit = Fraction();
  ExpectInvalidField(f, "facility.enrichment_limit");
}

TEST(Facility, EnrichmentLimitAboveOneHundredPercentIsRejected) {
  Facility f = default_bank_facility();
  f.enrichment_limit = Fraction::from_parts(Fraction::kOne + 1);
  ExpectInvalidField(f, "facility.enrichment_limit");
}

TEST(Facility, EmptyNameOrNoMbaIsRejected) {
  Facility unnamed = default_bank_facility();
  unnamed.name.clear();
  ExpectInvalidField(unnamed, "facility.name");
  Facility no_mba = default_bank_facility();
  no_mba.mbas.clear();
  ExpectInvalidField(no_mba, "facility.mbas");
}

TEST(Facility, MbaCodeLongerThanFourCharactersIsRejected) {
  Facility f = default_bank_facility();
  f.mbas.front().code = "KZBKX";
  ExpectInvalidField(f, "mba.code");
}

TEST(Facility, KmpKindNamesRoundTrip) {
  for (KmpKind k : {KmpKind::kReceipt, KmpKind::kShipment, KmpKind::kInventory})
    EXPECT_EQ(parse_kmp_kind(kmp_kind_name(k)), k);
  const auto bad = parse_kmp_kind("storage");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "kmp.kind");
}

// ---- Mass and Fraction ----

TEST(Mass, ParseKgIsExactToTheMilligram) {
  EXPECT_EQ(Mass::parse_kg("2852.140", "gross_kg"), Mass::milligrams(2'852'140'000));
  EXPECT_EQ(Mass::parse_kg("0.000001", "gross_kg"), Mass::milligrams(1));
  EXPECT_EQ(Mass::parse_kg("2277", "gross_kg"), Mass::kilograms(2277));
}

TEST(Mass, ParseKgRejectsSubMilligramDigitsNamingTheField) {
  const auto r = Mass::parse_kg("0.0000001", "tare_kg");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "tare_kg");
}

TEST(Mass, ParseKgRejectsGarbageNamingTheField) {
  const auto r = Mass::parse_kg("12 kg", "gross_kg");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, "gross_kg");
}

TEST(Mass, KgTextRoundsHalfAwayFromZero) {
  // quantity.hpp example: 2,277 kg -> "2277.000"; uf6.hpp: 1,539.395 1 kg -> "1539.4".
  EXPECT_EQ(Mass::kilograms(2277).kg_text(), "2277.000");
  EXPECT_EQ(Mass::milligrams(1'539'395'100).kg_text(1), "1539.4");
  EXPECT_EQ(Mass::milligrams(500).kg_text(3), "0.001");    // 0.0005 kg -> 0.001
  EXPECT_EQ(Mass::milligrams(-500).kg_text(3), "-0.001");  // away from zero
  EXPECT_EQ(Mass::milligrams(499).kg_text(3), "0.000");
  EXPECT_EQ(Mass::milligrams(1).kg_text(6), "0.000001");
}

TEST(Mass, GTextShowsGrams) {
  EXPECT_EQ(Mass::milligrams(1'500).g_text(), "2");  // 1.5 g -> 2 g
  EXPECT_EQ(Mass::milligrams(1'499).g_text(), "1");
  EXPECT_EQ(Mass::milligrams(1'234).g_text(3), "1.234");
}

TEST(Mass, FactoriesAgreeOnUnits) {
  EXPECT_EQ(Mass::kilograms(1), Mass::grams(1'000));
  EXPECT_EQ(Mass::grams(1), Mass::milligrams(1'000));
  EXPECT_EQ((Mass::kilograms(2) - Mass::grams(500)).mg(), 1'500'000);
}

TEST(Fraction, ParsePercentIsExactInPartsPerBillion) {
  EXPECT_EQ(Fraction::parse_percent("4.95", "u235"), Fraction::from_parts(49'500'000));
  EXPECT_EQ(Fraction::parse_percent("0.711", "u235"), Fraction::from_parts(7'110'000));
  EXPECT_EQ(Fraction::parse_percent("0.0000001", "u235"), Fraction::from_parts(1));
  EXPECT_EQ(Fraction::parse_percent("100", "u235"), Fraction::one());
  EXPECT_EQ(Fraction::parse_percent("0", "u235"), Fraction());
}

TEST(Fraction, ParsePercentRejectsOutsideZeroToHundredNamingTheField) {
  for (const char* text : {"100.0000001", "-0.0000001", "150"}) {
    SCOPED_TRACE(text);
    const auto r = Fraction::parse_percent(text, "u235_wt_pct");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().field, "u235_wt_pct");
  }
}

TEST(Fraction, ParsePercentRejectsMoreThanSevenDecimals) {
  const auto r = Fraction::parse_percent("4.95000001", "u235_wt_pct");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "u235_wt_pct");
}

TEST(Fraction, PercentTextRoundsHalfAwayFromZero) {
  EXPECT_EQ(Fraction::from_parts(49'500'000).percent_text(), "4.9500");  // quantity.hpp default: 4 decimals
  EXPECT_EQ(Fraction::from_parts(49'500'000).percent_text(2), "4.95");
  EXPECT_EQ(Fraction::from_parts(7'115'000).percent_text(3), "0.712");  // 0.7115 -> 0.712
  EXPECT_EQ(Fraction::from_parts(7'114'999).percent_text(3), "0.711");
  EXPECT_EQ(Fraction::one().percent_text(0), "100");
}

TEST(Fraction, ValueIsTheFractionOfOne) {
  // 4.95 % = 0.0495; double conversion of an exact ratio, tolerance 1e-15.
  EXPECT_NEAR(Fraction::from_parts(49'500'000).value(), 0.0495, 1e-15);
}

}  // namespace
}  // namespace leu
