// Tests for the Store interface on both backends (a real SQLite file and a real PostgreSQL database): opening,
// journal, rows, transactions; and, SQLite only, what is inherently about files: refusal of foreign files, the
// file's marks and its busy timeout.
#include "store/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/postgres_store.hpp"
#include "store/sqlite_store.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TempDir;
using testing::TestDatabase;

StoredEvent Event(std::int64_t seq) {
  return StoredEvent{seq,
                     "2026-11-28T15:51:12.00000" + std::to_string(seq % 10) + "Z",
                     "olga",
                     "item.received",
                     1,
                     R"({"seq":)" + std::to_string(seq) + "}",
                     std::string(63, 'a') + std::to_string(seq % 10)};
}

std::unique_ptr<Store> Open(const std::string& path, OpenMode mode) {
  auto s = open_store(path, mode);
  EXPECT_TRUE(s.has_value()) << s.error().describe();
  return s ? std::move(*s) : nullptr;
}

std::unique_ptr<WriteTransaction> Begin(Store& store) {
  auto tx = store.begin_write();
  EXPECT_TRUE(tx.has_value()) << tx.error().describe();
  return tx ? std::move(*tx) : nullptr;
}

// Appends events head+1 .. head+n and commits.
void AppendCommitted(Store& store, int n) {
  auto tx = Begin(store);
  ASSERT_NE(tx, nullptr);
  for (int i = 0; i < n; ++i) {
    const auto r = tx->append(Event(tx->head().seq + 1));
    ASSERT_TRUE(r.has_value()) << r.error().describe();
  }
  const auto c = tx->commit();
  ASSERT_TRUE(c.has_value()) << c.error().describe();
}

std::vector<std::int64_t> ScanSeqs(Store& store, std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> seqs;
  const auto r = store.scan_journal(from, to, [&](const StoredEvent& e) {
    seqs.push_back(e.seq);
    return true;
  });
  EXPECT_TRUE(r.has_value()) << r.error().describe();
  return seqs;
}

std::vector<ProjectionRow> ScanRows(Store& store, const std::string& kind) {
  std::vector<ProjectionRow> rows;
  const auto r = store.scan_rows(kind, [&](const ProjectionRow& row) {
    rows.push_back(row);
    return true;
  });
  EXPECT_TRUE(r.has_value()) << r.error().describe();
  return rows;
}

// The row of a successful lookup (an error fails the test and reads as "no row").
std::optional<ProjectionRow> Found(const Result<std::optional<ProjectionRow>>& r) {
  EXPECT_TRUE(r.has_value()) << r.error().describe();
  return r ? *r : std::nullopt;
}

void WriteTextFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Runs SQL on a file with the raw SQLite C API (to build or tamper with files behind the store's back).
void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

// The first column of the first row of a query, as text.
std::string RawQuery(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      out = p ? p : "";
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

void ExpectError(const Result<std::unique_ptr<Store>>& r, ErrorCode code, const std::string& in_message = "") {
  ASSERT_FALSE(r.has_value()) << "opened " << (*r)->describe();
  EXPECT_EQ(r.error().code, code) << r.error().describe();
  if (!in_message.empty()) {
    EXPECT_NE(r.error().message.find(in_message), std::string::npos) << r.error().message;
  }
}

// A fresh, empty database on the backend of the test's parameter (skipped, saying why, when the backend is not
// available). Every test through this fixture runs once on SQLite and once on PostgreSQL.
class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
  }
  const std::string& location() const { return db_.location(); }
  // Store::describe() of a store opened at location().
  std::string described() const {
    return GetParam() == Backend::kSqlite ? "sqlite:" + location() : redact_url(location());
  }

  TestDatabase db_{GetParam()};
};

using StoreOpen = StoreTest;
using StoreAppend = StoreTest;
using StoreTransaction = StoreTest;
using StoreScanJournal = StoreTest;

// ---- Opening ----

TEST_P(StoreOpen, CreateGivesAnEmptyJournal) {
  auto store = Open(location(), OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->head(), (Head{0, ""}));
  EXPECT_EQ(store->journal_count(), 0);
  EXPECT_TRUE(ScanRows(*store, "").empty());
  EXPECT_EQ(store->describe(), described());
}

TEST_P(StoreOpen, CreatedDatabaseReopensWithItsContents) {
  const std::string path = location();
  {
    auto store = Open(path, OpenMode::kCreate);
    ASSERT_NE(store, nullptr);
    auto tx = Begin(*store);
    ASSERT_NE(tx, nullptr);
    ASSERT_TRUE(tx->append(Event(1)).has_value());
    ASSERT_TRUE(tx->put_row({"item", "C-1", R"({"net":1})"}).has_value());
    ASSERT_TRUE(tx->commit().has_value());
  }
  auto store = Open(path, OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->head(), (Head{1, Event(1).hash}));
  EXPECT_EQ(store->journal_count(), 1);
  EXPECT_EQ(Found(store->get_row("item", "C-1")), (std::optional<ProjectionRow>{{"item", "C-1", R"({"net":1})"}}));
}

TEST(SqliteStoreOpen, CreatedFileIsMarkedWithApplicationIdAndSchemaVersion) {
  TempDir dir;
  const std::string path = dir.path("bank.db");
  ASSERT_NE(Open(path, OpenMode::kCreate), nullptr);
  EXPECT_EQ(RawQuery(path, "PRAGMA application_id"), std::to_string(kSqliteApplicationId));
  EXPECT_EQ(RawQuery(path, "PRAGMA user_version"), std::to_string(kSqliteSchemaVersion));
  EXPECT_EQ(RawQuery(path, "PRAGMA journal_mode"), "wal");
}

TEST_P(StoreOpen, CreateRefusesAnExistingDatabase) {
  const std::string path = location();
  { ASSERT_NE(Open(path, OpenMode::kCreate), nullptr); }
  ExpectError(open_store(path, OpenMode::kCreate), ErrorCode::kConflict);
}

TEST(SqliteStoreOpen, CreateRefusesAnExistingNonEmptyFileAndLeavesItAlone) {
  TempDir dir;
  const std::string path = dir.path("notes.txt");
  WriteTextFile(path, "do not overwrite me\n");
  const auto r = open_store(path, OpenMode::kCreate);
  ExpectError(r, ErrorCode::kConflict);
  EXPECT_EQ(r.error().field, "db");
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "do not overwrite me");
}

TEST(SqliteStoreOpen, CreateAcceptsAnExistingZeroByteFile) {
  // A zero-byte file holds nothing to overwrite (e.g. made by mktemp); store.hpp's refusal is for contents.
  TempDir dir;
  const std::string path = dir.path("bank.db");
  WriteTextFile(path, "");
  auto store = Open(path, OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->head(), (Head{0, ""}));
}

// No PostgreSQL counterpart yet: open_postgres_store reports a URL naming no database as kStorage, not kNotFound.
TEST(SqliteStoreOpen, ExistingOnAMissingFileIsNotFound) {
  TempDir dir;
  const std::string path = dir.path("missing.db");
  ExpectError(open_store(path, OpenMode::kExisting), ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path));  // and nothing was created
}

TEST_P(StoreOpen, ExistingOnAnEmptyDatabaseIsNotALeubankDatabase) {
  // An empty database: a zero-byte file, or a PostgreSQL database without tables (as TestDatabase makes it).
  if (GetParam() == Backend::kSqlite) WriteTextFile(location(), "");
  ExpectError(open_store(location(), OpenMode::kExisting), ErrorCode::kInvalidInput, "not a leubank database");
}

TEST(SqliteStoreOpen, TextFileIsNotALeubankDatabase) {
  TempDir dir;
  const std::string path = dir.path("notes.txt");
  WriteTextFile(path, std::string("This is a plain text file, not an SQLite database.\n") + std::string(4096, 'x'));
  const auto r = open_store(path, OpenMode::kExisting);
  ExpectError(r, ErrorCode::kInvalidInput, "not a leubank database");
  EXPECT_EQ(r.error().field, "db");
}

TEST(SqliteStoreOpen, SqliteFileOfAnotherApplicationIsRefusedAndLeftUnchanged) {
  TempDir dir;
  const std::string path = dir.path("other.db");
  RawExec(path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('ada');");
  ASSERT_EQ(RawQuery(path, "PRAGMA application_id"), "0");
  ExpectError(open_store(path, OpenMode::kExisting), ErrorCode::kInvalidInput, "not a leubank database");
  // Nothing was migrated into it and its journal mode was not switched.
  EXPECT_EQ(RawQuery(path, "SELECT count(*) FROM sqlite_schema"), "1");
  EXPECT_EQ(RawQuery(path, "PRAGMA journal_mode"), "delete");
  EXPECT_EQ(RawQuery(path, "SELECT name FROM contacts"), "ada");
}

TEST(SqliteStoreOpen, SqliteFileWithAnotherApplicationIdIsRefused) {
  TempDir dir;
  const std::string path = dir.path("other.db");
  RawExec(path, "PRAGMA application_id = 1234; CREATE TABLE t (x);");
  ExpectError(open_store(path, OpenMode::kExisting), ErrorCode::kInvalidInput, "not a leubank database");
}

TEST(SqliteStoreOpen, NewerSchemaVersionIsRefused) {
  TempDir dir;
  const std::string path = dir.path("bank.db");
  { ASSERT_NE(Open(path, OpenMode::kCreate), nullptr); }
  RawExec(path, "PRAGMA user_version = 99");
  const auto r = open_store(path, OpenMode::kExisting);
  ExpectError(r, ErrorCode::kInvalidInput, "newer");
  EXPECT_NE(r.error().message.find("99"), std::string::npos) << r.error().message;
}

TEST(SqliteStoreOpen, CreateInAMissingDirectoryIsAStorageError) {
  TempDir dir;
  ExpectError(open_store(dir.path("no/such/dir/bank.db"), OpenMode::kCreate), ErrorCode::kStorage);
}

TEST(SqliteStoreOpen, SqlitePrefixNamesTheSameFile) {
  TempDir dir;
  const std::string path = dir.path("bank.db");
  {
    auto store = Open("sqlite:" + path, OpenMode::kCreate);
    ASSERT_NE(store, nullptr);
    AppendCommitted(*store, 1);
  }
  auto store = Open(path, OpenMode::kExisting);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->journal_count(), 1);
}

TEST(StoreLocation, UnsupportedDatabaseKindIsInvalidInput) {
  ExpectError(open_store("mysql://localhost/bank", OpenMode::kExisting), ErrorCode::kInvalidInput);
}

TEST(StoreLocation, EmptyLocationIsAUsageError) { ExpectError(open_store("", OpenMode::kExisting), ErrorCode::kUsage); }

// ---- Appending and transactions ----

TEST_P(StoreAppend, RequiresTheNextSequenceNumber) {
  auto store = Open(location(), OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  auto tx = Begin(*store);
  ASSERT_NE(tx, nullptr);
  for (std::int64_t bad : {0, 2, -1}) {
    const auto r = tx->append(Event(bad));
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    EXPECT_EQ(r.error().field, "seq");
  }
  EXPECT_TRUE(tx->append(Event(1)).has_value());
  EXPECT_EQ(tx->head(), (Head{1, Event(1).hash}));
  EXPECT_FALSE(tx->append(Event(1)).has_value());  // a repeat
  EXPECT_FALSE(tx->append(Event(3)).has_value());  // a gap
  EXPECT_TRUE(tx->append(Event(2)).has_value());
  ASSERT_TRUE(tx->commit().has_value());
  EXPECT_EQ(store->head(), (Head{2, Event(2).hash}));
  EXPECT_EQ(ScanSeqs(*store, 1, 100), (std::vector<std::int64_t>{1, 2}));
}

TEST_P(StoreAppend, NextTransactionContinuesFromTheCommittedHead) {
  auto store = Open(location(), OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  AppendCommitted(*store, 3);
  auto tx = Begin(*store);
  ASSERT_NE(tx, nullptr);
  EXPECT_EQ(tx->head(), (Head{3, Event(3).hash}));
  EXPECT_FALSE(tx->append(Event(1)).has_value());
  EXPECT_TRUE(tx->append(Event(4)).has_value());
}

TEST_P(StoreTransaction, DestroyedWithoutCommitLeavesNothing) {
  auto store = Open(location(), OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  AppendCommitted(*store, 2);
  {
    auto tx = Begin(*store);
    ASSERT_NE(tx, nullptr);
    ASSERT_TRUE(tx->put_row({"item", "C-1", "{}"}).has_value());
    ASSERT_TRUE(tx->commit().has_value());
  }
  {
    auto tx = Begin(*store);
    ASSERT_NE(tx, nullptr);
    ASSERT_TRUE(tx->append(Event(3)).has_value());
    ASSERT_TRUE(tx->append(Event(4)).has_value());
    ASSERT_TRUE(tx->put_row({"item", "C-2", "{}"}).has_value());
    ASSERT_TRUE(tx->put_row({"item", "C-1", R"({"changed":true})"}).has_value());
    ASSERT_TRUE(tx->erase_row("item", "C-1").has_value());
  }  // no commit
  EXPECT_EQ(store->head(), (Head{2, Event(2).hash}));
  EXPECT_EQ(store->journal_count(), 2);
  EXPECT_EQ(ScanSeqs(*store, 1, 100), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(ScanRows(*store, ""), (std::vector<ProjectionRow>{{"item", "C-1", "{}"}}));
  // The store remains usable: the next transaction starts from the committed head.
  auto tx = Begin(*store);
  ASSERT_NE(tx, nullptr);
  EXPECT_EQ(tx->head().seq, 2);
}

TEST_P(StoreTransaction, RolledBackTransactionIsInvisibleToAnotherConnection) {
  const std::string path = location();
  auto writer = Open(path, OpenMode::kCreate);
  ASSERT_NE(writer, nullptr);
  {
    auto tx = Begin(*writer);
    ASSERT_NE(tx, nullptr);
    ASSERT_TRUE(tx->append(Event(1)).has_value());
  }
  auto reader = Open(path, OpenMode::kExisting);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->head(), (Head{0, ""}));
  EXPECT_EQ(reader->journal_count(), 0);
}

TEST_P(StoreTransaction, CommitMakesEventsHeadAndRowsVisibleToASecondStore) {
  const std::string path = location();
  auto writer = Open(path, OpenMode::kCreate);
  auto reader = Open(path, OpenMode::kExisting);
  ASSERT_NE(writer, nullptr);
  ASSERT_NE(reader, nullptr);
  auto tx = Begin(*writer);
  ASSERT_NE(tx, nullptr);
  ASSERT_TRUE(tx->append(Event(1)).has_value());
  ASSERT_TRUE(tx->put_row({"item", "C-1", R"({"net_mg":2277000000})"}).has_value());
  // Not yet committed: the reader sees nothing.
  EXPECT_EQ(reader->head(), (Head{0, ""}));
  EXPECT_EQ(Found(reader->get_row("item", "C-1")), std::optional<ProjectionRow>());
  ASSERT_TRUE(tx->commit().has_value());
  EXPECT_EQ(reader->head(), (Head{1, Event(1).hash}));
  EXPECT_EQ(reader->journal_count(), 1);
  std::vector<StoredEvent> events;
  ASSERT_TRUE(reader->scan_journal(1, 1, [&](const StoredEvent& e) {
    events.push_back(e);
    return true;
  }));
  ASSERT_EQ(events.size(), 1u);
  const StoredEvent expected = Event(1);
  EXPECT_EQ(events[0].seq, expected.seq);
  EXPECT_EQ(events[0].time, expected.time);
  EXPECT_EQ(events[0].actor, expected.actor);
  EXPECT_EQ(events[0].type, expected.type);
  EXPECT_EQ(events[0].version, expected.version);
  EXPECT_EQ(events[0].payload, expected.payload);
  EXPECT_EQ(events[0].hash, expected.hash);
  EXPECT_EQ(Found(reader->get_row("item", "C-1")),
            (std::optional<ProjectionRow>{{"item", "C-1", R"({"net_mg":2277000000})"}}));
}

TEST_P(StoreTransaction, EventFieldsRoundTripVerbatim) {
  // Non-ASCII text, quotes, newlines and an empty hash are stored and returned byte for byte.
  auto store = Open(location(), OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  const StoredEvent e{
      1, "2026-01-02T03:04:05.000006Z", "Öskemen operator 'Ж'", "seal.apply", 7, "{\"note\":\"line1\\nline2\"}\n", ""};
  {
    auto tx = Begin(*store);
    ASSERT_NE(tx, nullptr);
    ASSERT_TRUE(tx->append(e).has_value());
    ASSERT_TRUE(tx->commit().has_value());
  }
  std::optional<StoredEvent> got;
  ASSERT_TRUE(store->scan_journal(1, 1, [&](const StoredEvent& x) {
    got = x;
    return true;
  }));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->time, e.time);
  EXPECT_EQ(got->actor, e.actor);
  EXPECT_EQ(got->type, e.type);
  EXPECT_EQ(got->version, 7);
  EXPECT_EQ(got->payload, e.payload);
  EXPECT_EQ(got->hash, "");
}

TEST_P(StoreTransaction, FailedAppendDoesNotSpoilTheTransaction) {
  auto store = Open(location(), OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  auto tx = Begin(*store);
  ASSERT_NE(tx, nullptr);
  ASSERT_FALSE(tx->append(Event(5)).has_value());
  ASSERT_TRUE(tx->append(Event(1)).has_value());
  ASSERT_TRUE(tx->commit().has_value());
  EXPECT_EQ(store->head(), (Head{1, Event(1).hash}));
}

TEST(SqliteStoreTransaction, BeginWriteWhileAnotherConnectionWritesIsAConflictAfterTheBusyTimeout) {
  // sqlite_store.hpp: 5 s busy timeout, then kConflict. This test therefore takes about 5 s.
  TempDir dir;
  const std::string path = dir.path("bank.db");
  auto first = Open(path, OpenMode::kCreate);
  auto second = Open(path, OpenMode::kExisting);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  {
    auto holder = Begin(*first);
    ASSERT_NE(holder, nullptr);
    const auto start = std::chrono::steady_clock::now();
    const auto r = second->begin_write();
    const auto waited = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kConflict) << r.error().describe();
    EXPECT_GE(waited, std::chrono::milliseconds(4'500));  // it queued for the timeout instead of failing at once
    ASSERT_TRUE(holder->append(Event(1)).has_value());
    ASSERT_TRUE(holder->commit().has_value());
  }
  // Once the first writer is done, the second may write, from the head the first committed.
  auto tx = Begin(*second);
  ASSERT_NE(tx, nullptr);
  EXPECT_EQ(tx->head(), (Head{1, Event(1).hash}));
}

TEST(PostgresStoreTransaction, BeginWriteWhileAnotherConnectionWritesWaitsAndIsAConflictWhenTheWaitIsCancelled) {
  // postgres_store.cpp waits for the head lock up to its 30 s lock_timeout; here the second connection's statements
  // are cancelled after 1 s (statement_timeout), so the test shows quickly that the second writer queues behind the
  // first instead of slipping past it, and that giving up is reported as a conflict.
  TestDatabase db(Backend::kPostgres);
  if (!db.available()) GTEST_SKIP() << db.unavailable_reason();
  auto first = Open(db.location(), OpenMode::kCreate);
  auto second = Open(db.location() + "?options=-c%20statement_timeout%3D1000", OpenMode::kExisting);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  {
    auto holder = Begin(*first);
    ASSERT_NE(holder, nullptr);
    const auto start = std::chrono::steady_clock::now();
    const auto r = second->begin_write();
    const auto waited = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kConflict) << r.error().describe();
    EXPECT_GE(waited, std::chrono::milliseconds(900));  // it queued until cancelled instead of failing at once
    ASSERT_TRUE(holder->append(Event(1)).has_value());
    ASSERT_TRUE(holder->commit().has_value());
  }
  // Once the first writer is done, the second may write, from the head the first committed.
  auto tx = Begin(*second);
  ASSERT_NE(tx, nullptr);
  EXPECT_EQ(tx->head(), (Head{1, Event(1).hash}));
}

// ---- Journal scans ----

TEST_P(StoreScanJournal, VisitsTheInclusiveRangeInOrder) {
  auto store = Open(location(), OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  AppendCommitted(*store, 5);
  EXPECT_EQ(ScanSeqs(*store, 2, 4), (std::vector<std::int64_t>{2, 3, 4}));
  EXPECT_EQ(ScanSeqs(*store, 1, 5), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(ScanSeqs(*store, 0, 1'000), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(ScanSeqs(*store, 5, 5), (std::vector<std::int64_t>{5}));
  EXPECT_EQ(ScanSeqs(*store, 4, 2), std::vector<std::int64_t>{});
  EXPECT_EQ(ScanSeqs(*store, 6, 10), std::vector<std::int64_t>{});
}

TEST_P(StoreScanJournal, StopsWhenTheVisitorReturnsFalse) {
  auto store = Open(location(), OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  AppendCommitted(*store, 5);
  std::vector<std::int64_t> seen;
  const auto r = store->scan_journal(1, 5, [&](const StoredEvent& e) {
    seen.push_back(e.seq);
    return e.seq < 2;
  });
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2}));
}

TEST_P(StoreScanJournal, EmptyJournalVisitsNothing) {
  auto store = Open(location(), OpenMode::kCreate);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(ScanSeqs(*store, 0, 100).empty());
}

// ---- Projection rows ----

class StoreRows : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store_ = Open(location(), OpenMode::kCreate);
    ASSERT_NE(store_, nullptr);
    auto tx = Begin(*store_);
    ASSERT_NE(tx, nullptr);
    // Written out of order on purpose.
    for (const ProjectionRow& row : kRows) ASSERT_TRUE(tx->put_row(row).has_value());
    ASSERT_TRUE(tx->commit().has_value());
  }

  const std::vector<ProjectionRow> kRows = {
      {"item", "C-2", "{2}"}, {"balance", "KZBK/E", "{b}"}, {"item", "C-10", "{10}"},
      {"item", "C-1", "{1}"}, {"user", "admin", "{u}"},     {"balance", "KZBK/D", "{d}"},
  };
  std::unique_ptr<Store> store_;
};

TEST_P(StoreRows, ScanOfAllKindsIsOrderedByKindThenKey) {
  // Keys compare as bytes: "C-1" < "C-10" < "C-2".
  EXPECT_EQ(ScanRows(*store_, ""), (std::vector<ProjectionRow>{{"balance", "KZBK/D", "{d}"},
                                                               {"balance", "KZBK/E", "{b}"},
                                                               {"item", "C-1", "{1}"},
                                                               {"item", "C-10", "{10}"},
                                                               {"item", "C-2", "{2}"},
                                                               {"user", "admin", "{u}"}}));
}

TEST_P(StoreRows, ScanOfOneKindReturnsOnlyThatKindOrderedByKey) {
  EXPECT_EQ(ScanRows(*store_, "item"),
            (std::vector<ProjectionRow>{{"item", "C-1", "{1}"}, {"item", "C-10", "{10}"}, {"item", "C-2", "{2}"}}));
  EXPECT_EQ(ScanRows(*store_, "user"), (std::vector<ProjectionRow>{{"user", "admin", "{u}"}}));
  EXPECT_TRUE(ScanRows(*store_, "seal").empty());
}

TEST_P(StoreRows, ScanStopsWhenTheVisitorReturnsFalse) {
  int visited = 0;
  ASSERT_TRUE(store_->scan_rows("", [&](const ProjectionRow&) { return ++visited < 3; }).has_value());
  EXPECT_EQ(visited, 3);
}

TEST_P(StoreRows, GetRowFindsByKindAndKey) {
  EXPECT_EQ(Found(store_->get_row("item", "C-10")), (std::optional<ProjectionRow>{{"item", "C-10", "{10}"}}));
  EXPECT_EQ(Found(store_->get_row("item", "C-3")), std::optional<ProjectionRow>());
  EXPECT_EQ(Found(store_->get_row("balance", "C-1")), std::optional<ProjectionRow>());  // key of another kind
}

TEST_P(StoreRows, PutRowReplacesTheDocumentOfAnExistingKey) {
  auto tx = Begin(*store_);
  ASSERT_NE(tx, nullptr);
  ASSERT_TRUE(tx->put_row({"item", "C-1", "{new}"}).has_value());
  // The transaction sees its own write before commit.
  EXPECT_EQ(Found(tx->get_row("item", "C-1")), (std::optional<ProjectionRow>{{"item", "C-1", "{new}"}}));
  ASSERT_TRUE(tx->commit().has_value());
  EXPECT_EQ(Found(store_->get_row("item", "C-1")), (std::optional<ProjectionRow>{{"item", "C-1", "{new}"}}));
  EXPECT_EQ(ScanRows(*store_, "item").size(), 3u);
}

TEST_P(StoreRows, EraseRowRemovesOnlyThatRow) {
  auto tx = Begin(*store_);
  ASSERT_NE(tx, nullptr);
  ASSERT_TRUE(tx->erase_row("item", "C-10").has_value());
  ASSERT_TRUE(tx->erase_row("item", "no-such-key").has_value());  // erasing nothing is not an error
  ASSERT_TRUE(tx->commit().has_value());
  EXPECT_EQ(Found(store_->get_row("item", "C-10")), std::optional<ProjectionRow>());
  EXPECT_EQ(ScanRows(*store_, "").size(), kRows.size() - 1);
}

TEST_P(StoreRows, ClearRowsRemovesEveryRowButNoEvent) {
  AppendCommitted(*store_, 2);
  auto tx = Begin(*store_);
  ASSERT_NE(tx, nullptr);
  ASSERT_TRUE(tx->clear_rows().has_value());
  EXPECT_EQ(Found(tx->get_row("item", "C-1")), std::optional<ProjectionRow>());
  ASSERT_TRUE(tx->put_row({"item", "C-9", "{9}"}).has_value());  // rebuild writes inside the same transaction
  ASSERT_TRUE(tx->commit().has_value());
  EXPECT_EQ(ScanRows(*store_, ""), (std::vector<ProjectionRow>{{"item", "C-9", "{9}"}}));
  EXPECT_EQ(store_->journal_count(), 2);
  EXPECT_EQ(store_->head().value().seq, 2);
}

TEST_P(StoreRows, ClearRowsWithoutCommitKeepsTheRows) {
  {
    auto tx = Begin(*store_);
    ASSERT_NE(tx, nullptr);
    ASSERT_TRUE(tx->clear_rows().has_value());
  }
  EXPECT_EQ(ScanRows(*store_, "").size(), kRows.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreOpen, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, StoreAppend, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, StoreTransaction, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, StoreScanJournal, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);
INSTANTIATE_TEST_SUITE_P(Backends, StoreRows, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
