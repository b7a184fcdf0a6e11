// receive, measure, move, seal, ship, loss, gain: the operations on material.
#include <iostream>

#include <fmt/format.h>

#include "accountancy/operations.hpp"
#include "cli/context.hpp"

namespace leu::cli {
namespace {

// Runs `op(ops, principal)` against the database as the --as user and reports the head.
template <class Op>
Result<void> run_as(Context& ctx, const std::string& what, Op op) {
  auto j = ctx.journal();
  if (!j) return std::unexpected(j.error());
  auto who = resolve_principal(**j, ctx.as);
  if (!who) return std::unexpected(who.error());
  Operations ops(**j);
  Result<Head> head = op(ops, *who);
  if (!head) return std::unexpected(head.error());
  std::cout << fmt::format("{}; journal head: event {} {}\n", what, head->seq, head->hash);
  return {};
}

struct Args {
  std::string file, cylinder, to, date, method, seal, type, reason, note, code, gross, tare, u235, uf6, calibration;
  std::vector<std::string> cylinders;
  bool broken = false;
};

}  // namespace

void add_material_commands(CLI::App& app, Context& ctx) {
  Args& a = ctx.hold<Args>();

  auto* receive = app.add_subcommand("receive", "receive cylinders from a listing (CSV; see README)");
  receive->add_option("file", a.file, "the receipt listing, or - for standard input")->required();
  receive->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(text, read_input(a.file));
      LEU_GET(lines, parse_receipt_listing(text));
      return run_as(ctx, fmt::format("received {} cylinders", lines.size()),
                    [&](Operations& ops, const Principal& who) { return ops.receive(who, lines); });
    };
  });

  auto* measure = app.add_subcommand("measure", "record a weighing or an enrichment measurement");
  measure->require_subcommand(1);
  auto* weigh = measure->add_subcommand("weighing", "record a weighing of a cylinder");
  weigh->add_option("--cylinder", a.cylinder, "cylinder id")->required();
  weigh->add_option("--gross", a.gross, "gross mass [kg]")->required();
  weigh->add_option("--tare", a.tare, "tare [kg] (default: the tare in the books)");
  weigh->add_option("--method", a.method, "scale or method")->default_str("load cells");
  weigh->add_option("--date", a.date, "date of the weighing, YYYY-MM-DD (default: today)");
  weigh->add_option("--calibration", a.calibration, "calibration period of the scale, e.g. LC-2019 (required)");
  weigh->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(date, date_option(ctx, a.date));
      LEU_GET(gross, Mass::parse_kg(a.gross, "gross"));
      WeighingInput in{a.cylinder, gross, std::nullopt, a.method.empty() ? "load cells" : a.method, date};
      in.calibration = a.calibration;
      if (!a.tare.empty()) {
        LEU_GET(tare, Mass::parse_kg(a.tare, "tare"));
        in.tare = tare;
      }
      return run_as(ctx, "weighing recorded",
                    [&](Operations& ops, const Principal& who) { return ops.weigh(who, in); });
    };
  });
  auto* enrich = measure->add_subcommand("enrichment", "record a U-235 enrichment measurement of a cylinder");
  enrich->add_option("--cylinder", a.cylinder, "cylinder id")->required();
  enrich->add_option("--u235", a.u235, "U-235 [wt %]")->required();
  enrich->add_option("--method", a.method, "method, e.g. 'NDA gamma HPGe'")->default_str("NDA gamma HPGe");
  enrich->add_option("--date", a.date, "date of the measurement (default: today)");
  enrich->add_option("--calibration", a.calibration, "calibration period of the instrument, e.g. HPGe-2019 (required)");
  enrich->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(date, date_option(ctx, a.date));
      LEU_GET(u235, Fraction::parse_percent(a.u235, "u235"));
      EnrichmentInput in{a.cylinder, u235, a.method.empty() ? "NDA gamma HPGe" : a.method, date, a.calibration};
      return run_as(ctx, "enrichment recorded",
                    [&](Operations& ops, const Principal& who) { return ops.measure_enrichment(who, in); });
    };
  });

  auto* move = app.add_subcommand("move", "move a cylinder to another storage position in its MBA");
  move->add_option("--cylinder", a.cylinder, "cylinder id")->required();
  move->add_option("--to", a.to, "new storage position")->required();
  move->add_option("--date", a.date, "date of the move (default: today)");
  move->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(date, date_option(ctx, a.date));
      return run_as(ctx, fmt::format("moved {} to {}", a.cylinder, a.to), [&](Operations& ops, const Principal& who) {
        return ops.move(who, MoveInput{a.cylinder, a.to, date});
      });
    };
  });

  auto* seal = app.add_subcommand("seal", "apply, verify or remove a seal");
  seal->require_subcommand(1);
  const auto seal_options = [&](CLI::App* sub) {
    sub->add_option("--seal", a.seal, "seal id")->required();
    sub->add_option("--cylinder", a.cylinder, "cylinder id")->required();
    sub->add_option("--date", a.date, "date (default: today)");
  };
  auto* apply = seal->add_subcommand("apply", "apply a seal to a cylinder");
  seal_options(apply);
  apply->add_option("--type", a.type, "seal type")->default_str("metal cap");
  apply->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(date, date_option(ctx, a.date));
      SealInput in{a.seal, a.cylinder, a.type.empty() ? "metal cap" : a.type, true, "", date};
      return run_as(ctx, fmt::format("seal {} applied to {}", a.seal, a.cylinder),
                    [&](Operations& ops, const Principal& who) { return ops.apply_seal(who, in); });
    };
  });
  auto* verify = seal->add_subcommand("verify", "record a seal check (intact unless --broken)");
  seal_options(verify);
  verify->add_flag("--broken", a.broken, "the seal was found broken or tampered with");
  verify->add_option("--note", a.note, "remark");
  verify->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(date, date_option(ctx, a.date));
      SealInput in{a.seal, a.cylinder, "", !a.broken, a.note, date};
      return run_as(ctx, fmt::format("seal {} verified {}", a.seal, a.broken ? "BROKEN" : "intact"),
                    [&](Operations& ops, const Principal& who) { return ops.verify_seal(who, in); });
    };
  });
  auto* remove = seal->add_subcommand("remove", "remove a seal from a cylinder");
  seal_options(remove);
  remove->add_option("--reason", a.reason, "why the seal is removed")->required();
  remove->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(date, date_option(ctx, a.date));
      SealInput in{a.seal, a.cylinder, "", true, a.reason, date};
      return run_as(ctx, fmt::format("seal {} removed from {}", a.seal, a.cylinder),
                    [&](Operations& ops, const Principal& who) { return ops.remove_seal(who, in); });
    };
  });

  auto* ship = app.add_subcommand("ship", "ship cylinders out of the MBA (foreign SF or domestic SD)");
  ship->add_option("--cylinder", a.cylinders, "cylinder id (repeat for several)")->required();
  ship->add_option("--to", a.to, "receiving country (ISO 3166 alpha-2) or MBA code")->required();
  ship->add_option("--code", a.code, "SF or SD (default: from --to)");
  ship->add_option("--date", a.date, "shipment date (default: today)");
  ship->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(date, date_option(ctx, a.date));
      ShipmentInput in{a.cylinders, a.to, a.code, date};
      return run_as(ctx, fmt::format("shipped {} cylinders to {}", a.cylinders.size(), a.to),
                    [&](Operations& ops, const Principal& who) { return ops.ship(who, in); });
    };
  });

  for (const bool loss : {true, false}) {
    auto* sub = app.add_subcommand(loss ? "loss" : "gain", loss ? "book an accidental loss (LA) of UF6 from a cylinder"
                                                                : "book an accidental gain (GA) of UF6 in a cylinder");
    sub->add_option("--cylinder", a.cylinder, "cylinder id")->required();
    sub->add_option("--uf6", a.uf6, "UF6 mass [kg]")->required();
    sub->add_option("--reason", a.reason, "what happened")->required();
    sub->add_option("--date", a.date, "date the change occurred or was established (default: today)");
    sub->callback([&ctx, &a, loss] {
      ctx.action = [&ctx, &a, loss]() -> Result<void> {
        LEU_GET(date, date_option(ctx, a.date));
        LEU_GET(uf6, Mass::parse_kg(a.uf6, "uf6"));
        LossGainInput in{a.cylinder, uf6, a.reason, date};
        return run_as(ctx, fmt::format("{} of {} kg UF6 booked on {}", loss ? "loss" : "gain", a.uf6, a.cylinder),
                      [&](Operations& ops, const Principal& who) {
                        return loss ? ops.book_loss(who, in) : ops.book_gain(who, in);
                      });
      };
    });
  }
}

}  // namespace leu::cli
