// A cylinder re-weighed at a physical inventory taking names its weighing method and calibration period (journal
// format version 2, docs/formats/journal.md §4 inventory.taken), on both backends: take_inventory refuses a re-weighing
// without them or with a malformed one, and a method or calibration without a re-weighing, naming the field
// (`found[i].method`) and writing nothing; a taking with them replays, verifies and rebuilds to the same rows; replay
// refuses them in a version 1 event, a version 2 re-weighing without them, and them on an item not re-weighed, as
// damage at that event.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "access/principal.hpp"
#include "accountancy/balance_period.hpp"
#include "demo/demo_bank.hpp"
#include "ledger/codec.hpp"
#include "ledger/event.hpp"
#include "ledger/event_types.hpp"
#include "testing/rechain.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using ::testing::HasSubstr;
using testing::TestDatabase;
using Json = nlohmann::json;

class Reweighing : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    store_ = open_store(db_.location(), OpenMode::kCreate).value();
    journal_ = std::make_unique<Journal>(*store_, clock_);
    ASSERT_TRUE(build_demo_bank(*journal_));  // periods closed to the end of 2025
    olga_ = resolve_principal(*journal_, "olga").value();
  }

  std::vector<Item> on_hand() {
    std::vector<Item> out = journal_->items().value();
    std::erase_if(out, [](const Item& item) { return !item.on_hand(); });
    return out;
  }
  // 1 kg of UF6 less than the book of the second cylinder on hand, the one taking() re-weighs.
  Mass net_of_second() { return on_hand().at(1).net_uf6 - Mass::kilograms(1); }
  // Every cylinder on hand found where booked, seals intact; the second one (found[1]) as `reweighed` gives.
  PitInput taking(PitFinding reweighed) {
    PitInput in{"KZBK", pit_, {}, {}};
    for (const Item& item : on_hand()) in.found.push_back(PitFinding{item.id, true, "", std::nullopt});
    reweighed.item = in.found.at(1).item;
    in.found[1] = reweighed;
    return in;
  }

  // The demo's events with the inventory.taken of pit_ (written by the test) altered by `edit`, chained anew into a
  // fresh database and rebuilt there; returns the seq of that event, whether the rebuild succeeded and the verify
  // report.
  struct Replayed {
    std::int64_t seq = 0;
    bool rebuilt = false;
    VerifyReport report;
  };
  Replayed replay_edited(const std::function<void(StoredEvent&, Json&)>& edit) {
    std::vector<StoredEvent> events;
    EXPECT_TRUE(store_->scan_journal(1, INT64_MAX, [&](const StoredEvent& e) {
      events.push_back(e);
      return true;
    }));
    std::int64_t k = 0;
    for (StoredEvent& e : events)
      if (e.type == event_type::kInventoryTaken && Json::parse(e.payload)["date"] == pit_.text()) {
        Json p = Json::parse(e.payload);
        edit(e, p);
        e.payload = canonical_json(p).value();
        k = e.seq;
      }
    TestDatabase other(GetParam());
    auto store = open_store(other.location(), OpenMode::kCreate).value();
    EXPECT_TRUE(testing::rechain_into(*store, std::move(events)));
    Journal journal(*store, clock_);
    const bool rebuilt = journal.rebuild().has_value();
    return {k, rebuilt, journal.verify().value()};
  }

  std::pair<Head, std::int64_t> state() { return {store_->head().value(), store_->journal_count().value()}; }

  TestDatabase db_{GetParam()};
  FixedClock clock_{Date::from_ymd(2026, 11, 28)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;
  Principal olga_;
  const Date pit_ = Date::from_ymd(2026, 6, 30);
};

TEST_P(Reweighing, AReweighingWithoutItsMethodOrCalibrationOrWithABadOneIsRefusedNamingTheField) {
  const Mass net = net_of_second();
  struct Case {
    const char* name;
    PitFinding finding;
    const char* field;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"no method", {"", true, "", net, "", "LC-2026"}, "found[1].method", "names no weighing method"},
      {"no calibration", {"", true, "", net, "load cells", ""}, "found[1].calibration", "no calibration period"},
      {"a method longer than 64 characters",
       {"", true, "", net, std::string(65, 'm'), "LC-2026"},
       "found[1].method",
       "longer than 64"},
      {"a method with a control character",
       {"", true, "", net, "load\ncells", "LC-2026"},
       "found[1].method",
       "control character"},
      {"a calibration longer than 32 characters",
       {"", true, "", net, "load cells", std::string(33, 'C')},
       "found[1].calibration",
       "longer than 32"},
      {"a calibration that is not printable ASCII",
       {"", true, "", net, "load cells", "LC-2026\t"},
       "found[1].calibration",
       "not printable ASCII"},
      {"a method without a re-weighing",
       {"", true, "", std::nullopt, "load cells", ""},
       "found[1].method",
       "was not re-weighed"},
      {"a calibration without a re-weighing",
       {"", true, "", std::nullopt, "", "LC-2026"},
       "found[1].calibration",
       "was not re-weighed"},
  };
  Periods periods(*journal_);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const auto before = state();
    const auto r = periods.take_inventory(olga_, taking(c.finding));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);  // exit status 2, as the sibling refusals
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_THAT(r.error().message, HasSubstr(c.message));
    EXPECT_EQ(state(), before);
  }
}

TEST_P(Reweighing, AReweighingNamesItsMethodAndCalibrationAndReplaysToTheSameRows) {
  const Mass net = net_of_second();
  const PitInput in = taking({"", true, "", net, "load cells", "LC-2026"});
  ASSERT_TRUE(Periods(*journal_).take_inventory(olga_, in));
  const Json pit = journal_->document(kPitKind, "KZBK/" + pit_.text()).value().value();
  const Json& f = pit["found"][1];
  EXPECT_EQ(f["item"], in.found[1].item);
  EXPECT_EQ(f["net_uf6_mg"], net.mg());
  EXPECT_EQ(f["method"], "load cells");
  EXPECT_EQ(f["calibration"], "LC-2026");
  EXPECT_FALSE(pit["found"][0].contains("method"));  // an item not re-weighed names neither
  EXPECT_FALSE(pit["found"][0].contains("calibration"));
  // The taking leaves the item's last weighing as it was (the receipt's or cylinder.measured's).
  const auto last = journal_->item(in.found[1].item).value().value().last_weighing;
  EXPECT_TRUE(!last || last->calibration != "LC-2026");
  const VerifyReport verified = journal_->verify().value();
  ASSERT_TRUE(verified.ok()) << verified.divergence->message;
  ASSERT_TRUE(journal_->rebuild());
  EXPECT_EQ(journal_->document(kPitKind, "KZBK/" + pit_.text()).value().value(), pit);
  const VerifyReport rebuilt = journal_->verify().value();
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.divergence->message;
}

TEST_P(Reweighing, ATakingInTheOtherVersionsFormIsDamageAtItsEvent) {
  const Mass net = net_of_second();
  ASSERT_TRUE(Periods(*journal_).take_inventory(olga_, taking({"", true, "", net, "load cells", "LC-2026"})));
  struct Case {
    const char* name;
    std::function<void(StoredEvent&, Json&)> edit;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"version 1 with the members", [](StoredEvent& e, Json&) { e.version = 1; }, "format version 1 found item"},
      {"version 2 without a method", [](StoredEvent&, Json& p) { p["found"][1].erase("method"); },
       "names no method or calibration period"},
      {"version 2 without a calibration", [](StoredEvent&, Json& p) { p["found"][1].erase("calibration"); },
       "names no method or calibration period"},
      {"members on an item not re-weighed",
       [](StoredEvent&, Json& p) { p["found"][0]["method"] = "load cells", p["found"][0]["calibration"] = "LC-2026"; },
       "was not re-weighed"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const auto [k, rebuilt, report] = replay_edited(c.edit);
    ASSERT_GT(k, 0);
    EXPECT_FALSE(rebuilt);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.divergence->kind, Divergence::Kind::kPayload);
    EXPECT_EQ(report.divergence->seq, k);
    EXPECT_THAT(report.divergence->message, HasSubstr(c.message));
  }
  // The same taking as a version 1 program wrote it (no members) replays and verifies.
  const auto [k, rebuilt, report] = replay_edited([](StoredEvent& e, Json& p) {
    e.version = 1;
    p["found"][1].erase("method");
    p["found"][1].erase("calibration");
  });
  ASSERT_GT(k, 0);
  EXPECT_TRUE(rebuilt);
  EXPECT_TRUE(report.ok()) << report.divergence->message;
}

INSTANTIATE_TEST_SUITE_P(Backends, Reweighing, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
