// The measurement methods in force come from the facility the journal was opened with (methods_in_force.hpp), on both
// backends. The facility's table knows "Mettler load cells" (a method the default table lacks) and "NDA gamma HPGe"
// with invented uncertainties, and not the default's "load cells" or "NDA gamma NaI". A weighing, an enrichment
// measurement, a receipt listing and a taking's re-weighing naming a method of that table are recorded; one naming a
// method it lacks is refused naming the field, with the journal head unchanged. σ(MUF) of a period over that journal
// follows the facility's uncertainties, worked out by hand below (tolerance 1e-9 kg: a few products of doubles). Events
// already journalled are never refused: a table that no longer knows their method still replays and verifies them.
#include "accountancy/methods_in_force.hpp"

#include <cmath>
#include <memory>
#include <string>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "access/principal.hpp"
#include "accountancy/balance_period.hpp"
#include "accountancy/balance_uncertainty.hpp"
#include "accountancy/operations.hpp"
#include "domain/facility.hpp"
#include "domain/uf6.hpp"
#include "ledger/event.hpp"
#include "ledger/event_types.hpp"
#include "sim/method_table_json.hpp"
#include "stats/sequence_analysis.hpp"
#include "testing/bank_fixture.hpp"
#include "testing/rechain.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using ::testing::HasSubstr;
using testing::TestDatabase;
using Json = nlohmann::json;

const Date kReceived = Date::from_ymd(2025, 6, 2);
const Date kPit = Date::from_ymd(2025, 12, 31);
const Mass kNet = Mass::kilograms(2200);

// A facility's own table (invented values), uncertainties as decimal text as the journal requires.
constexpr const char* kTable = R"j({
  "format": "leubank-methods", "name": "KZBK-methods", "version": "2", "status": "invented for this test",
  "methods": [
    {"name": "Mettler load cells", "measures": "UF6 cylinder mass [kg]", "random_rsd": "0.001",
     "systematic_rsd": "0.002", "source": "invented for this test"},
    {"name": "NDA gamma HPGe", "measures": "U-235 enrichment", "random_rsd": "0.02", "systematic_rsd": "0.01",
     "source": "invented for this test"}]
})j";
// The same four relative standard uncertainties [fraction]: weighing random, systematic; enrichment random, systematic.
constexpr double kRw = 0.001, kSw = 0.002, kRe = 0.02, kSe = 0.01;
// The default table's (data/methods/itv2010-placeholder-v1.json) for load cells and NDA gamma HPGe.
constexpr double kDefaultRw = 0.0005, kDefaultSw = 0.0005, kDefaultRe = 0.015, kDefaultSe = 0.0075;

class MethodsInForce : public testing::BankFixture {
 protected:
  MethodsInForce() : BankFixture(Date::from_ymd(2026, 1, 15), testing::Books::kOpened) {
    facility_.methods = Json::parse(kTable).dump();
  }
  void SetUp() override {
    BankFixture::SetUp();
    if (!ready()) return;
    olga_ = staff("olga", Role::kOperator);
    aigerim_ = staff("aigerim", Role::kAccountant);
    auto received = Operations(*journal_).receive(olga_, {cylinder("FR-FA-01")});
    ASSERT_TRUE(received.has_value()) << received.error().describe();
  }

  // 2 200 kg UF6 at 4.9 % U-235 from France, weighed and measured at acceptance under the facility's methods.
  static ReceiptLine cylinder(const std::string& id) {
    ReceiptLine l;
    l.line = 2;
    l.cylinder_id = id;
    l.supplier = "Orano Cycle";
    l.shipper_batch = "B25-01";
    l.shipper = "FR";
    l.tare = Mass::kilograms(635);
    l.gross = l.tare + kNet;
    l.isotopics = Isotopics::from_u235(Fraction::from_parts(49'000'000)).value();
    const UraniumContent c = uranium_in_uf6(kNet, l.isotopics);
    l.declared_uranium = c.uranium;
    l.declared_u235 = c.u235;
    l.recertified_on = kReceived.plus_days(-200);
    l.received_on = kReceived;
    l.weighing_method = "Mettler load cells", l.weighing_calibration = "MLC-2025";
    l.enrichment_method = "NDA gamma HPGe", l.enrichment_calibration = "HPGe-2025";
    return l;
  }

  // The taking of kPit finding FR-FA-01 re-weighed at `net` under `method` and the calibration MLC-2025.
  PitInput taking(Mass net, const std::string& method) {
    return PitInput{"KZBK", kPit, {PitFinding{"FR-FA-01", true, "", net, method, "MLC-2025"}}, {}};
  }

  // A refused write names `field` and says the method is not in the facility's table; the head is unchanged.
  void expect_refused(const Result<Head>& r, const Head& before, const std::string& field, const std::string& method) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().field, field);
    EXPECT_THAT(r.error().message,
                HasSubstr("\"" + method + "\" is not a method of the methods table in force \"KZBK-methods 2\""));
    EXPECT_THAT(r.error().message, HasSubstr("\"Mettler load cells\", \"NDA gamma HPGe\""));
    EXPECT_EQ(journal_->head().value().hash, before.hash);
  }

  // MUF and σ(MUF) [kg U-235] of KZBK's one closed period under the methods in force (NaN, and a failure, if none).
  std::pair<double, double> only_period() {
    auto d = balance_sequence_of(*journal_, "KZBK", methods_in_force(*journal_).value());
    if (!d) return ADD_FAILURE() << d.error().describe(), std::pair{NAN, NAN};
    auto a = stats::analyse(d->sequence);
    if (!a) return ADD_FAILURE() << a.error().describe(), std::pair{NAN, NAN};
    if (a->rows.size() != 1) return ADD_FAILURE() << a->rows.size() << " periods", std::pair{NAN, NAN};
    return {a->rows[0].muf, a->rows[0].sigma_muf};
  }
  // The U-235 [kg] of `net` UF6 at this test's 4.9 % U-235.
  static double u235_kg(Mass net) {
    return uranium_in_uf6(net, Isotopics::from_u235(Fraction::from_parts(49'000'000)).value()).u235.kg_approx();
  }

  Principal olga_, aigerim_;
};

TEST_P(MethodsInForce, AreTheFacilitysTableAndTheDefaultWithoutOne) {
  auto t = methods_in_force(*journal_);
  ASSERT_TRUE(t.has_value()) << t.error().describe();
  EXPECT_EQ(t->name, "KZBK-methods");
  EXPECT_EQ(t->version, "2");
  ASSERT_EQ(t->methods.size(), 2u);
  EXPECT_EQ(t->methods[0].random_rsd, kRw);  // "0.001" read as the nearest double, like the number 0.001
  EXPECT_EQ(t->methods[1].systematic_rsd, kSe);
  // The facility as the journal holds it carries the same document.
  EXPECT_EQ(Json::parse(journal_->facility().value()->methods), Json::parse(kTable));

  Facility plain = default_bank_facility();
  auto d = facility_methods(plain);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->name, sim::default_method_table().name);
  EXPECT_EQ(d->version, sim::default_method_table().version);
}

TEST_P(MethodsInForce, AFacilityTableThatDoesNotParseIsRefusedNamingItsMember) {
  Facility f = default_bank_facility();
  Json doc = Json::parse(kTable);
  doc["methods"][0]["random_rsd"] = 0.001;  // a floating-point number: the journal holds none
  f.methods = doc.dump();
  auto r = facility_methods(f);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "facility.methods: methods[0].random_rsd");
  EXPECT_THAT(r.error().message, HasSubstr("decimal text"));
  doc["methods"][0]["random_rsd"] = "1.5";  // not in [0, 1)
  f.methods = doc.dump();
  r = facility_methods(f);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "facility.methods: methods[0].random_rsd");
  doc["methods"][0]["random_rsd"] = "0,001";  // not decimal text
  f.methods = doc.dump();
  r = facility_methods(f);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "facility.methods: methods[0].random_rsd");
  doc["methods"][1]["name"] = "Mettler load cells";  // listed twice
  doc["methods"][0]["random_rsd"] = "0.001";
  f.methods = doc.dump();
  r = facility_methods(f);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "facility.methods: methods[1]");
}

TEST_P(MethodsInForce, AWeighingUnderTheFacilitysMethodIsRecordedAndUnderADefaultOnlyMethodRefused) {
  Operations ops(*journal_);
  const WeighingInput good{"FR-FA-01", Mass::kilograms(2835), std::nullopt, "Mettler load cells", kReceived,
                           "MLC-2025"};
  auto weighed = ops.weigh(olga_, good);
  ASSERT_TRUE(weighed.has_value()) << weighed.error().describe();
  WeighingInput bad = good;
  bad.method = "load cells";  // the default table's, not this facility's
  expect_refused(ops.weigh(olga_, bad), *weighed, "method", "load cells");
  bad.method = "load cell";  // a typo
  expect_refused(ops.weigh(olga_, bad), *weighed, "method", "load cell");
  const EnrichmentInput nai{"FR-FA-01", Fraction::from_parts(49'000'000), "NDA gamma NaI", kReceived, "NaI-2025"};
  expect_refused(ops.measure_enrichment(olga_, nai), *weighed, "method", "NDA gamma NaI");
  EnrichmentInput hpge = nai;
  hpge.method = "NDA gamma HPGe", hpge.calibration = "HPGe-2025";
  EXPECT_TRUE(ops.measure_enrichment(olga_, hpge).has_value());
}

TEST_P(MethodsInForce, AReceiptListingNamingAnUnknownMethodIsRefusedNamingTheColumn) {
  const Head before = journal_->head().value();
  Operations ops(*journal_);
  ReceiptLine l = cylinder("FR-FA-02");
  l.weighing_method = "load cell";
  expect_refused(ops.receive(olga_, {l}), before, "line 2, column 'weighing_method'", "load cell");
  // A blank method column records the default "load cells", which this facility's table does not know either.
  l.weighing_method = "";
  expect_refused(ops.receive(olga_, {l}), before, "line 2, column 'weighing_method'", "load cells");
  l = cylinder("FR-FA-02");
  l.enrichment_method = "NDA gamma NaI";
  expect_refused(ops.receive(olga_, {l}), before, "line 2, column 'enrichment_method'", "NDA gamma NaI");
  EXPECT_TRUE(ops.receive(olga_, {cylinder("FR-FA-02")}).has_value());
}

TEST_P(MethodsInForce, ATakingsReweighingUnderAnUnknownMethodIsRefusedNamingTheFoundItem) {
  const Head before = journal_->head().value();
  Periods periods(*journal_);
  expect_refused(periods.take_inventory(olga_, taking(kNet - Mass::kilograms(1), "load cells")), before,
                 "found[0].method", "load cells");
  EXPECT_TRUE(periods.take_inventory(olga_, taking(kNet - Mass::kilograms(1), "Mettler load cells")).has_value());
}

// One period: the receipt b (Mettler load cells MLC-2025 × NDA gamma HPGe HPGe-2025) is its input, the cylinder
// re-weighed with 1 kg UF6 less, r (Mettler load cells MLC-2025 × the receipt's HPGe-2025), its ending inventory.
// MUF = b - r. Random: b and r each (δR_w² + δR_e²); systematic: both under the same calibration periods, so only
// (b - r)²(δS_w² + δS_e²) (balance_uncertainty.hpp; the same model as balance_uncertainty_test's OneReweighing).
double variance(double b, double r, double rw, double sw, double re, double se) {
  return (b * b + r * r) * (rw * rw + re * re) + (b - r) * (b - r) * (sw * sw + se * se);
}

TEST_P(MethodsInForce, SigmaMufFollowsTheFacilitysUncertainties) {
  const Mass net = kNet - Mass::kilograms(1);
  ASSERT_TRUE(Periods(*journal_).take_inventory(olga_, taking(net, "Mettler load cells")).has_value());
  auto closed = Periods(*journal_).close_period(aigerim_, "KZBK", kPit);
  ASSERT_TRUE(closed.has_value()) << closed.error().describe();

  const double b = u235_kg(kNet), r = u235_kg(net);
  const auto [muf, sigma] = only_period();
  EXPECT_NEAR(muf, b - r, 1e-9);
  EXPECT_NEAR(sigma, std::sqrt(variance(b, r, kRw, kSw, kRe, kSe)), 1e-9);
  // The default table's uncertainties would give a σ some 0.5 kg smaller: far outside the tolerance.
  EXPECT_GT(std::sqrt(variance(b, r, kRw, kSw, kRe, kSe)) -
                std::sqrt(variance(b, r, kDefaultRw, kDefaultSw, kDefaultRe, kDefaultSe)),
            0.4);
  // And the default table cannot even read this journal: it knows no "Mettler load cells".
  auto with_default = balance_sequence_of(*journal_, "KZBK", sim::default_method_table());
  ASSERT_FALSE(with_default.has_value());
  EXPECT_THAT(with_default.error().message, HasSubstr("Mettler load cells"));
}

// A cylinder received and re-weighed at a taking on the same day is two measurements, each with its own random error:
// the same variance as above, not the (b - r)² of one measurement compared with itself.
TEST_P(MethodsInForce, ACylinderReweighedOnItsReceiptDayIsANewMeasurement) {
  ReceiptLine late = cylinder("FR-FA-02");
  late.received_on = kPit;
  auto received = Operations(*journal_).receive(olga_, {late});
  ASSERT_TRUE(received.has_value()) << received.error().describe();
  const Mass net = kNet - Mass::kilograms(1);
  const PitInput in{"KZBK",
                    kPit,
                    {PitFinding{"FR-FA-01", true, "", std::nullopt},
                     PitFinding{"FR-FA-02", true, "", net, "Mettler load cells", "MLC-2025"}},
                    {}};
  ASSERT_TRUE(Periods(*journal_).take_inventory(olga_, in).has_value());
  auto closed = Periods(*journal_).close_period(aigerim_, "KZBK", kPit);
  ASSERT_TRUE(closed.has_value()) << closed.error().describe();

  const double b = u235_kg(kNet), r = u235_kg(net);
  const auto [muf, sigma] = only_period();
  EXPECT_NEAR(muf, b - r, 1e-9);
  // FR-FA-01 is found at its book value: its receipt and its ending inventory are one measurement and cancel.
  EXPECT_NEAR(sigma, std::sqrt(variance(b, r, kRw, kSw, kRe, kSe)), 1e-9);
}

// Only new writes are checked: a journal whose facility table no longer knows the method its receipt named (here the
// table renamed "Mettler load cells" in journal.opened, chained anew) still rebuilds and verifies; new weighings
// must then use the table's name.
TEST_P(MethodsInForce, HistoryNamingAMethodTheTableDoesNotKnowStillReplaysAndVerifies) {
  std::vector<StoredEvent> events;
  ASSERT_TRUE(store_->scan_journal(1, INT64_MAX, [&](const StoredEvent& e) {
    events.push_back(e);
    return true;
  }));
  ASSERT_EQ(events.front().type, event_type::kJournalOpened);
  Json opened = Json::parse(events.front().payload);
  opened["facility"]["methods"]["methods"][0]["name"] = "Sartorius load cells";
  events.front().payload = canonical_json(opened).value();
  TestDatabase other(GetParam());
  auto store = open_store(other.location(), OpenMode::kCreate).value();
  ASSERT_TRUE(testing::rechain_into(*store, std::move(events)));
  Journal journal(*store, clock_);
  ASSERT_TRUE(journal.rebuild().has_value());
  const VerifyReport report = journal.verify().value();
  EXPECT_TRUE(report.ok()) << report.divergence->message;
  EXPECT_EQ(journal.item("FR-FA-01").value()->last_weighing->method, "Mettler load cells");

  Operations ops(journal);
  const Head before = journal.head().value();
  WeighingInput in{"FR-FA-01", Mass::kilograms(2835), std::nullopt, "Mettler load cells", kReceived, "MLC-2025"};
  auto refused = ops.weigh(olga_, in);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "method");
  EXPECT_EQ(journal.head().value().hash, before.hash);
  in.method = "Sartorius load cells";
  EXPECT_TRUE(ops.weigh(olga_, in).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, MethodsInForce, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
