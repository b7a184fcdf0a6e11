// state, request, restock, reserve: the supply of last resort (docs/supply.md).
//
// Each command calls one service of src/bank/ as the --as user and prints the
// result; --format json prints the service's JSON (documents of
// docs/formats/journal.md §5) instead of text.
#include <iostream>

#include <fmt/format.h>

#include "bank/member_states.hpp"
#include "bank/supply.hpp"
#include "cli/context.hpp"
#include "demo/demo_supply.hpp"
#include "domain/decimal.hpp"

namespace leu::cli {
namespace {

using bank::Json;

struct SupplyArgs {
  std::string id, name, date, format = "text", note, fact, as_of, evidence_ref, evidence_sha256, state, status;
  std::string member, in_force, reference, since, covers, no_diversion, under_consideration, year;
  std::string uranium_kg, enrichment_min, enrichment_max, plant, disruption, statement, decision, reasons;
  std::string c1, c1_basis, c2, c2_basis, delivery_point, currency, feed, conversion, enrichment_work, transport;
  std::string overheads_bp = "0", amount, documents, facility, supplier;
  int criterion = 0, cylinders_count = 0;
  std::vector<std::string> legs, cylinders;
};

Result<bool> yes_no(const std::string& text, const char* field) {
  if (text == "yes") return true;
  if (text == "no") return false;
  return invalid(field, "'" + text + "' must be yes or no");
}

Result<Principal> acting(Context& ctx, Journal& j) { return resolve_principal(j, ctx.as); }

void print_json(const Json& j) { std::cout << j.dump(2) << '\n'; }

Result<void> print_head(const SupplyArgs& a, const std::string& what, const Head& head, const std::string& id = "") {
  if (a.format == "json") {
    Json out = {{"seq", head.seq}, {"hash", head.hash}};
    if (!id.empty()) out["id"] = id;
    print_json(out);
  } else {
    std::cout << fmt::format("{}; journal head: event {} {}\n", what, head.seq, head.hash);
  }
  return {};
}

// Runs `op(journal, who, date)` and prints the new head.
template <class Op>
void mutation(CLI::App* cmd, Context& ctx, SupplyArgs& a, std::string what, Op op) {
  cmd->add_option("--date", a.date, "date of the step, YYYY-MM-DD (default: today, UTC)");
  cmd->add_option("--format", a.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, &a, what, op] {
    ctx.action = [&ctx, &a, what, op]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(date, date_option(ctx, a.date));
      LEU_GET(head, op(*j, who, date));
      return print_head(a, what, head);
    };
  });
}

Result<std::int64_t> cents(const std::string& text, const char* field) { return parse_scaled(text, 2, field); }

// "QUANTITY@UNIT_PRICE": quantity to 3 decimals, unit price to the cent.
Result<bank::PriceComponent> component(const std::string& name, const std::string& unit, const std::string& text) {
  const auto at = text.find('@');
  if (at == std::string::npos) return invalid(name, "'" + text + "' must be QUANTITY@UNIT_PRICE, e.g. 10000@150.00");
  LEU_GET(q, parse_scaled(text.substr(0, at), 3, name));
  LEU_GET(p, parse_scaled(text.substr(at + 1), 2, name));
  return bank::PriceComponent{name, q, unit, p};
}

void print_request_line(const Json& r) {
  std::cout << fmt::format("{:<9} {:<3} {:<20} {:>12} kg U  {}\n", r.value("id", ""), r.value("state", ""),
                           r.value("status", ""), format_scaled(r.value("uranium_mg", std::int64_t{0}), 6, 3),
                           r.value("plant", ""));
}

}  // namespace

void add_supply_commands(CLI::App& app, Context& ctx) {
  SupplyArgs& a = ctx.hold<SupplyArgs>();

  // ---- Member State records --------------------------------------------------------------
  auto* state = app.add_subcommand("state", "Member State records: register, record a dated fact, list, show");
  state->require_subcommand(1);
  auto* reg = state->add_subcommand("register", "register a Member State (ISO 3166 alpha-2 code)");
  reg->add_option("code", a.id, "ISO 3166 alpha-2 code")->required();
  reg->add_option("--name", a.name, "the State's name")->required();
  mutation(reg, ctx, a, "Member State registered", [&a](Journal& j, const Principal& who, Date d) {
    return bank::register_state(j, who, {a.id, a.name, d});
  });
  auto* fact = state->add_subcommand("fact", "record a dated fact with its evidence (kept with history)");
  fact->add_option("code", a.id, "the State")->required();
  fact->add_option("--fact", a.fact, "membership, csa, sir or board_issues")->required();
  fact->add_option("--as-of", a.as_of, "date the fact was established")->required();
  fact->add_option("--evidence-ref", a.evidence_ref, "document reference")->required();
  fact->add_option("--evidence-sha256", a.evidence_sha256, "SHA-256 of the document (64 hex digits)")->required();
  fact->add_option("--member", a.member, "membership: yes or no");
  fact->add_option("--in-force", a.in_force, "csa: yes or no");
  fact->add_option("--reference", a.reference, "csa: the agreement, e.g. INFCIRC/999");
  fact->add_option("--since", a.since, "csa: date of entry into force");
  fact->add_option("--covers", a.covers, "csa: will it cover the supplied LEU, yes or no");
  fact->add_option("--year", a.year, "sir: the report year");
  fact->add_option("--no-diversion", a.no_diversion, "sir: concluded no diversion of declared material, yes or no");
  fact->add_option("--under-consideration", a.under_consideration,
                   "board_issues: a safeguards issue under consideration by the Board, yes or no");
  fact->add_option("--note", a.note, "remark");
  mutation(fact, ctx, a, "fact recorded", [&a](Journal& j, const Principal& who, Date) -> Result<Head> {
    bank::StateFactInput in;
    in.state = a.id;
    LEU_GET(kind, bank::parse_state_fact(a.fact));
    in.fact = kind;
    LEU_GET(as_of, Date::parse(a.as_of, "as_of"));
    in.as_of = as_of;
    in.evidence = {a.evidence_ref, a.evidence_sha256};
    in.note = a.note;
    const auto flag = [](const std::string& v, const char* f) -> Result<bool> {
      if (v.empty()) return invalid(f, "is required for this fact");
      return yes_no(v, f);
    };
    switch (kind) {
      case bank::StateFact::kMembership: {
        LEU_GET(m, flag(a.member, "member"));
        in.member = m;
        break;
      }
      case bank::StateFact::kCsa: {
        LEU_GET(f, flag(a.in_force, "in_force"));
        in.csa_in_force = f;
        if (!a.covers.empty()) {
          LEU_GET(c, yes_no(a.covers, "covers"));
          in.covers_supplied_leu = c;
        }
        in.csa_reference = a.reference;
        if (!a.since.empty()) {
          LEU_GET(s, Date::parse(a.since, "since"));
          in.csa_in_force_since = s;
        }
        break;
      }
      case bank::StateFact::kSir: {
        LEU_GET(y, parse_scaled(a.year, 0, "year"));
        LEU_GET(n, flag(a.no_diversion, "no_diversion"));
        in.sir_year = static_cast<int>(y);
        in.no_diversion = n;
        break;
      }
      case bank::StateFact::kBoardIssues: {
        LEU_GET(u, flag(a.under_consideration, "under_consideration"));
        in.issue_under_consideration = u;
        break;
      }
    }
    return bank::record_state_fact(j, who, in);
  });
  auto* slist = state->add_subcommand("list", "list the Member States you may see");
  slist->add_option("--format", a.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  slist->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(states, bank::list_states(*j, who));
      if (a.format == "json") {
        print_json(Json(states));
        return {};
      }
      for (const auto& s : states) {
        const auto checks = bank::safeguards_criteria(s, today(ctx));
        std::string crit;
        for (const auto& c : checks) crit += fmt::format(" c{}:{}", c.criterion, c.met ? "met" : "NOT met");
        std::cout << fmt::format("{:<3} {:<45} member:{}{}\n", s.value("code", ""), s.value("name", ""),
                                 bank::is_member(s) ? "yes" : "no", crit);
      }
      return {};
    };
  });
  auto* sshow = state->add_subcommand("show", "show a Member State record with every fact and its history");
  sshow->add_option("code", a.id, "the State")->required();
  sshow->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(s, bank::get_state(*j, who, a.id));
      print_json(s);
      return {};
    };
  });

  // ---- Requests ---------------------------------------------------------------------------
  auto* req = app.add_subcommand("request", "supply requests: file, assess, determine, agree, pay, allocate, ship");
  req->require_subcommand(1);
  auto* file = req->add_subcommand("file", "file a request for your State (state representative)");
  file->add_option("--state", a.state, "your State (default: the one you represent)");
  file->add_option("--uranium-kg", a.uranium_kg, "quantity [kg U]")->required();
  file->add_option("--enrichment-min", a.enrichment_min, "lowest acceptable U-235 [wt %]")->required();
  file->add_option("--enrichment-max", a.enrichment_max, "highest acceptable U-235 [wt %]")->required();
  file->add_option("--plant", a.plant, "the nuclear power plant")->required();
  file->add_option("--disruption", a.disruption, "what disrupted the supply")->required();
  file->add_option("--date", a.date, "date of the request (default: today)");
  file->add_option("--format", a.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  file->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(date, date_option(ctx, a.date));
      LEU_GET(u, Mass::parse_kg(a.uranium_kg, "uranium_kg"));
      LEU_GET(lo, Fraction::parse_percent(a.enrichment_min, "enrichment_min"));
      LEU_GET(hi, Fraction::parse_percent(a.enrichment_max, "enrichment_max"));
      LEU_GET(filed, bank::file_request(*j, who, {a.state, u, lo, hi, a.plant, a.disruption, date}));
      return print_head(a, "filed request " + filed.id, filed.head, filed.id);
    };
  });
  auto* rlist = req->add_subcommand("list", "list the requests you may see");
  rlist->add_option("--state", a.state, "only this State");
  rlist->add_option("--status", a.status, "only this status");
  rlist->add_option("--format", a.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  rlist->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(list, bank::list_requests(*j, who, {a.state, a.status}));
      if (a.format == "json") {
        print_json(Json(list));
        return {};
      }
      for (const auto& r : list) print_request_line(r);
      return {};
    };
  });
  auto* rshow = req->add_subcommand("show", "show a request (JSON)");
  rshow->add_option("id", a.id, "request id")->required();
  rshow->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(r, bank::get_request(*j, who, a.id));
      print_json(r);
      return {};
    };
  });
  auto* notices = req->add_subcommand("notices", "the Board notices, of one request or all");
  notices->add_option("id", a.id, "request id (default: all)");
  notices->add_option("--format", a.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  notices->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(list, bank::list_board_notices(*j, who, a.id));
      if (a.format == "json") {
        print_json(Json(list));
        return {};
      }
      for (const auto& n : list)
        std::cout << fmt::format("{} {:<9} {:<3} {:<34} -> {:<20} by {}\n", n.value("date", ""), n.value("request", ""),
                                 n.value("state", ""), n.value("milestone", ""), n.value("status", ""),
                                 n.value("by", ""));
      return {};
    };
  });

  const auto step = [&](const char* name, const char* help, const char* what, bool note_required, auto fn) {
    auto* cmd = req->add_subcommand(name, help);
    cmd->add_option("id", a.id, "request id")->required();
    auto* note = cmd->add_option("--note", a.note, "reason or remark");
    if (note_required) note->required();
    mutation(cmd, ctx, a, what, [&a, fn](Journal& j, const Principal& who, Date d) {
      return fn(j, who, bank::RequestStep{a.id, d, a.note});
    });
  };
  step("start-assessment", "start the assessment (bank officer)", "assessment started", false, bank::start_assessment);
  step("recheck", "recheck criteria 3-5 against the Member State record (bank officer)", "criteria rechecked", false,
       bank::recheck_criteria);
  step("confirm", "confirm the proposed determination (a second person: two-person rule)", "determination confirmed",
       false, bank::confirm_determination);
  step("decline", "decline the proposed determination", "proposal declined", true, bank::decline_determination);
  step("release-propose", "propose release for shipment (bank officer)", "release proposed", false,
       bank::propose_release);
  step("release-confirm", "confirm release for shipment (a second person)", "released for shipment", false,
       bank::confirm_release);
  step("ship", "ship the allocated cylinders to the State (operator; SF lines in the books)", "shipped", false,
       bank::ship_request);
  step("close", "close a received request with its restocking ordered (bank officer)", "closed", false,
       bank::close_request);
  step("withdraw", "withdraw your State's request (state representative)", "withdrawn", true, bank::withdraw_request);
  step("cancel", "cancel a request (bank officer)", "cancelled", true, bank::cancel_request);

  auto* attest = req->add_subcommand("attest", "attest criterion 1 or 2 with evidence");
  attest->add_option("id", a.id, "request id")->required();
  attest->add_option("--criterion", a.criterion, "1 or 2")->required();
  attest->add_option("--statement", a.statement, "what is attested")->required();
  attest->add_option("--evidence-ref", a.evidence_ref, "document reference")->required();
  attest->add_option("--evidence-sha256", a.evidence_sha256, "SHA-256 of the document")->required();
  mutation(attest, ctx, a, "attestation recorded", [&a](Journal& j, const Principal& who, Date d) {
    return bank::attest_criterion(j, who, {a.id, a.criterion, a.statement, {a.evidence_ref, a.evidence_sha256}, d});
  });

  auto* assess = req->add_subcommand("assess", "assess the five criteria (3-5 read from the State record)");
  assess->add_option("id", a.id, "request id")->required();
  assess->add_option("--c1", a.c1, "criterion 1 met: yes or no")->required();
  assess->add_option("--c1-basis", a.c1_basis, "the basis of the judgement")->required();
  assess->add_option("--c2", a.c2, "criterion 2 met: yes or no")->required();
  assess->add_option("--c2-basis", a.c2_basis, "the basis of the judgement")->required();
  mutation(assess, ctx, a, "assessment recorded", [&a](Journal& j, const Principal& who, Date d) -> Result<Head> {
    LEU_GET(c1, yes_no(a.c1, "c1"));
    LEU_GET(c2, yes_no(a.c2, "c2"));
    return bank::assess_request(j, who, {a.id, d, c1, a.c1_basis, c2, a.c2_basis});
  });

  auto* propose = req->add_subcommand("propose", "propose the determination (Director General)");
  propose->add_option("id", a.id, "request id")->required();
  propose->add_option("--decision", a.decision, "approve or refuse")
      ->required()
      ->check(CLI::IsMember({"approve", "refuse"}));
  propose->add_option("--reasons", a.reasons, "the reasons")->required();
  mutation(propose, ctx, a, "determination proposed", [&a](Journal& j, const Principal& who, Date d) {
    return bank::propose_determination(j, who, {a.id, a.decision == "approve", a.reasons, d});
  });

  auto* agree = req->add_subcommand("agree", "record the concluded supply agreement: quantity, route, price");
  agree->add_option("id", a.id, "request id")->required();
  agree->add_option("--reference", a.reference, "agreement reference")->required();
  agree->add_option("--evidence-ref", a.evidence_ref, "the signed agreement")->required();
  agree->add_option("--evidence-sha256", a.evidence_sha256, "its SHA-256")->required();
  agree->add_option("--uranium-kg", a.uranium_kg, "agreed quantity [kg U]")->required();
  agree->add_option("--enrichment-min", a.enrichment_min, "[wt % U-235]")->required();
  agree->add_option("--enrichment-max", a.enrichment_max, "[wt % U-235]")->required();
  agree->add_option("--delivery-point", a.delivery_point, "where the LEU is delivered")->required();
  agree->add_option("--leg", a.legs, "rail leg FROM|TO|TRANSIT_STATE|TRANSIT_AGREEMENT (repeat, in order)")->required();
  agree->add_option("--currency", a.currency, "ISO 4217 code")->required();
  agree->add_option("--feed", a.feed, "natural uranium feed: KG_U@PRICE_PER_KG")->required();
  agree->add_option("--conversion", a.conversion, "conversion: KG_U@PRICE_PER_KG")->required();
  agree->add_option("--enrichment-work", a.enrichment_work, "enrichment: SWU@PRICE_PER_SWU")->required();
  agree->add_option("--transport", a.transport, "transport: LOTS@PRICE_PER_LOT")->required();
  agree->add_option("--overheads-bp", a.overheads_bp, "overheads [basis points of the subtotal]");
  mutation(agree, ctx, a, "supply agreement recorded", [&a](Journal& j, const Principal& who, Date d) -> Result<Head> {
    bank::AgreementInput in;
    in.request = a.id;
    in.reference = a.reference;
    in.evidence = {a.evidence_ref, a.evidence_sha256};
    LEU_GET(u, Mass::parse_kg(a.uranium_kg, "uranium_kg"));
    LEU_GET(lo, Fraction::parse_percent(a.enrichment_min, "enrichment_min"));
    LEU_GET(hi, Fraction::parse_percent(a.enrichment_max, "enrichment_max"));
    in.uranium = u, in.enrichment_min = lo, in.enrichment_max = hi;
    in.delivery_point = a.delivery_point;
    for (const auto& leg : a.legs) {
      std::vector<std::string> parts;
      std::size_t start = 0;
      for (std::size_t bar; (bar = leg.find('|', start)) != std::string::npos; start = bar + 1)
        parts.push_back(leg.substr(start, bar - start));
      parts.push_back(leg.substr(start));
      if (parts.size() < 2 || parts.size() > 4)
        return invalid("leg", "'" + leg + "' must be FROM|TO or FROM|TO|TRANSIT_STATE|TRANSIT_AGREEMENT");
      parts.resize(4);
      in.route.push_back({parts[0], parts[1], parts[2], parts[3]});
    }
    LEU_GET(feed, component("feed", "kgU", a.feed));
    LEU_GET(conv, component("conversion", "kgU", a.conversion));
    LEU_GET(swu, component("enrichment", "SWU", a.enrichment_work));
    LEU_GET(tr, component("transport", "lot", a.transport));
    LEU_GET(bp, parse_scaled(a.overheads_bp, 0, "overheads_bp"));
    in.price = {a.currency, {feed, conv, swu, tr}, bp};
    in.date = d;
    return bank::conclude_agreement(j, who, in);
  });

  auto* pay = req->add_subcommand("pay", "record a payment (bank officer)");
  pay->add_option("id", a.id, "request id")->required();
  pay->add_option("--amount", a.amount, "amount, to the cent (e.g. 1234.56)")->required();
  pay->add_option("--currency", a.currency, "ISO 4217 code")->required();
  pay->add_option("--reference", a.reference, "transfer reference")->required();
  mutation(pay, ctx, a, "payment recorded", [&a](Journal& j, const Principal& who, Date d) -> Result<Head> {
    LEU_GET(c, cents(a.amount, "amount"));
    return bank::record_payment(j, who, {a.id, c, a.currency, a.reference, d});
  });

  auto* alloc = req->add_subcommand("allocate", "allocate whole cylinders (default: least excess, exact search)");
  alloc->add_option("id", a.id, "request id")->required();
  alloc->add_option("--cylinder", a.cylinders, "name the cylinders instead of searching (repeat)");
  mutation(alloc, ctx, a, "cylinders allocated", [&a](Journal& j, const Principal& who, Date d) {
    return bank::allocate_cylinders(j, who, {a.id, d, a.cylinders});
  });

  auto* prep = req->add_subcommand("prepare", "per-cylinder checks and shipping documents (operator)");
  prep->add_option("id", a.id, "request id")->required();
  prep->add_option("--cylinder", a.cylinders, "CYLINDER=OVERPACK for every allocated cylinder (repeat)")->required();
  prep->add_option("--documents", a.documents, "shipping papers reference")->required();
  mutation(prep, ctx, a, "shipment prepared", [&a](Journal& j, const Principal& who, Date d) -> Result<Head> {
    bank::PrepareInput in{a.id, d, {}, a.documents};
    for (const auto& c : a.cylinders) {
      const auto eq = c.find('=');
      if (eq == std::string::npos) return invalid("cylinder", "'" + c + "' must be CYLINDER=OVERPACK");
      in.cylinders.push_back({c.substr(0, eq), c.substr(eq + 1)});
    }
    return bank::prepare_shipment(j, who, in);
  });

  auto* receipt = req->add_subcommand("receipt", "the recipient's receipt confirmation with its measurements");
  receipt->add_option("id", a.id, "request id")->required();
  receipt->add_option("--facility", a.facility, "the receiving facility")->required();
  receipt->add_option("--cylinder", a.cylinders, "CYLINDER,NET_UF6_KG,U_KG,U235_KG (repeat)")->required();
  receipt->add_option("--evidence-ref", a.evidence_ref, "the receiver's confirmation")->required();
  receipt->add_option("--evidence-sha256", a.evidence_sha256, "its SHA-256")->required();
  mutation(receipt, ctx, a, "receipt confirmed", [&a](Journal& j, const Principal& who, Date d) -> Result<Head> {
    bank::ReceiptInput in{a.id, d, a.facility, {}, {a.evidence_ref, a.evidence_sha256}};
    for (const auto& c : a.cylinders) {
      std::vector<std::string> p;
      std::size_t start = 0;
      for (std::size_t comma; (comma = c.find(',', start)) != std::string::npos; start = comma + 1)
        p.push_back(c.substr(start, comma - start));
      p.push_back(c.substr(start));
      if (p.size() != 4) return invalid("cylinder", "'" + c + "' must be CYLINDER,NET_UF6_KG,U_KG,U235_KG");
      LEU_GET(net, Mass::parse_kg(p[1], "net_uf6_kg"));
      LEU_GET(u, Mass::parse_kg(p[2], "u_kg"));
      LEU_GET(u235, Mass::parse_kg(p[3], "u235_kg"));
      in.cylinders.push_back({p[0], net, u, u235});
    }
    return bank::confirm_receipt(j, who, in);
  });

  auto* scenario = req->add_subcommand(
      "demo-scenario", "DEMO only: carry the fictional XR request of 'leubank demo' from allocation to closing");
  scenario->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_RETURN_IF_ERROR(run_demo_supply_scenario(*j));
      LEU_GET(head, j->head());
      return print_head(a, "DEMO supply scenario completed (fiction)", head);
    };
  });

  // ---- Restocking and the reserve ---------------------------------------------------------
  auto* restock = app.add_subcommand("restock", "restocking with the supply's payment: order, deliver, accept, show");
  restock->require_subcommand(1);
  auto* order = restock->add_subcommand("order", "order replacement LEU for a shipped request (bank officer)");
  order->add_option("id", a.id, "request id")->required();
  order->add_option("--supplier", a.supplier, "supplier")->required();
  order->add_option("--cylinders", a.cylinders_count, "full 30B cylinders ordered")->required();
  order->add_option("--amount", a.amount, "amount committed, to the cent")->required();
  order->add_option("--currency", a.currency, "ISO 4217 code")->required();
  order->add_option("--reference", a.reference, "purchase contract")->required();
  order->add_option("--date", a.date, "date (default: today)");
  order->add_option("--format", a.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  order->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(date, date_option(ctx, a.date));
      LEU_GET(c, cents(a.amount, "amount"));
      LEU_GET(o, bank::order_restock(*j, who, {a.id, a.supplier, a.cylinders_count, c, a.currency, a.reference, date}));
      return print_head(a, "restock order " + o.id, o.head, o.id);
    };
  });
  auto* deliver = restock->add_subcommand("deliver", "book received cylinders to a restock order");
  deliver->add_option("order", a.id, "order id")->required();
  deliver->add_option("--cylinder", a.cylinders, "cylinder received with 'leubank receive' (repeat)")->required();
  mutation(deliver, ctx, a, "delivery recorded", [&a](Journal& j, const Principal& who, Date d) {
    return bank::record_restock_delivery(j, who, {a.id, a.cylinders, d});
  });
  auto* accept = restock->add_subcommand("accept", "accept a delivered restock order");
  accept->add_option("order", a.id, "order id")->required();
  accept->add_option("--note", a.note, "acceptance remark")->required();
  mutation(accept, ctx, a, "restock accepted", [&a](Journal& j, const Principal& who, Date d) {
    return bank::accept_restock(j, who, {a.id, a.note, d});
  });
  auto* oshow = restock->add_subcommand("show", "show a restock order (JSON)");
  oshow->add_option("order", a.id, "order id")->required();
  oshow->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(o, bank::get_restock_order(*j, who, a.id));
      print_json(o);
      return {};
    };
  });

  auto* reserve = app.add_subcommand("reserve", "the reserve: cylinders on hand, allocated, free, against the limit");
  reserve->add_option("--format", a.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  reserve->callback([&] {
    ctx.action = [&]() -> Result<void> {
      LEU_GET(j, ctx.journal());
      LEU_GET(who, acting(ctx, *j));
      LEU_GET(r, bank::reserve_status(*j, who));
      if (a.format == "json") {
        print_json(bank::to_json(r));
        return {};
      }
      std::cout << fmt::format(
          "cylinders on hand {} of at most {}; allocated {}; free {}\nfree: {:.3f} t U, {} kg U-235, {:.2f} SQ\n",
          r.on_hand, r.limit, r.allocated, r.free, r.uranium.kg_approx() / 1000, r.u235.kg_text(3),
          r.significant_quantities);
      return {};
    };
  });
}

}  // namespace leu::cli
