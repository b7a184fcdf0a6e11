// σ(MUF) over the database's balance periods: the demo bank's periods carry no measurement error (every PE is the
// book value, i.e. the receipt measurement, which cancels); a cylinder re-weighed at a taking under the calibration
// period of the beginning inventory's weighing or under another, two re-weighed under one calibration period or
// under two, and a booked loss give the MUF and σ(MUF) worked out by hand (tolerance 1e-9 kg: sums of a few products
// of doubles; the stated figures to 1e-6 kg, their last digit).
#include "accountancy/balance_uncertainty.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "access/principal.hpp"
#include "accountancy/balance_period.hpp"
#include "accountancy/operations.hpp"
#include "demo/demo_bank.hpp"
#include "domain/uf6.hpp"
#include "ledger/codec.hpp"
#include "ledger/event.hpp"
#include "ledger/event_types.hpp"
#include "sim/method_table_json.hpp"
#include "stats/sequence_analysis.hpp"
#include "store/store.hpp"
#include "testing/rechain.hpp"
#include "testing/temp_dir.hpp"

namespace leu {
namespace {

// The placeholder relative standard uncertainties of the default method table (leu-bank.md §11): load cells random
// and systematic, NDA gamma HPGe random and systematic.
constexpr double kRw = 0.0005, kSw = 0.0005, kRe = 0.015, kSe = 0.0075;
// σ(MUF) [kg U-235] of DEMO-OR-07 (4.928 wt % U-235, 2,206.514 kg UF6: book b = 73.512943 kg U-235, re-weighed 1 kg
// UF6 light r = 73.479627 kg by leu-bank.md §9) by hand with the δ above (OneReweighing below), under the beginning
// inventory's calibration period and under another.
constexpr double kSigmaSameCalibration = 1.559958, kSigmaOtherCalibration = 1.560823;

class BalanceUncertainty : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_store(dir_.path("bank.db"), OpenMode::kCreate);
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    journal_ = std::make_unique<Journal>(*store_, clock_);
    ASSERT_TRUE(build_demo_bank(*journal_));  // periods closed to the end of 2025
  }
  // Closes a period to `pit` in which `reweighed` cylinders are found with 1 kg less UF6 each, re-weighed at the
  // taking on load cells under the calibration period given; returns (book, re-weighed) U-235 [kg] of each.
  std::vector<std::pair<double, double>> reweigh_and_close(
      Date pit, const std::vector<std::pair<std::string, std::string>>& cal) {
    const Principal olga = resolve_principal(*journal_, "olga").value();
    const Principal aigerim = resolve_principal(*journal_, "aigerim").value();
    std::vector<std::pair<double, double>> out;
    std::vector<PitFinding> found;
    const std::vector<Item> all = journal_->items().value();
    for (const auto& item : all) {
      if (!item.on_hand()) continue;
      found.push_back(PitFinding{item.id, true, "", std::nullopt});
      for (const auto& [id, calibration] : cal)
        if (id == item.id) {
          const Mass net = item.net_uf6 - Mass::kilograms(1);
          found.back() = PitFinding{item.id, true, "", net, "load cells", calibration};
          out.emplace_back(item.u235.kg_approx(), uranium_in_uf6(net, item.isotopics).u235.kg_approx());
        }
    }
    EXPECT_TRUE(Periods(*journal_).take_inventory(olga, PitInput{"KZBK", pit, found, {}}));
    EXPECT_TRUE(Periods(*journal_).close_period(aigerim, "KZBK", pit));
    return out;
  }

  // σ(MUF) of the last period, and its MUF recomputed and recorded.
  struct Last {
    double sigma, muf, recorded;
  };
  Last last_period() {
    auto d = balance_sequence_of(*journal_, "KZBK", sim::default_method_table());
    EXPECT_TRUE(d) << d.error().describe();
    auto a = stats::analyse(d->sequence);
    EXPECT_TRUE(a) << a.error().describe();
    return {a->rows.back().sigma_muf, a->rows.back().muf, d->recorded_muf_kg.back()};
  }

  testing::TempDir dir_;
  FixedClock clock_{Date::from_ymd(2026, 11, 28)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;
};

TEST_F(BalanceUncertainty, DemoPeriodsAreBookValuesWithoutMeasurementError) {
  auto d = balance_sequence_of(*journal_, "KZBK", sim::default_method_table());
  ASSERT_TRUE(d) << d.error().describe();
  ASSERT_EQ(d->sequence.periods.size(), 7u);  // 2019 ... 2025
  auto a = stats::analyse(d->sequence);
  ASSERT_TRUE(a) << a.error().describe();
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(d->recorded_muf_kg[i], 0.0);
    EXPECT_NEAR(a->rows[i].muf, 0.0, 1e-9);  // sums of ± the same doubles
    EXPECT_EQ(a->rows[i].sigma_muf, 0.0);
    EXPECT_FALSE(a->rows[i].active);
  }
}

// One cylinder re-weighed at the taking of 2026-06-30 with 1 kg less UF6: its book value b (the receipt: load cells
// LC-2019 × HPGe-2019) is in the beginning inventory, the re-weighed r (load cells under the taking's calibration ×
// the receipt's HPGe-2019) in the ending one; every other cylinder's book value cancels. MUF = b - r. Random: b and r
// each (δR_w² + δR_e²). Systematic HPGe-2019: (b - r)²δS_e². Load cells: (b - r)²δS_w² when the re-weighing is under
// LC-2019 (one group, exposed to the change only), b²δS_w² + r²δS_w² under another calibration period.
struct OneReweighing {
  double b, r;
  double variance(bool same_calibration) const {
    const double random = (b * b + r * r) * (kRw * kRw + kRe * kRe);
    const double weighing = same_calibration ? (b - r) * (b - r) : b * b + r * r;
    return random + weighing * kSw * kSw + (b - r) * (b - r) * kSe * kSe;
  }
};

TEST_F(BalanceUncertainty, AReweighingUnderTheBeginningInventorysCalibrationSharesItsSystematicError) {
  const auto br = reweigh_and_close(Date::from_ymd(2026, 6, 30), {{"DEMO-OR-07", "LC-2019"}});
  ASSERT_EQ(br.size(), 1u);
  const OneReweighing h{br[0].first, br[0].second};
  const Last l = last_period();
  // MUF = book - re-weighed U-235, as the period recorded it (to its milligram rounding).
  EXPECT_NEAR(l.muf, h.b - h.r, 1e-9);
  EXPECT_NEAR(l.recorded, h.b - h.r, 1e-6);
  EXPECT_NEAR(l.sigma, std::sqrt(h.variance(true)), 1e-9);
  // The stated figure (kSigmaSameCalibration), to 1e-6 kg.
  EXPECT_NEAR(l.sigma, kSigmaSameCalibration, 1e-6);
}

TEST_F(BalanceUncertainty, AReweighingUnderAnotherCalibrationDoesNotShareIt) {
  const auto br = reweigh_and_close(Date::from_ymd(2026, 6, 30), {{"DEMO-OR-07", "LC-2026"}});
  ASSERT_EQ(br.size(), 1u);
  const OneReweighing h{br[0].first, br[0].second};
  const Last l = last_period();
  EXPECT_NEAR(l.muf, h.b - h.r, 1e-9);
  EXPECT_NEAR(l.sigma, std::sqrt(h.variance(false)), 1e-9);
  EXPECT_NEAR(l.sigma, kSigmaOtherCalibration, 1e-6);
  // The shared group removes 2br δS_w² (about 0.0027 kg²) from the variance: far above the tolerance.
  EXPECT_GT(h.variance(false) - h.variance(true), 2e-3);
}

// A version 1 taking names no method or calibration period: with no weighing recorded on its date, its re-weighing is
// assumed to be load cells under a calibration period of its year ("2026"), a group of its own. So the taking of the
// test above, written as version 1, gives the other-calibration σ even though it was re-weighed under LC-2019.
TEST_F(BalanceUncertainty, AVersion1ReweighingFallsBackToTheCalibrationPeriodOfItsYear) {
  const Date pit = Date::from_ymd(2026, 6, 30);
  std::vector<PitFinding> found;
  const std::vector<Item> all = journal_->items().value();
  for (const auto& item : all)
    if (item.on_hand())
      found.push_back(item.id == "DEMO-OR-07"
                          ? PitFinding{item.id, true, "", item.net_uf6 - Mass::kilograms(1), "load cells", "LC-2019"}
                          : PitFinding{item.id, true, "", std::nullopt});
  ASSERT_TRUE(Periods(*journal_).take_inventory(resolve_principal(*journal_, "olga").value(),
                                                PitInput{"KZBK", pit, found, {}}));
  // The same journal in a new database, its last event (the taking) as a version 1 program wrote it, chained anew.
  std::vector<StoredEvent> events;
  ASSERT_TRUE(store_->scan_journal(1, INT64_MAX, [&](const StoredEvent& e) {
    events.push_back(e);
    return true;
  }));
  ASSERT_EQ(events.back().type, event_type::kInventoryTaken);
  Json taking = Json::parse(events.back().payload);
  for (auto& f : taking["found"]) f.erase("method"), f.erase("calibration");
  events.back().payload = canonical_json(taking).value();
  events.back().version = 1;
  auto store = open_store(dir_.path("v1.db"), OpenMode::kCreate);
  ASSERT_TRUE(store);
  ASSERT_TRUE(testing::rechain_into(**store, std::move(events)));
  journal_.reset();
  store_ = std::move(*store);
  journal_ = std::make_unique<Journal>(*store_, clock_);
  ASSERT_TRUE(journal_->rebuild());
  ASSERT_TRUE(Periods(*journal_).close_period(resolve_principal(*journal_, "aigerim").value(), "KZBK", pit));
  EXPECT_NEAR(last_period().sigma, kSigmaOtherCalibration, 1e-6);
}

// Book values b1, b2 (receipts: load cells LC-2019 × HPGe-2019) against re-weighed r1, r2 (load cells under the
// calibration recorded, × the receipts' HPGe-2019): MUF = b1 + b2 - r1 - r2. Random: (b1² + b2² + r1² + r2²)(δR_w² +
// δR_e²); systematic LC-2019: (b1 + b2)²δS_w²; HPGe-2019: (b1 + b2 - r1 - r2)²δS_e²; and the re-weighings' load
// cells: (r1 + r2)²δS_w² under one calibration period, r1²δS_w² + r2²δS_w² under two.
double hand_variance(const std::vector<std::pair<double, double>>& br, bool one_calibration) {
  const auto [b1, r1] = br[0];
  const auto [b2, r2] = br[1];
  const double common = (b1 * b1 + b2 * b2 + r1 * r1 + r2 * r2) * (kRw * kRw + kRe * kRe) +
                        (b1 + b2) * (b1 + b2) * kSw * kSw + (b1 + b2 - r1 - r2) * (b1 + b2 - r1 - r2) * kSe * kSe;
  return common + (one_calibration ? (r1 + r2) * (r1 + r2) : r1 * r1 + r2 * r2) * kSw * kSw;
}

TEST_F(BalanceUncertainty, TwoWeighingsInOneCalibrationPeriodShareTheSystematicError) {
  const auto br =
      reweigh_and_close(Date::from_ymd(2026, 6, 30), {{"DEMO-OR-07", "LC-2026"}, {"DEMO-OR-08", "LC-2026"}});
  const Last l = last_period();
  EXPECT_NEAR(l.muf, br[0].first + br[1].first - br[0].second - br[1].second, 1e-9);
  EXPECT_NEAR(l.sigma, std::sqrt(hand_variance(br, true)), 1e-9);
  // The shared term is 2 r1 r2 δS_w² larger than two independent ones: about 0.0028 kg², well above the tolerance.
  EXPECT_GT(hand_variance(br, true) - hand_variance(br, false), 1e-3);
}

TEST_F(BalanceUncertainty, TwoWeighingsInDifferentCalibrationPeriodsDoNotShareIt) {
  const auto br =
      reweigh_and_close(Date::from_ymd(2026, 6, 30), {{"DEMO-OR-07", "LC-2026-A"}, {"DEMO-OR-08", "LC-2026-B"}});
  const Last l = last_period();
  EXPECT_NEAR(l.sigma, std::sqrt(hand_variance(br, false)), 1e-9);
}

TEST_F(BalanceUncertainty, ABookedLossIsAnOutputOfItsPeriod) {
  const Principal aigerim = resolve_principal(*journal_, "aigerim").value();  // the accountant books losses
  const Date day = Date::from_ymd(2026, 3, 2);
  const Item before = journal_->item("DEMO-KZ-03").value().value();
  auto booked = Operations(*journal_).book_loss(aigerim, {"DEMO-KZ-03", Mass::kilograms(2), "valve leak", day});
  ASSERT_TRUE(booked) << booked.error().describe();
  const Item after = journal_->item("DEMO-KZ-03").value().value();
  const double lost = before.u235.kg_approx() - after.u235.kg_approx();  // the U-235 the loss booked [kg]
  ASSERT_GT(lost, 0.0);
  reweigh_and_close(Date::from_ymd(2026, 6, 30), {});
  const Last l = last_period();
  // PB carries b, PE b - L, and the loss L leaves: MUF = 0, as recorded.
  EXPECT_NEAR(l.muf, 0.0, 1e-9);
  EXPECT_EQ(l.recorded, 0.0);
  // The book value's random error enters with b - (b - L) = L, the loss's own with L; the systematic errors cancel.
  EXPECT_NEAR(l.sigma, lost * std::sqrt(2 * (kRw * kRw + kRe * kRe)), 1e-9);
}

TEST_F(BalanceUncertainty, AnUnknownMbaOrMethodIsAnError) {
  EXPECT_FALSE(balance_sequence_of(*journal_, "NOPE", sim::default_method_table()));
  stats::MethodTable t{"t", "1", {{"load cells", "mass", 0.0005, 0.0005, "test"}}, "test"};
  auto d = balance_sequence_of(*journal_, "KZBK", t);
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().field.find("also_method"), std::string::npos);
}

}  // namespace
}  // namespace leu
