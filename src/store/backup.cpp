#include "store/backup.hpp"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "store/postgres_store.hpp"
#include "store/store.hpp"

extern char** environ;

namespace leu {
namespace {

bool is_postgres(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string sqlite_path(const std::string& location) {
  return location.starts_with("sqlite:") ? location.substr(7) : location;
}

// Copies the whole database `from` into `to` with SQLite's online backup API.
Result<void> sqlite_copy(const std::string& from, const std::string& to, const std::string& what) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  const auto close = [&] {
    sqlite3_close_v2(src);
    sqlite3_close_v2(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string msg = sqlite3_errmsg(src ? (dst ? dst : src) : nullptr);
    close();
    return fail(ErrorCode::kStorage, "file", what + " failed: " + msg);
  }
  sqlite3_busy_timeout(src, 5000);
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  int rc = b ? SQLITE_OK : SQLITE_ERROR;
  if (b) {
    while ((rc = sqlite3_backup_step(b, 1024)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
      sqlite3_sleep(5);
    sqlite3_backup_finish(b);
  }
  const std::string msg = sqlite3_errmsg(dst);
  close();
  if (rc != SQLITE_DONE) {
    std::error_code ec;
    std::filesystem::remove(to, ec);
    return fail(ErrorCode::kStorage, "file", what + " failed: " + msg);
  }
  return {};
}

// Splits a URL into the URL without password and the password ("" if none).
std::pair<std::string, std::string> split_password(const std::string& url) {
  const std::string redacted = redact_url(url);
  if (redacted == url) return {url, ""};
  const auto scheme = url.find("://");
  const auto colon = url.find(':', scheme + 3);
  const auto at = url.find('@', scheme + 3);
  return {redacted, url.substr(colon + 1, at - colon - 1)};
}

// Runs a PostgreSQL client tool with the password in the environment.
Result<void> run_tool(const std::vector<std::string>& args, const std::string& password, const std::string& what) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e)
    if (!std::string_view(*e).starts_with("PGPASSWORD=")) env_strings.emplace_back(*e);
  if (!password.empty()) env_strings.push_back("PGPASSWORD=" + password);
  std::vector<char*> env, argv;
  for (auto& s : env_strings) env.push_back(s.data());
  env.push_back(nullptr);
  std::vector<std::string> arg_copy = args;
  for (auto& a : arg_copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), env.data()) != 0)
    return fail(ErrorCode::kStorage, "",
                what + " failed: cannot run " + args[0] + " (is postgresql-client installed?)");
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return fail(ErrorCode::kStorage, "",
                what + " failed: " + args[0] + " exited with status " +
                    std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  return {};
}

Result<BackupKind> kind_of(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::kNotFound, "file", "no backup file '" + file + "'");
  char head[16] = {};
  in.read(head, sizeof head);
  const std::string_view h(head, static_cast<std::size_t>(in.gcount()));
  if (h.starts_with(std::string_view("SQLite format 3\0", 16))) return BackupKind::kSqlite;
  if (h.starts_with("PGDMP")) return BackupKind::kPostgresDump;
  return invalid("file", "'" + file + "' is neither an SQLite backup nor a pg_dump archive");
}

}  // namespace

Result<BackupKind> backup_database(const std::string& location, const std::string& file) {
  if (std::filesystem::exists(file))
    return fail(ErrorCode::kConflict, "file", "'" + file + "' already exists; refusing to overwrite it");
  {
    // Refuse what is not a leubank database before copying anything.
    auto store = open_store(location, OpenMode::kExisting);
    if (!store) return std::unexpected(store.error());
  }
  if (is_postgres(location)) {
    const auto [url, password] = split_password(location);
    LEU_RETURN_IF_ERROR(run_tool({"pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + url},
                                 password, "pg_dump of " + url));
    return BackupKind::kPostgresDump;
  }
  LEU_RETURN_IF_ERROR(sqlite_copy(sqlite_path(location), file, "backup of " + location));
  return BackupKind::kSqlite;
}

Result<BackupKind> restore_database(const std::string& file, const std::string& location) {
  auto kind = kind_of(file);
  if (!kind) return std::unexpected(kind.error());
  if (*kind == BackupKind::kPostgresDump) {
    if (!is_postgres(location))
      return invalid("db", "'" + file +
                               "' is a PostgreSQL dump; restore it into a postgresql:// database, or use "
                               "'leubank migrate' to move between kinds");
    LEU_RETURN_IF_ERROR(check_postgres_database_empty(location));
    const auto [url, password] = split_password(location);
    LEU_RETURN_IF_ERROR(
        run_tool({"pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname=" + url, file},
                 password, "pg_restore into " + url));
    return *kind;
  }
  if (is_postgres(location))
    return invalid("db", "'" + file +
                             "' is an SQLite backup; restore it into a file, or use 'leubank migrate' to "
                             "move between kinds");
  const std::string path = sqlite_path(location);
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) > 0)
    return fail(ErrorCode::kConflict, "db", "'" + path + "' already exists; refusing to overwrite it");
  LEU_RETURN_IF_ERROR(sqlite_copy(file, path, "restore into " + path));
  return *kind;
}

}  // namespace leu
