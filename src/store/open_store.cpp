#include "store/postgres_store.hpp"
#include "store/sqlite_store.hpp"
#include "store/store.hpp"

namespace leu {

Result<std::unique_ptr<Store>> open_store(const std::string& location, OpenMode mode) {
  constexpr std::string_view kSqlitePrefix = "sqlite:";
  if (location.empty()) return fail(ErrorCode::kUsage, "db", "no database location given");
  if (location.starts_with(kSqlitePrefix)) return open_sqlite_store(location.substr(kSqlitePrefix.size()), mode);
  if (location.starts_with("postgresql://") || location.starts_with("postgres://"))
    return open_postgres_store(location, mode);
  if (location.find("://") != std::string::npos)
    return fail(ErrorCode::kInvalidInput, "db", "'" + location + "' names a database kind this build does not support");
  return open_sqlite_store(location, mode);
}

}  // namespace leu
