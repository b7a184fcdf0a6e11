// Physical inventories and material balance periods: take, close, explain, sign.
#include "accountancy/balance_period.hpp"
#include "server/api_util.hpp"
#include "server/json_body.hpp"
#include "server/server_state.hpp"

namespace leu::server {
namespace {

Result<PitInput> pit_input(Call& c) {
  LEU_GET(body, Body::parse(c.body));
  PitInput in;
  LEU_GET(mba, body.string("mba"));
  LEU_GET(date, body.optional_date("date", c.today));
  LEU_GET(all_found, body.optional_bool("all_found", false));
  LEU_GET(note, body.optional_string("note"));
  in.mba = mba;
  in.date = date;
  in.all_found = all_found;
  in.note = note;
  LEU_GET(found, body.objects("found", false));
  for (Body& f : found) {
    PitFinding x;
    LEU_GET(item, f.string("item"));
    LEU_GET(seal_intact, f.nullable_bool("seal_intact"));
    LEU_GET(position, f.optional_string("position"));
    LEU_GET(net, f.optional_kilograms("net_uf6_kg"));
    LEU_GET(method, f.optional_string("method"));
    LEU_GET(calibration, f.optional_string("calibration"));
    LEU_RETURN_IF_ERROR(f.finish());
    in.found.push_back(PitFinding{item, seal_intact, position, net, method, calibration});
  }
  LEU_GET(unexpected, body.objects("unexpected", false));
  for (Body& u : unexpected) {
    LEU_GET(id, u.string("id"));
    LEU_GET(what, u.optional_string("note"));
    LEU_RETURN_IF_ERROR(u.finish());
    in.unexpected.push_back(PitUnexpected{id, what});
  }
  LEU_RETURN_IF_ERROR(body.finish());
  return in;
}

Result<Date> path_date(Call& c) { return Date::parse(c.param("to"), "to"); }

}  // namespace

void add_period_routes(ServerState& state) {
  Router& r = state.router;
  r.add({.method = "GET",
         .path = "/api/v1/inventories",
         .summary = "Physical inventory takings, oldest first",
         .tag = "accountancy",
         .op = Operation::kReadInventory,
         .cacheable = true,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(docs, c.journal.documents(kPitKind));
           return Reply::json({{"items", docs}});
         }});
  r.add({.method = "POST",
         .path = "/api/v1/inventories",
         .summary = "Record a physical inventory taking: what was found at the inventory KMP",
         .tag = "accountancy",
         .op = Operation::kTakeInventory,
         .writes = true,
         .request_schema = "PhysicalInventory",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(in, pit_input(c));
           LEU_GET(head, Periods(c.journal).take_inventory(c.who, in));
           LEU_GET(doc, c.journal.document(kPitKind, in.mba + "/" + in.date.text()));
           return Reply::json({{"inventory", doc ? *doc : nlohmann::json(nullptr)}, {"head", head_json(head)}}, 201);
         }});
  r.add({.method = "GET",
         .path = "/api/v1/periods",
         .summary = "Closed material balance periods (PB, changes, EB, SRD, PE, MUF per category)",
         .tag = "accountancy",
         .op = Operation::kReadInventory,
         .cacheable = true,
         .query = {{"mba", "MBA code (default: all)"}},
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(periods, Periods(c.journal).periods(c.query_value("mba")));
           return Reply::json({{"items", periods}});
         }});
  r.add({.method = "GET",
         .path = "/api/v1/periods/{mba}/{to}",
         .summary = "One closed period",
         .tag = "accountancy",
         .op = Operation::kReadInventory,
         .cacheable = true,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(to, path_date(c));
           LEU_GET(p, Periods(c.journal).period(c.param("mba"), to));
           return Reply::json(p);
         }});
  r.add({.method = "POST",
         .path = "/api/v1/periods",
         .summary = "Close the material balance period of an MBA ending at a physical inventory",
         .tag = "accountancy",
         .op = Operation::kClosePeriod,
         .writes = true,
         .request_schema = "ClosePeriod",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(mba, body.string("mba"));
           LEU_GET(to, body.date("to"));
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_GET(closed, Periods(c.journal).close_period(c.who, mba, to));
           return Reply::json(closed, 201);
         }});
  r.add({.method = "POST",
         .path = "/api/v1/periods/{mba}/{to}/explanations",
         .summary = "Explain an anomaly of a closed period",
         .tag = "accountancy",
         .op = Operation::kClosePeriod,
         .writes = true,
         .request_schema = "Explanation",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(to, path_date(c));
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(anomaly, body.string("anomaly"));
           LEU_GET(text, body.string("explanation"));
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_RETURN_IF_ERROR(Periods(c.journal).explain_anomaly(c.who, c.param("mba"), to, anomaly, text));
           LEU_GET(p, Periods(c.journal).period(c.param("mba"), to));
           return Reply::json(p, 201);
         }});
  r.add({.method = "POST",
         .path = "/api/v1/periods/{mba}/{to}/signature",
         .summary = "Sign a closed period off (every anomaly explained)",
         .tag = "accountancy",
         .op = Operation::kClosePeriod,
         .writes = true,
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(to, path_date(c));
           LEU_RETURN_IF_ERROR(Periods(c.journal).sign_period(c.who, c.param("mba"), to));
           LEU_GET(p, Periods(c.journal).period(c.param("mba"), to));
           return Reply::json(p, 201);
         }});
}

}  // namespace leu::server
