// Property tests: random valid operation sequences on a real journal conserve material, verify, and close a material
// balance period by its equations, on both backends (SQLite files and a PostgreSQL database).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "access/principal.hpp"
#include "accountancy/balance_period.hpp"
#include "accountancy/operations.hpp"
#include "domain/cylinder_type.hpp"
#include "domain/facility.hpp"
#include "domain/uf6.hpp"
#include "ledger/codec.hpp"
#include "ledger/event_types.hpp"
#include "ledger/journal.hpp"
#include "store/store.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;

// Each case opens a fresh database and commits some 50 transactions; 30 cases per backend keep the file well under a
// minute.
// RC_PARAMS set in the environment takes precedence (e.g. RC_PARAMS="max_success=500 seed=42").
[[maybe_unused]] const bool kModestCaseCount = [] { return ::setenv("RC_PARAMS", "max_success=30", 0) == 0; }();

const Date kToday = Date::from_ymd(2026, 1, 15);
const Date kStart = Date::from_ymd(2025, 10, 1);
constexpr int kMaxCylinders = 12;
constexpr int kMaxOperations = 40;
const Mass kMaxFill = Mass::kilograms(2277);

// What the driver asked for, cylinder by cylinder: the UF6 it holds and where it is.
struct Cylinder {
  std::string id;
  Isotopics isotopics;
  Mass net_uf6;
  Mass tare;
  std::string position;
  ItemStatus status = ItemStatus::kOnHand;
  std::vector<std::string> seals;
};

// Gives each case an empty database on one backend. SQLite: a new file in the case's own directory. PostgreSQL: one
// database for all the cases, emptied before each (creating a database per case would take a third of a second).
class CaseDatabases {
 public:
  explicit CaseDatabases(Backend backend) : backend_(backend), db_(backend) {}
  bool available() const { return db_.available(); }
  std::string unavailable_reason() const { return db_.unavailable_reason(); }

  std::string empty_database(const testing::TempDir& case_dir) {
    if (backend_ == Backend::kSqlite) return case_dir.path("bank.db");
    pqxx::connection conn(db_.location());
    pqxx::work tx(conn);
    tx.exec("DROP SCHEMA public CASCADE");
    tx.exec("CREATE SCHEMA public");
    tx.commit();
    return db_.location();
  }

 private:
  Backend backend_;
  TestDatabase db_;
};

// A journal in a fresh database with an admin, an operator, an accountant and an inspector.
struct World {
  testing::TempDir dir;
  FixedClock clock{kToday};
  std::unique_ptr<Store> store;
  std::unique_ptr<Journal> journal;
  Principal op, accountant, inspector;
  std::vector<Cylinder> cylinders;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> srd;  // category -> shipper - receiver, U and U-235 [mg]
  std::vector<std::string> log;                                      // the operations done, for the counterexample
};

void must(const Result<Head>& result, const std::string& what) {
  if (!result) RC_FAIL("valid operation refused: " + what + ": " + result.error().describe());
}

Principal resolve(Journal& journal, const std::string& name) {
  auto who = resolve_principal(journal, name);
  if (!who) RC_FAIL("cannot resolve " + name + ": " + who.error().describe());
  return *who;
}

// Uniform in [lo, hi) at every size (rc::gen::inRange narrows its range for small cases); shrinks towards lo.
template <class T>
T uniform(T lo, T hi) {
  return *rc::gen::resize(100, rc::gen::inRange<T>(lo, hi));
}

std::unique_ptr<World> open_world(CaseDatabases& databases) {
  auto w = std::make_unique<World>();
  auto store = open_store(databases.empty_database(w->dir), OpenMode::kCreate);
  if (!store) RC_FAIL("open_store: " + store.error().describe());
  w->store = std::move(*store);
  w->journal = std::make_unique<Journal>(*w->store, w->clock);
  // Receipts booked at the receiver's values or at the shipper's (then each with its DI line).
  Facility facility = default_bank_facility();
  facility.receipt_basis = uniform(0, 2) == 0 ? ReceiptBasis::kShipper : ReceiptBasis::kReceiver;
  w->log.push_back(std::string("receipts at the ") +
                   (facility.receipt_basis == ReceiptBasis::kShipper ? "shipper's" : "receiver's") + " values");
  must(open_journal(*w->journal, facility, "admin"), "open_journal");
  const Principal admin = resolve(*w->journal, "admin");
  must(add_user(*w->journal, admin, "olga", {Role::kOperator}), "add olga");
  must(add_user(*w->journal, admin, "aigerim", {Role::kAccountant}), "add aigerim");
  must(add_user(*w->journal, admin, "ingrid", {Role::kInspector}), "add ingrid");
  w->op = resolve(*w->journal, "olga");
  w->accountant = resolve(*w->journal, "aigerim");
  w->inspector = resolve(*w->journal, "ingrid");
  return w;
}

std::vector<Cylinder*> on_hand(World& w) {
  std::vector<Cylinder*> out;
  for (Cylinder& c : w.cylinders)
    if (c.status == ItemStatus::kOnHand) out.push_back(&c);
  return out;
}

Cylinder& pick(const std::vector<Cylinder*>& from) { return *from[uniform<std::size_t>(0, from.size())]; }

// An amount of UF6 in [1 mg, max], biased towards the edges: a few milligrams, or all but a few.
Mass uf6_amount(Mass max) {
  const std::int64_t top = max.mg();
  const std::int64_t few = std::min<std::int64_t>(top, uniform<std::int64_t>(1, 4));
  switch (uniform(0, 4)) {
    case 0: return Mass::milligrams(few);
    case 1: return Mass::milligrams(std::max<std::int64_t>(1, top - few + 1));
    default: return Mass::milligrams(uniform<std::int64_t>(1, top + 1));
  }
}

void receive(World& w, Date date) {
  const int room = kMaxCylinders - static_cast<int>(w.cylinders.size());
  const int count = std::min(room, uniform(1, 4));
  std::vector<ReceiptLine> lines;
  for (int i = 0; i < count; ++i) {
    ReceiptLine l;
    l.line = i + 2;
    l.cylinder_id = "P-" + std::to_string(w.cylinders.size() + 1);
    l.supplier = *rc::gen::element<std::string>("Orano Cycle", "Kazatomprom", "Urenco");
    l.shipper_batch = "B-" + std::to_string(uniform(1, 9));
    l.shipper = *rc::gen::element<std::string>("FR", "RU", "KZ", "KZU1");
    // 0.2 % to 4.95 % U-235: depleted, natural and enriched uranium; sometimes with U-234 and U-236.
    const std::int64_t u235 = uniform<std::int64_t>(2'000'000, 49'500'001);
    if (uniform(0, 2) == 0) {
      l.isotopics = Isotopics::from_u235(Fraction::from_parts(u235)).value();
    } else {
      const std::int64_t u234 = u235 * 89 / 10'000, u236 = uniform<std::int64_t>(0, 50'001);
      l.isotopics = Isotopics::make(Fraction::from_parts(u234), Fraction::from_parts(u235), Fraction::from_parts(u236),
                                    Fraction::from_parts(Fraction::kOne - u234 - u235 - u236))
                        .value();
    }
    const Mass net = Mass::milligrams(uniform<std::int64_t>(1'000'000'000, kMaxFill.mg() + 1));
    l.tare = Mass::milligrams(uniform<std::int64_t>(600'000'000, 700'000'000));
    l.gross = l.tare + net;
    // The shipper declares the receiver's values give or take up to 1 kg U and 50 g U-235 (either sign), or exactly
    // them.
    const UraniumContent c = uranium_in_uf6(net, l.isotopics);
    const bool agreed = uniform(0, 4) == 0;
    const std::int64_t d_u = agreed ? 0 : uniform<std::int64_t>(-1'000'000, 1'000'001);
    const std::int64_t d_u235 = agreed ? 0 : uniform<std::int64_t>(-50'000, 50'001);
    l.declared_uranium = c.uranium + Mass::milligrams(d_u);
    l.declared_u235 = c.u235 + Mass::milligrams(d_u235);
    auto& srd = w.srd[std::string(category_name(l.isotopics.category()))];
    srd.first += d_u, srd.second += d_u235;
    l.recertified_on = date.plus_days(-uniform(0, 1500));
    l.received_on = date;
    if (uniform(0, 2) == 0) l.position = "R0" + std::to_string(i);
    lines.push_back(l);
    w.cylinders.push_back(Cylinder{l.cylinder_id, l.isotopics, net, l.tare, l.position});
  }
  must(Operations(*w.journal).receive(w.op, lines), "receive " + std::to_string(count));
  w.log.push_back(date.text() + " receive " + std::to_string(count));
}

// Applies one random valid operation dated `date`; receives when nothing else applies.
void random_operation(World& w, Date date, int& serial) {
  Operations ops(*w.journal);
  const auto here = on_hand(w);
  const bool can_receive = static_cast<int>(w.cylinders.size()) < kMaxCylinders;
  int kind = uniform(0, 11);
  if (here.empty()) kind = 0;
  if (kind == 0) {
    if (can_receive) receive(w, date);
    return;
  }
  Cylinder& c = pick(here);
  const Principal& measurer = uniform(0, 2) == 0 ? w.op : w.inspector;
  std::ostringstream what;
  what << date.text() << " " << c.id << ": ";
  switch (kind) {
    case 1: {
      const std::string to = "R" + std::to_string(++serial);
      what << "move to " << to;
      must(ops.move(w.op, {c.id, to, date}), what.str());
      c.position = to;
      break;
    }
    case 2: {
      const std::string seal = "S-" + std::to_string(++serial);
      what << "apply seal " << seal;
      must(ops.apply_seal(measurer, {seal, c.id, "metal cap", true, "", date}), what.str());
      c.seals.push_back(seal);
      break;
    }
    case 3:
    case 4: {
      if (c.seals.empty()) return;
      const std::string seal = *rc::gen::elementOf(c.seals);
      if (kind == 3) {
        const bool intact = uniform(0, 4) != 0;
        what << "verify seal " << seal << (intact ? " intact" : " broken");
        must(ops.verify_seal(measurer, {seal, c.id, "", intact, "PIV", date}), what.str());
      } else {
        what << "remove seal " << seal;
        must(ops.remove_seal(measurer, {seal, c.id, "", true, "replaced", date}), what.str());
        std::erase(c.seals, seal);
      }
      break;
    }
    case 5: {
      const Mass delta = Mass::grams(uniform<std::int64_t>(-500, 501));
      const Mass measured = std::clamp(c.net_uf6 + delta, Mass::milligrams(1), kMaxFill);
      const bool book_tare = uniform(0, 2) == 0;
      what << "weigh net " << measured.kg_text(6);
      must(ops.weigh(measurer, {c.id, c.tare + measured, book_tare ? std::nullopt : std::optional<Mass>(c.tare),
                                "load cells", date, "LC-" + std::to_string(date.year())}),
           what.str());
      break;
    }
    case 6: {
      const std::int64_t u235 = c.isotopics.u235().parts() + uniform<std::int64_t>(-20'000, 20'001);
      what << "measure enrichment " << u235 << " ppb";
      must(ops.measure_enrichment(measurer,
                                  {c.id, Fraction::from_parts(std::clamp<std::int64_t>(u235, 1, Fraction::kOne)),
                                   "NDA gamma HPGe", date, "HPGe-" + std::to_string(date.year())}),
           what.str());
      break;
    }
    case 7:
    case 8: {
      // Mostly partial losses; now and then all of it.
      const bool all = uniform(0, 6) == 0;
      if (!all && c.net_uf6 <= Mass::milligrams(1)) return;
      const Mass uf6 = all ? c.net_uf6 : uf6_amount(c.net_uf6 - Mass::milligrams(1));
      what << "loss " << uf6.mg() << " mg of " << c.net_uf6.mg() << " mg UF6";
      must(ops.book_loss(w.accountant, {c.id, uf6, "leak", date}), what.str());
      c.net_uf6 -= uf6;
      if (c.net_uf6 == Mass()) c.status = ItemStatus::kLost;
      break;
    }
    case 9: {
      if (c.net_uf6 >= kMaxFill) return;
      const Mass uf6 = uf6_amount(kMaxFill - c.net_uf6);
      what << "gain " << uf6.mg() << " mg on " << c.net_uf6.mg() << " mg UF6";
      must(ops.book_gain(w.accountant, {c.id, uf6, "found", date}), what.str());
      c.net_uf6 += uf6;
      break;
    }
    case 10: {
      std::vector<std::string> ids = {c.id};
      Cylinder& other = pick(here);
      if (other.id != c.id && uniform(0, 2) == 0) ids.push_back(other.id);
      const std::string to = *rc::gen::element<std::string>("AM", "KZ", "KZU1", "FR");
      what << "ship to " << to << (ids.size() > 1 ? " with " + ids.back() : "");
      must(ops.ship(w.op, {ids, to, "", date}), what.str());
      for (Cylinder& s : w.cylinders)
        if (std::ranges::find(ids, s.id) != ids.end()) s.status = ItemStatus::kShipped;
      break;
    }
    default: return;
  }
  w.log.push_back(what.str());
}

// A random valid history: receipts first, then up to kMaxOperations operations on non-decreasing dates.
std::unique_ptr<World> random_history(CaseDatabases& databases) {
  auto w = open_world(databases);
  Date date = kStart;
  receive(*w, date);
  // The length grows with the case's size, so early cases are short.
  const int operations = *rc::gen::inRange(0, kMaxOperations + 1);
  int serial = 0;
  for (int i = 0; i < operations; ++i) {
    date = std::min(kToday, date.plus_days(uniform(0, 5)));
    random_operation(*w, date, serial);
  }
  std::string history;
  for (const std::string& line : w->log) history += line + "\n";
  RC_LOG() << history;
  return w;
}

std::string balance_key(const std::string& mba, UraniumCategory category) {
  return mba + "/" + std::string(category_name(category));
}

struct Totals {
  std::int64_t uranium = 0, u235 = 0, items = 0;
  bool operator==(const Totals&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Totals& t) {
  return os << "{U " << t.uranium << " mg, U-235 " << t.u235 << " mg, " << t.items << " items}";
}

// The item as the events recorded it.
struct BookedItem {
  std::string key;  // its balance
  std::int64_t uranium = 0, u235 = 0, net_uf6 = 0;
  bool on_hand = true;
};

std::string show(const std::map<std::string, Totals>& balances) {
  std::ostringstream os;
  for (const auto& [key, t] : balances) os << "  " << key << " " << t << "\n";
  return os.str();
}

std::vector<StoredEvent> all_events(Journal& journal) {
  std::vector<StoredEvent> events;
  auto scanned = journal.scan(1, [&](const StoredEvent& e) {
    events.push_back(e);
    return true;
  });
  if (!scanned) RC_FAIL("scan: " + scanned.error().describe());
  return events;
}

std::vector<ProjectionRow> all_rows(Store& store) {
  std::vector<ProjectionRow> rows;
  auto scanned = store.scan_rows("", [&](const ProjectionRow& r) {
    rows.push_back(r);
    return true;
  });
  if (!scanned) RC_FAIL("scan_rows: " + scanned.error().describe());
  return rows;
}

// The books hold exactly what the journal recorded: per balance, the receipts, shipments, losses and gains of its
// events, and the sum over its items on hand.
void balances_equal_the_changes_recorded_and_the_sum_over_items(CaseDatabases& databases) {
  auto w = random_history(databases);

  // The model: every receipt, shipment, loss and gain as the journal recorded it.
  std::map<std::string, Totals> model;
  std::map<std::string, BookedItem> booked;
  for (const StoredEvent& e : all_events(*w->journal)) {
    const nlohmann::json p = nlohmann::json::parse(e.payload);
    if (e.type == event_type::kCylinderReceived) {
      auto item = decode_item(p.at("item"));
      RC_ASSERT(item.has_value());
      const std::string key = balance_key(p.at("mba").get<std::string>(), item->category());
      // The book takes what the net UF6 and the isotopics give: booked at the receiver's values, or at the shipper's
      // (the declared ones) less the DI line, which leaves the receiver's values kept in the item.
      const UraniumContent c = uranium_in_uf6(item->net_uf6, item->isotopics);
      const Mass u = item->receiver_uranium.value_or(item->uranium), u235 = item->receiver_u235.value_or(item->u235);
      RC_ASSERT(u == c.uranium);
      RC_ASSERT(u235 == c.u235);
      if (item->receiver_uranium) {
        RC_ASSERT(item->uranium == item->declared_uranium);
        RC_ASSERT(item->u235 == item->declared_u235);
      }
      booked[item->id] = BookedItem{key, u.mg(), u235.mg(), item->net_uf6.mg(), true};
      model[key].uranium += u.mg();
      model[key].u235 += u235.mg();
      model[key].items += 1;
    } else if (e.type == event_type::kCylinderShipped || e.type == event_type::kMaterialLost ||
               e.type == event_type::kMaterialGained) {
      const std::string id = p.at("item").get<std::string>();
      RC_ASSERT(booked.contains(id));
      BookedItem& b = booked[id];
      RC_ASSERT(b.on_hand);
      const std::int64_t u = p.at("uranium_mg").get<std::int64_t>(), u235 = p.at("u235_mg").get<std::int64_t>();
      RC_ASSERT(u >= 0);
      RC_ASSERT(u235 >= 0);
      Totals& t = model[b.key];
      if (e.type == event_type::kCylinderShipped) {
        // A shipment takes out exactly the item's book values.
        RC_ASSERT(u == b.uranium);
        RC_ASSERT(u235 == b.u235);
        t.uranium -= u, t.u235 -= u235, t.items -= 1;
        b.uranium = b.u235 = 0;
        b.on_hand = false;
      } else {
        const int sign = e.type == event_type::kMaterialGained ? +1 : -1;
        t.uranium += sign * u, t.u235 += sign * u235;
        b.uranium += sign * u, b.u235 += sign * u235;
        b.net_uf6 += sign * p.at("uf6_mg").get<std::int64_t>();
        if (b.net_uf6 == 0) {  // all the UF6 is gone: the item is lost and leaves the count
          b.on_hand = false;
          t.items -= 1;
        }
      }
    }
  }

  auto balances = w->journal->balances();
  RC_ASSERT(balances.has_value());
  std::map<std::string, Totals> booked_balances;
  for (const Balance& b : *balances) {
    RC_ASSERT(b.uranium >= Mass());
    RC_ASSERT(b.u235 >= Mass());
    RC_ASSERT(b.items >= 0);
    RC_ASSERT(b.u235 <= b.uranium);
    if (b.uranium != Mass() || b.u235 != Mass() || b.items != 0)
      booked_balances[b.key()] = Totals{b.uranium.mg(), b.u235.mg(), b.items};
  }
  std::erase_if(model, [](const auto& kv) { return kv.second == Totals{}; });
  RC_LOG() << "balances booked:\n" << show(booked_balances) << "changes recorded:\n" << show(model);
  RC_ASSERT(booked_balances == model);

  // The sum over the items on hand is the balance too, and each item matches what its events recorded.
  auto items = w->journal->items();
  RC_ASSERT(items.has_value());
  std::map<std::string, Totals> over_items;
  for (const Item& i : *items) {
    RC_ASSERT(booked.contains(i.id));
    const BookedItem& b = booked[i.id];
    RC_ASSERT(i.on_hand() == b.on_hand);
    RC_ASSERT(i.net_uf6.mg() == b.net_uf6);
    if (!i.on_hand()) continue;
    RC_ASSERT(i.uranium.mg() == b.uranium);
    RC_ASSERT(i.u235.mg() == b.u235);
    Totals& t = over_items[balance_key(i.mba, i.category())];
    t.uranium += i.uranium.mg(), t.u235 += i.u235.mg(), t.items += 1;
  }
  RC_LOG() << "sum over items on hand:\n" << show(over_items);
  RC_ASSERT(over_items == booked_balances);
}

void every_item_holds_non_negative_quantities(CaseDatabases& databases) {
  auto w = random_history(databases);
  auto items = w->journal->items();
  RC_ASSERT(items.has_value());
  RC_ASSERT(items->size() == w->cylinders.size());
  for (const Item& i : *items) {
    RC_LOG() << i.id << ": " << item_status_name(i.status) << ", UF6 " << i.net_uf6.mg() << " mg, U " << i.uranium.mg()
             << " mg, U-235 " << i.u235.mg() << " mg\n";
    RC_ASSERT(i.net_uf6 >= Mass());
    RC_ASSERT(i.uranium >= Mass());
    RC_ASSERT(i.u235 >= Mass());
    RC_ASSERT(i.u235 <= i.uranium);
    RC_ASSERT(i.net_uf6 <= kMaxFill);
    // Material is on hand while UF6 is: an item with UF6 in it is not "lost", and a lost one holds nothing.
    if (i.status == ItemStatus::kLost) {
      RC_ASSERT(i.net_uf6 == Mass());
      RC_ASSERT(i.uranium == Mass());
      RC_ASSERT(i.u235 == Mass());
    }
    if (i.on_hand()) RC_ASSERT(i.net_uf6 > Mass());
  }
  // The projection agrees with what the driver did.
  for (const Cylinder& c : w->cylinders) {
    auto item = w->journal->item(c.id);
    RC_ASSERT(item.has_value() && item->has_value());
    const Item& i = **item;
    RC_ASSERT(i.status == c.status);
    RC_ASSERT(i.net_uf6 == c.net_uf6);
    RC_ASSERT(i.isotopics == c.isotopics);
    RC_ASSERT(i.position == c.position);
    RC_ASSERT(i.seals == c.seals);
  }
}

void the_journal_verifies_and_rebuild_gives_identical_projections(CaseDatabases& databases) {
  auto w = random_history(databases);
  auto report = w->journal->verify();
  RC_ASSERT(report.has_value());
  if (!report->ok()) RC_FAIL("verify: " + report->divergence->message);
  auto head = w->journal->head();
  RC_ASSERT(head.has_value());
  RC_ASSERT(report->head == *head);

  const std::vector<ProjectionRow> before = all_rows(*w->store);
  RC_ASSERT(!before.empty());
  auto rebuilt = w->journal->rebuild();
  RC_ASSERT(rebuilt.has_value());
  RC_ASSERT(*rebuilt == static_cast<std::int64_t>(before.size()));
  const std::vector<ProjectionRow> after = all_rows(*w->store);
  RC_ASSERT(after.size() == before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    RC_ASSERT(after[i].kind == before[i].kind);
    RC_ASSERT(after[i].key == before[i].key);
    RC_ASSERT(after[i].doc == before[i].doc);
  }
  auto head_after = w->journal->head();
  RC_ASSERT(head_after.has_value());
  RC_ASSERT(*head_after == *head);
}

// The material balance of a random history closed at a taking where some items are re-weighed: per category, for U
// and U-235, BE = PB + X - Y, BA = BE - SRD when receipts are booked at the shipper's values and BA = BE at the
// receiver's (the period's receipt_basis), MUF = BA - PE (positive = apparent loss); and, from figures computed
// apart, BA is the sum over the items on hand (which carry the receiver's values at either basis), PE the sum of what
// the taking found (re-weighed UF6 through uranium_in_uf6, else the book), PB zero (the first period) and SRD the
// sum of the differences the driver declared, of either sign. Exact in milligrams: no tolerance.
void the_material_balance_closes_with_its_sign_convention(CaseDatabases& databases) {
  auto w = random_history(databases);
  auto items = w->journal->items();
  RC_ASSERT(items.has_value());
  PitInput pit{.mba = default_bank_facility().mbas.front().code, .date = kToday};
  std::map<std::string, Totals> book, found;
  for (const Item& i : *items) {
    if (!i.on_hand()) continue;
    const std::string category(category_name(i.category()));
    book[category].uranium += i.uranium.mg(), book[category].u235 += i.u235.mg();
    PitFinding f{.item = i.id};
    UraniumContent seen{i.uranium, i.u235};
    if (uniform(0, 3) == 0) {  // re-weighed at the taking: up to 5 kg UF6 more or less than booked
      f.net_uf6 =
          Mass::milligrams(std::max<std::int64_t>(1, i.net_uf6.mg() + uniform<std::int64_t>(-5'000'000, 5'000'001)));
      f.method = "load cells", f.calibration = "LC-2026";  // a re-weighing names its method and calibration period
      seen = uranium_in_uf6(*f.net_uf6, i.isotopics);
    }
    found[category].uranium += seen.uranium.mg(), found[category].u235 += seen.u235.mg();
    pit.found.push_back(f);
  }
  if (pit.found.empty()) pit.all_found = true;
  Periods periods(*w->journal);
  must(periods.take_inventory(w->accountant, pit), "take inventory");
  auto closed = periods.close_period(w->accountant, pit.mba, kToday);
  if (!closed) RC_FAIL("close_period: " + closed.error().describe());
  const bool shipper_basis = (*closed)["receipt_basis"] == "shipper";
  for (const auto& c : (*closed)["categories"]) {
    const std::string category = c["category"];
    for (const char* w235 : {"uranium_mg", "u235_mg"}) {
      const auto v = [&](const char* line) { return c[line][w235].get<std::int64_t>(); };
      RC_LOG() << category << " " << w235 << ": " << c.dump() << "\n";
      RC_ASSERT(v("be") == v("pb") + v("x") - v("y"));
      RC_ASSERT(v("ba") == v("be") - (shipper_basis ? v("srd") : 0));
      RC_ASSERT(v("muf") == v("ba") - v("pe"));
      const bool u = std::string(w235) == "uranium_mg";
      RC_ASSERT(v("pb") == 0);
      const auto& srd = w->srd[category];
      RC_ASSERT(v("srd") == (u ? srd.first : srd.second));
      RC_ASSERT(v("ba") == (u ? book[category].uranium : book[category].u235));
      RC_ASSERT(v("pe") == (u ? found[category].uranium : found[category].u235));
    }
  }
}

class OperationSequences : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!databases_.available()) GTEST_SKIP() << databases_.unavailable_reason();
  }
  CaseDatabases databases_{GetParam()};
};

TEST_P(OperationSequences, BalancesEqualTheChangesRecordedInTheJournalAndTheSumOverItems) {
  rc::detail::checkGTest([this] { balances_equal_the_changes_recorded_and_the_sum_over_items(databases_); });
}

TEST_P(OperationSequences, EveryItemHoldsNonNegativeQuantitiesWithU235NotAboveUranium) {
  rc::detail::checkGTest([this] { every_item_holds_non_negative_quantities(databases_); });
}

TEST_P(OperationSequences, TheJournalVerifiesAndRebuildGivesByteIdenticalProjections) {
  rc::detail::checkGTest([this] { the_journal_verifies_and_rebuild_gives_identical_projections(databases_); });
}

TEST_P(OperationSequences, TheMaterialBalanceClosesWithItsSignConvention) {
  rc::detail::checkGTest([this] { the_material_balance_closes_with_its_sign_convention(databases_); });
}

INSTANTIATE_TEST_SUITE_P(Backends, OperationSequences, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
