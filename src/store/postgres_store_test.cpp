// The PostgreSQL store's refusals: an unreachable server, wrong credentials, a
// database of another application, a schema newer than the program — each a
// clear message naming the URL without its password, and nothing written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <pqxx/pqxx>

#include "store/postgres_store.hpp"
#include "store/store.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TestDatabase;

class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
  }
  // Number of tables outside the system schemas.
  std::int64_t table_count(const std::string& url) {
    pqxx::connection c(url);
    pqxx::nontransaction tx(c);
    return tx.exec("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")[0][0]
        .as<std::int64_t>();
  }
  TestDatabase db_{Backend::kPostgres};
};

TEST(RedactUrl, RemovesThePasswordAndKeepsTheRest) {
  EXPECT_EQ(redact_url("postgresql://bank:s3cret@db.example:5432/books"), "postgresql://bank@db.example:5432/books");
  EXPECT_EQ(redact_url("postgresql://bank@db.example:5432/books"), "postgresql://bank@db.example:5432/books");
  EXPECT_EQ(redact_url("postgresql://db.example:5432/books"), "postgresql://db.example:5432/books");
}

TEST(PostgresUnreachable, IsAStorageErrorNamingTheUrlWithoutPassword) {
  auto store = open_store("postgresql://bank:s3cret@127.0.0.1:1/books", OpenMode::kExisting);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kStorage);
  EXPECT_THAT(store.error().message, HasSubstr("cannot connect to postgresql://bank@127.0.0.1:1/books"));
  EXPECT_THAT(store.error().message, Not(HasSubstr("s3cret")));
}

TEST_F(PostgresStore, WrongCredentialsAreRefusedWithoutShowingThePassword) {
  const std::string url = db_.location();
  const auto colon = url.find(':', url.find("://") + 3), at = url.find('@');
  const std::string wrong = url.substr(0, colon + 1) + "not-the-password" + url.substr(at);
  auto store = open_store(wrong, OpenMode::kExisting);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(store.error().message, HasSubstr("password authentication failed"));
  EXPECT_THAT(store.error().message, HasSubstr(redact_url(url)));
  EXPECT_THAT(store.error().message, Not(HasSubstr("not-the-password")));
}

TEST_F(PostgresStore, ADatabaseThatDoesNotExistIsNotFound) {
  const std::string url = db_.location() + "_missing";
  auto store = open_store(url, OpenMode::kExisting);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(store.error().message, HasSubstr(redact_url(url)));
}

TEST_F(PostgresStore, ADatabaseOfAnotherApplicationIsRefusedAndLeftAlone) {
  {
    pqxx::connection c(db_.location());
    pqxx::work tx(c);
    tx.exec("CREATE TABLE invoices (id integer PRIMARY KEY)");
    tx.commit();
  }
  for (OpenMode mode : {OpenMode::kExisting, OpenMode::kCreate}) {
    auto store = open_store(db_.location(), mode);
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, ErrorCode::kInvalidInput);
    EXPECT_THAT(store.error().message, HasSubstr("is not a leubank database"));
    EXPECT_THAT(store.error().message, HasSubstr("another application"));
  }
  EXPECT_EQ(table_count(db_.location()), 1);
}

TEST_F(PostgresStore, AnEmptyDatabaseMustBeInitialisedFirst) {
  auto store = open_store(db_.location(), OpenMode::kExisting);
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("run 'leubank init'"));
  EXPECT_EQ(table_count(db_.location()), 0);
}

TEST_F(PostgresStore, ASchemaNewerThanTheProgramIsRefused) {
  ASSERT_TRUE(open_store(db_.location(), OpenMode::kCreate));
  {
    pqxx::connection c(db_.location());
    pqxx::work tx(c);
    tx.exec("UPDATE leubank_meta SET value = '99' WHERE key = 'schema_version'");
    tx.commit();
  }
  auto store = open_store(db_.location(), OpenMode::kExisting);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(store.error().message,
              HasSubstr("schema version 99, newer than this program's " + std::to_string(kPostgresSchemaVersion)));
}

TEST_F(PostgresStore, CreatingOverAnExistingJournalIsRefused) {
  ASSERT_TRUE(open_store(db_.location(), OpenMode::kCreate));
  auto again = open_store(db_.location(), OpenMode::kCreate);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace leu
