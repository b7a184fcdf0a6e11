// Journal format version 2 beside version 1 (docs/formats/journal.md §7): a journal written in version 1 (no
// calibration periods) still replays and verifies, new events follow it in version 2, and a measurement must name a
// calibration period in version 2 and may not in version 1. The version 1 journal is the demo bank as a version 1
// program wrote it: every event of version 1, the measurements without `calibration`, the receipts without the
// acceptance measurements, chained anew.
#include <gtest/gtest.h>

#include <functional>

#include "access/principal.hpp"
#include "accountancy/issued_reports.hpp"
#include "accountancy/operations.hpp"
#include "demo/demo_bank.hpp"
#include "ledger/codec.hpp"
#include "ledger/event.hpp"
#include "ledger/event_types.hpp"
#include "ledger/journal.hpp"
#include "testing/rechain.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;
using Json = nlohmann::json;

const Date kToday = Date::from_ymd(2026, 11, 28);

std::vector<StoredEvent> demo_events(Store& store) {
  FixedClock clock(kToday);
  Journal journal(store, clock);
  EXPECT_TRUE(build_demo_bank(journal));
  std::vector<StoredEvent> events;
  EXPECT_TRUE(store.scan_journal(1, INT64_MAX, [&](const StoredEvent& e) {
    events.push_back(e);
    return true;
  }));
  return events;
}

// The event as a version 1 program wrote it.
StoredEvent as_version_1(StoredEvent e) {
  Json p = Json::parse(e.payload);
  if (e.type == event_type::kCylinderMeasured) p.erase("calibration");
  if (e.type == event_type::kCylinderReceived) p["item"]["last_weighing"] = p["item"]["last_enrichment"] = nullptr;
  e.version = 1;
  e.payload = canonical_json(p).value();
  return e;
}

// Writes `events` as a fresh journal (chained anew, no projection rows yet).
void write_journal(Store& store, std::vector<StoredEvent> events) {
  auto written = testing::rechain_into(store, std::move(events));
  ASSERT_TRUE(written) << written.error().describe();
}

class FormatVersion : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    demo_store_ = open_store(db_.location(), OpenMode::kCreate).value();
    events_ = demo_events(*demo_store_);
    store_ = open_store(db_.another("old"), OpenMode::kCreate).value();
  }
  TestDatabase db_{GetParam()};
  FixedClock clock_{kToday};
  std::unique_ptr<Store> demo_store_, store_;
  std::vector<StoredEvent> events_;
};

TEST_P(FormatVersion, AVersion1JournalReplaysVerifiesAndIsContinuedInVersion2) {
  std::vector<StoredEvent> old;
  for (const StoredEvent& e : events_) old.push_back(as_version_1(e));
  write_journal(*store_, old);
  Journal journal(*store_, clock_);
  ASSERT_TRUE(journal.rebuild());
  const VerifyReport report = journal.verify().value();
  ASSERT_TRUE(report.ok()) << report.divergence->message;
  // The IAEA's acceptance weighing of 2019 has no calibration member in the item's document; the receipt none.
  const Json doc = journal.document("item", "DEMO-OR-01").value().value();
  EXPECT_EQ(doc["last_weighing"]["method"], "LCBWS load cells (IAEA)");
  EXPECT_FALSE(doc["last_weighing"].contains("calibration"));
  EXPECT_TRUE(journal.document("item", "DEMO-OR-02").value().value()["last_weighing"].is_null());

  const Principal ingrid = resolve_principal(journal, "ingrid").value();
  const Item c = journal.item("DEMO-OR-01").value().value();
  ASSERT_TRUE(Operations(journal).weigh(ingrid, {c.id, c.gross, std::nullopt, "load cells", kToday, "LC-2026"}));
  const VerifyReport after = journal.verify().value();
  ASSERT_TRUE(after.ok()) << after.divergence->message;
  StoredEvent last;
  ASSERT_TRUE(store_->scan_journal(static_cast<std::int64_t>(old.size()) + 1, INT64_MAX, [&](const StoredEvent& e) {
    last = e;
    return true;
  }));
  EXPECT_EQ(last.version, 2);
  EXPECT_EQ(Json::parse(last.payload)["calibration"], "LC-2026");
  EXPECT_EQ(journal.document("item", c.id).value().value()["last_weighing"]["calibration"], "LC-2026");
}

TEST_P(FormatVersion, TheDemoIsWrittenInVersion2WithCalibrationPeriods) {
  std::size_t measured = 0;
  for (const StoredEvent& e : events_) {
    EXPECT_EQ(e.version, kEventFormatVersion);
    if (e.type == event_type::kCylinderMeasured) {
      ++measured;
      EXPECT_FALSE(Json::parse(e.payload).value("calibration", "").empty()) << e.payload;
    }
  }
  EXPECT_EQ(measured, 6u);  // three cylinders weighed and measured on acceptance
  const Json doc = Journal(*demo_store_, clock_).document("item", "DEMO-OR-02").value().value();
  EXPECT_EQ(doc["last_weighing"]["calibration"], "LC-2019");  // the bank's own acceptance weighing
  EXPECT_EQ(doc["last_enrichment"]["calibration"], "HPGe-2019");
}

// A measured event of one version in the other's form makes the journal invalid at that event.
TEST_P(FormatVersion, AMeasurementInTheOtherVersionsFormIsDamageAtItsEvent) {
  std::int64_t k = 0;
  for (const StoredEvent& e : events_)
    if (e.type == event_type::kCylinderMeasured) k = e.seq;
  ASSERT_GT(k, 0);
  for (const bool drop_calibration : {true, false}) {
    TestDatabase db(GetParam());
    auto store = open_store(db.location(), OpenMode::kCreate).value();
    std::vector<StoredEvent> events = events_;
    StoredEvent& e = events[static_cast<std::size_t>(k - 1)];
    if (drop_calibration) {
      Json p = Json::parse(e.payload);
      p.erase("calibration");
      e.payload = canonical_json(p).value();
    } else {
      e.version = 1;
    }
    write_journal(*store, events);
    const VerifyReport report = Journal(*store, clock_).verify().value();
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.divergence->kind, Divergence::Kind::kPayload);
    EXPECT_EQ(report.divergence->seq, k);
    EXPECT_NE(report.divergence->message.find(drop_calibration ? "names no calibration period"
                                                               : "version 1 measurement names a calibration"),
              std::string::npos)
        << report.divergence->message;
  }
}

// A version 1 event that carries a member version 2 introduced (a facility's receipt_basis, report_profile or
// methods, a receipt's receiver values or acceptance measurements, a report.issued event at all) makes the journal
// invalid at that event, naming the member (ledger/version_members.hpp).
TEST_P(FormatVersion, AVersion1EventCarryingAVersion2MemberIsDamageAtItsEventNamingTheMember) {
  {
    Journal journal(*demo_store_, clock_);
    const Principal aigerim = resolve_principal(journal, "aigerim").value();
    ASSERT_TRUE(IssuedReports(journal).issue(aigerim, {.mba = "KZBK", .month = Date::from_ymd(2019, 10, 1)}));
  }
  std::vector<StoredEvent> v2;
  ASSERT_TRUE(demo_store_->scan_journal(1, INT64_MAX, [&](const StoredEvent& e) {
    v2.push_back(e);
    return true;
  }));
  const auto first = [&](const std::function<bool(const StoredEvent&)>& pick) {
    for (const StoredEvent& e : v2)
      if (pick(e)) return e.seq;
    return std::int64_t{0};
  };
  const std::int64_t receipt = first([](const StoredEvent& e) { return e.type == event_type::kCylinderReceived; });
  const std::int64_t measured_receipt = first([](const StoredEvent& e) {
    return e.type == event_type::kCylinderReceived && !Json::parse(e.payload)["item"]["last_weighing"].is_null();
  });
  const std::int64_t issued = first([](const StoredEvent& e) { return e.type == "report.issued"; });
  ASSERT_GT(receipt, 0);
  ASSERT_GT(measured_receipt, 0);
  ASSERT_GT(issued, 0);
  const Json acceptance_weighing =
      Json::parse(v2[static_cast<std::size_t>(measured_receipt - 1)].payload)["item"]["last_weighing"];
  const struct {
    std::int64_t seq;
    std::function<void(Json&)> add;  // what a version 1 program never wrote
    std::string member;
  } cases[] = {
      {1, [](Json& p) { p["facility"]["receipt_basis"] = "shipper"; }, "facility member 'receipt_basis'"},
      {1,
       [](Json& p) {
         p["facility"]["report_profile"] = {{"name", "code10-labelled+KZBK"}};
       },
       "facility member 'report_profile'"},
      {1,
       [](Json& p) {
         p["facility"]["methods"] = {{"format", "leubank-methods"}};
       },
       "facility member 'methods'"},
      {receipt, [](Json& p) { p["item"]["receiver_uranium_mg"] = p["item"]["uranium_mg"]; },
       "item member 'receiver_uranium_mg'"},
      {measured_receipt, [&](Json& p) { p["item"]["last_weighing"] = acceptance_weighing; },
       "item member 'last_weighing'"},
      {issued, [](Json&) {}, "report.issued events exist from format version 2 on"},
  };
  for (const auto& c : cases) {
    std::vector<StoredEvent> old;
    for (const StoredEvent& e : v2) old.push_back(as_version_1(e));
    StoredEvent& e = old[static_cast<std::size_t>(c.seq - 1)];
    Json p = Json::parse(e.payload);
    c.add(p);
    e.payload = canonical_json(p).value();
    TestDatabase db(GetParam());
    auto store = open_store(db.location(), OpenMode::kCreate).value();
    write_journal(*store, old);
    const VerifyReport report = Journal(*store, clock_).verify().value();
    ASSERT_FALSE(report.ok()) << c.member;
    EXPECT_EQ(report.divergence->kind, Divergence::Kind::kPayload) << c.member;
    EXPECT_EQ(report.divergence->seq, c.seq) << c.member;
    EXPECT_NE(report.divergence->message.find(c.member), std::string::npos) << report.divergence->message;
    EXPECT_NE(report.divergence->message.find("format version 1"), std::string::npos) << report.divergence->message;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, FormatVersion, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
