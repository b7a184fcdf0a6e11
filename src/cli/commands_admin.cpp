// init, demo, user: creating databases and managing who may act.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "access/credentials.hpp"
#include "access/password.hpp"
#include "access/principal.hpp"
#include "accountancy/inventory.hpp"
#include "accountancy/methods_in_force.hpp"
#include "cli/context.hpp"
#include "cli/password_input.hpp"
#include "cli/render.hpp"
#include "demo/demo_bank.hpp"
#include "demo/demo_passwords.hpp"
#include "domain/facility.hpp"
#include "ledger/codec.hpp"
#include "reports/facility_profile.hpp"

namespace leu::cli {
namespace {

Result<std::vector<Role>> parse_roles(const std::vector<std::string>& names) {
  std::vector<Role> roles;
  for (const auto& n : names) {
    auto r = parse_role(n);
    if (!r) return std::unexpected(r.error());
    roles.push_back(*r);
  }
  return roles;
}

Result<Principal> acting(Context& ctx, Journal& j) { return resolve_principal(j, ctx.as); }

}  // namespace

void add_admin_commands(CLI::App& app, Context& ctx) {
  auto* init = app.add_subcommand("init", "create a new database for the bank, with its first admin");
  auto* admin = &ctx.hold<std::string>();
  auto* facility_file = &ctx.hold<std::string>();
  init->add_option("--admin", *admin, "name of the first admin user")->required();
  auto* admin_password_file = &ctx.hold<std::string>();
  init->add_option("--admin-password-file", *admin_password_file,
                   "the first admin's password: first line of FILE, or - for standard input "
                   "(default: asked on the terminal)");
  init->add_option("--facility", *facility_file,
                   "facility definition (JSON: docs/formats/journal.md, Facility; default: the IAEA LEU Bank)");
  init->callback([&ctx, admin, facility_file, admin_password_file] {
    ctx.action = [&ctx, admin, facility_file, admin_password_file]() -> Result<void> {
      LEU_RETURN_IF_ERROR(validate_user_name(*admin));
      LEU_GET(password, read_new_password(*admin_password_file, *admin));
      if (!password.empty()) LEU_RETURN_IF_ERROR(validate_password(password));
      Facility facility = default_bank_facility();
      if (!facility_file->empty()) {
        auto text = read_input(*facility_file);
        if (!text) return std::unexpected(text.error());
        const auto json = nlohmann::json::parse(*text, nullptr, false);
        if (json.is_discarded()) return invalid("facility", "'" + *facility_file + "' is not valid JSON");
        auto decoded = decode_facility(json);
        if (!decoded)
          return invalid("facility",
                         "'" + *facility_file + "': field '" + decoded.error().field + "' " + decoded.error().message);
        facility = std::move(*decoded);
      }
      // Validate before anything is created.
      LEU_RETURN_IF_ERROR(facility.validate());
      LEU_RETURN_IF_ERROR(reports::facility_profile(facility));  // the Facility Attachment's report profile overlay
      LEU_RETURN_IF_ERROR(facility_methods(facility));           // and its measurement-methods table
      auto j = ctx.create_journal();
      if (!j) return std::unexpected(j.error());
      auto head = open_journal(**j, facility, *admin);
      if (!head) return std::unexpected(head.error());
      if (!password.empty()) {
        LEU_GET(first, resolve_principal(**j, *admin));
        head = set_password(**j, first, *admin, password);
        if (!head) return std::unexpected(head.error());
      } else {
        std::cout << "no password given for " << *admin << " (no terminal): set one with 'leubank user passwd "
                  << *admin << " --as " << *admin << "' before signing in to 'leubank serve'\n";
      }
      std::cout << fmt::format("created {} for {} ({} MBA{})\nfirst admin: {}\njournal head: event {} {}\n",
                               (*j)->store().describe(), facility.name, facility.mbas.size(),
                               facility.mbas.size() == 1 ? "" : "s", *admin, head->seq, head->hash);
      return {};
    };
  });

  auto* demo = app.add_subcommand("demo",
                                  "create a database holding the demonstration bank, print its inventory "
                                  "and verify its journal");
  auto* force = &ctx.hold<bool>();
  demo->add_flag("--force", *force, "replace an existing database file at --db");
  demo->callback([&ctx, force] {
    ctx.action = [&ctx, force]() -> Result<void> {
      namespace fs = std::filesystem;
      if (*force && ctx.db.find("://") == std::string::npos) {  // a file; a server database is never dropped
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(ctx.db + suffix, ec);
      }
      auto j = ctx.create_journal();
      if (!j) return std::unexpected(j.error());
      auto head = build_demo_bank(**j);
      if (!head) return std::unexpected(head.error());
      std::cout << fmt::format("demo database: {}  (per-cylinder values are DEMONSTRATION VALUES)\n",
                               (*j)->store().describe());
      if (auto set = set_demo_passwords(**j); !set) return std::unexpected(set.error());
      std::cout << "demo users (--as NAME on the command line; sign in to 'leubank serve' with the password; "
                   "DEMONSTRATION ONLY):\n";
      for (const auto& u : demo_users())
        std::cout << fmt::format("  {:<8} {:<22} password {}\n", u.name, u.role, demo_password(u.name));
      std::cout << "\n";
      auto inv = current_inventory(**j, false);
      if (!inv) return std::unexpected(inv.error());
      print_inventory_table(std::cout, *inv);
      std::cout << '\n';
      auto report = (*j)->verify();
      if (!report) return std::unexpected(report.error());
      print_verify_report(std::cout, *report);
      if (!report->ok()) return fail(ErrorCode::kIntegrity, "journal", report->divergence->message);
      return {};
    };
  });

  auto* user = app.add_subcommand("user", "list users, add one, set roles, disable one");
  user->require_subcommand(1);
  auto* list = user->add_subcommand("list", "list users and their roles");
  list->callback([&ctx] {
    ctx.action = [&ctx]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      auto users = (*j)->users();
      if (!users) return std::unexpected(users.error());
      for (const auto& u : *users) {
        std::string roles;
        for (Role r : u.roles) roles += (roles.empty() ? "" : ",") + std::string(role_name(r));
        std::cout << fmt::format("{:<20} {:<40} {}\n", u.name, roles, u.active ? "active" : "disabled");
      }
      return {};
    };
  });
  struct UserArgs {
    std::string name;
    std::vector<std::string> roles;
    std::string state;
  };
  auto* args = &ctx.hold<UserArgs>();
  auto* add = user->add_subcommand("add", "add a user with roles");
  add->add_option("name", args->name, "user name")->required();
  add->add_option("--role", args->roles, "role (repeat for several)")->required();
  add->add_option("--state", args->state, "a state_representative's State, ISO 3166 alpha-2 (e.g. XR)");
  add->callback([&ctx, args] {
    ctx.action = [&ctx, args]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      auto who = acting(ctx, **j);
      if (!who) return std::unexpected(who.error());
      auto roles = parse_roles(args->roles);
      if (!roles) return std::unexpected(roles.error());
      auto head = add_user(**j, *who, args->name, *roles, args->state);
      if (!head) return std::unexpected(head.error());
      std::cout << fmt::format("added user {} (event {})\n", args->name, head->seq);
      return {};
    };
  });
  auto* roles = user->add_subcommand("roles", "replace a user's roles");
  roles->add_option("name", args->name, "user name")->required();
  roles->add_option("--role", args->roles, "role (repeat for several)")->required();
  roles->callback([&ctx, args] {
    ctx.action = [&ctx, args]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      auto who = acting(ctx, **j);
      if (!who) return std::unexpected(who.error());
      auto parsed = parse_roles(args->roles);
      if (!parsed) return std::unexpected(parsed.error());
      auto head = set_roles(**j, *who, args->name, *parsed);
      if (!head) return std::unexpected(head.error());
      std::cout << fmt::format("set the roles of {} (event {})\n", args->name, head->seq);
      return {};
    };
  });
  auto* passwd = user->add_subcommand("passwd", "set a user's password (one's own; an admin may set anyone's)");
  auto* password_file = &ctx.hold<std::string>();
  passwd->add_option("name", args->name, "user name")->required();
  passwd->add_option("--password-file", *password_file,
                     "first line of FILE, or - for standard input (default: asked on the terminal)");
  passwd->callback([&ctx, args, password_file] {
    ctx.action = [&ctx, args, password_file]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(password, read_new_password(*password_file, args->name));
      if (password.empty() && password_file->empty())
        return fail(ErrorCode::kUsage, "password-file", "no terminal to ask on: pass --password-file FILE or -");
      LEU_GET(head, set_password(*j, who, args->name, password));
      std::cout << fmt::format("set the password of {} (event {})\n", args->name, head.seq);
      return {};
    };
  });
  auto* disable = user->add_subcommand("disable", "disable a user");
  disable->add_option("name", args->name, "user name")->required();
  disable->callback([&ctx, args] {
    ctx.action = [&ctx, args]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      auto who = acting(ctx, **j);
      if (!who) return std::unexpected(who.error());
      auto head = disable_user(**j, *who, args->name);
      if (!head) return std::unexpected(head.error());
      std::cout << fmt::format("disabled {} (event {})\n", args->name, head->seq);
      return {};
    };
  });
}

}  // namespace leu::cli
