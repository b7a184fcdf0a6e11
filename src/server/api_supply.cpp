// The supply of last resort over HTTP: requests from filing to closing. Each
// handler reads its body strictly and calls one bank service, which checks the
// role, the State (a representative sees only its own: another State's request
// is 404, exactly like an unknown id), the request's status and the two-person
// rule, then appends in one transaction (docs/supply.md).
#include "bank/supply.hpp"
#include "server/api_util.hpp"
#include "server/json_body.hpp"
#include "server/server_state.hpp"

namespace leu::server {
namespace {

using bank::RequestStep;

// The request after the step, as its owner's State and the bank see it.
Result<Reply> request_reply(Call& c, const std::string& id, const Head& head) {
  LEU_GET(doc, bank::get_request(c.journal, c.who, id));
  return Reply::json({{"request", doc}, {"head", head_json(head)}}, 201);
}

Result<bank::Evidence> evidence_of(Body& body) {
  LEU_GET(e, body.object("evidence"));
  LEU_GET(ref, e.string("ref"));
  LEU_GET(sha, e.string("sha256"));
  LEU_RETURN_IF_ERROR(e.finish());
  return bank::Evidence{ref, sha};
}

Result<RequestStep> step_of(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_GET(note, body.optional_string("note"));
  LEU_RETURN_IF_ERROR(body.finish());
  return RequestStep{c.param("id"), date, note};
}

using StepFn = Result<Head> (*)(Journal&, const Principal&, const RequestStep&);

struct SimpleStep {
  const char* path;
  const char* summary;
  Operation op;
  StepFn fn;
};

// The steps that take only a date and a note.
const SimpleStep kSimpleSteps[] = {
    {"withdrawal", "Withdraw the request (its State)", Operation::kWithdrawRequest, bank::withdraw_request},
    {"cancellation", "Cancel the request (the bank)", Operation::kCancelRequest, bank::cancel_request},
    {"assessment-start", "Start the assessment against the five criteria", Operation::kAssess, bank::start_assessment},
    {"recheck", "Check criteria 3-5 again against the Member State record", Operation::kAssess, bank::recheck_criteria},
    {"determination-confirmation", "Confirm the proposed determination (second person)",
     Operation::kConfirmDetermination, bank::confirm_determination},
    {"determination-decline", "Decline to confirm the proposed determination", Operation::kConfirmDetermination,
     bank::decline_determination},
    {"release-proposal", "Propose release for shipment (criteria 3-5 rechecked)", Operation::kProposeRelease,
     bank::propose_release},
    {"release-confirmation", "Confirm release for shipment (second person)", Operation::kConfirmRelease,
     bank::confirm_release},
    {"shipment", "Ship the allocated cylinders (SF lines in the books)", Operation::kShip, bank::ship_request},
    {"closing", "Close the request", Operation::kCloseRequest, bank::close_request},
};

Route step_route(std::string path, std::string summary, Operation op, std::string schema, Handler handler) {
  return Route{.method = "POST",
               .path = "/api/v1/requests/{id}/" + path,
               .summary = std::move(summary),
               .tag = "supply",
               .op = op,
               .writes = true,
               .request_schema = std::move(schema),
               .success = 201,
               .handler = std::move(handler)};
}

Result<Reply> file(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  bank::FileRequestInput in;
  LEU_GET(state, body.optional_string("state", c.who.state));
  LEU_GET(uranium, body.kilograms("uranium_kg"));
  LEU_GET(emin, body.percent("enrichment_min_percent"));
  LEU_GET(emax, body.percent("enrichment_max_percent"));
  LEU_GET(plant, body.string("plant"));
  LEU_GET(disruption, body.string("disruption"));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_RETURN_IF_ERROR(body.finish());
  in = {state, uranium, emin, emax, plant, disruption, date};
  LEU_GET(filed, bank::file_request(c.journal, c.who, in));
  return request_reply(c, filed.id, filed.head);
}

Result<Reply> attest(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  LEU_GET(criterion, body.integer("criterion"));
  // Narrowed only when 1 or 2, so that 4294967297 cannot become criterion 1; 0 is refused by the service.
  const int criterion_number = criterion == 1 || criterion == 2 ? static_cast<int>(criterion) : 0;
  LEU_GET(statement, body.string("statement"));
  LEU_GET(evidence, evidence_of(body));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_RETURN_IF_ERROR(body.finish());
  LEU_GET(head, bank::attest_criterion(c.journal, c.who, {c.param("id"), criterion_number, statement, evidence, date}));
  return request_reply(c, c.param("id"), head);
}

Result<Reply> assess(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  LEU_GET(met1, body.boolean("criterion1_met"));
  LEU_GET(basis1, body.string("criterion1_basis"));
  LEU_GET(met2, body.boolean("criterion2_met"));
  LEU_GET(basis2, body.string("criterion2_basis"));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_RETURN_IF_ERROR(body.finish());
  LEU_GET(head, bank::assess_request(c.journal, c.who, {c.param("id"), date, met1, basis1, met2, basis2}));
  return request_reply(c, c.param("id"), head);
}

Result<Reply> propose(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  LEU_GET(approve, body.boolean("approve"));
  LEU_GET(reasons, body.string("reasons"));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_RETURN_IF_ERROR(body.finish());
  LEU_GET(head, bank::propose_determination(c.journal, c.who, {c.param("id"), approve, reasons, date}));
  return request_reply(c, c.param("id"), head);
}

Result<bank::PriceInput> price_of(Body& body) {
  LEU_GET(p, body.object("price"));
  bank::PriceInput in;
  LEU_GET(currency, p.string("currency"));
  LEU_GET(overheads, p.integer("overheads_bp"));
  in.currency = currency;
  in.overheads_bp = overheads;
  LEU_GET(components, p.objects("components", true));
  for (Body& x : components) {
    LEU_GET(name, x.string("name"));
    LEU_GET(quantity, x.integer("quantity_milli"));
    LEU_GET(unit, x.string("unit"));
    LEU_GET(price, x.integer("unit_price_cents"));
    LEU_RETURN_IF_ERROR(x.finish());
    in.components.push_back({name, quantity, unit, price});
  }
  LEU_RETURN_IF_ERROR(p.finish());
  return in;
}

Result<Reply> agree(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  bank::AgreementInput in;
  in.request = c.param("id");
  LEU_GET(reference, body.string("reference"));
  LEU_GET(evidence, evidence_of(body));
  LEU_GET(uranium, body.kilograms("uranium_kg"));
  LEU_GET(emin, body.percent("enrichment_min_percent"));
  LEU_GET(emax, body.percent("enrichment_max_percent"));
  LEU_GET(delivery, body.string("delivery_point"));
  LEU_GET(legs, body.objects("route", true));
  for (Body& leg : legs) {
    LEU_GET(from, leg.string("from"));
    LEU_GET(to, leg.string("to"));
    LEU_GET(transit, leg.optional_string("transit_state"));
    LEU_GET(agreement, leg.optional_string("transit_agreement"));
    LEU_RETURN_IF_ERROR(leg.finish());
    in.route.push_back({from, to, transit, agreement});
  }
  LEU_GET(price, price_of(body));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_RETURN_IF_ERROR(body.finish());
  in.reference = reference;
  in.evidence = evidence;
  in.uranium = uranium;
  in.enrichment_min = emin;
  in.enrichment_max = emax;
  in.delivery_point = delivery;
  in.price = price;
  in.date = date;
  LEU_GET(head, bank::conclude_agreement(c.journal, c.who, in));
  return request_reply(c, c.param("id"), head);
}

Result<Reply> pay(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  LEU_GET(amount, body.integer("amount_cents"));
  LEU_GET(currency, body.string("currency"));
  LEU_GET(reference, body.string("reference"));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_RETURN_IF_ERROR(body.finish());
  LEU_GET(head, bank::record_payment(c.journal, c.who, {c.param("id"), amount, currency, reference, date}));
  return request_reply(c, c.param("id"), head);
}

Result<Reply> allocate(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  LEU_GET(cylinders, body.optional_strings("cylinders"));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_RETURN_IF_ERROR(body.finish());
  LEU_GET(head, bank::allocate_cylinders(c.journal, c.who, {c.param("id"), date, cylinders}));
  return request_reply(c, c.param("id"), head);
}

Result<Reply> prepare(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  bank::PrepareInput in{c.param("id"), c.today, {}, ""};
  LEU_GET(cylinders, body.objects("cylinders", true));
  for (Body& x : cylinders) {
    LEU_GET(cylinder, x.string("cylinder"));
    LEU_GET(overpack, x.string("overpack"));
    LEU_RETURN_IF_ERROR(x.finish());
    in.cylinders.push_back({cylinder, overpack});
  }
  LEU_GET(documents, body.string("documents_ref"));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_RETURN_IF_ERROR(body.finish());
  in.documents_ref = documents;
  in.date = date;
  LEU_GET(head, bank::prepare_shipment(c.journal, c.who, in));
  return request_reply(c, c.param("id"), head);
}

Result<Reply> receive(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  bank::ReceiptInput in;
  in.request = c.param("id");
  LEU_GET(facility, body.string("facility"));
  LEU_GET(cylinders, body.objects("cylinders", true));
  for (Body& x : cylinders) {
    LEU_GET(cylinder, x.string("cylinder"));
    LEU_GET(net, x.kilograms("net_uf6_kg"));
    LEU_GET(uranium, x.kilograms("uranium_kg"));
    LEU_GET(u235, x.kilograms("u235_kg"));
    LEU_RETURN_IF_ERROR(x.finish());
    in.cylinders.push_back({cylinder, net, uranium, u235});
  }
  LEU_GET(evidence, evidence_of(body));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_RETURN_IF_ERROR(body.finish());
  in.facility = facility;
  in.evidence = evidence;
  in.date = date;
  LEU_GET(head, bank::confirm_receipt(c.journal, c.who, in));
  return request_reply(c, c.param("id"), head);
}

}  // namespace

void add_supply_routes(ServerState& state) {
  Router& r = state.router;
  r.add({.method = "GET",
         .path = "/api/v1/requests",
         .summary = "Supply requests (a State representative: its own State's only); access-logged",
         .tag = "supply",
         .op = Operation::kReadRequests,
         .sensitive = true,
         .query = {{"state", "ISO 3166 alpha-2"}, {"status", "lifecycle status"}},
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(list, bank::list_requests(c.journal, c.who, {c.query_value("state"), c.query_value("status")}));
           return Reply::json({{"items", list}});
         }});
  r.add({.method = "GET",
         .path = "/api/v1/requests/{id}",
         .summary = "One request with its timeline, criteria, determination and steps; access-logged",
         .tag = "supply",
         .op = Operation::kReadRequests,
         .sensitive = true,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(doc, bank::get_request(c.journal, c.who, c.param("id")));
           return Reply::json(doc);
         }});
  r.add({.method = "GET",
         .path = "/api/v1/requests/{id}/notices",
         .summary = "The notices to the Board of Governors at each milestone of a request",
         .tag = "supply",
         .op = Operation::kReadRequests,
         .sensitive = true,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(list, bank::list_board_notices(c.journal, c.who, c.param("id")));
           return Reply::json({{"items", list}});
         }});
  r.add({.method = "POST",
         .path = "/api/v1/requests",
         .summary = "File a request for supply (a State representative, for its own State)",
         .tag = "supply",
         .op = Operation::kFileRequest,
         .writes = true,
         .request_schema = "FileRequest",
         .success = 201,
         .handler = file});
  r.add(
      step_route("attestations", "Attest criterion 1 or 2, with evidence", Operation::kAttest, "Attestation", attest));
  r.add(step_route("assessment", "Assess the five criteria (1-2 judged on the attestations, 3-5 from the records)",
                   Operation::kAssess, "Assessment", assess));
  r.add(step_route("determination-proposal", "Propose the Director General's determination (approve or refuse)",
                   Operation::kProposeDetermination, "DeterminationProposal", propose));
  r.add(step_route("agreement", "Conclude the supply agreement: quantity, route, price at full restocking cost",
                   Operation::kConcludeAgreement, "Agreement", agree));
  r.add(step_route("payments", "Record a payment (integer cents, ISO 4217 currency)", Operation::kRecordPayment,
                   "Payment", pay));
  r.add(step_route("allocation", "Allocate whole cylinders (named, or the least excess over the quantity)",
                   Operation::kAllocate, "Allocation", allocate));
  r.add(step_route("preparation", "Record the preparation of every allocated cylinder for transport",
                   Operation::kPrepareShipment, "Preparation", prepare));
  r.add(step_route("receipt", "Confirm the receipt by the recipient, with its measurements", Operation::kConfirmReceipt,
                   "Receipt", receive));
  for (const SimpleStep& s : kSimpleSteps) {
    const StepFn fn = s.fn;
    r.add(step_route(s.path, s.summary, s.op, "Step", [fn](Call& c) -> Result<Reply> {
      LEU_GET(step, step_of(c));
      LEU_GET(head, fn(c.journal, c.who, step));
      return request_reply(c, c.param("id"), head);
    }));
  }
}

}  // namespace leu::server
