// A thin RAII layer over the SQLite C API, private to store/.
//
// Statement wraps a prepared statement; bind() counts from 1; step() returns
// true while a row is available. Errors come back as kStorage with SQLite's
// message and the operation that failed.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace leu::sqlite {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql);
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_), sql_(std::move(o.sql_)) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  bool ok() const { return stmt_ != nullptr; }
  Statement& bind(int index, std::int64_t v);
  // The text is not copied: it must stay alive until the statement has been stepped.
  Statement& bind(int index, std::string_view v);
  // Runs one step: true with a row, false when done. Errors as kStorage.
  Result<bool> step();
  // Steps to completion, then resets for reuse.
  Result<void> run();
  void reset();
  std::int64_t int64(int column) const;
  std::string text(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

// kStorage error naming the operation and SQLite's message for `db`.
Error storage_error(sqlite3* db, std::string_view operation);
// Executes SQL without results (one or more statements).
Result<void> exec(sqlite3* db, std::string_view sql);

}  // namespace leu::sqlite
