// Member State records, restocking and the reserve over HTTP. Facts are dated,
// carry their evidence and are kept with history (bank/member_states.hpp).
#include "bank/member_states.hpp"
#include "bank/supply.hpp"
#include "server/api_util.hpp"
#include "server/json_body.hpp"
#include "server/server_state.hpp"

namespace leu::server {
namespace {

Result<Reply> record_fact(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  bank::StateFactInput in;
  in.state = c.param("code");
  LEU_GET(fact_name, body.string("fact"));
  auto fact = bank::parse_state_fact(fact_name);
  if (!fact) return fail(ErrorCode::kUsage, "fact", fact.error().message);
  in.fact = *fact;
  LEU_GET(as_of, body.date("as_of"));
  in.as_of = as_of;
  LEU_GET(e, body.object("evidence"));
  LEU_GET(ref, e.string("ref"));
  LEU_GET(sha, e.string("sha256"));
  LEU_RETURN_IF_ERROR(e.finish());
  in.evidence = {ref, sha};
  LEU_GET(note, body.optional_string("note"));
  in.note = note;
  switch (in.fact) {
    case bank::StateFact::kMembership: {
      LEU_GET(member, body.boolean("member"));
      in.member = member;
      break;
    }
    case bank::StateFact::kCsa: {
      LEU_GET(in_force, body.boolean("csa_in_force"));
      LEU_GET(reference, body.optional_string("csa_reference"));
      LEU_GET(covers, body.optional_bool("covers_supplied_leu", false));
      in.csa_in_force = in_force;
      in.csa_reference = reference;
      in.covers_supplied_leu = covers;
      LEU_GET(since_text, body.optional_string("csa_in_force_since"));
      if (!since_text.empty()) {
        LEU_GET(since, Date::parse(since_text, "csa_in_force_since"));
        in.csa_in_force_since = since;
      }
      break;
    }
    case bank::StateFact::kSir: {
      LEU_GET(year, body.integer("sir_year"));
      LEU_GET(no_diversion, body.boolean("no_diversion"));
      in.sir_year = static_cast<int>(year);
      in.no_diversion = no_diversion;
      break;
    }
    case bank::StateFact::kBoardIssues: {
      LEU_GET(issue, body.boolean("issue_under_consideration"));
      in.issue_under_consideration = issue;
      break;
    }
  }
  LEU_RETURN_IF_ERROR(body.finish());
  LEU_GET(head, bank::record_state_fact(c.journal, c.who, in));
  LEU_GET(doc, bank::get_state(c.journal, c.who, in.state));
  return Reply::json({{"state", doc}, {"head", head_json(head)}}, 201);
}

}  // namespace

void add_state_routes(ServerState& state) {
  Router& r = state.router;
  r.add({.method = "GET",
         .path = "/api/v1/states",
         .summary = "Member State records (a State representative: its own); access-logged",
         .tag = "supply",
         .op = Operation::kReadRequests,
         .sensitive = true,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(list, bank::list_states(c.journal, c.who));
           return Reply::json({{"items", list}});
         }});
  r.add({.method = "GET",
         .path = "/api/v1/states/{code}",
         .summary = "One Member State record with the history of its facts; access-logged",
         .tag = "supply",
         .op = Operation::kReadRequests,
         .sensitive = true,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(doc, bank::get_state(c.journal, c.who, c.param("code")));
           return Reply::json(doc);
         }});
  r.add({.method = "POST",
         .path = "/api/v1/states",
         .summary = "Register a Member State (ISO 3166 alpha-2)",
         .tag = "supply",
         .op = Operation::kManageStates,
         .writes = true,
         .request_schema = "RegisterState",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(code, body.string("code"));
           LEU_GET(name, body.string("name"));
           LEU_GET(date, body.optional_date("date", c.today));
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_GET(head, bank::register_state(c.journal, c.who, {code, name, date}));
           LEU_GET(doc, bank::get_state(c.journal, c.who, code));
           return Reply::json({{"state", doc}, {"head", head_json(head)}}, 201);
         }});
  r.add({.method = "POST",
         .path = "/api/v1/states/{code}/facts",
         .summary = "Record a dated fact with its evidence: membership, csa, sir or board_issues",
         .tag = "supply",
         .op = Operation::kManageStates,
         .writes = true,
         .request_schema = "StateFact",
         .success = 201,
         .handler = record_fact});
  r.add({.method = "GET",
         .path = "/api/v1/reserve",
         .summary = "The reserve: full cylinders on hand, allocated, free, against the limit",
         .tag = "supply",
         .op = Operation::kReadRequests,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(status, bank::reserve_status(c.journal, c.who));
           return Reply::json(bank::to_json(status));
         }});
  r.add({.method = "POST",
         .path = "/api/v1/restock-orders",
         .summary = "Order restocking with the payment received",
         .tag = "supply",
         .op = Operation::kRestock,
         .writes = true,
         .request_schema = "RestockOrder",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(request, body.string("request"));
           LEU_GET(supplier, body.string("supplier"));
           LEU_GET(cylinders, body.integer("cylinders"));
           LEU_GET(amount, body.integer("amount_cents"));
           LEU_GET(currency, body.string("currency"));
           LEU_GET(reference, body.string("reference"));
           LEU_GET(date, body.optional_date("date", c.today));
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_GET(ordered, bank::order_restock(
                                c.journal, c.who,
                                {request, supplier, static_cast<int>(cylinders), amount, currency, reference, date}));
           LEU_GET(doc, bank::get_restock_order(c.journal, c.who, ordered.id));
           return Reply::json(doc, 201);
         }});
  r.add({.method = "GET",
         .path = "/api/v1/restock-orders/{id}",
         .summary = "One restock order with its deliveries",
         .tag = "supply",
         .op = Operation::kReadRequests,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(doc, bank::get_restock_order(c.journal, c.who, c.param("id")));
           return Reply::json(doc);
         }});
  r.add({.method = "POST",
         .path = "/api/v1/restock-orders/{id}/deliveries",
         .summary = "Record a delivery of cylinders already received into the books",
         .tag = "supply",
         .op = Operation::kRestock,
         .writes = true,
         .request_schema = "RestockDelivery",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(cylinders, body.strings("cylinders"));
           LEU_GET(date, body.optional_date("date", c.today));
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_RETURN_IF_ERROR(bank::record_restock_delivery(c.journal, c.who, {c.param("id"), cylinders, date}));
           LEU_GET(doc, bank::get_restock_order(c.journal, c.who, c.param("id")));
           return Reply::json(doc, 201);
         }});
  r.add({.method = "POST",
         .path = "/api/v1/restock-orders/{id}/acceptance",
         .summary = "Accept the restocking as complete",
         .tag = "supply",
         .op = Operation::kRestock,
         .writes = true,
         .request_schema = "RestockAcceptance",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(note, body.optional_string("note"));
           LEU_GET(date, body.optional_date("date", c.today));
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_RETURN_IF_ERROR(bank::accept_restock(c.journal, c.who, {c.param("id"), note, date}));
           LEU_GET(doc, bank::get_restock_order(c.journal, c.who, c.param("id")));
           return Reply::json(doc, 201);
         }});
}

}  // namespace leu::server
