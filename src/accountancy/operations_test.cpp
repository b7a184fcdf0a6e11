// Tests of the material operations on a real journal, on both backends (an SQLite file and a PostgreSQL database):
// refusals change nothing, happy paths conserve.
#include "accountancy/operations.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "domain/uf6.hpp"
#include "ledger/event_types.hpp"
#include "store/store.hpp"
#include "testing/bank_fixture.hpp"

namespace leu {
namespace {

using testing::Backend;

const Date kToday = Date::from_ymd(2026, 1, 15);
const Date kReceived = Date::from_ymd(2025, 6, 2);
const Fraction kPct4_9 = Fraction::from_parts(49'000'000);
const Fraction kPct4_95 = Fraction::from_parts(49'500'000);

// Everything a refused operation must leave alone: the head, the event count and every projection row.
struct BooksState {
  Head head;
  std::int64_t events = 0;
  std::vector<ProjectionRow> rows;

  bool operator==(const BooksState&) const = default;
};

class OperationsTest : public testing::BankFixture {
 protected:
  OperationsTest() : BankFixture(kToday, testing::Books::kOpened) {}

  void SetUp() override {
    BankFixture::SetUp();
    if (!ready()) return;
    admin_ = principal("admin");
    for (const auto& [name, role] : std::vector<std::pair<std::string, Role>>{
             {"olga", Role::kOperator}, {"aigerim", Role::kAccountant}, {"ingrid", Role::kInspector}}) {
      auto added = add_user(*journal_, admin_, name, {role});
      ASSERT_TRUE(added.has_value()) << added.error().describe();
    }
    op_ = principal("olga");
    accountant_ = principal("aigerim");
    inspector_ = principal("ingrid");
    ops_ = std::make_unique<Operations>(*journal_);
  }

  // A valid receipt line: 635 kg tare, `net` of UF6 at `u235`, declared values as computed.
  static ReceiptLine line(const std::string& id, Mass net = Mass::kilograms(2200), Fraction u235 = kPct4_9,
                          Date received = kReceived) {
    ReceiptLine l;
    l.line = 2;
    l.cylinder_id = id;
    l.supplier = "Orano Cycle";
    l.shipper_batch = "B25-01";
    l.shipper = "FR";
    l.tare = Mass::kilograms(635);
    l.gross = l.tare + net;
    l.isotopics = Isotopics::from_u235(u235).value();
    const UraniumContent c = uranium_in_uf6(net, l.isotopics);
    l.declared_uranium = c.uranium;
    l.declared_u235 = c.u235;
    l.recertified_on = received.plus_days(-200);
    l.received_on = received;
    return l;
  }

  static std::vector<ReceiptLine> numbered(std::vector<ReceiptLine> lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) lines[i].line = static_cast<int>(i) + 2;
    return lines;
  }

  void receive(const std::vector<ReceiptLine>& lines) {
    auto head = ops_->receive(op_, numbered(lines));
    ASSERT_TRUE(head.has_value()) << head.error().describe();
  }
  void receive(const std::string& id) { receive(std::vector<ReceiptLine>{line(id)}); }

  BooksState state() {
    BooksState s;
    auto head = journal_->head();
    EXPECT_TRUE(head.has_value());
    s.head = head.value_or(Head{});
    auto count = store_->journal_count();
    EXPECT_TRUE(count.has_value());
    s.events = count.value_or(-1);
    auto scanned = store_->scan_rows("", [&](const ProjectionRow& r) {
      s.rows.push_back(r);
      return true;
    });
    EXPECT_TRUE(scanned.has_value());
    return s;
  }

  Item item(const std::string& id) {
    auto it = journal_->item(id);
    EXPECT_TRUE(it.has_value() && it->has_value()) << "no item " << id;
    return it && *it ? **it : Item{};
  }

  Balance balance(UraniumCategory category = UraniumCategory::kEnriched) {
    auto all = journal_->balances();
    EXPECT_TRUE(all.has_value());
    for (const Balance& b : all.value_or(std::vector<Balance>{}))
      if (b.mba == "KZBK" && b.category == category) return b;
    return Balance{"KZBK", category};
  }

  // Expects the balances to equal the sum over on-hand items, per category.
  void expect_balances_match_items() {
    auto items = journal_->items();
    auto balances = journal_->balances();
    ASSERT_TRUE(items.has_value() && balances.has_value());
    for (const Balance& b : *balances) {
      Mass u, u235;
      std::int64_t n = 0;
      for (const Item& i : *items)
        if (i.on_hand() && i.mba == b.mba && i.category() == b.category) u += i.uranium, u235 += i.u235, ++n;
      EXPECT_EQ(b.uranium.mg(), u.mg()) << b.key();
      EXPECT_EQ(b.u235.mg(), u235.mg()) << b.key();
      EXPECT_EQ(b.items, n) << b.key();
    }
  }

  // The payload of the last event in the journal.
  std::pair<std::string, nlohmann::json> last_event() {
    std::pair<std::string, nlohmann::json> out;
    auto scanned = journal_->scan(1, [&](const StoredEvent& e) {
      out = {e.type, nlohmann::json::parse(e.payload)};
      return true;
    });
    EXPECT_TRUE(scanned.has_value());
    return out;
  }

  // Expects `result` refused with `code`, the field holding `field` and the message `message`, and the books as
  // they were in `before`.
  void expect_refused(const Result<Head>& result, ErrorCode code, const std::string& field, const std::string& message,
                      const BooksState& before) {
    ASSERT_FALSE(result.has_value()) << "accepted, head " << result->seq;
    const Error& e = result.error();
    EXPECT_EQ(e.code, code) << e.describe();
    EXPECT_NE(e.field.find(field), std::string::npos) << "field '" << e.field << "' lacks '" << field << "'";
    EXPECT_NE(e.message.find(message), std::string::npos) << "message '" << e.message << "' lacks '" << message << "'";
    EXPECT_TRUE(state() == before) << "a refused operation changed the books";
  }

  std::unique_ptr<Operations> ops_;
  Principal admin_, op_, accountant_, inspector_;
};

// ---- Refusals -------------------------------------------------------------------------------------------------

TEST_P(OperationsTest, EveryOperationOnAnUnknownCylinderIsRefusedAsNotFoundAndChangesNothing) {
  receive("A");
  const BooksState before = state();
  const Date d = kToday;
  const std::vector<std::pair<std::string, std::function<Result<Head>()>>> attempts = {
      {"move",
       [&] {
         return ops_->move(op_, {"NOPE", "R01-01", d});
       }},
      {"weigh",
       [&] {
         return ops_->weigh(op_, {"NOPE", Mass::kilograms(2800), std::nullopt, "load cells", d});
       }},
      {"enrichment",
       [&] {
         return ops_->measure_enrichment(op_, {"NOPE", kPct4_9, "NDA gamma HPGe", d});
       }},
      {"seal apply",
       [&] {
         return ops_->apply_seal(inspector_, {"S-1", "NOPE", "metal cap", true, "", d});
       }},
      {"seal verify",
       [&] {
         return ops_->verify_seal(inspector_, {"S-1", "NOPE", "", true, "", d});
       }},
      {"seal remove",
       [&] {
         return ops_->remove_seal(inspector_, {"S-1", "NOPE", "", true, "broken", d});
       }},
      {"ship",
       [&] {
         return ops_->ship(op_, {{"NOPE"}, "AM", "", d});
       }},
      {"loss",
       [&] {
         return ops_->book_loss(accountant_, {"NOPE", Mass::kilograms(1), "leak", d});
       }},
      {"gain",
       [&] {
         return ops_->book_gain(accountant_, {"NOPE", Mass::kilograms(1), "found", d});
       }},
  };
  for (const auto& [name, attempt] : attempts) {
    SCOPED_TRACE(name);
    expect_refused(attempt(), ErrorCode::kNotFound, "cylinder", "unknown cylinder 'NOPE'", before);
  }
}

TEST_P(OperationsTest, ShippingAnUnknownCylinderSaysItCannotShip) {
  const BooksState before = state();
  expect_refused(ops_->ship(op_, {{"NOPE"}, "AM", "", kToday}), ErrorCode::kNotFound, "cylinder",
                 "cannot ship: unknown cylinder 'NOPE'", before);
}

TEST_P(OperationsTest, ADuplicateCylinderIdWithinTheListingIsRefusedAndChangesNothing) {
  const BooksState before = state();
  expect_refused(ops_->receive(op_, numbered({line("A"), line("B"), line("A")})), ErrorCode::kInvalidInput,
                 "line 4, column 'cylinder_id'", "duplicate cylinder id 'A' in the listing", before);
}

TEST_P(OperationsTest, ADuplicateCylinderIdAgainstTheBooksIsRefusedAndChangesNothing) {
  receive("A");
  const BooksState before = state();
  expect_refused(ops_->receive(op_, numbered({line("B"), line("A")})), ErrorCode::kInvalidInput,
                 "line 3, column 'cylinder_id'", "duplicate cylinder id 'A': already in the books (on_hand)", before);
}

TEST_P(OperationsTest, ReceivingAgainTheIdOfAShippedCylinderIsRefused) {
  receive("A");
  ASSERT_TRUE(ops_->ship(op_, {{"A"}, "AM", "", kToday}).has_value());
  const BooksState before = state();
  expect_refused(ops_->receive(op_, {line("A", Mass::kilograms(2000), kPct4_9, kToday)}), ErrorCode::kInvalidInput,
                 "cylinder_id", "already in the books (shipped)", before);
}

TEST_P(OperationsTest, NetUf6AboveThe2277KgFillLimitIsRefusedAndChangesNothing) {
  const BooksState before = state();
  expect_refused(ops_->receive(op_, {line("A", Mass::kilograms(2277) + Mass::milligrams(1))}), ErrorCode::kInvalidInput,
                 "line 2, column 'gross_kg'", "exceeds the 30B fill limit of 2277 kg", before);
}

TEST_P(OperationsTest, NetUf6OfExactlyTheFillLimitIsAccepted) {
  receive({line("A", Mass::kilograms(2277))});
  EXPECT_EQ(item("A").net_uf6, Mass::kilograms(2277));
}

TEST_P(OperationsTest, EnrichmentAbove4Point95PercentIsRefusedAndChangesNothing) {
  const BooksState before = state();
  expect_refused(ops_->receive(op_, {line("A", Mass::kilograms(2200), kPct4_95 + Fraction::from_parts(1))}),
                 ErrorCode::kInvalidInput, "line 2, column 'u235_wt_pct'", "exceeds the limit of 4.95 %", before);
}

TEST_P(OperationsTest, EnrichmentOfExactly4Point95PercentIsAccepted) {
  receive({line("A", Mass::kilograms(2200), kPct4_95)});
  EXPECT_EQ(item("A").isotopics.u235(), kPct4_95);
}

TEST_P(OperationsTest, IsotopicFractionsNotSummingToOneNeverReachTheBooks) {
  EXPECT_FALSE(Isotopics::make(Fraction::from_parts(440'000), kPct4_95, Fraction(), Fraction::from_parts(950'000'000))
                   .has_value());
  const BooksState before = state();
  const std::string csv =
      "cylinder_id,supplier,shipper_batch,shipper,gross_kg,tare_kg,u235_wt_pct,declared_u_kg,declared_u235_kg,"
      "recertified_on,received_on,u234_wt_pct,u236_wt_pct,u238_wt_pct\n"
      "A,Orano,B1,FR,2835,635,4.95,1487,73.6,2024-11-14,2025-06-02,0.044,0,95.0\n";
  // The pipeline of 'leubank receive': parse, then receive.
  auto lines = parse_receipt_listing(csv);
  const Result<Head> result = lines ? ops_->receive(op_, *lines) : std::unexpected(lines.error());
  expect_refused(result, ErrorCode::kInvalidInput, "line 2", "not 100 %", before);
}

TEST_P(OperationsTest, ZeroOrNegativeReceiptMassesAreRefusedAndChangeNothing) {
  const BooksState before = state();
  struct Case {
    std::string name;
    std::function<void(ReceiptLine&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"zero gross", [](ReceiptLine& l) { l.gross = Mass(); }, "line 2, column 'gross_kg'"},
      {"negative gross", [](ReceiptLine& l) { l.gross = -Mass::kilograms(1); }, "line 2, column 'gross_kg'"},
      {"zero tare", [](ReceiptLine& l) { l.tare = Mass(); }, "line 2, column 'tare_kg'"},
      {"negative tare", [](ReceiptLine& l) { l.tare = -Mass::kilograms(635); }, "line 2, column 'tare_kg'"},
      {"zero declared U", [](ReceiptLine& l) { l.declared_uranium = Mass(); }, "line 2, column 'declared_u_kg'"},
      {"negative declared U-235", [](ReceiptLine& l) { l.declared_u235 = -Mass::grams(1); },
       "line 2, column 'declared_u235_kg'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ReceiptLine l = line("A");
    c.spoil(l);
    expect_refused(ops_->receive(op_, {l}), ErrorCode::kInvalidInput, c.field, "must be greater than zero", before);
  }
}

TEST_P(OperationsTest, ZeroOrNegativeMassesInWeighingsLossesAndGainsAreRefusedAndChangeNothing) {
  receive("A");
  const BooksState before = state();
  expect_refused(ops_->weigh(op_, {"A", Mass(), std::nullopt, "load cells", kToday}), ErrorCode::kInvalidInput, "gross",
                 "must be greater than zero", before);
  expect_refused(ops_->weigh(op_, {"A", Mass::kilograms(2800), Mass(), "load cells", kToday}), ErrorCode::kInvalidInput,
                 "tare", "must be greater than zero", before);
  for (const Mass uf6 : {Mass(), -Mass::kilograms(1)}) {
    SCOPED_TRACE(uf6.kg_text(3));
    expect_refused(ops_->book_loss(accountant_, {"A", uf6, "leak", kToday}), ErrorCode::kInvalidInput, "uf6",
                   "must be greater than zero", before);
    expect_refused(ops_->book_gain(accountant_, {"A", uf6, "found", kToday}), ErrorCode::kInvalidInput, "uf6",
                   "must be greater than zero", before);
  }
}

TEST_P(OperationsTest, ATareNotBelowTheGrossIsRefusedAndChangesNothing) {
  const BooksState before = state();
  ReceiptLine above = line("A");
  above.tare = above.gross + Mass::milligrams(1);
  expect_refused(ops_->receive(op_, {above}), ErrorCode::kInvalidInput, "line 2, column 'tare_kg'",
                 "is not below the gross", before);
  ReceiptLine equal = line("A");
  equal.tare = equal.gross;
  expect_refused(ops_->receive(op_, {equal}), ErrorCode::kInvalidInput, "line 2, column 'tare_kg'",
                 "is not below the gross", before);
}

TEST_P(OperationsTest, AWeighingWithTheTareAboveTheGrossIsRefusedAndChangesNothing) {
  receive("A");
  const BooksState before = state();
  expect_refused(ops_->weigh(op_, {"A", Mass::kilograms(600), std::nullopt, "load cells", kToday}),
                 ErrorCode::kInvalidInput, "tare", "is not below the gross", before);
}

TEST_P(OperationsTest, ShippingACylinderNotOnHandIsRefusedAndChangesNothing) {
  receive("A");
  ASSERT_TRUE(ops_->ship(op_, {{"A"}, "AM", "", kToday}).has_value());
  const BooksState before = state();
  expect_refused(ops_->ship(op_, {{"A"}, "AM", "", kToday}), ErrorCode::kConflict, "cylinder",
                 "cannot ship: cylinder 'A' is not on hand (shipped)", before);
}

TEST_P(OperationsTest, OperationsOnAShippedCylinderAreRefusedAsConflicts) {
  receive("A");
  ASSERT_TRUE(ops_->ship(op_, {{"A"}, "AM", "", kToday}).has_value());
  const BooksState before = state();
  expect_refused(ops_->move(op_, {"A", "R01-01", kToday}), ErrorCode::kConflict, "cylinder", "is not on hand", before);
  expect_refused(ops_->book_loss(accountant_, {"A", Mass::kilograms(1), "leak", kToday}), ErrorCode::kConflict,
                 "cylinder", "is not on hand", before);
}

TEST_P(OperationsTest, AShipmentWithOneBadCylinderShipsNone) {
  receive(std::vector<ReceiptLine>{line("A"), line("B")});
  const BooksState before = state();
  expect_refused(ops_->ship(op_, {{"A", "NOPE", "B"}, "AM", "", kToday}), ErrorCode::kNotFound, "cylinder",
                 "unknown cylinder 'NOPE'", before);
  expect_refused(ops_->ship(op_, {{"A", "A"}, "AM", "", kToday}), ErrorCode::kInvalidInput, "cylinder", "named twice",
                 before);
  EXPECT_TRUE(item("A").on_hand());
}

TEST_P(OperationsTest, AShipmentCodeContradictingTheDestinationIsRefused) {
  receive("A");
  const BooksState before = state();
  expect_refused(ops_->ship(op_, {{"A"}, "KZ", "SF", kToday}), ErrorCode::kInvalidInput, "code", "use SD", before);
  expect_refused(ops_->ship(op_, {{"A"}, "AM", "SD", kToday}), ErrorCode::kInvalidInput, "code", "use SF", before);
  expect_refused(ops_->ship(op_, {{"A"}, "AM", "XX", kToday}), ErrorCode::kInvalidInput, "code", "not a shipment code",
                 before);
  expect_refused(ops_->ship(op_, {{"A"}, "armenia", "", kToday}), ErrorCode::kInvalidInput, "to",
                 "neither an ISO 3166 country code", before);
}

TEST_P(OperationsTest, ASealIdInUseOnAnotherCylinderIsRefusedAndChangesNothing) {
  receive(std::vector<ReceiptLine>{line("A"), line("B")});
  ASSERT_TRUE(ops_->apply_seal(inspector_, {"S-1", "A", "metal cap", true, "", kToday}).has_value());
  const BooksState before = state();
  expect_refused(ops_->apply_seal(inspector_, {"S-1", "B", "metal cap", true, "", kToday}), ErrorCode::kConflict,
                 "seal", "seal 'S-1' is already in use on cylinder 'A'", before);
  EXPECT_TRUE(item("B").seals.empty());
}

TEST_P(OperationsTest, VerifyingOrRemovingASealNotOnTheCylinderIsRefusedAndChangesNothing) {
  receive(std::vector<ReceiptLine>{line("A"), line("B")});
  ASSERT_TRUE(ops_->apply_seal(inspector_, {"S-1", "A", "metal cap", true, "", kToday}).has_value());
  const BooksState before = state();
  expect_refused(ops_->verify_seal(inspector_, {"S-1", "B", "", true, "", kToday}), ErrorCode::kConflict, "seal",
                 "seal 'S-1' is not applied to cylinder 'B'", before);
  expect_refused(ops_->remove_seal(inspector_, {"S-1", "B", "", true, "broken", kToday}), ErrorCode::kConflict, "seal",
                 "seal 'S-1' is not applied to cylinder 'B'", before);
  expect_refused(ops_->remove_seal(inspector_, {"S-1", "A", "", true, "", kToday}), ErrorCode::kInvalidInput, "reason",
                 "is empty", before);
}

TEST_P(OperationsTest, AnEventDatedInTheFutureIsRefusedAndChangesNothing) {
  receive("A");
  const BooksState before = state();
  const Date tomorrow = kToday.plus_days(1);
  expect_refused(ops_->move(op_, {"A", "R01-01", tomorrow}), ErrorCode::kInvalidInput, "date",
                 "2026-01-16 is in the future (today is 2026-01-15", before);
  expect_refused(ops_->ship(op_, {{"A"}, "AM", "", tomorrow}), ErrorCode::kInvalidInput, "date", "in the future",
                 before);
  expect_refused(ops_->book_gain(accountant_, {"A", Mass::kilograms(1), "found", tomorrow}), ErrorCode::kInvalidInput,
                 "date", "in the future", before);
  expect_refused(ops_->receive(op_, {line("B", Mass::kilograms(2200), kPct4_9, tomorrow)}), ErrorCode::kInvalidInput,
                 "line 2, column 'received_on'", "is in the future", before);
}

TEST_P(OperationsTest, AnEventDatedTodayIsAccepted) {
  receive({line("A", Mass::kilograms(2200), kPct4_9, kToday)});
  EXPECT_TRUE(ops_->move(op_, {"A", "R01-01", kToday}).has_value());
}

TEST_P(OperationsTest, AnEventDatedBeforeTheItemsLastEventIsRefusedAndChangesNothing) {
  receive("A");
  const Date moved_on = kReceived.plus_days(30);
  ASSERT_TRUE(ops_->move(op_, {"A", "R01-01", moved_on}).has_value());
  const BooksState before = state();
  const Date earlier = moved_on.plus_days(-1);
  expect_refused(ops_->move(op_, {"A", "R01-02", earlier}), ErrorCode::kInvalidInput, "date",
                 earlier.text() + " is before the cylinder's last event (" + moved_on.text(), before);
  expect_refused(ops_->weigh(op_, {"A", Mass::kilograms(2800), std::nullopt, "load cells", earlier}),
                 ErrorCode::kInvalidInput, "date", "is before the cylinder's last event", before);
  expect_refused(ops_->ship(op_, {{"A"}, "AM", "", earlier}), ErrorCode::kInvalidInput, "date",
                 "is before the cylinder's last event", before);
  expect_refused(ops_->book_loss(accountant_, {"A", Mass::kilograms(1), "leak", earlier}), ErrorCode::kInvalidInput,
                 "date", "is before the cylinder's last event", before);
}

TEST_P(OperationsTest, AnUnknownOrDisabledUserIsForbidden) {
  const BooksState before = state();
  auto unknown = resolve_principal(*journal_, "mallory");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(unknown.error().field, "as");
  EXPECT_NE(unknown.error().message.find("unknown user 'mallory'"), std::string::npos) << unknown.error().message;

  ASSERT_TRUE(disable_user(*journal_, admin_, "olga").has_value());
  auto disabled = resolve_principal(*journal_, "olga");
  ASSERT_FALSE(disabled.has_value());
  EXPECT_EQ(disabled.error().code, ErrorCode::kForbidden);
  EXPECT_NE(disabled.error().message.find("'olga' is disabled"), std::string::npos) << disabled.error().message;
  EXPECT_EQ(state().events, before.events + 1);  // only the disabling
}

TEST_P(OperationsTest, ARoleNotAllowedIsForbiddenAndChangesNothing) {
  receive("A");
  const BooksState before = state();
  expect_refused(ops_->receive(inspector_, {line("B")}), ErrorCode::kForbidden, "as",
                 "user 'ingrid' may not receive (allowed: operator)", before);
  expect_refused(ops_->move(admin_, {"A", "R01-01", kToday}), ErrorCode::kForbidden, "as", "user 'admin' may not move",
                 before);
  expect_refused(ops_->book_loss(op_, {"A", Mass::kilograms(1), "leak", kToday}), ErrorCode::kForbidden, "as",
                 "user 'olga' may not loss/gain (allowed: accountant)", before);
  expect_refused(ops_->book_gain(inspector_, {"A", Mass::kilograms(1), "found", kToday}), ErrorCode::kForbidden, "as",
                 "may not loss/gain", before);
  expect_refused(ops_->ship(accountant_, {{"A"}, "AM", "", kToday}), ErrorCode::kForbidden, "as", "may not ship",
                 before);
  expect_refused(ops_->apply_seal(accountant_, {"S-1", "A", "metal cap", true, "", kToday}), ErrorCode::kForbidden,
                 "as", "may not seal apply", before);
  expect_refused(ops_->weigh(admin_, {"A", Mass::kilograms(2800), std::nullopt, "load cells", kToday}),
                 ErrorCode::kForbidden, "as", "may not measure", before);
}

TEST_P(OperationsTest, ReceivingBeyondTheSixtyCylinderCapacityIsAConflictAndChangesNothing) {
  std::vector<ReceiptLine> sixty;
  for (int i = 1; i <= 60; ++i) sixty.push_back(line("C-" + std::to_string(i)));
  receive(sixty);
  const BooksState before = state();
  expect_refused(ops_->receive(op_, {line("C-61")}), ErrorCode::kConflict, "listing",
                 "would bring the stock to 61, above the facility's limit of 60", before);
  // Space freed by a shipment can be used again.
  ASSERT_TRUE(ops_->ship(op_, {{"C-1"}, "AM", "", kToday}).has_value());
  EXPECT_TRUE(ops_->receive(op_, {line("C-61", Mass::kilograms(2200), kPct4_9, kToday)}).has_value());
}

TEST_P(OperationsTest, AListingOfSixtyOneCylindersIsAConflictAndChangesNothing) {
  std::vector<ReceiptLine> many;
  for (int i = 1; i <= 61; ++i) many.push_back(line("C-" + std::to_string(i)));
  const BooksState before = state();
  expect_refused(ops_->receive(op_, numbered(many)), ErrorCode::kConflict, "listing", "above the facility's limit",
                 before);
}

TEST_P(OperationsTest, ALossOfMoreUf6ThanTheCylinderHoldsIsRefusedAndChangesNothing) {
  receive("A");
  const BooksState before = state();
  expect_refused(ops_->book_loss(accountant_, {"A", Mass::kilograms(2200) + Mass::milligrams(1), "leak", kToday}),
                 ErrorCode::kInvalidInput, "uf6", "kg of UF6 in cylinder 'A'", before);
}

TEST_P(OperationsTest, AGainBeyondTheFillLimitIsRefusedAndChangesNothing) {
  receive("A");
  const BooksState before = state();
  expect_refused(ops_->book_gain(accountant_, {"A", Mass::kilograms(77) + Mass::milligrams(1), "found", kToday}),
                 ErrorCode::kInvalidInput, "uf6", "above its fill limit of 2277 kg", before);
}

TEST_P(OperationsTest, MovingToTheCurrentPositionIsAConflict) {
  receive("A");
  ASSERT_TRUE(ops_->move(op_, {"A", "R01-01", kToday}).has_value());
  const BooksState before = state();
  expect_refused(ops_->move(op_, {"A", "R01-01", kToday}), ErrorCode::kConflict, "to", "already at R01-01", before);
}

// ---- Happy paths ----------------------------------------------------------------------------------------------

TEST_P(OperationsTest, ReceiveBooksUraniumAndU235FromNetUf6AndIsotopics) {
  ReceiptLine a = line("A", Mass::milligrams(2'205'123'456), kPct4_95);
  ReceiptLine b = line("B", Mass::milligrams(2'231'000'001), kPct4_9);
  b.isotopics = Isotopics::make(Fraction::from_parts(436'000), kPct4_9, Fraction::from_parts(10'000),
                                Fraction::one() - kPct4_9 - Fraction::from_parts(446'000))
                    .value();
  b.position = "R05-03";
  receive(std::vector<ReceiptLine>{a, b});

  Mass total_u, total_u235;
  for (const ReceiptLine& l : {a, b}) {
    SCOPED_TRACE(l.cylinder_id);
    const Mass net = l.gross - l.tare;
    const UraniumContent expected = uranium_in_uf6(net, l.isotopics);
    const Item it = item(l.cylinder_id);
    EXPECT_TRUE(it.on_hand());
    EXPECT_EQ(it.mba, "KZBK");
    EXPECT_EQ(it.net_uf6, net);
    EXPECT_EQ(it.gross, l.gross);
    EXPECT_EQ(it.tare, l.tare);
    EXPECT_EQ(it.isotopics, l.isotopics);
    EXPECT_EQ(it.uranium, expected.uranium);
    EXPECT_EQ(it.u235, expected.u235);
    EXPECT_EQ(it.position, l.position);
    EXPECT_EQ(it.last_date, l.received_on);
    total_u += expected.uranium;
    total_u235 += expected.u235;
  }
  // About 67.6 % of UF6 is uranium.
  EXPECT_NEAR(item("A").uranium.kg_approx(), 2205.123456 * 0.676, 1.0);
  const Balance bal = balance();
  EXPECT_EQ(bal.uranium, total_u);
  EXPECT_EQ(bal.u235, total_u235);
  EXPECT_EQ(bal.items, 2);
  expect_balances_match_items();

  const auto [type, payload] = last_event();
  EXPECT_EQ(type, event_type::kCylinderReceived);
  EXPECT_EQ(payload["code"], "RF");  // shipped from France to Kazakhstan
  EXPECT_EQ(payload["kmp"], "A");
}

TEST_P(OperationsTest, AReceiptFromTheHostStateIsADomesticReceipt) {
  ReceiptLine l = line("A");
  l.shipper = "KZ";
  receive(std::vector<ReceiptLine>{l});
  EXPECT_EQ(last_event().second["code"], "RD");
}

TEST_P(OperationsTest, NaturalAndEnrichedUraniumAreBookedInSeparateBalances) {
  receive(std::vector<ReceiptLine>{line("E"), line("N", Mass::kilograms(2000), kNaturalU235)});
  EXPECT_EQ(item("N").category(), UraniumCategory::kNatural);
  EXPECT_EQ(balance(UraniumCategory::kNatural).uranium, item("N").uranium);
  EXPECT_EQ(balance(UraniumCategory::kNatural).items, 1);
  EXPECT_EQ(balance(UraniumCategory::kEnriched).uranium, item("E").uranium);
  EXPECT_EQ(balance(UraniumCategory::kEnriched).items, 1);
  expect_balances_match_items();
}

TEST_P(OperationsTest, AForeignShipmentRemovesExactlyTheItemsQuantitiesWithCodeSf) {
  receive(std::vector<ReceiptLine>{line("A"), line("B", Mass::kilograms(2100))});
  const Balance before = balance();
  const Item a = item("A");
  auto head = ops_->ship(op_, {{"A"}, "AM", "", kToday});
  ASSERT_TRUE(head.has_value()) << head.error().describe();
  const Balance after = balance();
  EXPECT_EQ(after.uranium, before.uranium - a.uranium);
  EXPECT_EQ(after.u235, before.u235 - a.u235);
  EXPECT_EQ(after.items, before.items - 1);
  const Item shipped = item("A");
  EXPECT_EQ(shipped.status, ItemStatus::kShipped);
  EXPECT_EQ(shipped.shipped_to, "AM");
  EXPECT_EQ(shipped.last_date, kToday);
  const auto [type, payload] = last_event();
  EXPECT_EQ(type, event_type::kCylinderShipped);
  EXPECT_EQ(payload["code"], "SF");
  EXPECT_EQ(payload["kmp"], "B");
  EXPECT_EQ(payload["uranium_mg"], a.uranium.mg());
  EXPECT_EQ(payload["u235_mg"], a.u235.mg());
  expect_balances_match_items();
}

TEST_P(OperationsTest, ADomesticShipmentToTheHostStateOrAnMbaHasCodeSd) {
  receive(std::vector<ReceiptLine>{line("A"), line("B")});
  ASSERT_TRUE(ops_->ship(op_, {{"A"}, "KZ", "", kToday}).has_value());
  EXPECT_EQ(last_event().second["code"], "SD");
  ASSERT_TRUE(ops_->ship(op_, {{"B"}, "KZU1", "SD", kToday}).has_value());
  EXPECT_EQ(last_event().second["code"], "SD");
  EXPECT_EQ(balance().uranium, Mass());
  EXPECT_EQ(balance().u235, Mass());
  EXPECT_EQ(balance().items, 0);
}

TEST_P(OperationsTest, AShipmentOfSeveralCylindersRemovesTheirSum) {
  receive(std::vector<ReceiptLine>{line("A"), line("B", Mass::kilograms(2100)), line("C", Mass::kilograms(2000))});
  const Balance before = balance();
  const Item a = item("A"), c = item("C");
  ASSERT_TRUE(ops_->ship(op_, {{"A", "C"}, "AM", "", kToday}).has_value());
  EXPECT_EQ(balance().uranium, before.uranium - a.uranium - c.uranium);
  EXPECT_EQ(balance().u235, before.u235 - a.u235 - c.u235);
  EXPECT_EQ(balance().items, 1);
  expect_balances_match_items();
}

TEST_P(OperationsTest, APartialLossReducesTheItemAndTheBalanceConsistently) {
  receive(std::vector<ReceiptLine>{line("A"), line("B")});
  const Item a = item("A");
  const Balance before = balance();
  const Mass lost = Mass::milligrams(12'345'678);
  ASSERT_TRUE(ops_->book_loss(accountant_, {"A", lost, "valve leak", kToday}).has_value());
  const UraniumContent c = uranium_in_uf6(lost, a.isotopics);
  const Item after = item("A");
  EXPECT_TRUE(after.on_hand());
  EXPECT_EQ(after.net_uf6, a.net_uf6 - lost);
  EXPECT_EQ(after.gross, a.gross - lost);
  EXPECT_EQ(after.uranium, a.uranium - c.uranium);
  EXPECT_EQ(after.u235, a.u235 - c.u235);
  EXPECT_EQ(balance().uranium, before.uranium - c.uranium);
  EXPECT_EQ(balance().u235, before.u235 - c.u235);
  EXPECT_EQ(balance().items, 2);
  const auto [type, payload] = last_event();
  EXPECT_EQ(type, event_type::kMaterialLost);
  EXPECT_EQ(payload["code"], "LA");
  EXPECT_EQ(payload["uranium_mg"], c.uranium.mg());
  EXPECT_EQ(payload["u235_mg"], c.u235.mg());
  expect_balances_match_items();
}

TEST_P(OperationsTest, ALossOfAllTheUf6MarksTheItemLostAndRemovesExactlyItsBookValues) {
  receive(std::vector<ReceiptLine>{line("A"), line("B")});
  ASSERT_TRUE(ops_->book_gain(accountant_, {"A", Mass::milligrams(7'777), "found", kToday}).has_value());
  const Item a = item("A");
  const Balance before = balance();
  ASSERT_TRUE(ops_->book_loss(accountant_, {"A", a.net_uf6, "cylinder breach", kToday}).has_value());
  const Item after = item("A");
  EXPECT_EQ(after.status, ItemStatus::kLost);
  EXPECT_EQ(after.net_uf6, Mass());
  EXPECT_EQ(after.uranium, Mass());
  EXPECT_EQ(after.u235, Mass());
  EXPECT_EQ(balance().uranium, before.uranium - a.uranium);
  EXPECT_EQ(balance().u235, before.u235 - a.u235);
  EXPECT_EQ(balance().items, 1);
  expect_balances_match_items();
}

TEST_P(OperationsTest, AGainAddsToTheItemAndTheBalance) {
  receive("A");
  const Item a = item("A");
  const Balance before = balance();
  const Mass found = Mass::milligrams(3'210'987);
  ASSERT_TRUE(ops_->book_gain(accountant_, {"A", found, "scale recalibration", kToday}).has_value());
  const UraniumContent c = uranium_in_uf6(found, a.isotopics);
  ASSERT_TRUE(c.uranium.is_positive());
  const Item after = item("A");
  EXPECT_TRUE(after.on_hand());
  EXPECT_EQ(after.net_uf6, a.net_uf6 + found);
  EXPECT_EQ(after.uranium, a.uranium + c.uranium);
  EXPECT_EQ(after.u235, a.u235 + c.u235);
  EXPECT_EQ(balance().uranium, before.uranium + c.uranium);
  EXPECT_EQ(balance().u235, before.u235 + c.u235);
  EXPECT_EQ(balance().items, 1);
  EXPECT_EQ(last_event().second["code"], "GA");
  expect_balances_match_items();
}

TEST_P(OperationsTest, ALossLeavingOneMilligramOfUf6KeepsTheCylinderOnHandWithConsistentBooks) {
  // 2,200,000,047 mg of UF6 at 4.9 %: the rounded uranium of the whole and of the whole less 1 mg are equal.
  const Mass net = Mass::milligrams(2'200'000'047);
  receive({line("A", net)});
  ASSERT_TRUE(ops_->book_loss(accountant_, {"A", net - Mass::milligrams(1), "leak", kToday}).has_value());
  const Item a = item("A");
  EXPECT_EQ(a.net_uf6.mg(), 1);
  EXPECT_TRUE(a.on_hand()) << "a cylinder still holding UF6 was marked " << item_status_name(a.status);
  EXPECT_LE(a.u235.mg(), a.uranium.mg());
  EXPECT_GE(a.u235.mg(), 0);
  expect_balances_match_items();
}

TEST_P(OperationsTest, TwoPartialLossesLeavingUf6AreBothBookedWithoutNegativeQuantities) {
  // Rounding each loss on its own can take more U-235 out than the book holds (10 - 6 - 5 < 0 in miniature).
  const Mass net = Mass::milligrams(2'200'000'003);
  receive({line("A", net)});
  ASSERT_TRUE(ops_->book_loss(accountant_, {"A", Mass::milligrams(1'000'000'104), "leak", kToday}).has_value());
  auto second = ops_->book_loss(accountant_, {"A", Mass::milligrams(1'199'999'898), "leak", kToday});
  ASSERT_TRUE(second.has_value()) << second.error().describe();
  const Item a = item("A");
  EXPECT_EQ(a.net_uf6.mg(), 1);
  EXPECT_TRUE(a.on_hand());
  EXPECT_GE(a.u235.mg(), 0);
  EXPECT_LE(a.u235.mg(), a.uranium.mg());
  expect_balances_match_items();
}

TEST_P(OperationsTest, SealsAreAppliedVerifiedAndRemovedOnTheItem) {
  receive("A");
  ASSERT_TRUE(ops_->apply_seal(inspector_, {"S-1", "A", "metal cap", true, "", kToday}).has_value());
  ASSERT_TRUE(ops_->apply_seal(op_, {"S-2", "A", "EOSS", true, "", kToday}).has_value());
  EXPECT_EQ(item("A").seals, (std::vector<std::string>{"S-1", "S-2"}));

  ASSERT_TRUE(ops_->verify_seal(inspector_, {"S-2", "A", "", false, "wire cut", kToday}).has_value());
  auto s2 = journal_->seal("S-2");
  ASSERT_TRUE(s2.has_value() && s2->has_value());
  EXPECT_EQ((*s2)->item, "A");
  EXPECT_EQ((*s2)->seal_type, "EOSS");
  EXPECT_FALSE((*s2)->intact);
  EXPECT_EQ((*s2)->last_verified_on, kToday);

  ASSERT_TRUE(ops_->remove_seal(inspector_, {"S-2", "A", "", true, "replaced after cut", kToday}).has_value());
  EXPECT_EQ(item("A").seals, (std::vector<std::string>{"S-1"}));
  auto removed = journal_->seal("S-2");
  ASSERT_TRUE(removed.has_value() && removed->has_value());
  EXPECT_FALSE((*removed)->applied);
  EXPECT_EQ((*removed)->removal_reason, "replaced after cut");
  // Seals do not touch the quantities.
  EXPECT_EQ(item("A").uranium, uranium_in_uf6(Mass::kilograms(2200), item("A").isotopics).uranium);
  expect_balances_match_items();
}

TEST_P(OperationsTest, AMoveChangesThePositionOnly) {
  receive("A");
  const Item a = item("A");
  ASSERT_TRUE(ops_->move(op_, {"A", "R09-01", kToday}).has_value());
  const Item after = item("A");
  EXPECT_EQ(after.position, "R09-01");
  EXPECT_EQ(after.last_date, kToday);
  EXPECT_EQ(after.uranium, a.uranium);
  EXPECT_EQ(after.u235, a.u235);
  EXPECT_EQ(after.net_uf6, a.net_uf6);
  EXPECT_EQ(last_event().second["from"], "");
}

TEST_P(OperationsTest, MeasurementsAreRecordedWithoutChangingTheBookValues) {
  receive("A");
  const Item a = item("A");
  const Balance before = balance();
  const Mass gross = a.gross + Mass::grams(150);
  ASSERT_TRUE(
      ops_->weigh(inspector_, {"A", gross, std::nullopt, "LCBWS load cells (IAEA)", kToday, "LC-2026"}).has_value());
  const Fraction measured = kPct4_9 + Fraction::from_parts(20'000);
  ASSERT_TRUE(ops_->measure_enrichment(op_, {"A", measured, "NDA gamma HPGe", kToday, "HPGe-2026-03"}).has_value());

  const Item after = item("A");
  ASSERT_TRUE(after.last_weighing.has_value());
  EXPECT_EQ(after.last_weighing->gross, gross);
  EXPECT_EQ(after.last_weighing->tare, a.tare);  // the book tare by default
  EXPECT_EQ(after.last_weighing->method, "LCBWS load cells (IAEA)");
  EXPECT_EQ(after.last_weighing->date, kToday);
  EXPECT_EQ(after.last_weighing->calibration, "LC-2026");
  ASSERT_TRUE(after.last_enrichment.has_value());
  EXPECT_EQ(after.last_enrichment->u235, measured);
  EXPECT_EQ(after.last_enrichment->method, "NDA gamma HPGe");
  EXPECT_EQ(after.last_enrichment->calibration, "HPGe-2026-03");
  EXPECT_EQ(last_event().second["calibration"], "HPGe-2026-03");
  EXPECT_EQ(after.uranium, a.uranium);
  EXPECT_EQ(after.u235, a.u235);
  EXPECT_EQ(after.net_uf6, a.net_uf6);
  EXPECT_EQ(after.gross, a.gross);
  EXPECT_EQ(after.isotopics, a.isotopics);
  EXPECT_EQ(balance().uranium, before.uranium);
  EXPECT_EQ(balance().u235, before.u235);
}

TEST_P(OperationsTest, AWeighingWithAnExplicitTareRecordsThatTare) {
  receive("A");
  const Mass tare = Mass::kilograms(640);
  ASSERT_TRUE(ops_->weigh(op_, {"A", Mass::kilograms(2840), tare, "load cells", kToday, "LC-2026"}).has_value());
  EXPECT_EQ(item("A").last_weighing->tare, tare);
  EXPECT_EQ(item("A").tare, Mass::kilograms(635));
}

TEST_P(OperationsTest, AWeighingAboveTheFillLimitIsRefused) {
  receive("A");
  const BooksState before = state();
  expect_refused(
      ops_->weigh(op_, {"A", Mass::kilograms(635 + 2277) + Mass::milligrams(1), std::nullopt, "load cells", kToday}),
      ErrorCode::kInvalidInput, "gross", "exceeds the fill limit", before);
}

TEST_P(OperationsTest, AReceiptCarriesTheReceiversAcceptanceMeasurements) {
  ReceiptLine a = line("A");
  a.weighing_calibration = "LC-2026", a.enrichment_method = "NDA gamma NaI", a.enrichment_calibration = "NaI-2026";
  receive(std::vector<ReceiptLine>{a, line("B")});
  const Item received = item("A");
  ASSERT_TRUE(received.last_weighing && received.last_enrichment);
  EXPECT_EQ(received.last_weighing->gross, a.gross);
  EXPECT_EQ(received.last_weighing->tare, a.tare);
  EXPECT_EQ(received.last_weighing->method, "load cells");  // the default
  EXPECT_EQ(received.last_weighing->calibration, "LC-2026");
  EXPECT_EQ(received.last_enrichment->u235, a.isotopics.u235());
  EXPECT_EQ(received.last_enrichment->method, "NDA gamma NaI");
  EXPECT_EQ(received.last_enrichment->calibration, "NaI-2026");
  EXPECT_FALSE(item("B").last_weighing.has_value());  // the shipper's papers: no acceptance measurement

  const BooksState before = state();
  ReceiptLine c = line("C");
  c.weighing_method = "load cells";  // a method without its calibration period
  expect_refused(ops_->receive(op_, {c}), ErrorCode::kInvalidInput, "column 'weighing_calibration'",
                 "no calibration period named", before);
}

TEST_P(OperationsTest, AMeasurementWithoutAValidCalibrationPeriodIsRefused) {
  receive("A");
  const BooksState before = state();
  const Mass gross = Mass::kilograms(2840);
  expect_refused(ops_->weigh(op_, {"A", gross, std::nullopt, "load cells", kToday}), ErrorCode::kInvalidInput,
                 "calibration", "no calibration period named", before);
  expect_refused(ops_->weigh(op_, {"A", gross, std::nullopt, "load cells", kToday, std::string(33, 'C')}),
                 ErrorCode::kInvalidInput, "calibration", "longer than 32 characters", before);
  expect_refused(ops_->measure_enrichment(op_, {"A", kPct4_9, "NDA", kToday, "HPGe\t2026"}), ErrorCode::kInvalidInput,
                 "calibration", "not printable ASCII", before);
  expect_refused(ops_->measure_enrichment(op_, {"A", kPct4_9, "NDA", kToday, "HPGe-2026-\xc3\xa9"}),
                 ErrorCode::kInvalidInput, "calibration", "not printable ASCII", before);
  EXPECT_TRUE(ops_->weigh(op_, {"A", gross, std::nullopt, "load cells", kToday, std::string(32, 'C')}).has_value());
}

TEST_P(OperationsTest, AnEnrichmentMeasurementOutsideZeroToHundredPercentIsRefused) {
  receive("A");
  const BooksState before = state();
  expect_refused(ops_->measure_enrichment(op_, {"A", Fraction(), "NDA", kToday}), ErrorCode::kInvalidInput, "u235",
                 "must lie in (0, 100] %", before);
  expect_refused(ops_->measure_enrichment(op_, {"A", Fraction::one() + Fraction::from_parts(1), "NDA", kToday}),
                 ErrorCode::kInvalidInput, "u235", "must lie in (0, 100] %", before);
}

TEST_P(OperationsTest, TheJournalVerifiesAfterAMixOfOperations) {
  receive(std::vector<ReceiptLine>{line("A"), line("B"), line("C")});
  ASSERT_TRUE(ops_->apply_seal(inspector_, {"S-1", "A", "metal cap", true, "", kToday}).has_value());
  ASSERT_TRUE(ops_->move(op_, {"B", "R02-02", kToday}).has_value());
  ASSERT_TRUE(ops_->book_loss(accountant_, {"B", Mass::kilograms(1), "leak", kToday}).has_value());
  ASSERT_TRUE(ops_->ship(op_, {{"C"}, "AM", "", kToday}).has_value());
  auto report = journal_->verify();
  ASSERT_TRUE(report.has_value()) << report.error().describe();
  EXPECT_TRUE(report->ok()) << report->divergence->message;
  expect_balances_match_items();
}

INSTANTIATE_TEST_SUITE_P(Backends, OperationsTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
