// key, checkpoint, export, verify --bundle: the facility's signing key, signed
// checkpoints of the journal head and offline bundles (docs/formats/bundle.md).
//
// It also makes init and demo create the key file and publish its public half,
// and makes report icr|pil|mbr sign a checkpoint when the key file is present and
// --as names the reporting user. Those commands are left as they are: this file
// wraps the action they set (the root app's callback runs after theirs).
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "access/principal.hpp"
#include "cli/context.hpp"
#include "cli/key_file.hpp"
#include "ledger/bundle.hpp"
#include "ledger/checkpoint.hpp"

namespace leu::cli {
namespace {

struct Args {
  std::string bundle;
  std::string public_key;
};

// The actor of event 1: the first admin, who publishes the key made with the database.
Result<std::string> first_admin(Journal& j) {
  std::string actor;
  LEU_RETURN_IF_ERROR(j.store().scan_journal(1, 1, [&](const StoredEvent& e) {
    actor = e.actor;
    return false;
  }));
  return actor;
}

Result<Checkpoint> checkpoint_as(Context& ctx, const SigningKey& key) {
  LEU_GET(j, ctx.journal());
  LEU_GET(who, resolve_principal(*j, ctx.as));
  return sign_checkpoint(*j, who.name, key);
}

void print_checkpoint(std::ostream& out, const Checkpoint& cp) {
  out << fmt::format("{}checkpoint event {}: event {} {} signed with key {}\n",
                     cp.appended ? "" : "the head already is a checkpoint: ", cp.event, cp.seq, cp.hash, cp.key_id);
}

void print_bundle_report(std::ostream& out, const std::string& dir, const BundleReport& r) {
  if (!r.ok()) {
    out << fmt::format("BUNDLE REJECTED at {}: {}\n", r.fault->where, r.fault->message);
    return;
  }
  out << fmt::format("bundle {} verified: {} events, hash chain intact, {} checkpoint signatures valid\n", dir,
                     r.events, r.checkpoints);
  out << fmt::format("signed head: event {} {} by key {}\n", r.signed_head.seq, r.signed_head.hash, r.signed_by);
}

// init: the key file is made first (never over an existing one) and removed again if init fails.
std::function<Result<void>()> init_with_key(Context& ctx, std::function<Result<void>()> init) {
  return [&ctx, init]() -> Result<void> {
    LEU_GET(path, key_path(ctx));
    const SigningKey key = SigningKey::generate();
    LEU_RETURN_IF_ERROR(write_key_file(path, key, false));
    auto done = init();
    if (done) {
      auto published = [&]() -> Result<Head> {
        LEU_GET(j, ctx.journal());
        LEU_GET(admin, first_admin(*j));
        return publish_key(*j, admin, key);
      }();
      if (published) {
        std::cout << fmt::format(
            "signing key {} in {} (keep it off the database's machine backups); published as event {}\n", key.key_id(),
            path, published->seq);
        return {};
      }
      done = std::unexpected(published.error());
    }
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return done;
  };
}

// demo: a demonstration key, replaced with the database.
std::function<Result<void>()> demo_with_key(Context& ctx, std::function<Result<void>()> demo) {
  return [&ctx, demo]() -> Result<void> {
    LEU_RETURN_IF_ERROR(demo());
    auto path = key_path(ctx);
    if (!path) {
      std::cout << "no signing key made: " << path.error().message << '\n';
      return {};
    }
    const SigningKey key = SigningKey::generate();
    LEU_RETURN_IF_ERROR(write_key_file(*path, key, true));
    LEU_GET(j, ctx.journal());
    LEU_GET(admin, first_admin(*j));
    LEU_GET(head, publish_key(*j, admin, key));
    std::cout << fmt::format("\nsigning key {} in {} (DEMONSTRATION KEY); published as event {}\n", key.key_id(), *path,
                             head.seq);
    return {};
  };
}

// report icr|pil|mbr: a checkpoint of the head the report was made from. Notes go
// to standard error so that a report on standard output stays as it is.
std::function<Result<void>()> report_with_checkpoint(Context& ctx, std::function<Result<void>()> report) {
  return [&ctx, report]() -> Result<void> {
    LEU_RETURN_IF_ERROR(report());
    auto path = key_path(ctx);
    if (!path || !key_file_exists(*path) || ctx.as.empty()) {
      std::cerr << "leubank: report not checkpointed (needs the signing key file and --as)\n";
      return {};
    }
    LEU_GET(key, read_key_file(*path));
    LEU_GET(cp, checkpoint_as(ctx, key));
    print_checkpoint(std::cerr, cp);
    return {};
  };
}

}  // namespace

void add_signing_commands(CLI::App& app, Context& ctx) {
  Args& a = ctx.hold<Args>();

  auto* key = app.add_subcommand("key", "the facility's signing key");
  key->require_subcommand(1);
  auto* key_new =
      key->add_subcommand("new", "make a signing key file for this database and publish its public key (admin)");
  key_new->callback([&ctx] {
    ctx.action = [&ctx]() -> Result<void> {
      LEU_GET(path, key_path(ctx));
      LEU_GET(j, ctx.journal());
      LEU_GET(who, resolve_principal(*j, ctx.as));
      LEU_RETURN_IF_ERROR(authorize(who, Operation::kManageUsers));
      if (key_file_exists(path))
        return fail(ErrorCode::kConflict, "key", "the key file '" + path + "' exists already; it is never overwritten");
      const SigningKey k = SigningKey::generate();
      LEU_RETURN_IF_ERROR(write_key_file(path, k, false));
      auto head = publish_key(*j, who.name, k);
      if (!head) {
        std::error_code ec;
        std::filesystem::remove(path, ec);
        return std::unexpected(head.error());
      }
      std::cout << fmt::format("signing key {} in {}; published as event {}\n", k.key_id(), path, head->seq);
      return {};
    };
  });
  auto* key_show = key->add_subcommand("show", "print the key id and public key of the key file");
  key_show->callback([&ctx] {
    ctx.action = [&ctx]() -> Result<void> {
      LEU_GET(path, key_path(ctx));
      LEU_GET(k, read_key_file(path));
      std::cout << fmt::format("key id {}\npublic key {}\n", k.key_id(), k.public_hex());
      return {};
    };
  });

  auto* checkpoint = app.add_subcommand("checkpoint", "sign the journal head with the facility's key (--as USER)");
  checkpoint->callback([&ctx] {
    ctx.action = [&ctx]() -> Result<void> {
      LEU_GET(path, key_path(ctx));
      LEU_GET(k, read_key_file(path));
      LEU_GET(cp, checkpoint_as(ctx, k));
      print_checkpoint(std::cout, cp);
      return {};
    };
  });

  auto* exporter = app.add_subcommand("export", "write an offline bundle: the journal, its checkpoints and keys");
  exporter->add_option("--bundle", a.bundle, "the directory to write (new or empty)")->required();
  exporter->callback([&ctx, &a] {
    ctx.action = [&ctx, &a]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, resolve_principal(*j, ctx.as));
      LEU_RETURN_IF_ERROR(authorize(who, Operation::kReadInventory));
      // With the key at hand, sign the head first, so that the bundle is signed to its end.
      auto path = key_path(ctx);
      if (path && key_file_exists(*path)) {
        LEU_GET(k, read_key_file(*path));
        LEU_GET(cp, sign_checkpoint(*j, who.name, k));
        print_checkpoint(std::cout, cp);
      }
      LEU_GET(written, write_bundle(*j, a.bundle));
      std::cout << fmt::format("wrote bundle {}: {} events, {} checkpoints, {} keys\n", a.bundle, written.events,
                               written.checkpoints, written.keys);
      return {};
    };
  });

  // verify --bundle DIR: the same command name as the database check (commands_books.cpp).
  auto* verify = app.get_subcommand("verify");
  verify->add_option("--bundle", a.bundle, "check an offline bundle instead of the database (no database needed)");
  verify->add_option("--public-key", a.public_key,
                     "with --bundle: the key (hex) the last checkpoint must be signed by");
  auto* init = app.get_subcommand("init");
  auto* demo = app.get_subcommand("demo");
  auto* report = app.get_subcommand("report");

  app.callback([&ctx, &a, verify, init, demo, report] {
    if (!ctx.action) return;
    if (verify->parsed() && !a.bundle.empty()) {
      ctx.action = [&a]() -> Result<void> {
        LEU_GET(r, verify_bundle(a.bundle, a.public_key));
        print_bundle_report(std::cout, a.bundle, r);
        if (!r.ok()) return fail(ErrorCode::kIntegrity, "bundle", "verification failed");
        return {};
      };
    } else if (init->parsed()) {
      ctx.action = init_with_key(ctx, ctx.action);
    } else if (demo->parsed()) {
      ctx.action = demo_with_key(ctx, ctx.action);
    } else if (report->parsed()) {
      for (const char* name : {"icr", "pil", "mbr"})
        if (report->get_subcommand(name)->parsed()) ctx.action = report_with_checkpoint(ctx, ctx.action);
    }
  });
}

}  // namespace leu::cli
