// leubank: the command line. Parses, runs one command, maps its result to an
// exit code. Every command's work is done by a service; this file only wires.
#include <sodium.h>

#include <cstdlib>
#include <iostream>

#include "cli/context.hpp"

int main(int argc, char** argv) {
  using namespace leu;
  using namespace leu::cli;
  if (sodium_init() < 0) {
    std::cerr << "leubank: libsodium failed to initialise\n";
    return kExitStorage;
  }
  Context ctx;
  CLI::App app{"leubank: the IAEA LEU Bank's nuclear material accountancy and hash-chained journal", "leubank"};
  app.require_subcommand(1);
  app.fallthrough();
  const char* env_db = std::getenv("LEUBANK_DB");
  ctx.db = env_db && *env_db ? env_db : "leubank.db";
  app.add_option("--db", ctx.db,
                 "database: a file or postgresql://user@host:port/db (default: $LEUBANK_DB, else ./leubank.db)");
  app.add_option("--as", ctx.as, "the user acting (needed by every command that changes something)");
  app.add_option("--key", ctx.key, "the facility's signing key file (default: the database file + .key)");

  add_admin_commands(app, ctx);
  add_material_commands(app, ctx);
  add_books_commands(app, ctx);
  add_store_commands(app, ctx);
  add_period_commands(app, ctx);
  add_report_commands(app, ctx);
  add_supply_commands(app, ctx);
  add_serve_command(app, ctx);
  add_stats_commands(app, ctx);
  add_signing_commands(app, ctx);  // last: it extends init, demo, report and verify

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (!ctx.action) return kExitUsage;
  auto result = ctx.action();
  if (!result) {
    const Error& e = result.error();
    std::cerr << "leubank: " << e.describe();
    if (e.code == ErrorCode::kInvalidInput || e.code == ErrorCode::kNotFound || e.code == ErrorCode::kForbidden ||
        e.code == ErrorCode::kConflict)
      std::cerr << " (nothing was changed)";
    std::cerr << '\n';
    return exit_code_for(e);
  }
  return kExitOk;
}
