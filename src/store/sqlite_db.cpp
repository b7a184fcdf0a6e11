#include "store/sqlite_db.hpp"

#include <cassert>

namespace leu::sqlite {

Error storage_error(sqlite3* db, std::string_view operation) {
  const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  std::string message = std::string(operation) + " failed: " + (db ? sqlite3_errmsg(db) : "no database") +
                        " (SQLite code " + std::to_string(code) + ")";
  const int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return Error{ErrorCode::kConflict, "", message + "; another writer holds the database"};
  if (primary == SQLITE_NOTADB)
    return Error{ErrorCode::kInvalidInput, "db", "the file is not a leubank database (not SQLite)"};
  return Error{ErrorCode::kStorage, "", message};
}

Result<void> exec(sqlite3* db, std::string_view sql) {
  char* err = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    return std::unexpected(storage_error(db, "executing '" + text.substr(0, 60) + "'"));
  }
  return {};
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db), sql_(sql) {
  if (sqlite3_prepare_v3(db, sql_.c_str(), static_cast<int>(sql_.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
      SQLITE_OK)
    stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    sql_ = std::move(o.sql_);
    o.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t v) {
  sqlite3_bind_int64(stmt_, index, v);
  return *this;
}

Statement& Statement::bind(int index, std::string_view v) {
  // SQLITE_STATIC: no copy; the caller keeps `v` alive until the statement is stepped (every use binds and
  // runs in one expression).
  sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}

Result<bool> Statement::step() {
  if (!stmt_) return std::unexpected(storage_error(db_, "preparing '" + sql_.substr(0, 60) + "'"));
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  auto err = storage_error(db_, "running '" + sql_.substr(0, 60) + "'");
  sqlite3_reset(stmt_);
  return std::unexpected(err);
}

Result<void> Statement::run() {
  for (;;) {
    auto more = step();
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
  }
  reset();
  return {};
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

}  // namespace leu::sqlite
