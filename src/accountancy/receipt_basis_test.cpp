// Receipts booked at the basis the facility names (Facility::receipt_basis), on both backends, against hand-set
// figures. SRD = shipper - receiver (accounting-reports.md §3 DI, §9). At the shipper's basis the receipt books the
// shipper's values (RF, X) and its DI line takes the difference off the book, so the book, the item and every later
// shipment carry the receiver's values; at the receiver's basis the receipt books the receiver's values and the SRD
// is only reported:
//
//   basis     booked (RF, X)   DI line (book)   SRD   BA = BE - SRD (shipper) | BE (receiver)   PE         MUF
//   shipper   receiver + d     -d               d     receiver                                  receiver   0
//   receiver  receiver         none             d     receiver                                  receiver   0
//
// The receiver's values of 2 200 kg UF6 at 4.900 wt % U-235 (no U-234, U-236), worked by hand with the AME2020
// masses of atomic_masses.hpp (U-235 235.0439301, U-238 238.0507884, F 18.998403163 [g/mol]):
//   M(U)   = 1 / (0.049 / 235.0439301 + 0.951 / 238.0507884)           = 237.901661 [g/mol]
//   f(U)   = 237.901661 / (237.901661 + 6 x 18.998403163)               = 0.676064267
//   U      = 2 200 000 000 mg x 0.676064267 = 1 487 341 386.67 -> 1 487 341 387 [mg]
//   U-235  = 1 487 341 386.67 mg x 0.049    =    72 879 727.95 ->    72 879 728 [mg]
// Exact milligrams throughout: no tolerance.
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
#include "accountancy/period_books.hpp"
#include "accountancy/profile_in_force.hpp"
#include "accountancy/report_builder.hpp"
#include "domain/facility.hpp"
#include "domain/uf6.hpp"
#include "ledger/codec.hpp"
#include "reports/labelled.hpp"
#include "store/store.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;
using Json = nlohmann::json;
using Pair = std::pair<std::int64_t, std::int64_t>;  // element [mg], U-235 [mg]

const Date kReceived = Date::from_ymd(2025, 6, 2);
const Date kPit = Date::from_ymd(2025, 12, 31);
const Date kShipped = Date::from_ymd(2026, 1, 10);
const Date kSecondPit = Date::from_ymd(2026, 1, 14);
const Mass kNet = Mass::kilograms(2200);
const Fraction kEnrichment = Fraction::from_parts(49'000'000);  // 4.9 wt % U-235
constexpr std::int64_t kReceiverU = 1'487'341'387;              // [mg], worked above
constexpr std::int64_t kReceiverU235 = 72'879'728;              // [mg], worked above

// A journal on one backend whose facility books receipts at `basis`, with an operator and an accountant.
class Bank {
 public:
  Bank(Backend backend, ReceiptBasis basis) : db_(backend) {
    if (!db_.available()) return;
    auto store = open_store(db_.location(), OpenMode::kCreate);
    EXPECT_TRUE(store.has_value()) << store.error().describe();
    store_ = std::move(*store);
    journal_ = std::make_unique<Journal>(*store_, clock_);
    Facility f = default_bank_facility();
    f.receipt_basis = basis;
    EXPECT_TRUE(open_journal(*journal_, f, "admin").has_value());
    const Principal admin = resolve_principal(*journal_, "admin").value();
    EXPECT_TRUE(add_user(*journal_, admin, "olga", {Role::kOperator}).has_value());
    EXPECT_TRUE(add_user(*journal_, admin, "aigerim", {Role::kAccountant}).has_value());
    olga = resolve_principal(*journal_, "olga").value();
    aigerim = resolve_principal(*journal_, "aigerim").value();
  }
  bool available() const { return db_.available(); }
  std::string unavailable_reason() const { return db_.unavailable_reason(); }
  Journal& journal() { return *journal_; }

  // One cylinder from France: 2 200 kg UF6 at 4.9 % U-235, declared at the receiver's values + d [mg].
  static ReceiptLine cylinder(const std::string& id, std::int64_t d_uranium_mg, std::int64_t d_u235_mg) {
    ReceiptLine l;
    l.line = 2;
    l.cylinder_id = id;
    l.supplier = "Orano Cycle";
    l.shipper_batch = "B25-" + id.substr(id.size() - 2);
    l.shipper = "FR";
    l.tare = Mass::kilograms(635);
    l.gross = l.tare + kNet;
    l.isotopics = Isotopics::from_u235(kEnrichment).value();
    l.declared_uranium = Mass::milligrams(kReceiverU + d_uranium_mg);
    l.declared_u235 = Mass::milligrams(kReceiverU235 + d_u235_mg);
    l.recertified_on = kReceived.plus_days(-200);
    l.received_on = kReceived;
    return l;
  }

  // Takes the inventory of `date` (everything found, not re-weighed) and closes the period; its first category.
  Json close(Date date) {
    Periods periods(*journal_);
    auto taken = periods.take_inventory(olga, PitInput{.mba = "KZBK", .date = date, .all_found = true});
    EXPECT_TRUE(taken.has_value()) << taken.error().describe();
    auto closed = periods.close_period(aigerim, "KZBK", date);
    EXPECT_TRUE(closed.has_value()) << closed.error().describe();
    if (!closed) return {};
    EXPECT_TRUE((*closed)["anomalies"].empty()) << (*closed)["anomalies"].dump();
    EXPECT_EQ((*closed)["categories"].size(), 1U) << closed->dump();
    return (*closed)["categories"][0];
  }

  // The book of KZBK (enriched) at the end of `date`: the sum of its change lines.
  Pair book(Date date) {
    auto totals = store_->book_totals("KZBK", date.text());
    EXPECT_TRUE(totals.has_value());
    Pair sum{0, 0};
    for (const auto& t : *totals) sum.first += t.uranium_mg, sum.second += t.u235_mg;
    return sum;
  }

  Principal olga, aigerim;

 private:
  TestDatabase db_;
  FixedClock clock_{Date::from_ymd(2026, 1, 15)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;
};

Pair terms(const Json& category, const char* line) {
  return {category[line]["uranium_mg"].get<std::int64_t>(), category[line]["u235_mg"].get<std::int64_t>()};
}

std::map<std::string, Pair> mbr_lines(Journal& journal, Date to) {
  auto mbr = build_mbr(journal, "KZBK", to, "aigerim");
  EXPECT_TRUE(mbr.has_value()) << mbr.error().describe();
  std::map<std::string, Pair> lines;
  if (mbr)
    for (const auto& l : mbr->lines) lines[l.code] = {l.element_weight_mg, l.fissile_weight_mg};
  return lines;
}

TEST(ReceiptBasisFigures, TheReceiverValuesAreTheHandWorkedOnes) {
  const UraniumContent c = uranium_in_uf6(kNet, Isotopics::from_u235(kEnrichment).value());
  EXPECT_EQ(c.uranium.mg(), kReceiverU);
  EXPECT_EQ(c.u235.mg(), kReceiverU235);
}

struct Case {
  ReceiptBasis basis;
  std::int64_t d_uranium_mg, d_u235_mg;  // shipper - receiver, set by hand
};

class ReceiptBasisTest : public ::testing::TestWithParam<std::tuple<Backend, Case>> {
 protected:
  void SetUp() override {
    if (!bank_.available()) GTEST_SKIP() << bank_.unavailable_reason();
  }
  ReceiptBasis basis() const { return std::get<1>(GetParam()).basis; }
  const Case& c() const { return std::get<1>(GetParam()); }

  Bank bank_{std::get<0>(GetParam()), std::get<1>(GetParam()).basis};
};

TEST_P(ReceiptBasisTest, BooksAtTheNamedBasisKeepsTheOtherSideAndBalancesWithTheSrd) {
  Journal& journal = bank_.journal();
  auto received =
      Operations(journal).receive(bank_.olga, {Bank::cylinder("FR-SRD-01", c().d_uranium_mg, c().d_u235_mg)});
  ASSERT_TRUE(received.has_value()) << received.error().describe();

  const std::int64_t u_recv = kReceiverU, u235_recv = kReceiverU235;
  const std::int64_t u_ship = u_recv + c().d_uranium_mg, u235_ship = u235_recv + c().d_u235_mg;
  const bool at_shipper = basis() == ReceiptBasis::kShipper;

  // The item: the receiver's values on the book (at the shipper's basis after its DI line), the declared ones kept.
  const Item item = journal.item("FR-SRD-01").value().value();
  EXPECT_EQ(item.uranium.mg(), u_recv);
  EXPECT_EQ(item.u235.mg(), u235_recv);
  EXPECT_EQ(item.declared_uranium.mg(), u_ship);
  EXPECT_EQ(item.declared_u235.mg(), u235_ship);
  EXPECT_EQ(item.receiver_uranium.has_value(), at_shipper);
  if (at_shipper) {
    EXPECT_EQ(item.receiver_uranium->mg(), u_recv);
    EXPECT_EQ(item.receiver_u235->mg(), u235_recv);
  }
  // The facility record carries the basis through the journal.
  EXPECT_EQ(journal.facility().value()->receipt_basis, basis());

  Periods periods(journal);
  ASSERT_TRUE(periods.take_inventory(bank_.olga, PitInput{.mba = "KZBK", .date = kPit, .all_found = true}));
  auto closed = periods.close_period(bank_.aigerim, "KZBK", kPit);
  ASSERT_TRUE(closed.has_value()) << closed.error().describe();
  EXPECT_EQ((*closed)["receipt_basis"], at_shipper ? "shipper" : "receiver");
  const Json& t = (*closed)["categories"][0];
  EXPECT_EQ(terms(t, "x"), Pair(at_shipper ? u_ship : u_recv, at_shipper ? u235_ship : u235_recv));
  EXPECT_EQ(terms(t, "be"), Pair(at_shipper ? u_ship : u_recv, at_shipper ? u235_ship : u235_recv));
  EXPECT_EQ(terms(t, "srd"), Pair(c().d_uranium_mg, c().d_u235_mg));  // shipper - receiver, either basis
  EXPECT_EQ(terms(t, "ba"), Pair(u_recv, u235_recv));  // BE - SRD at the shipper's basis, BE at the receiver's
  EXPECT_EQ(terms(t, "pe"), Pair(u_recv, u235_recv));
  EXPECT_EQ(terms(t, "muf"), Pair(0, 0));
  EXPECT_TRUE((*closed)["anomalies"].empty()) << (*closed)["anomalies"].dump();

  // The MBR: RF at the booked values, DI = SRD with its sign, BA, PE, MF.
  auto lines = mbr_lines(journal, kPit);
  EXPECT_EQ(lines["RF"], Pair(at_shipper ? u_ship : u_recv, at_shipper ? u235_ship : u235_recv));
  EXPECT_EQ(lines["DI"], Pair(c().d_uranium_mg, c().d_u235_mg));
  EXPECT_EQ(lines["BA"], Pair(u_recv, u235_recv));
  EXPECT_EQ(lines["PE"], Pair(u_recv, u235_recv));
  EXPECT_EQ(lines["MF"], Pair(0, 0));
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

// Two periods: A (declared 500 000 mg U, 25 000 mg U-235 above the receiver's values R) and B (300 000 mg,
// 15 000 mg below) received on 2025-06-02, the taking of 2025-12-31, A shipped to Armenia on 2026-01-10, the
// taking of 2026-01-14. R = (1 487 341 387, 72 879 728) [mg] per cylinder, so 2R = (2 974 682 774, 145 759 456).
//
//   period 1            shipper's basis                    receiver's basis
//   PB                  0                                  0
//   RF (X)              2R + (200 000, 10 000)             2R
//                       = (2 974 882 774, 145 769 456)
//   BE                  = X                                = X
//   DI (SRD)            (200 000, 10 000)                  (200 000, 10 000)
//   BA                  BE - SRD = 2R                      BE = 2R
//   PE                  2R (the PIL: R, R)                 2R
//   MF                  0                                  0
//   period 2
//   PB                  2R                                 2R
//   SF (Y)              R: A leaves at its book value, the receiver's
//   BE, BA, PE          R                                  R
//   DI, MF              0                                  0
//
// The book (change lines) at the end of 2025-06-02 and of 2025-12-31 is 2R (at the shipper's basis the RF lines
// less the DI lines), at the end of 2026-01-10 and 2026-01-14 R: at every date the PIL's sum.
class TwoPeriodTest : public ::testing::TestWithParam<std::tuple<Backend, ReceiptBasis>> {
 protected:
  void SetUp() override {
    if (!bank_.available()) GTEST_SKIP() << bank_.unavailable_reason();
  }
  bool at_shipper() const { return std::get<1>(GetParam()) == ReceiptBasis::kShipper; }

  Bank bank_{std::get<0>(GetParam()), std::get<1>(GetParam())};
};

TEST_P(TwoPeriodTest, AReceiptAtEitherBasisShippedInTheNextPeriodLeavesNoMufInEither) {
  Journal& journal = bank_.journal();
  Operations ops(journal);
  auto received = ops.receive(
      bank_.olga, {Bank::cylinder("FR-SRD-0A", 500'000, 25'000), Bank::cylinder("FR-SRD-0B", -300'000, -15'000)});
  ASSERT_TRUE(received.has_value()) << received.error().describe();
  const Pair r{kReceiverU, kReceiverU235}, two_r{2 * kReceiverU, 2 * kReceiverU235};
  const Pair srd{200'000, 10'000};
  const Pair x = at_shipper() ? Pair{2'974'882'774, 145'769'456} : two_r;
  EXPECT_EQ(bank_.book(kReceived), two_r);

  const Json one = bank_.close(kPit);
  EXPECT_EQ(terms(one, "pb"), Pair(0, 0));
  EXPECT_EQ(terms(one, "x"), x);
  EXPECT_EQ(terms(one, "be"), x);
  EXPECT_EQ(terms(one, "srd"), srd);
  EXPECT_EQ(terms(one, "ba"), two_r);
  EXPECT_EQ(terms(one, "pe"), two_r);
  EXPECT_EQ(terms(one, "muf"), Pair(0, 0));
  EXPECT_EQ(bank_.book(kPit), two_r);
  // The book figures of June for every MBA (the national path): the DI lines are the SRD, in neither X nor Y.
  auto june = period_books(journal, "", Date::from_ymd(2025, 6, 1), Date::from_ymd(2025, 6, 30), PeriodSplit::kMonthly);
  ASSERT_TRUE(june.has_value()) << june.error().describe();
  ASSERT_EQ(june->size(), 1U);
  ASSERT_EQ(june->front().categories.size(), 1U);
  const CategoryBook& june_book = june->front().categories.front();
  EXPECT_EQ(june_book.increases.size(), 1U);  // RF only
  EXPECT_TRUE(june_book.decreases.empty());
  EXPECT_EQ(Pair(june_book.x.uranium_mg, june_book.x.u235_mg), x);
  EXPECT_EQ(Pair(june_book.be.uranium_mg, june_book.be.u235_mg), x);
  EXPECT_EQ(Pair(june_book.srd.uranium_mg, june_book.srd.u235_mg), srd);
  auto pil = build_pil(journal, "KZBK", kPit, "aigerim");
  ASSERT_TRUE(pil.has_value()) << pil.error().describe();
  ASSERT_EQ(pil->lines.size(), 2U);
  for (const auto& l : pil->lines) {
    EXPECT_EQ(Pair(l.element_weight_mg, l.fissile_weight_mg), r) << l.batch;
    EXPECT_EQ(l.measurement_basis, "T") << l.batch;  // the book value, measured here and reported before
  }

  auto shipped = ops.ship(bank_.olga, {{"FR-SRD-0A"}, "AM", "", kShipped});
  ASSERT_TRUE(shipped.has_value()) << shipped.error().describe();
  EXPECT_EQ(bank_.book(kShipped), r);

  const Json two = bank_.close(kSecondPit);
  EXPECT_EQ(terms(two, "pb"), two_r);
  EXPECT_EQ(terms(two, "x"), Pair(0, 0));
  EXPECT_EQ(terms(two, "y"), r);
  EXPECT_EQ(terms(two, "be"), r);
  EXPECT_EQ(terms(two, "srd"), Pair(0, 0));
  EXPECT_EQ(terms(two, "ba"), r);
  EXPECT_EQ(terms(two, "pe"), r);
  EXPECT_EQ(terms(two, "muf"), Pair(0, 0));
  EXPECT_EQ(bank_.book(kSecondPit), r);

  auto lines = mbr_lines(journal, kSecondPit);
  EXPECT_EQ(lines["SF"], r);
  EXPECT_EQ(lines["MF"], Pair(0, 0));
  // The journal replays to the same books.
  auto verified = journal.verify();
  ASSERT_TRUE(verified.has_value());
  EXPECT_TRUE(verified->ok());
}

// The ICR of June 2025 lists each receipt at the values it was booked at, with the profile's measurement basis:
// the shipper's values are measured in another MBA and new to this one (N), the receiver's acceptance values measured
// here (M); at the shipper's basis each receipt is followed by its DI line, signed shipper - receiver and measured
// here (M). The ICR of January 2026 lists the shipment at the value reported before (T). Both round-trip through the
// labelled format.
TEST_P(TwoPeriodTest, TheIcrCarriesTheMeasurementBasisOfTheValuesBookedAndTheSignedDi) {
  Journal& journal = bank_.journal();
  Operations ops(journal);
  ASSERT_TRUE(ops.receive(
      bank_.olga, {Bank::cylinder("FR-SRD-0A", 500'000, 25'000), Bank::cylinder("FR-SRD-0B", -300'000, -15'000)}));
  ASSERT_TRUE(ops.ship(bank_.olga, {{"FR-SRD-0A"}, "AM", "", kShipped}));
  const auto profile = profile_in_force(journal);
  ASSERT_TRUE(profile.has_value()) << profile.error().describe();

  auto june = build_icr(journal, "KZBK", 2025, 6, "aigerim");
  ASSERT_TRUE(june.has_value()) << june.error().describe();
  std::vector<std::tuple<std::string, std::string, std::string, Pair>> got;
  for (const auto& l : june->lines)
    got.emplace_back(l.code, l.batch, l.measurement_basis, Pair(l.element_weight_mg, l.fissile_weight_mg));
  using Row = std::tuple<std::string, std::string, std::string, Pair>;
  const Pair a{kReceiverU + 500'000, kReceiverU235 + 25'000}, b{kReceiverU - 300'000, kReceiverU235 - 15'000};
  const Pair r{kReceiverU, kReceiverU235};
  const std::vector<Row> want = at_shipper()
                                    ? std::vector<Row>{{"RF", "FR-SRD-0A", "N", a},
                                                       {"DI", "FR-SRD-0A", "M", {500'000, 25'000}},
                                                       {"RF", "FR-SRD-0B", "N", b},
                                                       {"DI", "FR-SRD-0B", "M", {-300'000, -15'000}}}
                                    : std::vector<Row>{{"RF", "FR-SRD-0A", "M", r}, {"RF", "FR-SRD-0B", "M", r}};
  EXPECT_EQ(got, want);

  auto january = build_icr(journal, "KZBK", 2026, 1, "aigerim");
  ASSERT_TRUE(january.has_value()) << january.error().describe();
  ASSERT_EQ(january->lines.size(), 1U);
  EXPECT_EQ(january->lines[0].code, "SF");
  EXPECT_EQ(january->lines[0].measurement_basis, "T");
  EXPECT_EQ(Pair(january->lines[0].element_weight_mg, january->lines[0].fissile_weight_mg), r);

  for (const auto* icr : {&*june, &*january}) {
    auto back = reports::parse_labelled(reports::write_labelled(*icr, *profile), *profile);
    ASSERT_TRUE(back.has_value()) << back.error().describe();
    EXPECT_EQ(*back, *icr);
  }
}

INSTANTIATE_TEST_SUITE_P(Bases, TwoPeriodTest,
                         ::testing::Combine(::testing::ValuesIn(testing::all_backends()),
                                            ::testing::Values(ReceiptBasis::kShipper, ReceiptBasis::kReceiver)),
                         [](const auto& p) {
                           return testing::backend_name(std::get<0>(p.param)) +
                                  (std::get<1>(p.param) == ReceiptBasis::kShipper ? "Shipper" : "Receiver");
                         });

}  // namespace
}  // namespace leu
