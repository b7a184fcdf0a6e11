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
                          {"date", on_date},
                          {"calibration", str("calibration period of the scale, e.g. LC-2019 (1-32 printable)")}},
                         {"gross_kg", "calibration"});
  s["Enrichment"] = object({{"u235_percent", str("U-235 [wt %], decimal string")},
                            {"method", str("measurement method")},
                            {"date", on_date},
                            {"calibration", str("calibration period of the instrument, e.g. HPGe-2019")}},
                           {"u235_percent", "calibration"});
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
                           {"net_uf6_kg", kg("re-weighed net UF6")},
                           {"method", str("weighing method of the re-weighing (required with net_uf6_kg)")},
                           {"calibration", str("calibration period of the scale, e.g. LC-2026 (required with "
                                               "net_uf6_kg)")}},
                          {"item"})}}},
       {"unexpected",
        {{"type", "array"}, {"items", object({{"id", str("marking")}, {"note", str("what was found")}}, {"id"})}}}},
      {"mba"});
  s["ClosePeriod"] = object({{"mba", str("MBA code")}, {"to", date("date of the physical inventory")}}, {"mba", "to"});
  s["Explanation"] =
      object({{"anomaly", str("anomaly id")}, {"explanation", str("what happened")}}, {"anomaly", "explanation"});
  s["IssueReport"] = object({{"type", str("ICR, PIL or MBR")},
                             {"mba", str("MBA code")},
                             {"month", str("ICR: the month, YYYY-MM")},
                             {"date", date("PIL, MBR: the physical inventory ending the period")}},
                            {"type", "mba"});
  s["ReportCorrection"] = object({{"type", str("ICR, PIL or MBR")},
                                  {"mba", str("MBA code")},
                                  {"report", integer("the issued report's number")},
                                  {"line", integer("the line to correct")},
                                  {"delete", boolean("delete the line (a lone D line)")},
                                  {"set",
                                   {{"type", "array"},
                                    {"items", object({{"field", str("line field name (docs/formats/reports.md)")},
                                                      {"value", str("corrected value; weights in the unit shown")}},
                                                     {"field", "value"})}}},
                                  {"reason", str("why: the comment of the correction lines")}},
                                 {"type", "mba", "report", "line", "reason"});
  s["PlanRequest"] = object({{"scenario", str("abrupt or protracted (spread evenly over every period)")},
                             {"amount_kg", kg("U-235 diverted in total")},
                             {"periods", integer("balance periods, 1-60 (monthly takings)")},
                             {"iterations", integer("Monte Carlo iterations, 100-20000")},
                             {"seed", integer("random seed, 0 or more")},
                             {"false_alarm_percent", percent("false-alarm probability per test, above 0, below 50")}},
                            {"scenario", "amount_kg", "periods", "iterations", "seed", "false_alarm_percent"});
  add_supply_schemas(s);
  return s;
}

}  // namespace leu::server
