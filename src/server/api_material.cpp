// The operations on material: receive, measure, move, seals, ship, loss, gain.
// Each handler reads its body strictly and calls one Operations method, which
// checks the role, validates and appends in one transaction.
#include "accountancy/operations.hpp"
#include "ledger/codec.hpp"
#include "server/api_util.hpp"
#include "server/json_body.hpp"
#include "server/server_state.hpp"

namespace leu::server {
namespace {

// The item after the change, with the journal head that made it.
Result<Reply> item_reply(Call& c, const std::string& id, const Head& head, int status = 201) {
  LEU_GET(item, c.journal.item(id));
  nlohmann::json out = {{"head", head_json(head)}};
  if (item) out["item"] = encode(*item);
  return Reply::json(out, status);
}

// Optimistic concurrency: with If-Match, the change goes ahead only if the cylinder
// is still at the event the client read (its ETag, last_seq); else 409 and nothing changes.
// Handlers of changes run under the writer lock, so the check and the change are one step.
Result<void> check_if_match(const Call& c, const std::string& id) {
  if (c.if_match.empty()) return {};
  std::string want = c.if_match;
  if (want.size() >= 2 && want.front() == '"' && want.back() == '"') want = want.substr(1, want.size() - 2);
  LEU_GET(item, c.journal.item(id));
  if (!item) return fail(ErrorCode::kNotFound, "id", "no cylinder '" + id + "'");
  if (std::to_string(item->last_seq) != want)
    return fail(ErrorCode::kConflict, "If-Match",
                "cylinder " + id + " changed since it was read (now at event " + std::to_string(item->last_seq) +
                    ", the request expected " + want + "); read it again");
  return {};
}

// The services name their inputs as the CLI does ("gross", "cylinder"); the API's
// members carry units ("gross_kg") or sit in the path ("id"). Problems name the API's.
Result<Head> in_api_terms(Result<Head> r, std::initializer_list<std::pair<const char*, const char*>> names) {
  if (r) return r;
  Error e = r.error();
  for (const auto& [service, api] : names)
    if (e.field == service) e.field = api;
  return std::unexpected(e);
}

Reply head_reply(const Head& head, int status = 201) { return Reply::json({{"head", head_json(head)}}, status); }

template <class Op>
Route material_route(std::string method, std::string path, std::string summary, Operation op, std::string schema,
                     Op handler) {
  return Route{.method = std::move(method),
               .path = std::move(path),
               .summary = std::move(summary),
               .tag = "material",
               .op = op,
               .writes = true,
               .request_schema = std::move(schema),
               .success = 201,
               .handler = std::move(handler)};
}

Result<SealInput> seal_input(Call& c, Body& body, bool needs_item) {
  SealInput in;
  in.seal = c.params.contains("seal") ? c.param("seal") : "";
  if (needs_item) {
    LEU_GET(item, body.string("item"));
    in.cylinder = item;
  }
  LEU_GET(date, body.optional_date("date", c.today));
  in.date = date;
  return in;
}

}  // namespace

void add_material_routes(ServerState& state) {
  Router& r = state.router;
  r.add(material_route("POST", "/api/v1/receipts", "Receive cylinders from a receipt listing (CSV, see README)",
                       Operation::kReceive, "csv", [](Call& c) -> Result<Reply> {
                         LEU_GET(lines, parse_receipt_listing(c.body));
                         LEU_GET(head, Operations(c.journal).receive(c.who, lines));
                         nlohmann::json ids = nlohmann::json::array();
                         for (const ReceiptLine& l : lines) ids.push_back(l.cylinder_id);
                         return Reply::json({{"received", ids}, {"head", head_json(head)}}, 201);
                       }));
  r.add(material_route("POST", "/api/v1/items/{id}/weighings", "Record a weighing (gross, optionally tare, in kg)",
                       Operation::kMeasure, "Weighing", [](Call& c) -> Result<Reply> {
                         LEU_GET(body, Body::parse(c.body));
                         LEU_GET(gross, body.kilograms("gross_kg"));
                         LEU_GET(tare, body.optional_kilograms("tare_kg"));
                         LEU_GET(method, body.optional_string("method", "load cells"));
                         LEU_GET(date, body.optional_date("date", c.today));
                         LEU_GET(calibration, body.optional_string("calibration"));  // required by the service
                         LEU_RETURN_IF_ERROR(body.finish());
                         LEU_RETURN_IF_ERROR(check_if_match(c, c.param("id")));
                         const WeighingInput in{c.param("id"), gross, tare, method, date, calibration};
                         LEU_GET(head, in_api_terms(Operations(c.journal).weigh(c.who, in),
                                                    {{"gross", "gross_kg"}, {"tare", "tare_kg"}, {"cylinder", "id"}}));
                         return item_reply(c, c.param("id"), head);
                       }));
  r.add(material_route("POST", "/api/v1/items/{id}/enrichments", "Record a U-235 enrichment measurement [wt %]",
                       Operation::kMeasure, "Enrichment", [](Call& c) -> Result<Reply> {
                         LEU_GET(body, Body::parse(c.body));
                         LEU_GET(u235, body.percent("u235_percent"));
                         LEU_GET(method, body.optional_string("method", "NDA gamma HPGe"));
                         LEU_GET(date, body.optional_date("date", c.today));
                         LEU_GET(calibration, body.optional_string("calibration"));  // required by the service
                         LEU_RETURN_IF_ERROR(body.finish());
                         LEU_RETURN_IF_ERROR(check_if_match(c, c.param("id")));
                         const EnrichmentInput in{c.param("id"), u235, method, date, calibration};
                         LEU_GET(head, in_api_terms(Operations(c.journal).measure_enrichment(c.who, in),
                                                    {{"u235", "u235_percent"}, {"cylinder", "id"}}));
                         return item_reply(c, c.param("id"), head);
                       }));
  r.add(material_route("POST", "/api/v1/items/{id}/moves", "Move a cylinder to another storage position",
                       Operation::kMove, "Move", [](Call& c) -> Result<Reply> {
                         LEU_GET(body, Body::parse(c.body));
                         LEU_GET(to, body.string("to"));
                         LEU_GET(date, body.optional_date("date", c.today));
                         LEU_RETURN_IF_ERROR(body.finish());
                         LEU_RETURN_IF_ERROR(check_if_match(c, c.param("id")));
                         LEU_GET(head,
                                 in_api_terms(Operations(c.journal).move(c.who, MoveInput{c.param("id"), to, date}),
                                              {{"cylinder", "id"}}));
                         return item_reply(c, c.param("id"), head);
                       }));
  r.add(
      material_route("POST", "/api/v1/seals", "Apply a seal to a cylinder", Operation::kSealApply, "SealApply",
                     [](Call& c) -> Result<Reply> {
                       LEU_GET(body, Body::parse(c.body));
                       LEU_GET(seal, body.string("seal"));
                       LEU_GET(in, seal_input(c, body, true));
                       in.seal = seal;
                       LEU_GET(type, body.optional_string("seal_type", "metal cap"));
                       in.seal_type = type;
                       LEU_RETURN_IF_ERROR(body.finish());
                       LEU_GET(head, in_api_terms(Operations(c.journal).apply_seal(c.who, in), {{"cylinder", "item"}}));
                       return item_reply(c, in.cylinder, head);
                     }));
  r.add(material_route(
      "POST", "/api/v1/seals/{seal}/verifications", "Record a seal check (intact or not)", Operation::kSealVerify,
      "SealVerify", [](Call& c) -> Result<Reply> {
        LEU_GET(body, Body::parse(c.body));
        LEU_GET(in, seal_input(c, body, true));
        LEU_GET(intact, body.optional_bool("intact", true));
        LEU_GET(note, body.optional_string("note"));
        LEU_RETURN_IF_ERROR(body.finish());
        in.intact = intact;
        in.note = note;
        LEU_GET(head, in_api_terms(Operations(c.journal).verify_seal(c.who, in), {{"cylinder", "item"}}));
        return item_reply(c, in.cylinder, head);
      }));
  r.add(material_route(
      "POST", "/api/v1/seals/{seal}/removal", "Remove a seal, with the reason", Operation::kSealRemove, "SealRemove",
      [](Call& c) -> Result<Reply> {
        LEU_GET(body, Body::parse(c.body));
        LEU_GET(in, seal_input(c, body, true));
        LEU_GET(reason, body.string("reason"));
        LEU_RETURN_IF_ERROR(body.finish());
        in.note = reason;
        LEU_GET(head, in_api_terms(Operations(c.journal).remove_seal(c.who, in), {{"cylinder", "item"}}));
        return item_reply(c, in.cylinder, head);
      }));
  r.add(material_route("POST", "/api/v1/shipments", "Ship cylinders out of the MBA (SF abroad, SD domestic)",
                       Operation::kShip, "Shipment", [](Call& c) -> Result<Reply> {
                         LEU_GET(body, Body::parse(c.body));
                         LEU_GET(items, body.strings("items"));
                         LEU_GET(to, body.string("to"));
                         LEU_GET(code, body.optional_string("code"));
                         LEU_GET(date, body.optional_date("date", c.today));
                         LEU_RETURN_IF_ERROR(body.finish());
                         LEU_GET(head,
                                 in_api_terms(Operations(c.journal).ship(c.who, ShipmentInput{items, to, code, date}),
                                              {{"cylinder", "items"}}));
                         return head_reply(head);
                       }));
  for (const bool loss : {true, false}) {
    r.add(material_route(
        "POST", loss ? "/api/v1/losses" : "/api/v1/gains",
        loss ? "Book an accidental loss (LA) of UF6 from a cylinder" : "Book an accidental gain (GA) of UF6",
        Operation::kLossGain, "LossGain", [loss](Call& c) -> Result<Reply> {
          LEU_GET(body, Body::parse(c.body));
          LEU_GET(item, body.string("item"));
          LEU_GET(uf6, body.kilograms("uf6_kg"));
          LEU_GET(reason, body.string("reason"));
          LEU_GET(date, body.optional_date("date", c.today));
          LEU_RETURN_IF_ERROR(body.finish());
          LEU_RETURN_IF_ERROR(check_if_match(c, item));
          const LossGainInput in{item, uf6, reason, date};
          Operations ops(c.journal);
          LEU_GET(head, in_api_terms(loss ? ops.book_loss(c.who, in) : ops.book_gain(c.who, in),
                                     {{"uf6", "uf6_kg"}, {"cylinder", "item"}}));
          return item_reply(c, item, head);
        }));
  }
}

}  // namespace leu::server
