// Tests for what the store keeps beside the journal, on both backends: credentials (written in a journal
// transaction, untouched by clear_rows) and the access log (numbered, append-only in the database itself).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;

class StoreBeside : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    auto s = open_store(db_.location(), OpenMode::kCreate);
    ASSERT_TRUE(s.has_value()) << s.error().describe();
    store_ = std::move(*s);
  }

  // Runs SQL directly on the database, as a person with the file or the server would; false if refused.
  bool RawExec(const std::string& sql) {
    if (GetParam() == Backend::kSqlite) {
      sqlite3* db = nullptr;
      sqlite3_open(db_.location().c_str(), &db);
      const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
      sqlite3_close(db);
      return rc == SQLITE_OK;
    }
    try {
      pqxx::connection c(db_.location());
      pqxx::work w(c);
      w.exec(sql);
      w.commit();
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }

  std::vector<AccessRecord> Log() {
    std::vector<AccessRecord> out;
    const auto r = store_->scan_access(1, [&](const AccessRecord& a) {
      out.push_back(a);
      return true;
    });
    EXPECT_TRUE(r.has_value()) << r.error().describe();
    return out;
  }

  TestDatabase db_{GetParam()};
  std::unique_ptr<Store> store_;
};

TEST_P(StoreBeside, CredentialIsWrittenWithTheTransactionAndReadBack) {
  auto tx = store_->begin_write();
  ASSERT_TRUE(tx.has_value());
  ASSERT_TRUE((*tx)->put_credential({"password", "olga", R"({"hash":"x"})"}).has_value());
  ASSERT_TRUE((*tx)->put_credential({"password", "olga", R"({"hash":"y"})"}).has_value());  // replaces
  ASSERT_TRUE((*tx)->commit().has_value());
  const auto got = store_->get_credential("password", "olga");
  ASSERT_TRUE(got.has_value());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->doc, R"({"hash":"y"})");
  EXPECT_EQ(store_->get_credential("password", "nobody").value(), std::nullopt);
  EXPECT_EQ(store_->get_credential("token", "olga").value(), std::nullopt);  // kinds are separate
}

TEST_P(StoreBeside, CredentialOfARolledBackTransactionIsGone) {
  {
    auto tx = store_->begin_write();
    ASSERT_TRUE(tx.has_value());
    ASSERT_TRUE((*tx)->put_credential({"password", "olga", "{}"}).has_value());
  }  // destroyed without commit
  EXPECT_EQ(store_->get_credential("password", "olga").value(), std::nullopt);
}

TEST_P(StoreBeside, ClearRowsKeepsCredentialsAndScanIsOrderedByKey) {
  auto tx = store_->begin_write();
  ASSERT_TRUE(tx.has_value());
  for (const char* key : {"c", "a", "b"}) ASSERT_TRUE((*tx)->put_credential({"token", key, "{}"}).has_value());
  ASSERT_TRUE((*tx)->clear_rows().has_value());
  ASSERT_TRUE((*tx)->commit().has_value());
  std::vector<std::string> keys;
  ASSERT_TRUE(store_
                  ->scan_credentials("token",
                                     [&](const ProjectionRow& r) {
                                       keys.push_back(r.key);
                                       return true;
                                     })
                  .has_value());
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b", "c"}));
}

TEST_P(StoreBeside, AccessLogIsNumberedFromOneInOrder) {
  EXPECT_EQ(store_->append_access({0, "2026-11-28T10:00:00Z", "ingrid", "GET /api/v1/journal", "journal"}), 1);
  EXPECT_EQ(store_->append_access({0, "2026-11-28T10:00:01Z", "samir", "GET /api/v1/requests/R1", "request/R1"}), 2);
  const auto log = Log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0], (AccessRecord{1, "2026-11-28T10:00:00Z", "ingrid", "GET /api/v1/journal", "journal"}));
  EXPECT_EQ(log[1].seq, 2);
  EXPECT_EQ(log[1].target, "request/R1");
}

TEST_P(StoreBeside, AccessLogRefusesUpdateAndDeleteInTheDatabaseItself) {
  ASSERT_EQ(store_->append_access({0, "2026-11-28T10:00:00Z", "ingrid", "GET /api/v1/journal", "journal"}), 1);
  EXPECT_FALSE(RawExec("UPDATE access_log SET actor = 'nobody'"));
  EXPECT_FALSE(RawExec("DELETE FROM access_log"));
  const auto log = Log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].actor, "ingrid");
  EXPECT_TRUE(RawExec("SELECT count(*) FROM access_log"));  // the refusals above were not for want of access
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreBeside, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
