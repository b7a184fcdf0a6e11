// The access log's (action, seq) index, on both backends: last_access() finds the newest entry of an action by
// seeking it (the query plan names the index, so the cost does not grow with the log), and a database of schema
// version 3, which has no index, gains it on open with every entry kept.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "store/postgres_store.hpp"
#include "store/sqlite_store.hpp"
#include "store/store.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;

constexpr int kEntries = 5'000;  // reads of another action around the one verification

class AccessIndex : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    Open(OpenMode::kCreate);
  }

  void Open(OpenMode mode) {
    store_.reset();
    auto s = open_store(db_.location(), mode);
    ASSERT_TRUE(s.has_value()) << s.error().describe();
    store_ = std::move(*s);
  }

  bool sqlite() const { return GetParam() == Backend::kSqlite; }

  // Runs SQL directly on the database, from another connection; every row of the answer's first column, one a line.
  std::string Raw(const std::string& sql) {
    std::string out;
    if (sqlite()) {
      sqlite3* db = nullptr;
      sqlite3_open(db_.location().c_str(), &db);
      char* error = nullptr;
      const int rc = sqlite3_exec(
          db, sql.c_str(),
          [](void* text, int columns, char** values, char**) {
            // EXPLAIN QUERY PLAN puts the step's description in its last column.
            const char* v = values[columns - 1];
            *static_cast<std::string*>(text) += std::string(v ? v : "") + "\n";
            return 0;
          },
          &out, &error);
      EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
      sqlite3_free(error);
      sqlite3_close(db);
      return out;
    }
    pqxx::connection c(db_.location());
    pqxx::work w(c);
    for (const auto& row : w.exec(sql)) out += (row[0].is_null() ? "" : row[0].as<std::string>()) + "\n";
    w.commit();
    return out;
  }

  // kEntries reads of "GET /api/v1/journal" numbered 1..kEntries, then one "verify" entry and one more read.
  void FillLog() {
    const std::string n = std::to_string(kEntries);
    if (sqlite())
      Raw("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < " + n +
          ") INSERT INTO access_log (seq, time, actor, action, target) "
          "SELECT n, '2026-11-28T12:00:00.000000Z', 'olga', 'GET /api/v1/journal', '/api/v1/journal' FROM g");
    else
      Raw("INSERT INTO access_log (seq, time, actor, action, target) "
          "SELECT g, '2026-11-28T12:00:00.000000Z', 'olga', 'GET /api/v1/journal', '/api/v1/journal' "
          "FROM generate_series(1, " +
          n + ") g");
    ASSERT_EQ(Append({0, "2026-11-28T12:05:00.000000Z", "audrey", "verify", R"({"ok":true})"}), kEntries + 1);
    ASSERT_EQ(Append({0, "2026-11-28T12:06:00.000000Z", "olga", "GET /api/v1/journal", "/api/v1/journal"}),
              kEntries + 2);
  }

  std::int64_t Append(const AccessRecord& r) {
    auto seq = store_->append_access(r);
    EXPECT_TRUE(seq.has_value()) << seq.error().describe();
    return seq.value_or(0);
  }

  std::optional<AccessRecord> Last(const std::string& action) {
    auto last = store_->last_access(action);
    EXPECT_TRUE(last.has_value()) << last.error().describe();
    return last.value_or(std::nullopt);
  }

  bool HasIndex() {
    return Raw(sqlite()
                   ? "SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'access_log_action'"
                   : "SELECT indexname FROM pg_indexes WHERE indexname = 'access_log_action'") == "access_log_action\n";
  }

  TestDatabase db_{GetParam()};
  std::unique_ptr<Store> store_;
};

TEST_P(AccessIndex, NoEntryOfAnActionIsNone) {
  EXPECT_EQ(Last("verify"), std::nullopt);
  Append({0, "2026-11-28T12:00:00.000000Z", "olga", "GET /api/v1/journal", "/api/v1/journal"});
  EXPECT_EQ(Last("verify"), std::nullopt);
}

TEST_P(AccessIndex, TheNewestEntryOfTheActionIsFoundAmongThousandsOfOthers) {
  FillLog();
  ASSERT_EQ(Append({0, "2026-11-28T12:07:00.000000Z", "ingrid", "verify", R"({"ok":false})"}), kEntries + 3);
  EXPECT_EQ(Last("verify"), (std::optional<AccessRecord>{
                                {kEntries + 3, "2026-11-28T12:07:00.000000Z", "ingrid", "verify", R"({"ok":false})"}}));
  EXPECT_EQ(Last("GET /api/v1/journal").value().seq, kEntries + 2);
}

TEST_P(AccessIndex, TheLookupSeeksTheActionIndexInsteadOfScanningTheLog) {
  FillLog();
  std::string plan;
  if (sqlite()) {
    Raw("ANALYZE");
    plan =
        Raw("EXPLAIN QUERY PLAN SELECT seq, time, actor, action, target FROM access_log WHERE action = 'verify' "
            "ORDER BY seq DESC LIMIT 1");
  } else {
    Raw("ANALYZE access_log");
    plan =
        Raw("EXPLAIN SELECT seq, time, actor, action, target FROM access_log WHERE action = 'verify' "
            "ORDER BY seq DESC LIMIT 1");
  }
  EXPECT_NE(plan.find("access_log_action"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN access_log"), std::string::npos) << plan;  // SQLite's full scan
  EXPECT_EQ(plan.find("Seq Scan"), std::string::npos) << plan;         // PostgreSQL's
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;      // no sort: the index gives the order
  EXPECT_EQ(plan.find("Sort"), std::string::npos) << plan;
}

TEST_P(AccessIndex, ADatabaseOfSchemaVersion3GainsTheIndexOnOpenAndKeepsItsEntries) {
  Append({0, "2026-11-28T12:00:00.000000Z", "olga", "GET /api/v1/journal", "/api/v1/journal"});
  Append({0, "2026-11-28T12:05:00.000000Z", "audrey", "verify", R"({"ok":true})"});
  store_.reset();
  // Back to what version 3 wrote: no index, version 3 recorded.
  Raw(sqlite() ? "DROP INDEX access_log_action; PRAGMA user_version = 3"
               : "DROP INDEX access_log_action; UPDATE leubank_meta SET value = '3' WHERE key = 'schema_version'");
  ASSERT_FALSE(HasIndex());

  Open(OpenMode::kExisting);
  EXPECT_TRUE(HasIndex());
  EXPECT_EQ(Raw(sqlite() ? "PRAGMA user_version" : "SELECT value FROM leubank_meta WHERE key = 'schema_version'"),
            std::to_string(sqlite() ? kSqliteSchemaVersion : kPostgresSchemaVersion) + "\n");
  EXPECT_EQ(Last("verify"),
            (std::optional<AccessRecord>{{2, "2026-11-28T12:05:00.000000Z", "audrey", "verify", R"({"ok":true})"}}));
  EXPECT_EQ(Append({0, "2026-11-28T12:06:00.000000Z", "olga", "verify", R"({"ok":true})"}), 3);
  EXPECT_EQ(Last("verify").value().actor, "olga");
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessIndex, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
