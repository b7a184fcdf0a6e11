// Test support: a fresh, empty database on either backend, dropped afterwards.
//
// SQLite: a file in a TempDir. PostgreSQL: a new database on the server named by
// $LEUBANK_TEST_PG (an admin URL; `make test` starts a throwaway cluster and sets
// it). When that variable is not set, PostgreSQL is "unavailable" and tests
// must skip saying so, never pass silently.
//
//   class StoreTest : public ::testing::TestWithParam<Backend> {};
//   TEST_P(StoreTest, ...) {
//     TestDatabase db(GetParam());
//     if (!db.available()) GTEST_SKIP() << db.unavailable_reason();
//     auto store = open_store(db.location(), OpenMode::kCreate);
//   }
//   INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(all_backends()), backend_test_name);
#pragma once

#include <string>
#include <vector>

#include "testing/temp_dir.hpp"

namespace leu::testing {

enum class Backend { kSqlite, kPostgres };

std::vector<Backend> all_backends();
std::string backend_name(Backend b);  // "Sqlite" | "Postgres"
// For INSTANTIATE_TEST_SUITE_P: names the instance after its backend.
template <class Info>
std::string backend_test_name(const Info& info) {
  return backend_name(info.param);
}

class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool available() const { return !location_.empty(); }
  std::string unavailable_reason() const { return reason_; }
  // A location for open_store(): a file path or a postgresql:// URL.
  const std::string& location() const { return location_; }
  // Another empty database on the same backend (e.g. a migration target).
  std::string another(const std::string& name);

 private:
  std::string create_pg_database(const std::string& name);

  Backend backend_;
  TempDir dir_;
  std::string admin_url_;
  std::string location_;
  std::string reason_;
  std::vector<std::string> pg_databases_;
};

}  // namespace leu::testing
