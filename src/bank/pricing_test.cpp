// The price of a supply in integer cents, checked against amounts computed by hand.
#include "bank/pricing.hpp"

#include <gtest/gtest.h>

namespace leu::bank {
namespace {

// DEMO placeholder unit prices, not market data (leu-bank.md §5: the formula is not public).
PriceInput demo_input() {
  return {"USD",
          {{"feed", 30'100'500, "kgU", 15'025},        // 30,100.5 kg natural U at 150.25 USD/kg U
           {"conversion", 30'100'500, "kgU", 1'150},   // at 11.50 USD/kg U
           {"enrichment", 18'450'125, "SWU", 14'999},  // 18,450.125 SWU at 149.99 USD/SWU
           {"transport", 1'000, "lot", 85'000'000}},   // one lot at 850,000.00 USD
          450};                                        // overheads 4.50 %
}

TEST(PricingTest, TotalIsTheSumOfRoundedLinesPlusOverheadsInCentsCheckedByHand) {
  auto p = compute_price(demo_input());
  ASSERT_TRUE(p) << p.error().describe();
  // By hand: 30,100.5 x 150.25 = 4,522,600.125 USD -> 452,260,012.5 cents -> 452,260,013 (half up).
  EXPECT_EQ(p->lines[0].amount_cents, 452'260'013);
  // 30,100.5 x 11.50 = 346,155.75 USD -> 34,615,575 cents.
  EXPECT_EQ(p->lines[1].amount_cents, 34'615'575);
  // 18,450.125 x 149.99 = 2,767,334.24875 USD -> 276,733,424.875 cents -> 276,733,425.
  EXPECT_EQ(p->lines[2].amount_cents, 276'733'425);
  EXPECT_EQ(p->lines[3].amount_cents, 85'000'000);
  // Subtotal 848,609,013; overheads 4.5 % = 38,187,405.585 -> 38,187,406; total 886,796,419.
  EXPECT_EQ(p->subtotal_cents, 848'609'013);
  EXPECT_EQ(p->overheads_cents, 38'187'406);
  EXPECT_EQ(p->total_cents, 886'796'419);
  EXPECT_EQ(money_text(p->total_cents, "USD"), "8,867,964.19 USD");
}

TEST(PricingTest, AMissingOrWrongComponentIsRefusedNamingIt) {
  PriceInput in = demo_input();
  in.components.pop_back();
  auto p = compute_price(in);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().field, "price.transport");
  in = demo_input();
  in.components[2].unit = "kgU";
  EXPECT_EQ(compute_price(in).error().field, "price.enrichment");
  in = demo_input();
  in.currency = "usd";
  EXPECT_EQ(compute_price(in).error().field, "currency");
  in = demo_input();
  in.overheads_bp = 10'001;
  EXPECT_EQ(compute_price(in).error().field, "price.overheads_bp");
  in = demo_input();
  in.components.push_back({"insurance", 1000, "lot", 1});
  EXPECT_EQ(compute_price(in).error().field, "price.insurance");
}

}  // namespace
}  // namespace leu::bank
