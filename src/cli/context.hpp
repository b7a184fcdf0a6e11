// What every CLI command shares: the global options, the open database, and the
// way a result becomes output and an exit code.
//
// Commands register with CLI11 and set `action`; main() parses, runs the action
// and maps its Error to an exit code (README.md, "Exit codes").
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "domain/clock.hpp"
#include "ledger/journal.hpp"
#include "store/store.hpp"

namespace leu::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,      // the command line is wrong
  kExitRejected = 2,   // the input was refused; nothing changed
  kExitIntegrity = 3,  // the journal or its projections do not verify
  kExitStorage = 4,    // the database could not be read or written; nothing changed
};

int exit_code_for(const Error& e);

struct Context {
  std::string db;   // --db, else $LEUBANK_DB, else ./leubank.db; a file or a postgresql:// URL
  std::string as;   // --as USER
  std::string key;  // --key FILE: the signing key (cli/key_file.hpp); default <db>.key
  SystemClock clock;
  std::function<Result<void>()> action;

  // Opens the database (kExisting) and a journal on it, once.
  Result<Journal*> journal();
  // Opens a new database (kCreate).
  Result<Journal*> create_journal();
  // Storage for a command's option values, alive as long as the context.
  template <class T>
  T& hold() {
    auto p = std::make_shared<T>();
    held_.push_back(p);
    return *p;
  }

 private:
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;
  std::vector<std::shared_ptr<void>> held_;
};

// Today's UTC date: the default of every --date.
Date today(const Context& ctx);
// Parses a --date value, defaulting to today.
Result<Date> date_option(const Context& ctx, const std::string& text, const char* field = "date");
// Reads a whole file ("-" = standard input).
Result<std::string> read_input(const std::string& path);

void add_admin_commands(CLI::App& app, Context& ctx);     // init, demo, user
void add_material_commands(CLI::App& app, Context& ctx);  // receive, measure, move, seal, ship, loss, gain
void add_books_commands(CLI::App& app, Context& ctx);     // inventory, journal, verify, rebuild
void add_store_commands(CLI::App& app, Context& ctx);     // migrate, backup, restore
void add_period_commands(CLI::App& app, Context& ctx);    // inventory-taking, period
void add_report_commands(CLI::App& app, Context& ctx);    // report icr|pil|mbr|parse
void add_supply_commands(CLI::App& app, Context& ctx);    // state, request, restock, reserve (src/bank/)
void add_serve_command(CLI::App& app, Context& ctx);      // serve
void add_stats_commands(CLI::App& app, Context& ctx);     // stats, simulate (src/stats/, src/sim/)
// key, checkpoint, export, verify --bundle, and the signing done by init, demo and report.
// Call last: it extends commands registered before it.
void add_signing_commands(CLI::App& app, Context& ctx);

}  // namespace leu::cli
