// The PostgreSQL implementation of Store (private to store/; use open_store()).
//
// Selected by a connection URL (postgresql://user[:password]@host:port/db). The
// database must exist; OpenMode::kCreate installs leubank's tables in an empty
// one. Tables: leubank_meta (application and schema version), journal, head,
// projection (keys in the "C" collation, so rows order by bytes as on SQLite).
//
// One chain under concurrent writers: every write transaction starts by locking
// the head row (SELECT ... FOR UPDATE), so appends from any number of processes
// are serialised and each sees the head the previous one committed — no fork,
// no gap, no lost event. Reads run in REPEATABLE READ snapshots and stream the
// journal in pages, so memory stays bounded however long the journal is.
//
// Messages name the database by its URL without the password.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace leu {

// The schema version this program writes; databases with a higher one are refused.
inline constexpr int kPostgresSchemaVersion = 4;

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url, OpenMode mode);

// Fails (kConflict) unless the database at `url` holds no tables at all.
Result<void> check_postgres_database_empty(const std::string& url);

// The URL with any password removed: postgresql://user@host:5432/db.
std::string redact_url(const std::string& url);

}  // namespace leu
