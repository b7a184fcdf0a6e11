// Physical inventory taking and material balance periods, on both backends:
// the demo's annual periods close to zero, PB chains from the previous PE, SRD is
// the shipper's minus the booked values, a missing or re-weighed cylinder gives a
// MUF of the right sign and size, anomalies block the sign-off until explained,
// and every bad input is refused with nothing written.
#include "accountancy/balance_period.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accountancy/operations.hpp"
#include "demo/demo_bank.hpp"
#include "domain/uf6.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using ::testing::HasSubstr;
using testing::TestDatabase;
using Json = nlohmann::json;

std::int64_t mg(const Json& terms, const char* line, const char* what) { return terms[line][what].get<std::int64_t>(); }

class BalancePeriods : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    auto store = open_store(db_.location(), OpenMode::kCreate);
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    journal_ = std::make_unique<Journal>(*store_, clock_);
    ASSERT_TRUE(build_demo_bank(*journal_));  // periods closed to the end of 2025
    olga_ = resolve_principal(*journal_, "olga").value();
    aigerim_ = resolve_principal(*journal_, "aigerim").value();
  }

  const Json& enriched(const Json& period) { return period["categories"][0]; }
  std::vector<Item> items() { return journal_->items().value(); }

  // The journal head and count, to prove a refusal changed nothing.
  std::pair<Head, std::int64_t> state() { return {store_->head().value(), store_->journal_count().value()}; }

  TestDatabase db_{GetParam()};
  FixedClock clock_{Date::from_ymd(2026, 11, 28)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;
  Principal olga_, aigerim_;
  const Date pit_ = Date::from_ymd(2026, 6, 30);
};

TEST_P(BalancePeriods, DemoPeriodsCloseToZeroAndChainPbFromThePreviousPe) {
  Periods periods(*journal_);
  const auto all = periods.periods("KZBK").value();
  ASSERT_EQ(all.size(), 7u);  // 2019 ... 2025
  EXPECT_EQ(all.front()["from"], "2019-10-17");
  EXPECT_EQ(all.front()["to"], "2019-12-31");
  for (std::size_t i = 0; i < all.size(); ++i) {
    SCOPED_TRACE(all[i]["to"].get<std::string>());
    const Json& c = enriched(all[i]);
    EXPECT_EQ(mg(c, "muf", "uranium_mg"), 0);
    EXPECT_EQ(mg(c, "muf", "u235_mg"), 0);
    EXPECT_EQ(all[i]["status"], "signed");
    if (i > 0) {
      EXPECT_EQ(c["pb"], enriched(all[i - 1])["pe"]);
    }
    // BE equals the indexed book at the period's end.
    const auto book = journal_->book_at("KZBK", Date::parse(all[i]["to"].get<std::string>(), "to").value()).value();
    EXPECT_EQ(mg(c, "be", "uranium_mg"), book.front().uranium_mg);
  }
}

TEST_P(BalancePeriods, SrdOfTheFirstPeriodIsTheShippersDeclaredMinusTheBookedValues) {
  // Independent of the journal: recompute from the demo's own receipt listing.
  std::int64_t declared = 0, booked = 0;
  for (const auto& l : demo_receipts()) {
    declared += l.declared_uranium.mg();
    booked += uranium_in_uf6(l.gross - l.tare, l.isotopics).uranium.mg();
  }
  Periods periods(*journal_);
  const Json first = periods.period("KZBK", Date::from_ymd(2019, 12, 31)).value();
  EXPECT_EQ(mg(enriched(first), "srd", "uranium_mg"), declared - booked);
  EXPECT_EQ(mg(enriched(first), "ba", "uranium_mg"), mg(enriched(first), "be", "uranium_mg"));  // receiver basis
}

TEST_P(BalancePeriods, AMissingCylinderIsAPositiveMufAndBlocksTheSignOffUntilExplained) {
  Periods periods(*journal_);
  Operations ops(*journal_);
  ASSERT_TRUE(ops.ship(olga_, ShipmentInput{{"DEMO-KZ-01"}, "AM", "", Date::from_ymd(2026, 3, 1)}));
  const Item missing = journal_->item("DEMO-OR-07").value().value();
  std::vector<PitFinding> found;
  for (const auto& item : items())
    if (item.on_hand() && item.id != missing.id) found.push_back(PitFinding{item.id, true, "", std::nullopt});
  ASSERT_TRUE(periods.take_inventory(olga_, PitInput{"KZBK", pit_, found, {{"X-1", "an unlabelled cylinder"}}}));
  const Json p = periods.close_period(aigerim_, "KZBK", pit_).value();
  const Json& c = enriched(p);
  EXPECT_EQ(mg(c, "muf", "uranium_mg"), missing.uranium.mg());  // positive: an apparent loss
  EXPECT_EQ(mg(c, "muf", "u235_mg"), missing.u235.mg());
  EXPECT_EQ(c["decreases"]["SF"]["lines"], 1);
  std::vector<std::string> kinds;
  for (const auto& a : p["anomalies"]) kinds.push_back(a["kind"]);
  EXPECT_THAT(kinds, ::testing::UnorderedElementsAre("missing_item", "unexpected_item", "muf"));

  const auto before = state();
  const auto refused = periods.sign_period(aigerim_, "KZBK", pit_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_THAT(refused.error().message, HasSubstr("must be explained"));
  EXPECT_EQ(state(), before);
  for (const auto& a : p["anomalies"])
    ASSERT_TRUE(periods.explain_anomaly(aigerim_, "KZBK", pit_, a["id"], "investigated: see report 2026-07"));
  ASSERT_TRUE(periods.sign_period(aigerim_, "KZBK", pit_));
  EXPECT_EQ(periods.period("KZBK", pit_).value()["status"], "signed");
  EXPECT_TRUE(journal_->verify()->ok());
}

TEST_P(BalancePeriods, ACylinderReweighedHeavierGivesANegativeMufOfExactlyTheDifference) {
  Periods periods(*journal_);
  const Item item = journal_->item("DEMO-OR-02").value().value();
  const Mass reweighed = item.net_uf6 + Mass::grams(1'500);
  std::vector<PitFinding> found;
  for (const auto& it : items())
    found.push_back(it.id == item.id ? PitFinding{it.id, true, "", reweighed, "load cells", "LC-2026"}
                                     : PitFinding{it.id, true, "", std::nullopt});
  ASSERT_TRUE(periods.take_inventory(olga_, PitInput{"KZBK", pit_, found, {}}));
  const Json p = periods.close_period(aigerim_, "KZBK", pit_).value();
  const UraniumContent measured = uranium_in_uf6(reweighed, item.isotopics);
  EXPECT_EQ(mg(enriched(p), "muf", "uranium_mg"), (item.uranium - measured.uranium).mg());
  EXPECT_LT(mg(enriched(p), "muf", "uranium_mg"), 0);  // an apparent gain
  EXPECT_EQ(mg(enriched(p), "muf", "u235_mg"), (item.u235 - measured.u235).mg());
}

TEST_P(BalancePeriods, ABrokenSealIsAnAnomaly) {
  Periods periods(*journal_);
  std::vector<PitFinding> found;
  for (const auto& it : items()) found.push_back(PitFinding{it.id, it.id != "DEMO-KZ-10", "", std::nullopt});
  ASSERT_TRUE(periods.take_inventory(olga_, PitInput{"KZBK", pit_, found, {}}));
  const Json p = periods.close_period(aigerim_, "KZBK", pit_).value();
  ASSERT_EQ(p["anomalies"].size(), 1u);
  EXPECT_EQ(p["anomalies"][0]["kind"], "seal_broken");
  EXPECT_EQ(p["anomalies"][0]["item"], "DEMO-KZ-10");
  EXPECT_EQ(mg(enriched(p), "muf", "uranium_mg"), 0);
}

struct Refusal {
  const char* name;
  std::function<Result<Head>(Periods&, const Principal& op, const Principal& acc, Date pit)> act;
  ErrorCode code;
  const char* message;
};

class BalancePeriodRefusals : public BalancePeriods {};

TEST_P(BalancePeriodRefusals, EachBadInputIsRefusedAndChangesNothing) {
  Periods periods(*journal_);
  const auto as_head = [](Result<Json> r) -> Result<Head> {
    if (!r) return std::unexpected(r.error());
    return Head{};
  };
  const std::vector<Refusal> cases = {
      {"unknown item",
       [](Periods& p, auto& op, auto&, Date d) {
         return p.take_inventory(op, PitInput{"KZBK", d, {{"NO-SUCH", true, "", std::nullopt}}, {}});
       },
       ErrorCode::kNotFound, "unknown item 'NO-SUCH'"},
      {"item twice",
       [](Periods& p, auto& op, auto&, Date d) {
         return p.take_inventory(
             op,
             PitInput{"KZBK", d, {{"DEMO-OR-01", true, "", std::nullopt}, {"DEMO-OR-01", true, "", std::nullopt}}, {}});
       },
       ErrorCode::kInvalidInput, "listed twice"},
      {"unknown MBA",
       [](Periods& p, auto& op, auto&, Date d) {
         return p.take_inventory(op, PitInput{"XXXX", d, {}, {}, true});
       },
       ErrorCode::kNotFound, "unknown MBA 'XXXX'"},
      {"future",
       [](Periods& p, auto& op, auto&, Date) {
         return p.take_inventory(op, PitInput{"KZBK", Date::from_ymd(2027, 1, 1), {}, {}, true});
       },
       ErrorCode::kInvalidInput, "in the future"},
      {"inside a closed period",
       [](Periods& p, auto& op, auto&, Date) {
         return p.take_inventory(op, PitInput{"KZBK", Date::from_ymd(2025, 6, 30), {}, {}, true});
       },
       ErrorCode::kConflict, "is closed"},
      {"an auditor takes inventory",
       [&](Periods& p, auto&, auto&, Date d) {
         return p.take_inventory(resolve_principal(*journal_, "audrey").value(), PitInput{"KZBK", d, {}, {}, true});
       },
       ErrorCode::kForbidden, "may not take a physical inventory"},
      {"close without a PIT",
       [&](Periods& p, auto&, auto& acc, Date d) { return as_head(p.close_period(acc, "KZBK", d)); },
       ErrorCode::kConflict, "no physical inventory"},
      {"close twice",
       [&](Periods& p, auto&, auto& acc, Date) {
         return as_head(p.close_period(acc, "KZBK", Date::from_ymd(2025, 12, 31)));
       },
       ErrorCode::kConflict, "closed already"},
      {"an operator closes",
       [&](Periods& p, auto& op, auto&, Date) {
         return as_head(p.close_period(op, "KZBK", Date::from_ymd(2025, 12, 31)));
       },
       ErrorCode::kForbidden, "may not close a balance period"},
      {"explain on a signed-off period",
       [&](Periods& p, auto&, auto& acc, Date) {
         return p.explain_anomaly(acc, "KZBK", Date::from_ymd(2025, 12, 31), "A9", "x");
       },
       ErrorCode::kConflict, "signed off already"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto before = state();
    const auto r = c.act(periods, olga_, aigerim_, pit_);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, c.code) << r.error().describe();
    EXPECT_THAT(r.error().describe(), HasSubstr(c.message));
    EXPECT_EQ(state(), before);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, BalancePeriods, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, BalancePeriodRefusals, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
