#include "testing/test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <pqxx/pqxx>

namespace leu::testing {

std::vector<Backend> all_backends() { return {Backend::kSqlite, Backend::kPostgres}; }

std::string backend_name(Backend b) { return b == Backend::kSqlite ? "Sqlite" : "Postgres"; }

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::kSqlite) {
    location_ = dir_.path("test.db");
    return;
  }
  const char* url = std::getenv("LEUBANK_TEST_PG");
  if (!url || !*url) {
    reason_ = "PostgreSQL not available: LEUBANK_TEST_PG is not set (make test starts a cluster and sets it)";
    return;
  }
  admin_url_ = url;
  location_ = create_pg_database("main");
}

std::string TestDatabase::create_pg_database(const std::string& name) {
  static std::atomic<int> counter{0};
  const std::string db = "leubank_t" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + name;
  pqxx::connection conn(admin_url_);
  pqxx::nontransaction tx(conn);
  tx.exec("CREATE DATABASE " + tx.quote_name(db));
  pg_databases_.push_back(db);
  // The admin URL names the maintenance database at its end: swap in ours.
  const auto slash = admin_url_.rfind('/');
  return admin_url_.substr(0, slash + 1) + db;
}

std::string TestDatabase::another(const std::string& name) {
  if (backend_ == Backend::kSqlite) return dir_.path(name + ".db");
  return create_pg_database(name);
}

TestDatabase::~TestDatabase() {
  if (pg_databases_.empty()) return;
  try {
    pqxx::connection conn(admin_url_);
    pqxx::nontransaction tx(conn);
    for (const auto& db : pg_databases_) tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(db) + " WITH (FORCE)");
  } catch (...) {
    // A database left behind dies with the throwaway cluster.
  }
}

}  // namespace leu::testing
