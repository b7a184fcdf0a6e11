// inventory, journal, verify, rebuild: reading and checking the books.
#include <iostream>

#include <fmt/format.h>

#include "access/principal.hpp"
#include "accountancy/inventory.hpp"
#include "cli/context.hpp"
#include "cli/render.hpp"
#include "ledger/verification_log.hpp"

namespace leu::cli {
namespace {

struct Args {
  std::string as_of;
  std::string format = "table";
  bool all = false;
  std::int64_t from = 1;
  std::int64_t limit = 0;
};

}  // namespace

void add_books_commands(CLI::App& app, Context& ctx) {
  Args& a = ctx.hold<Args>();

  auto* inventory = app.add_subcommand("inventory", "the book inventory: cylinders on hand and balances");
  inventory->add_option("--as-of", a.as_of, "rebuild the book as of the end of this date (YYYY-MM-DD)");
  inventory->add_option("--format", a.format, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  inventory->add_flag("--all", a.all, "also list shipped and lost cylinders");
  inventory->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      Result<Inventory> inv = std::unexpected(Error{});
      if (a.as_of.empty()) {
        inv = current_inventory(**j, a.all);
      } else {
        auto day = Date::parse(a.as_of, "as-of");
        if (!day) return std::unexpected(day.error());
        inv = inventory_as_of(**j, *day, a.all);
      }
      if (!inv) return std::unexpected(inv.error());
      if (a.format == "json")
        std::cout << to_json(*inv).dump(2) << '\n';
      else if (a.format == "csv")
        print_inventory_csv(std::cout, *inv);
      else
        print_inventory_table(std::cout, *inv);
      return {};
    };
  });

  auto* book = app.add_subcommand("book", "the book of one MBA at the end of a date, from the indexed change lines");
  auto& mba = ctx.hold<std::string>();
  book->add_option("--mba", mba, "MBA code (default: the facility's first MBA)");
  book->add_option("--as-of", a.as_of, "date, YYYY-MM-DD (default: today)");
  book->add_option("--format", a.format, "table or json")->check(CLI::IsMember({"table", "json"}));
  book->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      auto day = date_option(ctx, a.as_of, "as-of");
      if (!day) return std::unexpected(day.error());
      std::string code = mba;
      if (code.empty()) {
        auto facility = (*j)->facility();
        if (!facility) return std::unexpected(facility.error());
        if (!*facility) return fail(ErrorCode::kConflict, "db", "the journal has no facility");
        code = (*facility)->mbas.front().code;
      }
      auto totals = (*j)->book_at(code, *day);
      if (!totals) return std::unexpected(totals.error());
      if (a.format == "json") {
        nlohmann::json out = {{"mba", code}, {"as_of", day->text()}, {"categories", nlohmann::json::array()}};
        for (const auto& t : *totals)
          out["categories"].push_back({{"category", t.category},
                                       {"uranium_mg", t.uranium_mg},
                                       {"u235_mg", t.u235_mg},
                                       {"items", t.items},
                                       {"uranium_kg", Mass::milligrams(t.uranium_mg).kg_text(6)},
                                       {"u235_kg", Mass::milligrams(t.u235_mg).kg_text(6)}});
        std::cout << out.dump(2) << '\n';
        return {};
      }
      std::cout << fmt::format("Book of MBA {} at the end of {} (UTC)\n", code, day->text());
      if (totals->empty()) std::cout << "no inventory changes up to that date\n";
      for (const auto& t : *totals)
        std::cout << fmt::format("{:<9} {:>6} items  U {:>18} kg  U-235 {:>16} kg\n", t.category, t.items,
                                 Mass::milligrams(t.uranium_mg).kg_text(6), Mass::milligrams(t.u235_mg).kg_text(6));
      return {};
    };
  });

  auto* journal = app.add_subcommand("journal", "list journal events");
  journal->add_option("--from", a.from, "first sequence number")->check(CLI::PositiveNumber);
  journal->add_option("--limit", a.limit, "at most this many events (0 = all)")->check(CLI::NonNegativeNumber);
  journal->add_option("--format", a.format, "text or json (JSON Lines: the canonical event and its hash)")
      ->check(CLI::IsMember({"table", "text", "json"}));
  journal->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      std::int64_t shown = 0;
      return (*j)->scan(a.from, [&](const StoredEvent& e) {
        if (a.format == "json")
          print_event_json(std::cout, e);
        else
          print_event_line(std::cout, e);
        return a.limit == 0 || ++shown < a.limit;
      });
    };
  });

  auto* verify = app.add_subcommand("verify", "recompute the hash chain and the projections; exit 3 on a divergence");
  verify->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      // Recorded in the access log with the --as user (or "command line"), as the dashboard's last verification.
      auto verified = verify_and_record(**j, ctx.as.empty() ? "command line" : ctx.as, "cli");
      if (!verified) return std::unexpected(verified.error());
      if (verified->not_recorded)
        std::cerr << "note: this verification is not recorded in the access log (" << verified->not_recorded->describe()
                  << ")\n";
      print_verify_report(std::cout, verified->report);
      if (!verified->report.ok()) return fail(ErrorCode::kIntegrity, "journal", "verification failed");
      return {};
    };
  });

  auto* rebuild = app.add_subcommand("rebuild", "recreate the projections from the journal (admin)");
  rebuild->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      // The user table may itself be damaged; check the chain first, then the role.
      auto who = resolve_principal(**j, ctx.as);
      if (!who) return std::unexpected(who.error());
      LEU_RETURN_IF_ERROR(authorize(*who, Operation::kRebuild));
      auto rows = (*j)->rebuild();
      if (!rows) return std::unexpected(rows.error());
      std::cout << fmt::format("rebuilt {} projection rows from the journal\n", *rows);
      return {};
    };
  });
}

}  // namespace leu::cli
