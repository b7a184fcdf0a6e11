// σ(MUF) over the database's balance periods: the demo bank's periods carry no measurement error (every PE is the
// book value, i.e. the receipt measurement, which cancels); a cylinder re-weighed at a taking, two re-weighed under
// one calibration period or under two, and a booked loss give the MUF and σ(MUF) worked out by hand (tolerance 1e-9
// kg: sums of a few products of doubles).
#include "accountancy/balance_uncertainty.hpp"

#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "access/principal.hpp"
#include "accountancy/balance_period.hpp"
#include "accountancy/operations.hpp"
#include "demo/demo_bank.hpp"
#include "domain/uf6.hpp"
#include "sim/method_table_json.hpp"
#include "stats/sequence_analysis.hpp"
#include "store/store.hpp"
#include "testing/temp_dir.hpp"

namespace leu {
namespace {

// The placeholder relative standard uncertainties of the default method table (leu-bank.md §11): load cells random
// and systematic, NDA gamma HPGe random and systematic.
constexpr double kRw = 0.0005, kSw = 0.0005, kRe = 0.015, kSe = 0.0075;

class BalanceUncertainty : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_store(dir_.path("bank.db"), OpenMode::kCreate);
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    journal_ = std::make_unique<Journal>(*store_, clock_);
    ASSERT_TRUE(build_demo_bank(*journal_));  // periods closed to the end of 2025
  }
  // Closes a period to `pit` in which `reweighed` cylinders are found with 1 kg less UF6 each, weighed that day under
  // the calibration period given; returns (book, re-weighed) U-235 [kg] of each.
  std::vector<std::pair<double, double>> reweigh_and_close(
      Date pit, const std::vector<std::pair<std::string, std::string>>& cal) {
    const Principal olga = resolve_principal(*journal_, "olga").value();
    const Principal aigerim = resolve_principal(*journal_, "aigerim").value();
    Operations ops(*journal_);
    std::map<std::string, Mass> net;
    std::vector<std::pair<double, double>> out;
    for (const auto& [id, calibration] : cal) {
      const Item c = journal_->item(id).value().value();
      net[id] = c.net_uf6 - Mass::kilograms(1);
      EXPECT_TRUE(ops.weigh(olga, {id, c.tare + net[id], std::nullopt, "load cells", pit, calibration}));
      out.emplace_back(c.u235.kg_approx(), uranium_in_uf6(net[id], c.isotopics).u235.kg_approx());
    }
    std::vector<PitFinding> found;
    const std::vector<Item> all = journal_->items().value();
    for (const auto& item : all)
      if (item.on_hand())
        found.push_back(
            PitFinding{item.id, true, "", net.contains(item.id) ? std::optional(net[item.id]) : std::nullopt});
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

TEST_F(BalanceUncertainty, AReweighedCylinderIsANewMeasurement) {
  const Principal olga = resolve_principal(*journal_, "olga").value();
  const Principal aigerim = resolve_principal(*journal_, "aigerim").value();
  const Date pit = Date::from_ymd(2026, 6, 30);
  const Item c = journal_->item("DEMO-OR-07").value().value();
  const Mass reweighed = c.net_uf6 - Mass::kilograms(1);
  std::vector<PitFinding> found;
  const std::vector<Item> all = journal_->items().value();
  for (const auto& item : all)
    if (item.on_hand())
      found.push_back(PitFinding{item.id, true, "", item.id == c.id ? std::optional(reweighed) : std::nullopt});
  Periods periods(*journal_);
  ASSERT_TRUE(periods.take_inventory(olga, PitInput{"KZBK", pit, found, {}}));
  ASSERT_TRUE(periods.close_period(aigerim, "KZBK", pit));

  auto d = balance_sequence_of(*journal_, "KZBK", sim::default_method_table());
  ASSERT_TRUE(d) << d.error().describe();
  ASSERT_EQ(d->sequence.periods.size(), 8u);
  auto a = stats::analyse(d->sequence);
  ASSERT_TRUE(a) << a.error().describe();
  const double m = c.u235.kg_approx();
  const double m2 = uranium_in_uf6(reweighed, c.isotopics).u235.kg_approx();
  // MUF = book - re-weighed U-235, as the period recorded it (to its milligram rounding).
  EXPECT_NEAR(a->rows[7].muf, m - m2, 1e-9);
  EXPECT_NEAR(d->recorded_muf_kg[7], m - m2, 1e-6);
  // Two measurements, each weighing × enrichment, with independent random errors: the receipt's (load cells LC-2019,
  // HPGe-2019) and the taking's (no weighing recorded that day: load cells, calibration "2026" assumed) times the
  // receipt's enrichment, whose systematic error (HPGe-2019) is shared: var = (m² + m2²)(δR_w² + δR_e²) +
  // (m² + m2²)δS_w² + (m - m2)²δS_e², with the placeholder δR_w = δS_w = 0.05 %, δR_e = 1.5 %, δS_e = 0.75 %.
  const double var =
      (m * m + m2 * m2) * (kRw * kRw + kRe * kRe) + (m * m + m2 * m2) * kSw * kSw + (m - m2) * (m - m2) * kSe * kSe;
  EXPECT_NEAR(a->rows[7].sigma_muf, std::sqrt(var), 1e-9);
  EXPECT_TRUE(a->rows[7].active);
  EXPECT_FALSE(a->rows[6].active);
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
