// migrate, backup, restore: moving and copying whole databases.
#include <iostream>

#include <fmt/format.h>

#include "cli/context.hpp"
#include "cli/render.hpp"
#include "ledger/migrate.hpp"
#include "store/backup.hpp"

namespace leu::cli {
namespace {

struct Args {
  std::string from, to, file;
};

// Opens `location` and verifies its journal, printing the report.
Result<void> verify_location(Context& ctx, const std::string& location) {
  auto store = open_store(location, OpenMode::kExisting);
  if (!store) return std::unexpected(store.error());
  Journal journal(**store, ctx.clock);
  auto report = journal.verify();
  if (!report) return std::unexpected(report.error());
  print_verify_report(std::cout, *report);
  if (!report->ok()) return fail(ErrorCode::kIntegrity, "journal", (*store)->describe() + " does not verify");
  return {};
}

}  // namespace

void add_store_commands(CLI::App& app, Context& ctx) {
  Args& a = ctx.hold<Args>();

  auto* migrate = app.add_subcommand("migrate",
                                     "copy a journal into an empty database of either kind, re-verify "
                                     "it there and rebuild its projections");
  migrate->add_option("--from", a.from, "source: FILE, sqlite:FILE or postgresql://...")->required();
  migrate->add_option("--to", a.to, "target, empty: FILE, sqlite:FILE or postgresql://...")->required();
  migrate->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto from = open_store(a.from, OpenMode::kExisting);
      if (!from) return std::unexpected(from.error());
      auto to = open_store(a.to, OpenMode::kCreate);
      if (!to) return std::unexpected(to.error());
      auto report = migrate_journal(**from, **to, ctx.clock);
      if (!report) return std::unexpected(report.error());
      std::cout << fmt::format(
          "copied {} events from {} to {}; rebuilt {} projection rows; copied {} credentials; verified, head event {} "
          "{}\n",
          report->events, (*from)->describe(), (*to)->describe(), report->rows, report->credentials, report->head.seq,
          report->head.hash);
      return {};
    };
  });

  auto* backup = app.add_subcommand("backup", "write a backup of the database (--db) to a new file, and verify it");
  backup->add_option("file", a.file, "the backup file to create")->required();
  backup->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto kind = backup_database(ctx.db, a.file);
      if (!kind) return std::unexpected(kind.error());
      if (*kind == BackupKind::kSqlite) {
        std::cout << fmt::format("backup written to {}\n", a.file);
        return verify_location(ctx, a.file);
      }
      std::cout << fmt::format("pg_dump archive written to {}; 'leubank restore' verifies it on arrival\n", a.file);
      return {};
    };
  });

  auto* restore = app.add_subcommand("restore", "restore a backup file into a new database (--db), and verify it");
  restore->add_option("file", a.file, "the backup file")->required();
  restore->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto kind = restore_database(a.file, ctx.db);
      if (!kind) return std::unexpected(kind.error());
      std::cout << fmt::format("restored {} into the database\n", a.file);
      return verify_location(ctx, ctx.db);
    };
  });
}

}  // namespace leu::cli
