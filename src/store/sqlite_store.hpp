// The SQLite implementation of Store (private to store/; use open_store()).
//
// One file: WAL journal mode, synchronous=FULL (a committed transaction survives
// power loss), foreign keys on, a 5 s busy timeout. The file is marked as ours by
// PRAGMA application_id and carries its schema version in PRAGMA user_version;
// migrations bring older files forward on open. Write transactions are
// BEGIN IMMEDIATE, so writers queue instead of failing half-way.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace leu {

// "LEUB" in ASCII: PRAGMA application_id of every leubank SQLite file.
inline constexpr int kSqliteApplicationId = 0x4C455542;
// The schema version this program writes; files with a higher version are refused.
inline constexpr int kSqliteSchemaVersion = 4;

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, OpenMode mode);

}  // namespace leu
