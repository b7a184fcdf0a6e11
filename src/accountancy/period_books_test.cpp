// The book figures of balance periods from the indexed change lines
// (period_books) against the same figures by replaying the journal, on both
// backends: PB and BE from the items on hand in Journal::as_of at the day before
// and the last day, increases, decreases and SRD from the events' own payloads.
// Histories: seeded random ones over three MBAs and three element categories
// (receipts with shipper/receiver differences, losses down to an emptied
// cylinder, gains, shipments), and the demonstration bank. Equality is exact, in
// milligrams and item counts; no tolerance.
#include "accountancy/period_books.hpp"

#include <gtest/gtest.h>

#include <set>

#include "access/principal.hpp"
#include "demo/demo_bank.hpp"
#include "domain/split_mix.hpp"
#include "domain/uf6.hpp"
#include "ledger/codec.hpp"
#include "ledger/event_types.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;

using Key = std::tuple<std::string, std::string, std::string>;  // MBA, period start, category

// Both sides keyed alike; a category one side lists and the other does not must be all zero.
std::map<Key, CategoryBook> keyed(const std::vector<PeriodBook>& books) {
  std::map<Key, CategoryBook> out;
  for (const auto& p : books)
    for (const auto& c : p.categories) out[{p.mba, p.from.text(), c.category}] = c;
  return out;
}

void expect_same(const std::vector<PeriodBook>& fast, const std::vector<PeriodBook>& replay) {
  ASSERT_EQ(fast.size(), replay.size());
  for (std::size_t i = 0; i < fast.size(); ++i) {
    EXPECT_EQ(fast[i].mba, replay[i].mba);
    EXPECT_EQ(fast[i].from, replay[i].from);
    EXPECT_EQ(fast[i].to, replay[i].to);
  }
  auto a = keyed(fast), b = keyed(replay);
  for (const auto& [k, c] : a) b.try_emplace(k, CategoryBook{.category = c.category});
  for (const auto& [k, c] : b) a.try_emplace(k, CategoryBook{.category = c.category});
  for (const auto& [k, c] : a) {
    SCOPED_TRACE(std::get<0>(k) + " " + std::get<1>(k) + " " + std::get<2>(k));
    const CategoryBook& r = b.at(k);
    EXPECT_EQ(c.pb, r.pb);
    EXPECT_EQ(c.pb_items, r.pb_items);
    EXPECT_EQ(c.x, r.x);
    EXPECT_EQ(c.y, r.y);
    EXPECT_EQ(c.increases, r.increases);
    EXPECT_EQ(c.decreases, r.decreases);
    EXPECT_EQ(c.be, r.be);
    EXPECT_EQ(c.be_items, r.be_items);
    EXPECT_EQ(c.srd, r.srd);
  }
}

// The replay: the books from the items as of a day, the changes from the events.
std::map<std::pair<std::string, std::string>, std::pair<BookFigure, std::int64_t>> items_book(Journal& j, Date day) {
  std::map<std::pair<std::string, std::string>, std::pair<BookFigure, std::int64_t>> out;
  auto p = j.as_of(day);
  EXPECT_TRUE(p) << p.error().describe();
  for (const auto& item : p->items()) {
    if (!item.on_hand()) continue;
    auto& [f, n] = out[{item.mba, std::string(category_name(item.category()))}];
    f.uranium_mg += item.uranium.mg(), f.u235_mg += item.u235.mg(), ++n;
  }
  return out;
}

std::vector<PeriodBook> replayed(Journal& j, const std::vector<std::string>& mbas,
                                 const std::vector<std::pair<Date, Date>>& periods) {
  std::map<std::string, Item> items;  // the current items: MBA and category never change
  std::vector<Item> all = j.items().value();
  for (auto& item : all) items.emplace(item.id, std::move(item));
  std::vector<PeriodBook> out;
  for (const auto& mba : mbas)
    for (const auto& [from, to] : periods) out.push_back(PeriodBook{mba, from, to, {}});
  for (const auto& [from, to] : periods) {
    const auto pb = items_book(j, from.plus_days(-1)), be = items_book(j, to);
    std::map<std::pair<std::string, std::string>, CategoryBook> cats;
    for (const auto& [k, v] : pb) cats[k].pb = v.first, cats[k].pb_items = v.second;
    for (const auto& [k, v] : be) cats[k].be = v.first, cats[k].be_items = v.second;
    EXPECT_TRUE(j.scan(1, [&](const StoredEvent& e) {
      const Json p = Json::parse(e.payload);
      if (!p.contains("date") || !p["date"].is_string()) return true;
      const std::string date = p["date"];
      if (date < from.text() || date > to.text()) return true;
      bool increase = true;
      Item item;
      std::int64_t u = 0, u235 = 0;
      if (e.type == event_type::kCylinderReceived) {
        item = decode_item(p["item"]).value();
        u = item.uranium.mg(), u235 = item.u235.mg();
      } else if (e.type == event_type::kCylinderShipped || e.type == event_type::kMaterialLost ||
                 e.type == event_type::kMaterialGained) {
        item = items.at(p["item"]);
        increase = e.type == event_type::kMaterialGained;
        u = p["uranium_mg"], u235 = p["u235_mg"];
      } else {
        return true;
      }
      CategoryBook& c = cats[{item.mba, std::string(category_name(item.category()))}];
      BookFigure& sum = increase ? c.x : c.y;
      sum.uranium_mg += u, sum.u235_mg += u235;
      CodeFigure& code = (increase ? c.increases : c.decreases)[p["code"].get<std::string>()];
      code.uranium_mg += u, code.u235_mg += u235, ++code.lines;
      if (e.type == event_type::kCylinderReceived) {
        c.srd.uranium_mg += item.declared_uranium.mg() - u;
        c.srd.u235_mg += item.declared_u235.mg() - u235;
      }
      return true;
    }));
    for (auto& book : out) {
      if (book.from != from) continue;
      for (auto& [k, c] : cats)
        if (k.first == book.mba) {
          c.category = k.second;
          book.categories.push_back(c);
        }
    }
  }
  return out;
}

std::vector<std::pair<Date, Date>> months(int year) {
  std::vector<std::pair<Date, Date>> out;
  for (unsigned m = 1; m <= 12; ++m)
    out.emplace_back(Date::from_ymd(year, m, 1),
                     (m == 12 ? Date::from_ymd(year + 1, 1, 1) : Date::from_ymd(year, m + 1, 1)).plus_days(-1));
  return out;
}

class PeriodBooks : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!TestDatabase(GetParam()).available()) GTEST_SKIP() << TestDatabase(GetParam()).unavailable_reason();
    fresh();
  }

  // A new, empty database and journal in place of the current ones.
  void fresh() {
    journal_.reset();
    store_.reset();
    db_ = std::make_unique<TestDatabase>(GetParam());
    auto store = open_store(db_->location(), OpenMode::kCreate);
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    journal_ = std::make_unique<Journal>(*store_, clock_);
  }

  // Three MBAs; `events` changes over 2020-2021 from one seed, dated in order.
  void random_history(std::uint64_t seed, int events) {
    Facility f = default_bank_facility();
    f.max_full_cylinders = 0;
    f.mbas.clear();
    for (const char* code : {"MA", "MB", "MC"})
      f.mbas.push_back(Mba{code,
                           code,
                           {Kmp{"A", KmpKind::kReceipt, "receipt"}, Kmp{"B", KmpKind::kShipment, "shipment"},
                            Kmp{"1", KmpKind::kInventory, "store"}}});
    ASSERT_TRUE(open_journal(*journal_, f, "registrar"));
    struct Cylinder {
      std::string id, mba;
      Isotopics iso;
      std::int64_t net = 0, u = 0, u235 = 0;
      bool on_hand = true;
    };
    std::vector<Cylinder> cyl;
    SplitMix64 rng(seed);
    const Date start = Date::from_ymd(2020, 1, 1);
    // U-235 [parts per 10^9]: depleted, natural (0.711 %, the natural abundance), enriched.
    const std::int64_t enrichments[] = {2'500'000, 7'110'000, 44'500'000};
    std::vector<NewEvent> batch;
    for (int i = 0; i < events; ++i) {
      const Date day = start.plus_days(i * 731 / events);
      std::vector<std::size_t> on_hand;
      for (std::size_t k = 0; k < cyl.size(); ++k)
        if (cyl[k].on_hand) on_hand.push_back(k);
      const std::uint64_t action = on_hand.empty() ? 0 : rng.next() % 6;
      if (action <= 1) {
        Item it;
        it.id = "C" + std::to_string(cyl.size());
        it.batch = it.id, it.cylinder_type = "30B", it.supplier = "S", it.shipper_batch = "SB", it.shipper = "FR";
        it.mba = f.mbas[rng.next() % 3].code;
        it.position = "-";
        it.isotopics = Isotopics::from_u235(Fraction::from_parts(enrichments[rng.next() % 3])).value();
        it.net_uf6 = Mass::grams(rng.between(1'000'000, 2'270'000));
        it.tare = Mass::kilograms(635), it.gross = it.tare + it.net_uf6;
        const UraniumContent c = uranium_in_uf6(it.net_uf6, it.isotopics);
        it.uranium = c.uranium, it.u235 = c.u235;
        it.declared_uranium = c.uranium + Mass::grams(rng.between(0, 400) - 200);
        it.declared_u235 = c.u235 + Mass::milligrams(rng.between(0, 4000) - 2000);
        it.received_on = day, it.recertified_on = Date::from_ymd(2019, 1, 1), it.last_date = day;
        batch.push_back(NewEvent{event_type::kCylinderReceived,
                                 {{"date", day.text()},
                                  {"code", rng.next() % 2 ? "RF" : "RD"},
                                  {"mba", it.mba},
                                  {"kmp", "A"},
                                  {"uranium_rounding_ug", 0},
                                  {"u235_rounding_ug", 0},
                                  {"item", encode(it)}}});
        cyl.push_back(Cylinder{it.id, it.mba, it.isotopics, it.net_uf6.mg(), it.uranium.mg(), it.u235.mg()});
        continue;
      }
      Cylinder& c = cyl[on_hand[rng.next() % on_hand.size()]];
      if (action == 2) {  // shipped at its book values
        batch.push_back(NewEvent{event_type::kCylinderShipped,
                                 {{"date", day.text()},
                                  {"code", rng.next() % 2 ? "SF" : "SD"},
                                  {"mba", c.mba},
                                  {"kmp", "B"},
                                  {"item", c.id},
                                  {"to", "DE"},
                                  {"uranium_mg", c.u},
                                  {"u235_mg", c.u235}}});
        c.on_hand = false;
        continue;
      }
      const bool loss = action != 5;
      std::int64_t uf6 = rng.between(1, 100'000) * 1000;
      const bool empty = loss && (rng.next() % 8 == 0 || uf6 >= c.net);
      if (empty) uf6 = c.net;
      const UraniumContent content = uranium_in_uf6(Mass::milligrams(uf6), c.iso);
      std::int64_t u = content.uranium.mg(), u235 = content.u235.mg();
      // An emptied cylinder leaves exactly zero on the book; a loss never takes more than it holds.
      if (empty || (loss && (u > c.u || u235 > c.u235))) u = c.u, u235 = c.u235;
      const int sign = loss ? -1 : 1;
      c.net += sign * uf6, c.u += sign * u, c.u235 += sign * u235;
      c.on_hand = c.net > 0;
      batch.push_back(NewEvent{loss ? event_type::kMaterialLost : event_type::kMaterialGained,
                               {{"date", day.text()},
                                {"code", loss ? "LA" : "GA"},
                                {"mba", c.mba},
                                {"item", c.id},
                                {"uf6_mg", uf6},
                                {"uranium_mg", u},
                                {"u235_mg", u235},
                                {"reason", "random history"}}});
    }
    auto head = journal_->append("registrar", batch);
    ASSERT_TRUE(head) << head.error().describe();
  }

  std::unique_ptr<TestDatabase> db_;
  FixedClock clock_{Date::from_ymd(2026, 11, 28)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;
};

TEST_P(PeriodBooks, MonthlyBooksOfEveryMbaEqualTheReplayOnRandomHistories) {
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    fresh();
    random_history(seed, 400);
    std::set<std::string> categories;
    bool srd = false, emptied = false;
    for (const int year : {2020, 2021}) {
      auto fast =
          period_books(*journal_, "", Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31), PeriodSplit::kMonthly);
      ASSERT_TRUE(fast) << fast.error().describe();
      expect_same(*fast, replayed(*journal_, {"MA", "MB", "MC"}, months(year)));
      for (const auto& p : *fast)
        for (const auto& c : p.categories) {
          categories.insert(c.category);
          srd |= c.srd != BookFigure{};
          const auto lines = [](const auto& by_code, const char* code) {
            return by_code.contains(code) ? by_code.at(code).lines : 0;
          };
          const std::int64_t moved =
              lines(c.increases, "RF") + lines(c.increases, "RD") - lines(c.decreases, "SF") - lines(c.decreases, "SD");
          emptied |= c.be_items - c.pb_items < moved;
        }
    }
    // The history exercises what the comparison is about.
    EXPECT_EQ(categories.size(), 3u);
    EXPECT_TRUE(srd);
    EXPECT_TRUE(emptied);
  }
}

TEST_P(PeriodBooks, OneMbaAndOneUnalignedPeriodEqualTheReplay) {
  random_history(7, 300);
  const Date from = Date::from_ymd(2020, 7, 15), to = Date::from_ymd(2021, 3, 9);
  for (const char* mba : {"MA", "MB", "MC"}) {
    auto one = period_books(*journal_, mba, from, to, PeriodSplit::kWhole);
    ASSERT_TRUE(one) << one.error().describe();
    expect_same(*one, replayed(*journal_, {mba}, {{from, to}}));
  }
  auto all = period_books(*journal_, "", from, to, PeriodSplit::kWhole);
  ASSERT_TRUE(all);
  expect_same(*all, replayed(*journal_, {"MA", "MB", "MC"}, {{from, to}}));
  // Months clipped to the range: the first and last months are partial.
  auto monthly = period_books(*journal_, "MB", from, to, PeriodSplit::kMonthly);
  ASSERT_TRUE(monthly);
  ASSERT_EQ(monthly->size(), 9u);  // July 2020 ... March 2021
  EXPECT_EQ(monthly->front().from, from);
  EXPECT_EQ(monthly->front().to, Date::from_ymd(2020, 7, 31));
  EXPECT_EQ(monthly->back().from, Date::from_ymd(2021, 3, 1));
  EXPECT_EQ(monthly->back().to, to);
  std::vector<std::pair<Date, Date>> periods;
  for (const auto& p : *monthly) periods.emplace_back(p.from, p.to);
  expect_same(*monthly, replayed(*journal_, {"MB"}, periods));
}

TEST_P(PeriodBooks, DemoBankYearsEqualTheReplay) {
  ASSERT_TRUE(build_demo_bank(*journal_));
  std::vector<std::string> mbas;
  const Facility facility = journal_->facility().value().value();
  for (const auto& m : facility.mbas) mbas.push_back(m.code);
  std::ranges::sort(mbas);
  std::vector<std::pair<Date, Date>> years;
  for (int y = 2019; y <= 2025; ++y) years.emplace_back(Date::from_ymd(y, 1, 1), Date::from_ymd(y, 12, 31));
  for (const auto& [from, to] : years) {
    auto fast = period_books(*journal_, "", from, to, PeriodSplit::kWhole);
    ASSERT_TRUE(fast) << fast.error().describe();
    expect_same(*fast, replayed(*journal_, mbas, {{from, to}}));
  }
  auto monthly =
      period_books(*journal_, "", Date::from_ymd(2020, 1, 1), Date::from_ymd(2020, 12, 31), PeriodSplit::kMonthly);
  ASSERT_TRUE(monthly);
  expect_same(*monthly, replayed(*journal_, mbas, months(2020)));
}

TEST_P(PeriodBooks, RefusesAnUnknownMbaAndAReversedRange) {
  random_history(11, 20);
  auto unknown =
      period_books(*journal_, "ZZ", Date::from_ymd(2020, 1, 1), Date::from_ymd(2020, 12, 31), PeriodSplit::kWhole);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().field, "mba");
  auto reversed =
      period_books(*journal_, "MA", Date::from_ymd(2021, 1, 1), Date::from_ymd(2020, 12, 31), PeriodSplit::kWhole);
  ASSERT_FALSE(reversed);
  EXPECT_EQ(reversed.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(reversed.error().field, "from");
}

INSTANTIATE_TEST_SUITE_P(Backends, PeriodBooks, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
