// Receipts booked at the basis the facility names (Facility::receipt_basis), on both backends, against hand-set
// figures: one cylinder whose shipper declares its uranium 500 g (U-235: 25 g) above, or 300 g (15 g) below, what
// the receiver's acceptance values give. SRD = shipper - receiver (accounting-reports.md §3 DI, §9):
//
//   basis     booked (RF, X)   SRD              BA = BE - SRD (shipper) | BE (receiver)   PE           MUF
//   shipper   receiver + d     d                receiver                                  receiver     0
//   receiver  receiver         d                receiver                                  receiver     0
//
// Exact milligrams: no tolerance. The receiver's values come from uranium_in_uf6 of the listing's own UF6 and
// isotopics (what the receive operation books at the receiver's basis); the differences d are set by hand.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "access/principal.hpp"
#include "accountancy/balance_period.hpp"
#include "accountancy/operations.hpp"
#include "accountancy/report_builder.hpp"
#include "domain/facility.hpp"
#include "domain/uf6.hpp"
#include "ledger/codec.hpp"
#include "store/store.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;
using Json = nlohmann::json;

const Date kReceived = Date::from_ymd(2025, 6, 2);
const Date kPit = Date::from_ymd(2025, 12, 31);
const Mass kNet = Mass::kilograms(2200);

struct Case {
  ReceiptBasis basis;
  std::int64_t d_uranium_mg, d_u235_mg;  // shipper - receiver, set by hand
};

class ReceiptBasisTest : public ::testing::TestWithParam<std::tuple<Backend, Case>> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    auto store = open_store(db_.location(), OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().describe();
    store_ = std::move(*store);
    journal_ = std::make_unique<Journal>(*store_, clock_);
    Facility f = default_bank_facility();
    f.receipt_basis = basis();
    ASSERT_TRUE(open_journal(*journal_, f, "admin").has_value());
    const Principal admin = resolve_principal(*journal_, "admin").value();
    ASSERT_TRUE(add_user(*journal_, admin, "olga", {Role::kOperator}).has_value());
    ASSERT_TRUE(add_user(*journal_, admin, "aigerim", {Role::kAccountant}).has_value());
    olga_ = resolve_principal(*journal_, "olga").value();
    aigerim_ = resolve_principal(*journal_, "aigerim").value();
  }

  ReceiptBasis basis() const { return std::get<1>(GetParam()).basis; }
  const Case& c() const { return std::get<1>(GetParam()); }

  // One cylinder from France: 2 200 kg UF6 at 4.9 % U-235, declared at the receiver's values + d.
  ReceiptLine line() const {
    ReceiptLine l;
    l.line = 2;
    l.cylinder_id = "FR-SRD-01";
    l.supplier = "Orano Cycle";
    l.shipper_batch = "B25-01";
    l.shipper = "FR";
    l.tare = Mass::kilograms(635);
    l.gross = l.tare + kNet;
    l.isotopics = Isotopics::from_u235(Fraction::from_parts(49'000'000)).value();
    l.declared_uranium = receiver().uranium + Mass::milligrams(c().d_uranium_mg);
    l.declared_u235 = receiver().u235 + Mass::milligrams(c().d_u235_mg);
    l.recertified_on = kReceived.plus_days(-200);
    l.received_on = kReceived;
    return l;
  }
  static UraniumContent receiver() {
    return uranium_in_uf6(kNet, Isotopics::from_u235(Fraction::from_parts(49'000'000)).value());
  }

  TestDatabase db_{std::get<0>(GetParam())};
  FixedClock clock_{Date::from_ymd(2026, 1, 15)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;
  Principal olga_, aigerim_;
};

std::int64_t mg(const Json& terms, const char* line, const char* what) { return terms[line][what].get<std::int64_t>(); }

TEST_P(ReceiptBasisTest, BooksAtTheNamedBasisKeepsTheOtherSideAndBalancesWithTheSrd) {
  Operations ops(*journal_);
  auto received = ops.receive(olga_, {line()});
  ASSERT_TRUE(received.has_value()) << received.error().describe();

  const std::int64_t u_recv = receiver().uranium.mg(), u235_recv = receiver().u235.mg();
  const std::int64_t u_ship = u_recv + c().d_uranium_mg, u235_ship = u235_recv + c().d_u235_mg;
  const bool at_shipper = basis() == ReceiptBasis::kShipper;

  // The item: booked at the basis, the other side kept.
  const Item item = journal_->item("FR-SRD-01").value().value();
  EXPECT_EQ(item.uranium.mg(), at_shipper ? u_ship : u_recv);
  EXPECT_EQ(item.u235.mg(), at_shipper ? u235_ship : u235_recv);
  EXPECT_EQ(item.declared_uranium.mg(), u_ship);
  EXPECT_EQ(item.declared_u235.mg(), u235_ship);
  EXPECT_EQ(item.receiver_uranium.has_value(), at_shipper);
  if (at_shipper) {
    EXPECT_EQ(item.receiver_uranium->mg(), u_recv);
    EXPECT_EQ(item.receiver_u235->mg(), u235_recv);
  }
  // The facility record carries the basis through the journal.
  EXPECT_EQ(journal_->facility().value()->receipt_basis, basis());

  Periods periods(*journal_);
  ASSERT_TRUE(periods.take_inventory(olga_, PitInput{.mba = "KZBK", .date = kPit, .all_found = true}));
  auto closed = periods.close_period(aigerim_, "KZBK", kPit);
  ASSERT_TRUE(closed.has_value()) << closed.error().describe();
  EXPECT_EQ((*closed)["receipt_basis"], at_shipper ? "shipper" : "receiver");
  const Json& t = (*closed)["categories"][0];
  EXPECT_EQ(mg(t, "x", "uranium_mg"), at_shipper ? u_ship : u_recv);
  EXPECT_EQ(mg(t, "be", "uranium_mg"), at_shipper ? u_ship : u_recv);
  EXPECT_EQ(mg(t, "srd", "uranium_mg"), c().d_uranium_mg);  // shipper - receiver, either basis
  EXPECT_EQ(mg(t, "srd", "u235_mg"), c().d_u235_mg);
  EXPECT_EQ(mg(t, "ba", "uranium_mg"), u_recv);  // BE - SRD at the shipper's basis, BE at the receiver's
  EXPECT_EQ(mg(t, "ba", "u235_mg"), u235_recv);
  EXPECT_EQ(mg(t, "pe", "uranium_mg"), u_recv);
  EXPECT_EQ(mg(t, "muf", "uranium_mg"), 0);
  EXPECT_EQ(mg(t, "muf", "u235_mg"), 0);
  EXPECT_TRUE((*closed)["anomalies"].empty()) << (*closed)["anomalies"].dump();

  // The MBR: RF at the booked values, DI = SRD with its sign, BA, PE, MF.
  auto mbr = build_mbr(*journal_, "KZBK", kPit, "aigerim");
  ASSERT_TRUE(mbr.has_value()) << mbr.error().describe();
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> lines;
  for (const auto& l : mbr->lines) lines[l.code] = {l.element_weight_mg, l.fissile_weight_mg};
  EXPECT_EQ(lines["RF"], std::make_pair(at_shipper ? u_ship : u_recv, at_shipper ? u235_ship : u235_recv));
  EXPECT_EQ(lines["DI"], std::make_pair(c().d_uranium_mg, c().d_u235_mg));
  EXPECT_EQ(lines["BA"], std::make_pair(u_recv, u235_recv));
  EXPECT_EQ(lines["PE"], std::make_pair(u_recv, u235_recv));
  EXPECT_EQ(lines["MF"], std::make_pair(std::int64_t{0}, std::int64_t{0}));
}

TEST(ReceiptBasisCodec, TheFacilityNamesItsBasisAndARefusedValueNamesTheField) {
  Facility f = default_bank_facility();
  EXPECT_FALSE(encode(f).contains("receipt_basis"));  // the default keeps the version-1 bytes
  f.receipt_basis = ReceiptBasis::kShipper;
  Json j = encode(f);
  EXPECT_EQ(j["receipt_basis"], "shipper");
  EXPECT_EQ(decode_facility(j).value().receipt_basis, ReceiptBasis::kShipper);
  j["receipt_basis"] = "buyer";
  auto bad = decode_facility(j);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "receipt_basis");
}

INSTANTIATE_TEST_SUITE_P(Bases, ReceiptBasisTest,
                         ::testing::Combine(::testing::ValuesIn(testing::all_backends()),
                                            ::testing::Values(Case{ReceiptBasis::kShipper, 500'000, 25'000},
                                                              Case{ReceiptBasis::kShipper, -300'000, -15'000},
                                                              Case{ReceiptBasis::kReceiver, 500'000, 25'000},
                                                              Case{ReceiptBasis::kReceiver, -300'000, -15'000})),
                         [](const auto& p) {
                           const Case& c = std::get<1>(p.param);
                           return testing::backend_name(std::get<0>(p.param)) +
                                  (c.basis == ReceiptBasis::kShipper ? "Shipper" : "Receiver") +
                                  (c.d_uranium_mg > 0 ? "Plus" : "Minus");
                         });

}  // namespace
}  // namespace leu
