// The request bodies of the API as JSON Schemas (components/schemas). Keep each in
// step with its handler: a handler reads exactly these members and refuses others.
#include "server/openapi.hpp"
#include "server/openapi_schema_parts.hpp"

namespace leu::server {
using nlohmann::json;
using namespace schema;

nlohmann::json request_schemas() {
  const json on_date = date("accounting date (default: today)");
  json s;
  s["SignIn"] = object({{"user", str("user name")}, {"password", str("password")}}, {"user", "password"});
  s["Password"] = object({{"password", str("12 to 128 characters")}}, {"password"});
  s["TokenRequest"] = object({{"label", str("what the token is for, 1-64 characters")}}, {"label"});
  s["NewUser"] = object({{"user", str("1-64 of a-z 0-9 . _ -")},
                         {"roles", strings("roles")},
                         {"state", str("ISO 3166 alpha-2; state_representative only")}},
                        {"user", "roles"});
  s["Roles"] = object({{"roles", strings("the new roles")}}, {"roles"});
  s["Weighing"] = object({{"gross_kg", kg("gross mass")},
                          {"tare_kg", kg("tare (default: the tare in the books)")},
                          {"method", str("scale or method")},
                          {"date", on_date}},
                         {"gross_kg"});
  s["Enrichment"] = object(
      {{"u235_percent", str("U-235 [wt %], decimal string")}, {"method", str("measurement method")}, {"date", on_date}},
      {"u235_percent"});
  s["Move"] = object({{"to", str("storage position")}, {"date", on_date}}, {"to"});
  s["SealApply"] = object(
      {{"seal", str("seal id")}, {"item", str("cylinder id")}, {"seal_type", str("seal type")}, {"date", on_date}},
      {"seal", "item"});
  s["SealVerify"] = object({{"item", str("cylinder id")},
                            {"intact", boolean("found intact (default true)")},
                            {"note", str("remark")},
                            {"date", on_date}},
                           {"item"});
  s["SealRemove"] = object({{"item", str("cylinder id")}, {"reason", str("why it is removed")}, {"date", on_date}},
                           {"item", "reason"});
  s["Shipment"] = object({{"items", strings("cylinder ids")},
                          {"to", str("receiving country (ISO 3166 alpha-2) or MBA")},
                          {"code", str("SF or SD (default: from 'to')")},
                          {"date", on_date}},
                         {"items", "to"});
  s["LossGain"] = object({{"item", str("cylinder id")},
                          {"uf6_kg", kg("UF6 lost or found")},
                          {"reason", str("the cause")},
                          {"date", on_date}},
                         {"item", "uf6_kg", "reason"});
  s["PhysicalInventory"] = object(
      {{"mba", str("MBA code")},
       {"date", on_date},
       {"all_found", boolean("every item on the book seen, seals intact")},
       {"note", str("remark")},
       {"found",
        {{"type", "array"},
         {"items", object({{"item", str("cylinder id")},
                           {"seal_intact", {{"type", "boolean"}, {"nullable", true}}},
                           {"position", str("where it was found")},
                           {"net_uf6_kg", kg("re-weighed net UF6")}},
                          {"item"})}}},
       {"unexpected",
        {{"type", "array"}, {"items", object({{"id", str("marking")}, {"note", str("what was found")}}, {"id"})}}}},
      {"mba"});
  s["ClosePeriod"] = object({{"mba", str("MBA code")}, {"to", date("date of the physical inventory")}}, {"mba", "to"});
  s["Explanation"] =
      object({{"anomaly", str("anomaly id")}, {"explanation", str("what happened")}}, {"anomaly", "explanation"});
  add_supply_schemas(s);
  return s;
}

}  // namespace leu::server
