// σ(MUF) over the database's balance periods: the demo bank's periods carry no measurement error (every PE is the
// book value, i.e. the receipt measurement, which cancels), and a cylinder re-weighed at a taking gives the MUF and
// σ(MUF) worked out by hand.
#include "accountancy/balance_uncertainty.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "access/principal.hpp"
#include "accountancy/balance_period.hpp"
#include "demo/demo_bank.hpp"
#include "domain/uf6.hpp"
#include "sim/method_table_json.hpp"
#include "stats/sequence_analysis.hpp"
#include "store/store.hpp"
#include "testing/temp_dir.hpp"

namespace leu {
namespace {

class BalanceUncertainty : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_store(dir_.path("bank.db"), OpenMode::kCreate);
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    journal_ = std::make_unique<Journal>(*store_, clock_);
    ASSERT_TRUE(build_demo_bank(*journal_));  // periods closed to the end of 2025
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
  // Two independent measurements (the receipt's, calibration 2019, and the taking's, 2026), each weighing ×
  // enrichment: var = (m² + m2²)(δR_w² + δR_e² + δS_w² + δS_e²) with the placeholder 0.05 %, 1.5 %, 0.05 %, 0.75 %.
  const double rel = 0.0005 * 0.0005 + 0.015 * 0.015 + 0.0005 * 0.0005 + 0.0075 * 0.0075;
  EXPECT_NEAR(a->rows[7].sigma_muf, std::sqrt((m * m + m2 * m2) * rel), 1e-9);
  EXPECT_TRUE(a->rows[7].active);
  EXPECT_FALSE(a->rows[6].active);
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
