// Tests of the Journal on real SQLite files: append, verify (every kind of tampering), rebuild and as_of.
#include "ledger/journal.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "access/principal.hpp"
#include "demo/demo_bank.hpp"
#include "domain/clock.hpp"
#include "domain/facility.hpp"
#include "ledger/event_types.hpp"
#include "testing/temp_dir.hpp"

namespace leu {
namespace {

using Kind = Divergence::Kind;
using nlohmann::json;

const Date kToday = Date::from_ymd(2024, 1, 1);

template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r) throw std::runtime_error(what + ": " + r.error().describe());
  return std::move(*r);
}

void must(Result<void> r, const std::string& what) {
  if (!r) throw std::runtime_error(what + ": " + r.error().describe());
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::kGap: return "kGap";
    case Kind::kHash: return "kHash";
    case Kind::kPayload: return "kPayload";
    case Kind::kHead: return "kHead";
    case Kind::kProjection: return "kProjection";
  }
  return "?";
}

std::string describe(const VerifyReport& r) {
  if (r.ok()) return "verify OK after " + std::to_string(r.events) + " events";
  const Divergence& d = *r.divergence;
  return std::string(kind_name(d.kind)) + " at " + std::to_string(d.seq) + " [" + d.row_kind + " '" + d.row_key +
         "']: " + d.message;
}

// Direct access to a database file through the SQLite C API, behind the Store's back. Every write checks that it
// changed exactly the rows it meant to, so that a tampering test cannot pass by tampering with nothing.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path);
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Runs `sql` with text parameters ?1, ?2, ...; returns the rows changed.
  int run(const std::string& sql, const std::vector<std::string>& params = {}) {
    sqlite3_stmt* s = prepare(sql, params);
    const int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    return sqlite3_changes(db_);
  }
  void run_exactly(int rows, const std::string& sql, const std::vector<std::string>& params = {}) {
    const int changed = run(sql, params);
    if (changed != rows)
      throw std::runtime_error(sql + ": changed " + std::to_string(changed) + " rows, not " + std::to_string(rows));
  }
  std::int64_t count(const std::string& table) {
    sqlite3_stmt* s = prepare("SELECT count(*) FROM " + table, {});
    sqlite3_step(s);
    const std::int64_t n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
  }

  StoredEvent event(std::int64_t seq) {
    sqlite3_stmt* s = prepare("SELECT seq, time, actor, type, version, payload, hash FROM journal WHERE seq = ?1",
                              {std::to_string(seq)});
    if (sqlite3_step(s) != SQLITE_ROW) {
      sqlite3_finalize(s);
      throw std::runtime_error("no event " + std::to_string(seq));
    }
    StoredEvent e{sqlite3_column_int64(s, 0),
                  text(s, 1),
                  text(s, 2),
                  text(s, 3),
                  static_cast<int>(sqlite3_column_int64(s, 4)),
                  text(s, 5),
                  text(s, 6)};
    sqlite3_finalize(s);
    return e;
  }
  // Overwrites every column but seq of the row with e.seq.
  void put_event(const StoredEvent& e) {
    run_exactly(1,
                "UPDATE journal SET time = ?2, actor = ?3, type = ?4, version = CAST(?5 AS INTEGER), payload = ?6, "
                "hash = ?7 WHERE seq = CAST(?1 AS INTEGER)",
                {std::to_string(e.seq), e.time, e.actor, e.type, std::to_string(e.version), e.payload, e.hash});
  }
  void set_head(std::int64_t seq, const std::string& hash) {
    run_exactly(1, "UPDATE head SET seq = CAST(?1 AS INTEGER), hash = ?2 WHERE id = 1", {std::to_string(seq), hash});
  }

  std::string doc(const std::string& kind, const std::string& key) {
    sqlite3_stmt* s = prepare("SELECT doc FROM projection WHERE kind = ?1 AND key = ?2", {kind, key});
    if (sqlite3_step(s) != SQLITE_ROW) {
      sqlite3_finalize(s);
      throw std::runtime_error("no projection row " + kind + " '" + key + "'");
    }
    std::string d = text(s, 0);
    sqlite3_finalize(s);
    return d;
  }
  void put_doc(const std::string& kind, const std::string& key, const std::string& doc) {
    run_exactly(1, "UPDATE projection SET doc = ?3 WHERE kind = ?1 AND key = ?2", {kind, key, doc});
  }

  // What a forger who knows the format would do after editing event `from`: recompute the hashes of it and every
  // later event, and the head, so that the chain is consistent again.
  void rehash_from(std::int64_t from) {
    Digest digest = genesis_digest();
    if (from > 1 && !from_hex(event(from - 1).hash, digest)) throw std::runtime_error("bad stored hash");
    const std::int64_t last = count("journal");
    for (std::int64_t seq = from; seq <= last; ++seq) {
      StoredEvent e = event(seq);
      digest = chain_digest(digest, canonical_event_bytes(e));
      e.hash = to_hex(digest);
      put_event(e);
    }
    set_head(last, to_hex(digest));
  }

 private:
  sqlite3_stmt* prepare(const std::string& sql, const std::vector<std::string>& params) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    for (std::size_t i = 0; i < params.size(); ++i)
      sqlite3_bind_text(s, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()),
                        SQLITE_TRANSIENT);
    return s;
  }
  static std::string text(sqlite3_stmt* s, int column) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, column))) : std::string();
  }

  sqlite3* db_ = nullptr;
};

// A demo bank built once per test program; each test works on its own copy of the file.
struct DemoFile {
  testing::TempDir dir;
  std::string path = dir.path("demo.db");
  std::vector<StoredEvent> events;  // events[i] has seq i + 1
  std::vector<ProjectionRow> rows;
  Head head;

  std::int64_t count() const { return static_cast<std::int64_t>(events.size()); }
  json payload(std::int64_t seq) const { return json::parse(events.at(static_cast<std::size_t>(seq - 1)).payload); }
  // The sequence number of the last event of `type` whose payload has `field` == `value`.
  std::int64_t last_seq_of(const std::string& type, const std::string& field, const std::string& value) const {
    std::int64_t found = 0;
    for (const StoredEvent& e : events)
      if (e.type == type && payload(e.seq).value(field, "") == value) found = e.seq;
    if (found == 0) throw std::runtime_error("no " + type + " event with " + field + " = " + value);
    return found;
  }
};

const DemoFile& demo() {
  static const std::unique_ptr<DemoFile> file = [] {
    auto f = std::make_unique<DemoFile>();
    auto store = must(open_store(f->path, OpenMode::kCreate), "create demo");
    FixedClock clock(kToday);
    Journal journal(*store, clock);
    f->head = must(build_demo_bank(journal), "build_demo_bank");
    must(store->scan_journal(1, INT64_MAX,
                             [&](const StoredEvent& e) {
                               f->events.push_back(e);
                               return true;
                             }),
         "scan demo");
    must(store->scan_rows("",
                          [&](const ProjectionRow& r) {
                            f->rows.push_back(r);
                            return true;
                          }),
         "scan demo rows");
    return f;
  }();
  return *file;
}

// A fresh copy of the demo database in `dir`; the golden file is closed, so it is complete without a WAL.
std::string copy_demo(const testing::TempDir& dir) {
  const std::string path = dir.path("bank.db");
  std::filesystem::copy_file(demo().path, path);
  if (std::filesystem::exists(demo().path + "-wal")) std::filesystem::copy_file(demo().path + "-wal", path + "-wal");
  return path;
}

// Opens the file as the program would and verifies it.
VerifyReport verify_file(const std::string& path) {
  auto store = must(open_store(path, OpenMode::kExisting), "open");
  FixedClock clock(kToday);
  Journal journal(*store, clock);
  return must(journal.verify(), "verify");
}

std::vector<ProjectionRow> rows_of(Store& store) {
  std::vector<ProjectionRow> rows;
  must(store.scan_rows("",
                       [&](const ProjectionRow& r) {
                         rows.push_back(r);
                         return true;
                       }),
       "scan rows");
  return rows;
}

// Everything an append may change.
struct Snapshot {
  Head head;
  std::int64_t count = 0;
  std::vector<ProjectionRow> rows;
  bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(Store& store) {
  return Snapshot{must(store.head(), "head"), must(store.journal_count(), "count"), rows_of(store)};
}

std::string flip_hex_digit(std::string hex, std::size_t pos) {
  hex.at(pos) = hex[pos] == '0' ? '1' : '0';
  return hex;
}

std::string item_of(const DemoFile& d, std::int64_t seq) { return d.payload(seq).at("item").get<std::string>(); }

// ---------------------------------------------------------------------------------------------------------------
// append

class JournalAppend : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  FixedClock clock_{kToday};
  std::unique_ptr<Store> store_ = must(open_store(dir_.path("bank.db"), OpenMode::kCreate), "create");
  Journal journal_{*store_, clock_};

  std::vector<StoredEvent> events() {
    std::vector<StoredEvent> out;
    must(journal_.scan(1,
                       [&](const StoredEvent& e) {
                         out.push_back(e);
                         return true;
                       }),
         "scan");
    return out;
  }
};

NewEvent user_added(const std::string& name, const std::string& role) {
  return NewEvent{event_type::kUserAdded, {{"user", name}, {"roles", {role}}}};
}

TEST_F(JournalAppend, AssignsConsecutiveSequenceNumbersAndMovesTheHeadToTheLastHash) {
  const Head opened = must(open_journal(journal_, default_bank_facility(), "admin"), "open_journal");
  EXPECT_EQ(opened.seq, 2);
  const Head head = must(journal_.append("admin", {user_added("olga", "operator"), user_added("ingrid", "inspector"),
                                                   user_added("aigerim", "accountant")}),
                         "append");
  EXPECT_EQ(head.seq, 5);
  EXPECT_EQ(must(store_->head(), "head"), head);
  EXPECT_EQ(must(store_->journal_count(), "count"), 5);

  const auto all = events();
  ASSERT_EQ(all.size(), 5u);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].seq, static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(head.hash, all.back().hash);
  EXPECT_EQ(all[2].type, event_type::kUserAdded);
  EXPECT_EQ(all[3].payload, R"({"roles":["inspector"],"user":"ingrid"})");
}

TEST_F(JournalAppend, StoresEachEventWithTheChainedHashOfItsCanonicalBytes) {
  must(open_journal(journal_, default_bank_facility(), "admin"), "open_journal");
  must(journal_.append("admin", {user_added("olga", "operator")}), "append");
  Digest digest = genesis_digest();
  for (const StoredEvent& e : events()) {
    digest = chain_digest(digest, canonical_event_bytes(e));
    EXPECT_EQ(e.hash, to_hex(digest)) << "event " << e.seq;
    EXPECT_EQ(e.version, kEventFormatVersion);
  }
}

TEST_F(JournalAppend, StampsTheEventsOfOneCallWithTheClockTimeAndTheActor) {
  must(open_journal(journal_, default_bank_facility(), "admin"), "open_journal");
  clock_.set(Date::from_ymd(2024, 1, 1).days() + std::chrono::hours(15) + std::chrono::minutes(4));
  must(journal_.append("admin", {user_added("olga", "operator"), user_added("bruno", "bank_officer")}), "append");
  const auto all = events();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].time, all[1].time);
  EXPECT_EQ(all[2].time, all[3].time);
  EXPECT_NE(all[1].time, all[2].time);
  EXPECT_EQ(all[2].time.rfind("2024-01-01T15:04:00", 0), 0u) << all[2].time;
  EXPECT_EQ(all[3].actor, "admin");
}

TEST_F(JournalAppend, OfAnEventWhoseFoldFailsWritesNothing) {
  must(open_journal(journal_, default_bank_facility(), "admin"), "open_journal");
  const Snapshot before = snapshot(*store_);
  auto result = journal_.append(
      "admin", {NewEvent{event_type::kCylinderMoved,
                         {{"date", "2023-12-01"}, {"item", "NO-SUCH-ITEM"}, {"from", "R01-01"}, {"to", "R01-02"}}}});
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().describe().find("NO-SUCH-ITEM"), std::string::npos) << result.error().describe();
  EXPECT_EQ(snapshot(*store_), before);
  // The store is still usable and the next event takes the next number.
  EXPECT_EQ(must(journal_.append("admin", {user_added("olga", "operator")}), "append").seq, before.head.seq + 1);
}

TEST_F(JournalAppend, OfABatchWithOneBadEventWritesNoneOfTheBatch) {
  must(open_journal(journal_, default_bank_facility(), "admin"), "open_journal");
  const Snapshot before = snapshot(*store_);
  auto result = journal_.append("admin", {user_added("olga", "operator"), user_added("olga", "inspector")});
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().describe().find("olga"), std::string::npos) << result.error().describe();
  EXPECT_EQ(snapshot(*store_), before);
  EXPECT_FALSE(must(journal_.user("olga"), "user").has_value());
}

TEST_F(JournalAppend, OfAPayloadWithAFloatWritesNothing) {
  must(open_journal(journal_, default_bank_facility(), "admin"), "open_journal");
  const Snapshot before = snapshot(*store_);
  auto result = journal_.append(
      "admin", {user_added("olga", "operator"), NewEvent{event_type::kUserAdded, {{"user", "x"}, {"roles", {0.5}}}}});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(snapshot(*store_), before);
}

TEST_F(JournalAppend, OfAPayloadThatIsNotUtf8FailsWithAnErrorAndWritesNothing) {
  // "Fails without writing anything if any event cannot be encoded" (journal.hpp): a string that is not UTF-8
  // cannot be encoded (docs/formats/journal.md §2), and services pass such strings through (validate_text only
  // rejects control characters).
  must(open_journal(journal_, default_bank_facility(), "admin"), "open_journal");
  const Snapshot before = snapshot(*store_);
  Result<Head> result;
  ASSERT_NO_THROW(result = journal_.append(
                      "admin", {user_added("olga", "operator"),
                                NewEvent{event_type::kUserAdded, {{"user", "bad\xff\xfe"}, {"roles", {"operator"}}}}}));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(snapshot(*store_), before);
}

TEST(DemoJournal, VerifiesWithEveryEventAndEveryRowChecked) {
  testing::TempDir dir;
  const std::string path = copy_demo(dir);
  auto store = must(open_store(path, OpenMode::kExisting), "open");
  FixedClock clock(kToday);
  Journal journal(*store, clock);
  const VerifyReport report = must(journal.verify(), "verify");
  ASSERT_TRUE(report.ok()) << describe(report);
  EXPECT_EQ(report.events, must(store->journal_count(), "count"));
  EXPECT_EQ(report.events, demo().head.seq);
  EXPECT_EQ(report.head, must(store->head(), "head"));
  EXPECT_EQ(report.rows, static_cast<std::int64_t>(rows_of(*store).size()));
  EXPECT_GT(report.rows, 60);  // at least the 60 items
}

// ---------------------------------------------------------------------------------------------------------------
// Corruption of the journal. Each test tampers with a copy of the demo database through SQLite, behind the
// store's back, then verifies it as `leubank verify` would.

class JournalCorruption : public ::testing::Test {
 protected:
  const DemoFile& demo_ = demo();
  testing::TempDir dir_;
  std::string path_ = copy_demo(dir_);

  // Replaces event `seq` by `edit(event)` and verifies.
  template <class Edit>
  VerifyReport verify_with_event_edited(std::int64_t seq, Edit edit) {
    testing::TempDir dir;
    const std::string path = copy_demo(dir);
    {
      RawDb db(path);
      StoredEvent e = db.event(seq);
      const StoredEvent original = e;
      edit(e);
      // Compared member by member: an edited member need not be valid UTF-8.
      if (std::tie(e.seq, e.time, e.actor, e.type, e.version, e.payload, e.hash) ==
          std::tie(original.seq, original.time, original.actor, original.type, original.version, original.payload,
                   original.hash))
        throw std::logic_error("the edit changed nothing");
      db.put_event(e);
    }
    return verify_file(path);
  }
};

void expect_divergence(const VerifyReport& report, Kind kind, std::int64_t seq) {
  ASSERT_FALSE(report.ok()) << "expected " << kind_name(kind) << " at " << seq;
  EXPECT_EQ(report.divergence->kind, kind) << describe(report);
  EXPECT_EQ(report.divergence->seq, seq) << describe(report);
}

TEST_F(JournalCorruption, FlippedPayloadByteIsReportedAtItsSequenceNumber) {
  const std::int64_t last = demo_.count();
  for (std::int64_t k : {std::int64_t{1}, std::int64_t{2}, std::int64_t{10}, std::int64_t{50}, last - 1, last}) {
    SCOPED_TRACE("event " + std::to_string(k));
    const VerifyReport report =
        verify_with_event_edited(k, [](StoredEvent& e) { e.payload[e.payload.size() / 2] ^= 1; });
    expect_divergence(report, Kind::kHash, k);
    EXPECT_NE(report.divergence->message.find("event " + std::to_string(k) + " ("), std::string::npos);
    EXPECT_EQ(report.events, k - 1);  // everything before it checked out
  }
}

TEST_F(JournalCorruption, ChangedActorIsReportedAtItsSequenceNumber) {
  const std::int64_t k = demo_.count() / 2;
  expect_divergence(verify_with_event_edited(k, [](StoredEvent& e) { e.actor = e.actor == "olga" ? "bruno" : "olga"; }),
                    Kind::kHash, k);
}

TEST_F(JournalCorruption, ChangedTimeIsReportedAtItsSequenceNumber) {
  const std::int64_t k = 12;
  expect_divergence(verify_with_event_edited(k, [](StoredEvent& e) { e.time[3] = e.time[3] == '9' ? '8' : '9'; }),
                    Kind::kHash, k);
}

TEST_F(JournalCorruption, ChangedTypeIsReportedAtItsSequenceNumber) {
  // A seal applied turned into a seal verified: a plausible, well-formed change only the chain can catch here.
  const std::int64_t k = demo_.last_seq_of(event_type::kSealApplied, "seal", "DEMO-IAEA-00007");
  expect_divergence(verify_with_event_edited(k, [](StoredEvent& e) { e.type = event_type::kSealVerified; }),
                    Kind::kHash, k);
}

TEST_F(JournalCorruption, ActorThatIsNotUtf8IsReportedAtItsSequenceNumberWithoutThrowing) {
  // A damaged journal is a report with a divergence, not an error and not an exception (journal.hpp).
  const std::int64_t k = 25;
  VerifyReport report;
  ASSERT_NO_THROW(report = verify_with_event_edited(k, [](StoredEvent& e) { e.actor += "\xff"; }));
  expect_divergence(report, Kind::kHash, k);
}

TEST_F(JournalCorruption, ChangedFormatVersionIsReportedAtItsSequenceNumber) {
  const std::int64_t k = 33;
  expect_divergence(verify_with_event_edited(k, [](StoredEvent& e) { e.version = 2; }), Kind::kHash, k);
}

TEST_F(JournalCorruption, FlippedHashDigitIsReportedAtItsSequenceNumber) {
  const std::int64_t last = demo_.count();
  for (std::int64_t k : {std::int64_t{1}, std::int64_t{40}, last}) {
    for (std::size_t pos : {std::size_t{0}, std::size_t{63}}) {
      SCOPED_TRACE("event " + std::to_string(k) + ", digit " + std::to_string(pos));
      expect_divergence(verify_with_event_edited(k, [&](StoredEvent& e) { e.hash = flip_hex_digit(e.hash, pos); }),
                        Kind::kHash, k);
    }
  }
}

TEST_F(JournalCorruption, DeletedRowInTheMiddleIsReportedAsAGapAtItsSequenceNumber) {
  const std::int64_t k = 57;
  RawDb(path_).run_exactly(1, "DELETE FROM journal WHERE seq = 57");
  const VerifyReport report = verify_file(path_);
  expect_divergence(report, Kind::kGap, k);
  EXPECT_NE(report.divergence->message.find("event 57 is missing"), std::string::npos) << describe(report);
}

TEST_F(JournalCorruption, DeletedFirstRowIsReportedAsAGapAtOne) {
  RawDb(path_).run_exactly(1, "DELETE FROM journal WHERE seq = 1");
  expect_divergence(verify_file(path_), Kind::kGap, 1);
}

TEST_F(JournalCorruption, SwappedPayloadsAreReportedAtTheEarlierRow) {
  const std::int64_t j = 20, k = 30;  // two receipts: same type, same actor, same time, different cylinders
  {
    RawDb db(path_);
    StoredEvent a = db.event(j), b = db.event(k);
    ASSERT_EQ(a.type, b.type);
    ASSERT_NE(a.payload, b.payload);
    std::swap(a.payload, b.payload);
    db.put_event(a);
    db.put_event(b);
  }
  expect_divergence(verify_file(path_), Kind::kHash, j);
}

TEST_F(JournalCorruption, SwappedRowsAreReportedAtTheEarlierRow) {
  // Every column but seq exchanged, hashes included: the order of two events reversed.
  const std::int64_t j = 5, k = demo_.count() - 3;
  {
    RawDb db(path_);
    StoredEvent a = db.event(j), b = db.event(k);
    std::swap(a.seq, b.seq);
    db.put_event(a);
    db.put_event(b);
  }
  expect_divergence(verify_file(path_), Kind::kHash, j);
}

TEST_F(JournalCorruption, TruncatedJournalIsReportedAtTheFirstMissingEvent) {
  const std::int64_t n = demo_.count();
  for (std::int64_t m : {1, 5, 40}) {
    SCOPED_TRACE("last " + std::to_string(m) + " events deleted");
    testing::TempDir dir;
    const std::string path = copy_demo(dir);
    RawDb(path).run_exactly(static_cast<int>(m), "DELETE FROM journal WHERE seq > " + std::to_string(n - m));
    const VerifyReport report = verify_file(path);
    expect_divergence(report, Kind::kHead, n - m + 1);
    EXPECT_NE(report.divergence->message.find("truncated"), std::string::npos) << describe(report);
    EXPECT_EQ(report.events, n - m);
  }
}

TEST_F(JournalCorruption, JournalCutAfterTheFirstEventIsReportedAtTwo) {
  RawDb(path_).run_exactly(static_cast<int>(demo_.count() - 1), "DELETE FROM journal WHERE seq > 1");
  const VerifyReport report = verify_file(path_);
  expect_divergence(report, Kind::kHead, 2);
  EXPECT_NE(report.divergence->message.find("truncated"), std::string::npos) << describe(report);
}

TEST_F(JournalCorruption, EmptiedJournalIsReportedAtOne) {
  RawDb(path_).run_exactly(static_cast<int>(demo_.count()), "DELETE FROM journal");
  expect_divergence(verify_file(path_), Kind::kHead, 1);
}

TEST_F(JournalCorruption, EditedHeadHashIsReportedAtTheLastEvent) {
  RawDb(path_).set_head(demo_.count(), flip_hex_digit(demo_.head.hash, 10));
  expect_divergence(verify_file(path_), Kind::kHead, demo_.count());
}

TEST_F(JournalCorruption, HeadBehindTheJournalIsReportedAtTheFirstUncommittedEvent) {
  const std::int64_t n = demo_.count();
  RawDb(path_).set_head(n - 1, demo_.events[static_cast<std::size_t>(n - 2)].hash);
  const VerifyReport report = verify_file(path_);
  expect_divergence(report, Kind::kHead, n);
  EXPECT_NE(report.divergence->message.find("not committed"), std::string::npos) << describe(report);
}

TEST_F(JournalCorruption, ForgedAndRehashedEventThatContradictsTheBooksIsReportedAtItsSequenceNumber) {
  // The forger moves a cylinder that does not exist and recomputes the chain and the head.
  const std::int64_t k = demo_.last_seq_of(event_type::kCylinderMoved, "item", "DEMO-OR-32");
  {
    RawDb db(path_);
    StoredEvent e = db.event(k);
    json payload = json::parse(e.payload);
    payload["item"] = "DEMO-OR-99";
    e.payload = payload.dump();
    db.put_event(e);
    db.rehash_from(k);
  }
  const VerifyReport report = verify_file(path_);
  expect_divergence(report, Kind::kPayload, k);
  EXPECT_NE(report.divergence->message.find("DEMO-OR-99"), std::string::npos) << describe(report);
}

TEST_F(JournalCorruption, ForgedAndRehashedPayloadThatIsNotJsonIsReportedAtItsSequenceNumber) {
  const std::int64_t k = 77;
  {
    RawDb db(path_);
    StoredEvent e = db.event(k);
    e.payload.pop_back();  // drop the closing brace
    db.put_event(e);
    db.rehash_from(k);
  }
  expect_divergence(verify_file(path_), Kind::kPayload, k);
}

TEST_F(JournalCorruption, ForgedAndRehashedButConsistentEventIsCaughtByTheProjectionItChanged) {
  // A move to another position is a valid event: the chain is consistent again, but the stored item row still
  // holds the old position.
  const std::int64_t k = demo_.last_seq_of(event_type::kCylinderMoved, "item", "DEMO-KZ-28");
  {
    RawDb db(path_);
    StoredEvent e = db.event(k);
    json payload = json::parse(e.payload);
    payload["to"] = "R09-09";
    e.payload = payload.dump();
    db.put_event(e);
    db.rehash_from(k);
  }
  const VerifyReport report = verify_file(path_);
  expect_divergence(report, Kind::kProjection, k);
  EXPECT_EQ(report.divergence->row_kind, kItemKind);
  EXPECT_EQ(report.divergence->row_key, "DEMO-KZ-28");
  EXPECT_NE(report.divergence->message.find("position"), std::string::npos) << describe(report);
}

TEST_F(JournalCorruption, ForgedAndRehashedUnknownFormatVersionIsReportedAtItsSequenceNumber) {
  // "A reader refuses versions it does not know" (docs/formats/journal.md §7): an event claiming format version 2,
  // with the chain recomputed, must not pass as a version 1 event.
  const std::int64_t k = 90;
  {
    RawDb db(path_);
    StoredEvent e = db.event(k);
    e.version = kEventFormatVersion + 1;
    db.put_event(e);
    db.rehash_from(k);
  }
  expect_divergence(verify_file(path_), Kind::kPayload, k);
}

TEST_F(JournalCorruption, LastEventRemovedWithTheHeadRewoundIsCaughtByTheProjections) {
  // The chain alone cannot tell a consistently shortened journal from a shorter one; the rows it changed can.
  const std::int64_t n = demo_.count();
  const std::string item = item_of(demo_, n);
  {
    RawDb db(path_);
    db.run_exactly(1, "DELETE FROM journal WHERE seq = " + std::to_string(n));
    db.set_head(n - 1, demo_.events[static_cast<std::size_t>(n - 2)].hash);
  }
  const VerifyReport report = verify_file(path_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.divergence->kind, Kind::kProjection) << describe(report);
  EXPECT_EQ(report.divergence->row_kind, kItemKind) << describe(report);
  EXPECT_EQ(report.divergence->row_key, item) << describe(report);
  EXPECT_LT(report.divergence->seq, n);
  EXPECT_GT(report.divergence->seq, 0);
}

// Flipping any byte of any event's payload to any other value is found at exactly that event, by its hash (the
// hash is checked before the payload is read).
RC_GTEST_PROP(JournalCorruptionProperty, AnyFlippedPayloadByteIsReportedAtItsSequenceNumber, ()) {
  const DemoFile& d = demo();
  const auto seq = *rc::gen::inRange<std::int64_t>(1, d.count() + 1);
  const std::string& original = d.events[static_cast<std::size_t>(seq - 1)].payload;
  const auto pos = *rc::gen::inRange<std::size_t>(0, original.size());
  const auto delta = *rc::gen::inRange<int>(1, 256);
  testing::TempDir dir;
  const std::string path = copy_demo(dir);
  {
    RawDb db(path);
    StoredEvent e = db.event(seq);
    e.payload[pos] = static_cast<char>((static_cast<unsigned char>(e.payload[pos]) + delta) % 256);
    db.put_event(e);
  }
  const VerifyReport report = verify_file(path);
  RC_ASSERT(!report.ok());
  RC_ASSERT(report.divergence->kind == Kind::kHash);
  RC_ASSERT(report.divergence->seq == seq);
}

// ---------------------------------------------------------------------------------------------------------------
// Corruption of the projections

class ProjectionCorruption : public JournalCorruption {
 protected:
  void edit_doc(const std::string& kind, const std::string& key, const std::function<void(json&)>& edit) {
    RawDb db(path_);
    json doc = json::parse(db.doc(kind, key));
    edit(doc);
    db.put_doc(kind, key, doc.dump());
  }
  void expect_projection(const VerifyReport& report, const std::string& kind, const std::string& key, std::int64_t seq,
                         const std::string& words) {
    expect_divergence(report, Kind::kProjection, seq);
    if (report.ok()) return;
    EXPECT_EQ(report.divergence->row_kind, kind) << describe(report);
    EXPECT_EQ(report.divergence->row_key, key) << describe(report);
    EXPECT_NE(report.divergence->message.find(words), std::string::npos) << describe(report);
  }
  std::string balance_key() const {
    for (const ProjectionRow& r : demo_.rows)
      if (r.kind == kBalanceKind) return r.key;
    throw std::runtime_error("no balance row");
  }
};

TEST_F(ProjectionCorruption, EditedItemPositionIsReportedAtThatRowAndTheEventThatLastChangedIt) {
  const std::int64_t moved = demo_.last_seq_of(event_type::kCylinderMoved, "item", "DEMO-OR-32");
  edit_doc(kItemKind, "DEMO-OR-32", [](json& doc) { doc["position"] = "R01-01"; });
  expect_projection(verify_file(path_), kItemKind, "DEMO-OR-32", moved, "field 'position'");
}

TEST_F(ProjectionCorruption, EditedBalanceIsReportedAtThatRowAndTheLastReceipt) {
  const std::string key = balance_key();
  std::int64_t last_receipt = 0;
  for (const StoredEvent& e : demo_.events)
    if (e.type == event_type::kCylinderReceived) last_receipt = e.seq;
  edit_doc(kBalanceKind, key, [](json& doc) { doc["uranium_mg"] = doc["uranium_mg"].get<std::int64_t>() + 1; });
  expect_projection(verify_file(path_), kBalanceKind, key, last_receipt, "field 'uranium_mg'");
}

TEST_F(ProjectionCorruption, EditedUserRolesAreReportedAtThatRow) {
  const std::int64_t added = demo_.last_seq_of(event_type::kUserAdded, "user", "audrey");
  edit_doc(kUserKind, "audrey", [](json& doc) { doc["roles"] = {"admin"}; });
  expect_projection(verify_file(path_), kUserKind, "audrey", added, "field 'roles'");
}

TEST_F(ProjectionCorruption, RowThatIsNotJsonIsReportedAtThatRow) {
  const std::int64_t applied = demo_.last_seq_of(event_type::kSealApplied, "seal", "DEMO-IAEA-00003");
  RawDb(path_).put_doc(kSealKind, "DEMO-IAEA-00003", "{not json");
  expect_projection(verify_file(path_), kSealKind, "DEMO-IAEA-00003", applied, "not valid JSON");
}

TEST_F(ProjectionCorruption, RowReencodedWithWhitespaceIsReportedAtThatRow) {
  // Same value, different bytes: rows are compared byte for byte.
  const std::int64_t applied = demo_.last_seq_of(event_type::kSealApplied, "seal", "DEMO-IAEA-00004");
  {
    RawDb db(path_);
    db.put_doc(kSealKind, "DEMO-IAEA-00004", json::parse(db.doc(kSealKind, "DEMO-IAEA-00004")).dump(1));
  }
  expect_projection(verify_file(path_), kSealKind, "DEMO-IAEA-00004", applied, "encoding");
}

TEST_F(ProjectionCorruption, DeletedRowIsReportedAsMissing) {
  const std::int64_t applied = demo_.last_seq_of(event_type::kSealApplied, "seal", "DEMO-IAEA-00001");
  RawDb(path_).run_exactly(1, "DELETE FROM projection WHERE kind = 'seal' AND key = 'DEMO-IAEA-00001'");
  expect_projection(verify_file(path_), kSealKind, "DEMO-IAEA-00001", applied, "missing from the database");
}

TEST_F(ProjectionCorruption, DeletedLastRowIsReportedAsMissing) {
  const ProjectionRow& last = demo_.rows.back();
  ASSERT_EQ(last.kind, kUserKind);
  const std::int64_t added = demo_.last_seq_of(event_type::kUserAdded, "user", last.key);
  RawDb(path_).run_exactly(1, "DELETE FROM projection WHERE kind = ?1 AND key = ?2", {last.kind, last.key});
  expect_projection(verify_file(path_), kUserKind, last.key, added, "missing from the database");
}

TEST_F(ProjectionCorruption, DeletedFirstRowIsReportedAsMissing) {
  const ProjectionRow& first = demo_.rows.front();
  RawDb(path_).run_exactly(1, "DELETE FROM projection WHERE kind = ?1 AND key = ?2", {first.kind, first.key});
  const VerifyReport report = verify_file(path_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.divergence->kind, Kind::kProjection) << describe(report);
  EXPECT_EQ(report.divergence->row_kind, first.kind) << describe(report);
  EXPECT_EQ(report.divergence->row_key, first.key) << describe(report);
}

TEST_F(ProjectionCorruption, InsertedRowWithoutSourceIsReportedAtThatRow) {
  // A bogus row before, among and after the real ones (rows are compared in (kind, key) order).
  for (const auto& [kind, key] : std::vector<std::pair<std::string, std::string>>{
           {"aaa", "first"}, {kItemKind, "DEMO-OR-100"}, {kItemKind, "DEMO-AA-01"}, {"zzz", "last"}}) {
    SCOPED_TRACE(kind + " '" + key + "'");
    testing::TempDir dir;
    const std::string path = copy_demo(dir);
    RawDb(path).run_exactly(1, "INSERT INTO projection (kind, key, doc) VALUES (?1, ?2, '{}')", {kind, key});
    const VerifyReport report = verify_file(path);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.divergence->kind, Kind::kProjection) << describe(report);
    EXPECT_EQ(report.divergence->row_kind, kind) << describe(report);
    EXPECT_EQ(report.divergence->row_key, key) << describe(report);
    EXPECT_NE(report.divergence->message.find("has no source in the journal"), std::string::npos) << describe(report);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// rebuild

TEST_F(ProjectionCorruption, RebuildRestoresEditedDeletedAndBogusRows) {
  edit_doc(kItemKind, "DEMO-OR-32", [](json& doc) { doc["position"] = "R01-01"; });
  {
    RawDb db(path_);
    db.run_exactly(1, "DELETE FROM projection WHERE kind = 'seal' AND key = 'DEMO-IAEA-00001'");
    db.run_exactly(1, "INSERT INTO projection (kind, key, doc) VALUES ('item', 'DEMO-OR-100', '{}')");
  }
  ASSERT_FALSE(verify_file(path_).ok());
  {
    auto store = must(open_store(path_, OpenMode::kExisting), "open");
    FixedClock clock(kToday);
    Journal journal(*store, clock);
    const std::int64_t written = must(journal.rebuild(), "rebuild");
    EXPECT_EQ(written, static_cast<std::int64_t>(demo_.rows.size()));
    EXPECT_EQ(rows_of(*store), demo_.rows);
    EXPECT_EQ(must(store->head(), "head"), demo_.head);
  }
  const VerifyReport report = verify_file(path_);
  EXPECT_TRUE(report.ok()) << describe(report);
}

TEST_F(ProjectionCorruption, RebuildRefusesABrokenChainAndLeavesTheRowsAlone) {
  edit_doc(kItemKind, "DEMO-OR-32", [](json& doc) { doc["position"] = "R01-01"; });
  {
    RawDb db(path_);
    StoredEvent e = db.event(40);
    e.payload[5] ^= 1;
    db.put_event(e);
  }
  auto store = must(open_store(path_, OpenMode::kExisting), "open");
  FixedClock clock(kToday);
  Journal journal(*store, clock);
  const std::vector<ProjectionRow> before = rows_of(*store);
  auto result = journal.rebuild();
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kIntegrity);
  EXPECT_NE(result.error().message.find("event 40"), std::string::npos) << result.error().describe();
  EXPECT_EQ(rows_of(*store), before);
}

// ---------------------------------------------------------------------------------------------------------------
// as_of

class DemoAsOf : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  std::unique_ptr<Store> store_ = must(open_store(copy_demo(dir_), OpenMode::kExisting), "open");
  FixedClock clock_{kToday};
  Journal journal_{*store_, clock_};

  std::vector<Item> items_on(Date day) { return must(journal_.as_of(day), "as_of").items(); }
};

TEST_F(DemoAsOf, HoldsNoItemsBeforeTheFirstDelivery) {
  EXPECT_TRUE(items_on(Date::from_ymd(2019, 10, 16)).empty());
  EXPECT_TRUE(items_on(Date::from_ymd(2010, 1, 1)).empty());
  // Events without a date count on every day: the facility and the users are there.
  auto p = must(journal_.as_of(Date::from_ymd(2019, 10, 16)), "as_of");
  EXPECT_TRUE(must(p.facility(), "facility").has_value());
  EXPECT_TRUE(must(p.user("olga"), "user").has_value());
}

TEST_F(DemoAsOf, HoldsTheThirtyTwoOranoCylindersOnTheDayOfTheFirstDelivery) {
  const auto items = items_on(Date::from_ymd(2019, 10, 17));
  ASSERT_EQ(items.size(), 32u);
  for (const Item& item : items) EXPECT_EQ(item.id.rfind("DEMO-OR-", 0), 0u) << item.id;
  EXPECT_EQ(items_on(Date::from_ymd(2019, 12, 9)).size(), 32u);
}

TEST_F(DemoAsOf, HoldsAllSixtyCylindersFromTheDayOfTheSecondDelivery) {
  EXPECT_EQ(items_on(Date::from_ymd(2019, 12, 10)).size(), 60u);
  EXPECT_EQ(items_on(kToday).size(), 60u);
}

TEST_F(DemoAsOf, ShowsAPositionBeforeAndAfterTheMove) {
  const Date move_day = Date::from_ymd(2020, 3, 12);
  auto before = must(must(journal_.as_of(move_day.plus_days(-1)), "as_of").item("DEMO-OR-32"), "item");
  auto after = must(must(journal_.as_of(move_day), "as_of").item("DEMO-OR-32"), "item");
  ASSERT_TRUE(before.has_value());
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(before->position, "R04-02");
  EXPECT_EQ(after->position, "R09-01");
}

}  // namespace
}  // namespace leu
