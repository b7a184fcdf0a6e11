// The material balance equations against hand-computed cases, including the
// worked example of accounting-reports.md §9 and MUF and SRD of both signs.
#include "domain/material_balance.hpp"

#include <gtest/gtest.h>

namespace leu {
namespace {

Mass g(std::int64_t grams_times_1000) { return Mass::milligrams(grams_times_1000); }  // [mg]

TEST(MaterialBalance, WorkedExampleOfTheDomainReferenceAtShipperValues) {
  // accounting-reports.md §9, g U-235: PB 1 200.000, RD 400.000, SD 300.000, DI 0.500, PE 1 299.200.
  const BalanceTerms t =
      balance_terms({g(1'200'000), g(400'000), g(300'000), g(500), g(1'299'200)}, ReceiptBasis::kShipper);
  EXPECT_EQ(t.be, g(1'300'000));  // 1 200 + 400 - 300
  EXPECT_EQ(t.ba, g(1'299'500));  // BE - SRD
  EXPECT_EQ(t.muf, g(300));       // BA - PE = 0.300 g, an apparent loss
}

TEST(MaterialBalance, AtReceiverValuesTheAdjustedBookIsTheEndingBook) {
  const BalanceTerms t =
      balance_terms({g(1'200'000), g(400'000), g(300'000), g(500), g(1'299'200)}, ReceiptBasis::kReceiver);
  EXPECT_EQ(t.ba, t.be);
  EXPECT_EQ(t.muf, g(800));  // 1 300.000 - 1 299.200
}

TEST(MaterialBalance, NegativeMufIsAnApparentGain) {
  // PB 10 kg, no changes, PE 10.002 kg: MUF = -2 g.
  const BalanceTerms t = balance_terms({Mass::kilograms(10), {}, {}, {}, Mass::grams(10'002)}, ReceiptBasis::kShipper);
  EXPECT_EQ(t.muf, -Mass::grams(2));
}

TEST(MaterialBalance, NegativeSrdRaisesTheAdjustedBook) {
  // The receiver found 3 g more than the shipper stated: SRD = -3 g; BA = BE + 3 g.
  const BalanceTerms t =
      balance_terms({{}, Mass::grams(1'000), {}, -Mass::grams(3), Mass::grams(1'003)}, ReceiptBasis::kShipper);
  EXPECT_EQ(t.ba, Mass::grams(1'003));
  EXPECT_EQ(t.muf, Mass());
}

TEST(MaterialBalance, AnItemStoreWithEveryItemFoundClosesToZero) {
  const BalanceTerms t = balance_terms({Mass::milligrams(90'006'225'476),
                                        Mass::milligrams(1'500'000'001),
                                        Mass::milligrams(1'499'999'999),
                                        {},
                                        Mass::milligrams(90'006'225'478)},
                                       ReceiptBasis::kReceiver);
  EXPECT_EQ(t.be, Mass::milligrams(90'006'225'478));
  EXPECT_EQ(t.muf, Mass());
}

}  // namespace
}  // namespace leu
