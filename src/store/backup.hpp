// Backups of a whole database, and restoring them.
//
// SQLite: the online backup API copies a consistent snapshot of the live file
// (writers may go on) into a new SQLite file. PostgreSQL: pg_dump in its custom
// format, and pg_restore into an empty database in a single transaction. The
// password of a URL is passed to the tools in PGPASSWORD, never on a command line.
// A backup file says what it is by its first bytes ("SQLite format 3" or
// "PGDMP"); restoring one into the other kind of database is refused (use
// `leubank migrate` to move between kinds).
//
// These functions copy bytes; the caller verifies the journal of the result.
//
//   backup_database("var/bank.db", "var/bank-2026-11-28.backup");
//   restore_database("var/bank-2026-11-28.backup", "var/restored.db");
#pragma once

#include <string>

#include "domain/error.hpp"

namespace leu {

enum class BackupKind { kSqlite, kPostgresDump };

// Errors: kConflict when `file` exists; kStorage when the copy fails.
Result<BackupKind> backup_database(const std::string& location, const std::string& file);

// Errors: kNotFound (no file), kInvalidInput (not a backup, or of the other kind),
// kConflict (the target exists or is not empty), kStorage (the copy fails).
Result<BackupKind> restore_database(const std::string& file, const std::string& location);

}  // namespace leu
