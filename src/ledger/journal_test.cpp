// Tests of the Journal on both backends (a real SQLite file and a real PostgreSQL database): append, verify (every
// kind of tampering), rebuild and as_of.
#include "ledger/journal.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "access/principal.hpp"
#include "demo/demo_bank.hpp"
#include "domain/clock.hpp"
#include "domain/facility.hpp"
#include "ledger/event_types.hpp"
#include "ledger/migrate.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;

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

// Direct access to a database behind the Store's back: through the SQLite C API for a file, through libpqxx for a
// PostgreSQL URL. The tables and columns are the same on both, and so is the SQL below, written with SQLite's ?1, ?2
// parameters (turned into $1, $2 for PostgreSQL). Every write checks that it changed exactly the rows it meant to,
// so that a tampering test cannot pass by tampering with nothing.
class RawDb {
 public:
  RawDb(Backend backend, const std::string& location) : backend_(backend) {
    if (backend_ == Backend::kPostgres) {
      pg_ = std::make_unique<pqxx::connection>(location);
    } else if (sqlite3_open_v2(location.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + location);
    }
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Runs `sql` with text parameters ?1, ?2, ...; returns the rows changed.
  int run(const std::string& sql, const std::vector<std::string>& params = {}) { return exec(sql, params, nullptr); }
  void run_exactly(int rows, const std::string& sql, const std::vector<std::string>& params = {}) {
    const int changed = run(sql, params);
    if (changed != rows)
      throw std::runtime_error(sql + ": changed " + std::to_string(changed) + " rows, not " + std::to_string(rows));
  }
  std::int64_t count(const std::string& table) {
    return std::stoll(query_one("SELECT count(*) FROM " + table, {}, "no count of " + table).at(0));
  }

  StoredEvent event(std::int64_t seq) {
    const Row r = query_one("SELECT seq, time, actor, type, version, payload, hash FROM journal WHERE seq = ?1",
                            {std::to_string(seq)}, "no event " + std::to_string(seq));
    return StoredEvent{std::stoll(r.at(0)), r.at(1), r.at(2), r.at(3), std::stoi(r.at(4)), r.at(5), r.at(6)};
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
    return query_one("SELECT doc FROM projection WHERE kind = ?1 AND key = ?2", {kind, key},
                     "no projection row " + kind + " '" + key + "'")
        .at(0);
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
  using Row = std::vector<std::string>;  // every column as text

  // Runs `sql`, appending its result rows to `rows` (when given); returns the rows changed. Each statement is a
  // transaction of its own.
  int exec(const std::string& sql, const std::vector<std::string>& params, std::vector<Row>* rows) {
    return backend_ == Backend::kPostgres ? exec_postgres(sql, params, rows) : exec_sqlite(sql, params, rows);
  }
  Row query_one(const std::string& sql, const std::vector<std::string>& params, const std::string& none) {
    std::vector<Row> rows;
    exec(sql, params, &rows);
    if (rows.empty()) throw std::runtime_error(none);
    return rows.front();
  }

  int exec_sqlite(const std::string& sql, const std::vector<std::string>& params, std::vector<Row>* rows) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    for (std::size_t i = 0; i < params.size(); ++i)
      sqlite3_bind_text(s, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()),
                        SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      if (!rows) continue;
      Row& row = rows->emplace_back();
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
        row.push_back(p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, c))) : std::string());
      }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    return sqlite3_changes(db_);
  }

  int exec_postgres(const std::string& sql, const std::vector<std::string>& params, std::vector<Row>* rows) {
    // libpq passes text parameters as C strings: a NUL byte would silently cut one short.
    for (const std::string& p : params)
      if (p.find('\0') != std::string::npos) throw std::runtime_error(sql + ": a parameter holds a NUL byte");
    const std::string pg_sql = std::regex_replace(sql, std::regex(R"(\?(\d+))"), "$$$1");
    try {
      pqxx::work tx(*pg_);
      const pqxx::result r = tx.exec_params(pg_sql, pqxx::prepare::make_dynamic_params(params));
      tx.commit();
      if (rows) {
        for (const pqxx::row& pr : r) {
          Row& row = rows->emplace_back();
          for (const pqxx::field& f : pr) row.emplace_back(f.c_str(), f.size());
        }
      }
      return static_cast<int>(r.affected_rows());
    } catch (const pqxx::sql_error& e) {
      throw std::runtime_error(pg_sql + ": " + e.what());
    }
  }

  Backend backend_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<pqxx::connection> pg_;
};

// A demo bank built once per test program in an SQLite file; each test works on its own copy of it.
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

// Fills the empty database `db` on `backend` with a copy of the demo and returns its location. SQLite: a copy of the
// file (the golden file is closed, so it is complete without a WAL). PostgreSQL: the demo's journal migrated into it,
// which rebuilds everything derived from the journal there and verifies it.
std::string copy_demo(TestDatabase& db, Backend backend) {
  if (!db.available()) throw std::runtime_error(db.unavailable_reason());
  const std::string location = db.location();
  if (backend == Backend::kSqlite) {
    std::filesystem::copy_file(demo().path, location);
    if (std::filesystem::exists(demo().path + "-wal"))
      std::filesystem::copy_file(demo().path + "-wal", location + "-wal");
    return location;
  }
  auto from = must(open_store(demo().path, OpenMode::kExisting), "open demo");
  auto to = must(open_store(location, OpenMode::kCreate), "create copy");
  FixedClock clock(kToday);
  const MigrationReport copied = must(migrate_journal(*from, *to, clock), "copy demo");
  if (copied.head != demo().head) throw std::runtime_error("the copy of the demo has another head");
  return location;
}

// Opens the database as the program would and verifies it.
VerifyReport verify_at(const std::string& location) {
  auto store = must(open_store(location, OpenMode::kExisting), "open");
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

// ---------------------------------------------------------------------------------------------------------------
// append

// A test on a database of the parameter's backend, skipped (saying why) when that backend is not available.
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
  }
  TestDatabase db_{GetParam()};
};

class JournalAppend : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    store_ = must(open_store(db_.location(), OpenMode::kCreate), "create");
    journal_ = std::make_unique<Journal>(*store_, clock_);
  }

  FixedClock clock_{kToday};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;

  std::vector<StoredEvent> events() {
    std::vector<StoredEvent> out;
    must(journal_->scan(1,
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

TEST_P(JournalAppend, AssignsConsecutiveSequenceNumbersAndMovesTheHeadToTheLastHash) {
  const Head opened = must(open_journal(*journal_, default_bank_facility(), "admin"), "open_journal");
  EXPECT_EQ(opened.seq, 2);
  const Head head = must(journal_->append("admin", {user_added("olga", "operator"), user_added("ingrid", "inspector"),
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

TEST_P(JournalAppend, StoresEachEventWithTheChainedHashOfItsCanonicalBytes) {
  must(open_journal(*journal_, default_bank_facility(), "admin"), "open_journal");
  must(journal_->append("admin", {user_added("olga", "operator")}), "append");
  Digest digest = genesis_digest();
  for (const StoredEvent& e : events()) {
    digest = chain_digest(digest, canonical_event_bytes(e));
    EXPECT_EQ(e.hash, to_hex(digest)) << "event " << e.seq;
    EXPECT_EQ(e.version, kEventFormatVersion);
  }
}

TEST_P(JournalAppend, StampsTheEventsOfOneCallWithTheClockTimeAndTheActor) {
  must(open_journal(*journal_, default_bank_facility(), "admin"), "open_journal");
  clock_.set(Date::from_ymd(2024, 1, 1).days() + std::chrono::hours(15) + std::chrono::minutes(4));
  must(journal_->append("admin", {user_added("olga", "operator"), user_added("bruno", "bank_officer")}), "append");
  const auto all = events();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].time, all[1].time);
  EXPECT_EQ(all[2].time, all[3].time);
  EXPECT_NE(all[1].time, all[2].time);
  EXPECT_EQ(all[2].time.rfind("2024-01-01T15:04:00", 0), 0u) << all[2].time;
  EXPECT_EQ(all[3].actor, "admin");
}

TEST_P(JournalAppend, OfAnEventWhoseFoldFailsWritesNothing) {
  must(open_journal(*journal_, default_bank_facility(), "admin"), "open_journal");
  const Snapshot before = snapshot(*store_);
  auto result = journal_->append(
      "admin", {NewEvent{event_type::kCylinderMoved,
                         {{"date", "2023-12-01"}, {"item", "NO-SUCH-ITEM"}, {"from", "R01-01"}, {"to", "R01-02"}}}});
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().describe().find("NO-SUCH-ITEM"), std::string::npos) << result.error().describe();
  EXPECT_EQ(snapshot(*store_), before);
  // The store is still usable and the next event takes the next number.
  EXPECT_EQ(must(journal_->append("admin", {user_added("olga", "operator")}), "append").seq, before.head.seq + 1);
}

TEST_P(JournalAppend, OfABatchWithOneBadEventWritesNoneOfTheBatch) {
  must(open_journal(*journal_, default_bank_facility(), "admin"), "open_journal");
  const Snapshot before = snapshot(*store_);
  auto result = journal_->append("admin", {user_added("olga", "operator"), user_added("olga", "inspector")});
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().describe().find("olga"), std::string::npos) << result.error().describe();
  EXPECT_EQ(snapshot(*store_), before);
  EXPECT_FALSE(must(journal_->user("olga"), "user").has_value());
}

TEST_P(JournalAppend, OfAPayloadWithAFloatWritesNothing) {
  must(open_journal(*journal_, default_bank_facility(), "admin"), "open_journal");
  const Snapshot before = snapshot(*store_);
  auto result = journal_->append(
      "admin", {user_added("olga", "operator"), NewEvent{event_type::kUserAdded, {{"user", "x"}, {"roles", {0.5}}}}});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(snapshot(*store_), before);
}

TEST_P(JournalAppend, OfAPayloadThatIsNotUtf8FailsWithAnErrorAndWritesNothing) {
  // "Fails without writing anything if any event cannot be encoded" (journal.hpp): a string that is not UTF-8
  // cannot be encoded (docs/formats/journal.md §2), and services pass such strings through (validate_text only
  // rejects control characters).
  must(open_journal(*journal_, default_bank_facility(), "admin"), "open_journal");
  const Snapshot before = snapshot(*store_);
  Result<Head> result;
  ASSERT_NO_THROW(result = journal_->append(
                      "admin", {user_added("olga", "operator"),
                                NewEvent{event_type::kUserAdded, {{"user", "bad\xff\xfe"}, {"roles", {"operator"}}}}}));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(snapshot(*store_), before);
}

using DemoJournal = BackendTest;

TEST_P(DemoJournal, VerifiesWithEveryEventAndEveryRowChecked) {
  auto store = must(open_store(copy_demo(db_, GetParam()), OpenMode::kExisting), "open");
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
// Corruption of the journal. Each test tampers with a copy of the demo database through SQLite or libpqxx, behind
// the store's back, then verifies it as `leubank verify` would.

class JournalCorruption : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    location_ = copy_demo(db_, GetParam());
  }

  // Direct access to the test's copy of the demo.
  RawDb raw() const { return RawDb(GetParam(), location_); }

  // Replaces event `seq` by `edit(event)` in a fresh copy of the demo and verifies it.
  template <class Edit>
  VerifyReport verify_with_event_edited(std::int64_t seq, Edit edit) {
    TestDatabase copy(GetParam());
    const std::string location = copy_demo(copy, GetParam());
    {
      RawDb db(GetParam(), location);
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
    return verify_at(location);
  }

  const DemoFile& demo_ = demo();
  std::string location_;
};

void expect_divergence(const VerifyReport& report, Kind kind, std::int64_t seq) {
  ASSERT_FALSE(report.ok()) << "expected " << kind_name(kind) << " at " << seq;
  EXPECT_EQ(report.divergence->kind, kind) << describe(report);
  EXPECT_EQ(report.divergence->seq, seq) << describe(report);
}

TEST_P(JournalCorruption, FlippedPayloadByteIsReportedAtItsSequenceNumber) {
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

TEST_P(JournalCorruption, ChangedActorIsReportedAtItsSequenceNumber) {
  const std::int64_t k = demo_.count() / 2;
  expect_divergence(verify_with_event_edited(k, [](StoredEvent& e) { e.actor = e.actor == "olga" ? "bruno" : "olga"; }),
                    Kind::kHash, k);
}

TEST_P(JournalCorruption, ChangedTimeIsReportedAtItsSequenceNumber) {
  const std::int64_t k = 12;
  expect_divergence(verify_with_event_edited(k, [](StoredEvent& e) { e.time[3] = e.time[3] == '9' ? '8' : '9'; }),
                    Kind::kHash, k);
}

TEST_P(JournalCorruption, ChangedTypeIsReportedAtItsSequenceNumber) {
  // A seal applied turned into a seal verified: a plausible, well-formed change only the chain can catch here.
  const std::int64_t k = demo_.last_seq_of(event_type::kSealApplied, "seal", "DEMO-IAEA-00007");
  expect_divergence(verify_with_event_edited(k, [](StoredEvent& e) { e.type = event_type::kSealVerified; }),
                    Kind::kHash, k);
}

// SQLite stores whatever bytes it is given, so a damaged file may hold text that is not UTF-8.
using SqliteJournalCorruption = JournalCorruption;

TEST_P(SqliteJournalCorruption, ActorThatIsNotUtf8IsReportedAtItsSequenceNumberWithoutThrowing) {
  // A damaged journal is a report with a divergence, not an error and not an exception (journal.hpp).
  const std::int64_t k = 25;
  VerifyReport report;
  ASSERT_NO_THROW(report = verify_with_event_edited(k, [](StoredEvent& e) { e.actor += "\xff"; }));
  expect_divergence(report, Kind::kHash, k);
}

// PostgreSQL holds only valid UTF-8 in text columns (the databases are UTF8), so that damage cannot exist there.
using PostgresJournalCorruption = JournalCorruption;

TEST_P(PostgresJournalCorruption, ActorThatIsNotUtf8IsRefusedByTheServerAndTheJournalStillVerifies) {
  const std::int64_t k = 25;
  {
    RawDb db = raw();
    StoredEvent e = db.event(k);
    e.actor += "\xff";
    try {
      db.put_event(e);
      FAIL() << "PostgreSQL stored an actor that is not UTF-8";
    } catch (const std::runtime_error& error) {
      EXPECT_NE(std::string(error.what()).find("invalid byte sequence for encoding \"UTF8\""), std::string::npos)
          << error.what();
    }
  }
  const VerifyReport report = verify_at(location_);
  EXPECT_TRUE(report.ok()) << describe(report);
  EXPECT_EQ(report.events, demo_.count());
}

TEST_P(JournalCorruption, ChangedFormatVersionIsReportedAtItsSequenceNumber) {
  const std::int64_t k = 33;
  // The demo is written in the latest version; claiming another readable one changes the canonical bytes.
  expect_divergence(verify_with_event_edited(k, [](StoredEvent& e) { e.version = kOldestEventFormatVersion; }),
                    Kind::kHash, k);
}

TEST_P(JournalCorruption, FlippedHashDigitIsReportedAtItsSequenceNumber) {
  const std::int64_t last = demo_.count();
  for (std::int64_t k : {std::int64_t{1}, std::int64_t{40}, last}) {
    for (std::size_t pos : {std::size_t{0}, std::size_t{63}}) {
      SCOPED_TRACE("event " + std::to_string(k) + ", digit " + std::to_string(pos));
      expect_divergence(verify_with_event_edited(k, [&](StoredEvent& e) { e.hash = flip_hex_digit(e.hash, pos); }),
                        Kind::kHash, k);
    }
  }
}

TEST_P(JournalCorruption, DeletedRowInTheMiddleIsReportedAsAGapAtItsSequenceNumber) {
  const std::int64_t k = 57;
  raw().run_exactly(1, "DELETE FROM journal WHERE seq = 57");
  const VerifyReport report = verify_at(location_);
  expect_divergence(report, Kind::kGap, k);
  EXPECT_NE(report.divergence->message.find("event 57 is missing"), std::string::npos) << describe(report);
}

TEST_P(JournalCorruption, DeletedFirstRowIsReportedAsAGapAtOne) {
  raw().run_exactly(1, "DELETE FROM journal WHERE seq = 1");
  expect_divergence(verify_at(location_), Kind::kGap, 1);
}

TEST_P(JournalCorruption, SwappedPayloadsAreReportedAtTheEarlierRow) {
  const std::int64_t j = 20, k = 30;  // two receipts: same type, same actor, same time, different cylinders
  {
    RawDb db = raw();
    StoredEvent a = db.event(j), b = db.event(k);
    ASSERT_EQ(a.type, b.type);
    ASSERT_NE(a.payload, b.payload);
    std::swap(a.payload, b.payload);
    db.put_event(a);
    db.put_event(b);
  }
  expect_divergence(verify_at(location_), Kind::kHash, j);
}

TEST_P(JournalCorruption, SwappedRowsAreReportedAtTheEarlierRow) {
  // Every column but seq exchanged, hashes included: the order of two events reversed.
  const std::int64_t j = 5, k = demo_.count() - 3;
  {
    RawDb db = raw();
    StoredEvent a = db.event(j), b = db.event(k);
    std::swap(a.seq, b.seq);
    db.put_event(a);
    db.put_event(b);
  }
  expect_divergence(verify_at(location_), Kind::kHash, j);
}

TEST_P(JournalCorruption, TruncatedJournalIsReportedAtTheFirstMissingEvent) {
  const std::int64_t n = demo_.count();
  for (std::int64_t m : {1, 5, 40}) {
    SCOPED_TRACE("last " + std::to_string(m) + " events deleted");
    TestDatabase copy(GetParam());
    const std::string location = copy_demo(copy, GetParam());
    RawDb(GetParam(), location)
        .run_exactly(static_cast<int>(m), "DELETE FROM journal WHERE seq > " + std::to_string(n - m));
    const VerifyReport report = verify_at(location);
    expect_divergence(report, Kind::kHead, n - m + 1);
    EXPECT_NE(report.divergence->message.find("truncated"), std::string::npos) << describe(report);
    EXPECT_EQ(report.events, n - m);
  }
}

TEST_P(JournalCorruption, JournalCutAfterTheFirstEventIsReportedAtTwo) {
  raw().run_exactly(static_cast<int>(demo_.count() - 1), "DELETE FROM journal WHERE seq > 1");
  const VerifyReport report = verify_at(location_);
  expect_divergence(report, Kind::kHead, 2);
  EXPECT_NE(report.divergence->message.find("truncated"), std::string::npos) << describe(report);
}

TEST_P(JournalCorruption, EmptiedJournalIsReportedAtOne) {
  raw().run_exactly(static_cast<int>(demo_.count()), "DELETE FROM journal");
  expect_divergence(verify_at(location_), Kind::kHead, 1);
}

TEST_P(JournalCorruption, EditedHeadHashIsReportedAtTheLastEvent) {
  raw().set_head(demo_.count(), flip_hex_digit(demo_.head.hash, 10));
  expect_divergence(verify_at(location_), Kind::kHead, demo_.count());
}

TEST_P(JournalCorruption, HeadBehindTheJournalIsReportedAtTheFirstUncommittedEvent) {
  const std::int64_t n = demo_.count();
  raw().set_head(n - 1, demo_.events[static_cast<std::size_t>(n - 2)].hash);
  const VerifyReport report = verify_at(location_);
  expect_divergence(report, Kind::kHead, n);
  EXPECT_NE(report.divergence->message.find("not committed"), std::string::npos) << describe(report);
}

TEST_P(JournalCorruption, ForgedAndRehashedEventThatContradictsTheBooksIsReportedAtItsSequenceNumber) {
  // The forger moves a cylinder that does not exist and recomputes the chain and the head.
  const std::int64_t k = demo_.last_seq_of(event_type::kCylinderMoved, "item", "DEMO-OR-32");
  {
    RawDb db = raw();
    StoredEvent e = db.event(k);
    json payload = json::parse(e.payload);
    payload["item"] = "DEMO-OR-99";
    e.payload = payload.dump();
    db.put_event(e);
    db.rehash_from(k);
  }
  const VerifyReport report = verify_at(location_);
  expect_divergence(report, Kind::kPayload, k);
  EXPECT_NE(report.divergence->message.find("DEMO-OR-99"), std::string::npos) << describe(report);
}

TEST_P(JournalCorruption, ForgedAndRehashedPayloadThatIsNotJsonIsReportedAtItsSequenceNumber) {
  const std::int64_t k = 77;
  {
    RawDb db = raw();
    StoredEvent e = db.event(k);
    e.payload.pop_back();  // drop the closing brace
    db.put_event(e);
    db.rehash_from(k);
  }
  expect_divergence(verify_at(location_), Kind::kPayload, k);
}

TEST_P(JournalCorruption, ForgedAndRehashedButConsistentEventIsCaughtByTheProjectionItChanged) {
  // A move to another position is a valid event: the chain is consistent again, but the stored item row still
  // holds the old position.
  const std::int64_t k = demo_.last_seq_of(event_type::kCylinderMoved, "item", "DEMO-KZ-28");
  {
    RawDb db = raw();
    StoredEvent e = db.event(k);
    json payload = json::parse(e.payload);
    payload["to"] = "R09-09";
    e.payload = payload.dump();
    db.put_event(e);
    db.rehash_from(k);
  }
  const VerifyReport report = verify_at(location_);
  expect_divergence(report, Kind::kProjection, k);
  EXPECT_EQ(report.divergence->row_kind, kItemKind);
  EXPECT_EQ(report.divergence->row_key, "DEMO-KZ-28");
  EXPECT_NE(report.divergence->message.find("position"), std::string::npos) << describe(report);
}

TEST_P(JournalCorruption, ForgedAndRehashedUnknownFormatVersionIsReportedAtItsSequenceNumber) {
  // "A reader refuses versions it does not know" (docs/formats/journal.md §7): an event claiming a format version
  // after the latest, with the chain recomputed, must not pass as one of the versions this program reads.
  const std::int64_t k = 90;
  {
    RawDb db = raw();
    StoredEvent e = db.event(k);
    e.version = kEventFormatVersion + 1;
    db.put_event(e);
    db.rehash_from(k);
  }
  expect_divergence(verify_at(location_), Kind::kPayload, k);
}

TEST_P(JournalCorruption, LastEventRemovedWithTheHeadRewoundIsCaughtByTheProjections) {
  // The chain alone cannot tell a consistently shortened journal from a shorter one; the rows it changed can.
  const std::int64_t n = demo_.count();
  // The row the last event changed: its item, or for a balance-period event the period ("MBA/to").
  const auto payload = demo_.payload(n);
  const bool names_item = payload.contains("item");
  const std::string row_kind = names_item ? kItemKind : kPeriodKind;
  const std::string row_key = names_item
                                  ? payload.at("item").get<std::string>()
                                  : payload.at("mba").get<std::string>() + "/" + payload.at("to").get<std::string>();
  {
    RawDb db = raw();
    db.run_exactly(1, "DELETE FROM journal WHERE seq = " + std::to_string(n));
    db.set_head(n - 1, demo_.events[static_cast<std::size_t>(n - 2)].hash);
  }
  const VerifyReport report = verify_at(location_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.divergence->kind, Kind::kProjection) << describe(report);
  EXPECT_EQ(report.divergence->row_kind, row_kind) << describe(report);
  EXPECT_EQ(report.divergence->row_key, row_key) << describe(report);
  EXPECT_LT(report.divergence->seq, n);
  EXPECT_GT(report.divergence->seq, 0);
}

// Flipping any byte of any event's payload to any other value is found at exactly that event, by its hash (the
// hash is checked before the payload is read). The cases share one copy of the demo: each puts back the event it
// changed (a fresh PostgreSQL database per case would take a third of a second). PostgreSQL
// text holds only valid UTF-8 without NUL bytes, so there the flips that would break that are not tried: that damage
// cannot be stored (see PostgresJournalCorruption).
using JournalCorruptionProperty = JournalCorruption;

TEST_P(JournalCorruptionProperty, AnyFlippedPayloadByteIsReportedAtItsSequenceNumber) {
  rc::detail::checkGTest([this] {
    const auto seq = *rc::gen::inRange<std::int64_t>(1, demo_.count() + 1);
    const StoredEvent& original = demo_.events[static_cast<std::size_t>(seq - 1)];
    const auto pos = *rc::gen::inRange<std::size_t>(0, original.payload.size());
    const auto delta = *rc::gen::inRange<int>(1, 256);
    StoredEvent e = original;
    e.payload[pos] = static_cast<char>((static_cast<unsigned char>(e.payload[pos]) + delta) % 256);
    if (GetParam() == Backend::kPostgres) RC_PRE(is_valid_utf8(e.payload) && e.payload.find('\0') == std::string::npos);
    RawDb db = raw();
    RC_ASSERT(db.event(seq).payload == original.payload);  // the previous case put its event back
    db.put_event(e);
    const VerifyReport report = verify_at(location_);
    db.put_event(original);  // back as it was for the next case, before this one is judged
    RC_ASSERT(!report.ok());
    RC_ASSERT(report.divergence->kind == Kind::kHash);
    RC_ASSERT(report.divergence->seq == seq);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Corruption of the projections

class ProjectionCorruption : public JournalCorruption {
 protected:
  void edit_doc(const std::string& kind, const std::string& key, const std::function<void(json&)>& edit) {
    RawDb db = raw();
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

TEST_P(ProjectionCorruption, EditedItemPositionIsReportedAtThatRowAndTheEventThatLastChangedIt) {
  const std::int64_t moved = demo_.last_seq_of(event_type::kCylinderMoved, "item", "DEMO-OR-32");
  edit_doc(kItemKind, "DEMO-OR-32", [](json& doc) { doc["position"] = "R01-01"; });
  expect_projection(verify_at(location_), kItemKind, "DEMO-OR-32", moved, "field 'position'");
}

TEST_P(ProjectionCorruption, EditedBalanceIsReportedAtThatRowAndTheLastReceipt) {
  const std::string key = balance_key();
  std::int64_t last_receipt = 0;
  for (const StoredEvent& e : demo_.events)
    if (e.type == event_type::kCylinderReceived) last_receipt = e.seq;
  edit_doc(kBalanceKind, key, [](json& doc) { doc["uranium_mg"] = doc["uranium_mg"].get<std::int64_t>() + 1; });
  expect_projection(verify_at(location_), kBalanceKind, key, last_receipt, "field 'uranium_mg'");
}

TEST_P(ProjectionCorruption, EditedUserRolesAreReportedAtThatRow) {
  const std::int64_t added = demo_.last_seq_of(event_type::kUserAdded, "user", "audrey");
  edit_doc(kUserKind, "audrey", [](json& doc) { doc["roles"] = {"admin"}; });
  expect_projection(verify_at(location_), kUserKind, "audrey", added, "field 'roles'");
}

TEST_P(ProjectionCorruption, RowThatIsNotJsonIsReportedAtThatRow) {
  const std::int64_t applied = demo_.last_seq_of(event_type::kSealApplied, "seal", "DEMO-IAEA-00003");
  raw().put_doc(kSealKind, "DEMO-IAEA-00003", "{not json");
  expect_projection(verify_at(location_), kSealKind, "DEMO-IAEA-00003", applied, "not valid JSON");
}

TEST_P(ProjectionCorruption, RowReencodedWithWhitespaceIsReportedAtThatRow) {
  // Same value, different bytes: rows are compared byte for byte.
  const std::int64_t applied = demo_.last_seq_of(event_type::kSealApplied, "seal", "DEMO-IAEA-00004");
  {
    RawDb db = raw();
    db.put_doc(kSealKind, "DEMO-IAEA-00004", json::parse(db.doc(kSealKind, "DEMO-IAEA-00004")).dump(1));
  }
  expect_projection(verify_at(location_), kSealKind, "DEMO-IAEA-00004", applied, "encoding");
}

TEST_P(ProjectionCorruption, DeletedRowIsReportedAsMissing) {
  const std::int64_t applied = demo_.last_seq_of(event_type::kSealApplied, "seal", "DEMO-IAEA-00001");
  raw().run_exactly(1, "DELETE FROM projection WHERE kind = 'seal' AND key = 'DEMO-IAEA-00001'");
  expect_projection(verify_at(location_), kSealKind, "DEMO-IAEA-00001", applied, "missing from the database");
}

TEST_P(ProjectionCorruption, DeletedLastRowIsReportedAsMissing) {
  const ProjectionRow& last = demo_.rows.back();
  ASSERT_EQ(last.kind, kUserKind);
  const std::int64_t added = demo_.last_seq_of(event_type::kUserAdded, "user", last.key);
  raw().run_exactly(1, "DELETE FROM projection WHERE kind = ?1 AND key = ?2", {last.kind, last.key});
  expect_projection(verify_at(location_), kUserKind, last.key, added, "missing from the database");
}

TEST_P(ProjectionCorruption, DeletedFirstRowIsReportedAsMissing) {
  const ProjectionRow& first = demo_.rows.front();
  raw().run_exactly(1, "DELETE FROM projection WHERE kind = ?1 AND key = ?2", {first.kind, first.key});
  const VerifyReport report = verify_at(location_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.divergence->kind, Kind::kProjection) << describe(report);
  EXPECT_EQ(report.divergence->row_kind, first.kind) << describe(report);
  EXPECT_EQ(report.divergence->row_key, first.key) << describe(report);
}

TEST_P(ProjectionCorruption, InsertedRowWithoutSourceIsReportedAtThatRow) {
  // A bogus row before, among and after the real ones (rows are compared in (kind, key) order).
  for (const auto& [kind, key] : std::vector<std::pair<std::string, std::string>>{
           {"aaa", "first"}, {kItemKind, "DEMO-OR-100"}, {kItemKind, "DEMO-AA-01"}, {"zzz", "last"}}) {
    SCOPED_TRACE(kind + " '" + key + "'");
    TestDatabase copy(GetParam());
    const std::string location = copy_demo(copy, GetParam());
    RawDb(GetParam(), location)
        .run_exactly(1, "INSERT INTO projection (kind, key, doc) VALUES (?1, ?2, '{}')", {kind, key});
    const VerifyReport report = verify_at(location);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.divergence->kind, Kind::kProjection) << describe(report);
    EXPECT_EQ(report.divergence->row_kind, kind) << describe(report);
    EXPECT_EQ(report.divergence->row_key, key) << describe(report);
    EXPECT_NE(report.divergence->message.find("has no source in the journal"), std::string::npos) << describe(report);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// rebuild

TEST_P(ProjectionCorruption, RebuildRestoresEditedDeletedAndBogusRows) {
  edit_doc(kItemKind, "DEMO-OR-32", [](json& doc) { doc["position"] = "R01-01"; });
  {
    RawDb db = raw();
    db.run_exactly(1, "DELETE FROM projection WHERE kind = 'seal' AND key = 'DEMO-IAEA-00001'");
    db.run_exactly(1, "INSERT INTO projection (kind, key, doc) VALUES ('item', 'DEMO-OR-100', '{}')");
  }
  ASSERT_FALSE(verify_at(location_).ok());
  {
    auto store = must(open_store(location_, OpenMode::kExisting), "open");
    FixedClock clock(kToday);
    Journal journal(*store, clock);
    const std::int64_t written = must(journal.rebuild(), "rebuild");
    EXPECT_EQ(written, static_cast<std::int64_t>(demo_.rows.size()));
    EXPECT_EQ(rows_of(*store), demo_.rows);
    EXPECT_EQ(must(store->head(), "head"), demo_.head);
  }
  const VerifyReport report = verify_at(location_);
  EXPECT_TRUE(report.ok()) << describe(report);
}

TEST_P(ProjectionCorruption, RebuildRefusesABrokenChainAndLeavesTheRowsAlone) {
  edit_doc(kItemKind, "DEMO-OR-32", [](json& doc) { doc["position"] = "R01-01"; });
  {
    RawDb db = raw();
    StoredEvent e = db.event(40);
    e.payload[5] ^= 1;
    db.put_event(e);
  }
  auto store = must(open_store(location_, OpenMode::kExisting), "open");
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

class DemoAsOf : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    store_ = must(open_store(copy_demo(db_, GetParam()), OpenMode::kExisting), "open");
    journal_ = std::make_unique<Journal>(*store_, clock_);
  }

  std::unique_ptr<Store> store_;
  FixedClock clock_{kToday};
  std::unique_ptr<Journal> journal_;

  std::vector<Item> items_on(Date day) { return must(journal_->as_of(day), "as_of").items(); }
};

TEST_P(DemoAsOf, HoldsNoItemsBeforeTheFirstDelivery) {
  EXPECT_TRUE(items_on(Date::from_ymd(2019, 10, 16)).empty());
  EXPECT_TRUE(items_on(Date::from_ymd(2010, 1, 1)).empty());
  // Events without a date count on every day: the facility and the users are there.
  auto p = must(journal_->as_of(Date::from_ymd(2019, 10, 16)), "as_of");
  EXPECT_TRUE(must(p.facility(), "facility").has_value());
  EXPECT_TRUE(must(p.user("olga"), "user").has_value());
}

TEST_P(DemoAsOf, HoldsTheThirtyTwoOranoCylindersOnTheDayOfTheFirstDelivery) {
  const auto items = items_on(Date::from_ymd(2019, 10, 17));
  ASSERT_EQ(items.size(), 32u);
  for (const Item& item : items) EXPECT_EQ(item.id.rfind("DEMO-OR-", 0), 0u) << item.id;
  EXPECT_EQ(items_on(Date::from_ymd(2019, 12, 9)).size(), 32u);
}

TEST_P(DemoAsOf, HoldsAllSixtyCylindersFromTheDayOfTheSecondDelivery) {
  EXPECT_EQ(items_on(Date::from_ymd(2019, 12, 10)).size(), 60u);
  EXPECT_EQ(items_on(kToday).size(), 60u);
}

TEST_P(DemoAsOf, ShowsAPositionBeforeAndAfterTheMove) {
  const Date move_day = Date::from_ymd(2020, 3, 12);
  auto before = must(must(journal_->as_of(move_day.plus_days(-1)), "as_of").item("DEMO-OR-32"), "item");
  auto after = must(must(journal_->as_of(move_day), "as_of").item("DEMO-OR-32"), "item");
  ASSERT_TRUE(before.has_value());
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(before->position, "R04-02");
  EXPECT_EQ(after->position, "R09-01");
}

INSTANTIATE_TEST_SUITE_P(Backends, JournalAppend, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, DemoJournal, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, JournalCorruption, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, JournalCorruptionProperty, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, ProjectionCorruption, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, DemoAsOf, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, SqliteJournalCorruption, ::testing::Values(Backend::kSqlite),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, PostgresJournalCorruption, ::testing::Values(Backend::kPostgres),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
