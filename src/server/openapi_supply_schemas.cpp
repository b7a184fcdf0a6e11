// The supply of last resort's request bodies as JSON Schemas; keep each in step
// with its handler in api_supply.cpp / api_states.cpp.
#include "server/openapi_schema_parts.hpp"

namespace leu::server {

void add_supply_schemas(nlohmann::json& s) {
  using namespace schema;
  const nlohmann::json on_date = date("date of the step (default: today)");
  s["Step"] = object({{"date", on_date}, {"note", str("remark or reason")}}, {});
  s["FileRequest"] = object({{"state", str("ISO 3166 alpha-2 (default: the representative's own)")},
                             {"uranium_kg", kg("uranium requested")},
                             {"enrichment_min_percent", percent("lowest acceptable U-235")},
                             {"enrichment_max_percent", percent("highest acceptable U-235")},
                             {"plant", str("the nuclear power plant whose supply is disrupted")},
                             {"disruption", str("what happened")},
                             {"date", on_date}},
                            {"uranium_kg", "enrichment_min_percent", "enrichment_max_percent", "plant", "disruption"});
  s["Attestation"] = object({{"criterion", integer("1 or 2")},
                             {"statement", str("what is attested")},
                             {"evidence", evidence()},
                             {"date", on_date}},
                            {"criterion", "statement", "evidence"});
  s["Assessment"] = object({{"criterion1_met", boolean("criterion 1")},
                            {"criterion1_basis", str("why")},
                            {"criterion2_met", boolean("criterion 2")},
                            {"criterion2_basis", str("why")},
                            {"date", on_date}},
                           {"criterion1_met", "criterion1_basis", "criterion2_met", "criterion2_basis"});
  s["DeterminationProposal"] =
      object({{"approve", boolean("approve or refuse")}, {"reasons", str("the reasons")}, {"date", on_date}},
             {"approve", "reasons"});
  s["Agreement"] = object(
      {{"reference", str("the supply agreement")},
       {"evidence", evidence()},
       {"uranium_kg", kg("agreed uranium")},
       {"enrichment_min_percent", percent("lowest U-235")},
       {"enrichment_max_percent", percent("highest U-235")},
       {"delivery_point", str("where the recipient takes delivery")},
       {"route", array_of(object({{"from", str("station")},
                                  {"to", str("station")},
                                  {"transit_state", str("ISO 3166 alpha-2 of a transit State")},
                                  {"transit_agreement", str("the transit agreement's reference")}},
                                 {"from", "to"}),
                          "rail legs")},
       {"price", object({{"currency", str("ISO 4217")},
                         {"overheads_bp", integer("overheads in basis points of the subtotal")},
                         {"components", array_of(object({{"name", str("feed, conversion, enrichment or transport")},
                                                         {"quantity_milli", integer("thousandths of the unit")},
                                                         {"unit", str("kgU, SWU or lot")},
                                                         {"unit_price_cents", integer("per whole unit")}},
                                                        {"name", "quantity_milli", "unit", "unit_price_cents"}),
                                                 "the cost components")}},
                        {"currency", "overheads_bp", "components"})},
       {"date", on_date}},
      {"reference", "evidence", "uranium_kg", "enrichment_min_percent", "enrichment_max_percent", "delivery_point",
       "route", "price"});
  s["Payment"] = object({{"amount_cents", integer("amount in cents")},
                         {"currency", str("ISO 4217")},
                         {"reference", str("transfer reference")},
                         {"date", on_date}},
                        {"amount_cents", "currency", "reference"});
  s["Allocation"] = object(
      {{"cylinders", strings("cylinder ids (default: the least excess over the quantity)")}, {"date", on_date}}, {});
  s["Preparation"] =
      object({{"cylinders",
               array_of(object({{"cylinder", str("id")}, {"overpack", str("overpack")}}, {"cylinder", "overpack"}),
                        "every allocated cylinder, once")},
              {"documents_ref", str("the shipping papers")},
              {"date", on_date}},
             {"cylinders", "documents_ref"});
  s["Receipt"] = object({{"facility", str("the receiving facility")},
                         {"cylinders", array_of(object({{"cylinder", str("id")},
                                                        {"net_uf6_kg", kg("net UF6")},
                                                        {"uranium_kg", kg("uranium")},
                                                        {"u235_kg", kg("U-235")}},
                                                       {"cylinder", "net_uf6_kg", "uranium_kg", "u235_kg"}),
                                                "the receiver's measurements")},
                         {"evidence", evidence()},
                         {"date", on_date}},
                        {"facility", "cylinders", "evidence"});
  s["RegisterState"] = object({{"code", str("ISO 3166 alpha-2")}, {"name", str("the State's name")}, {"date", on_date}},
                              {"code", "name"});
  s["StateFact"] = object({{"fact", str("membership, csa, sir or board_issues")},
                           {"as_of", date("when the fact was established")},
                           {"evidence", evidence()},
                           {"note", str("remark")},
                           {"member", boolean("membership: an IAEA Member State")},
                           {"csa_in_force", boolean("csa: in force")},
                           {"csa_reference", str("csa: e.g. INFCIRC/999")},
                           {"csa_in_force_since", date("csa: since")},
                           {"covers_supplied_leu", boolean("csa: will cover the supplied LEU")},
                           {"sir_year", integer("sir: the report's year")},
                           {"no_diversion", boolean("sir: no diversion of declared material found")},
                           {"issue_under_consideration", boolean("board_issues: an issue before the Board")}},
                          {"fact", "as_of", "evidence"});
  s["RestockOrder"] = object({{"request", str("the request paid for")},
                              {"supplier", str("the supplier")},
                              {"cylinders", integer("number of cylinders")},
                              {"amount_cents", integer("price in cents")},
                              {"currency", str("ISO 4217")},
                              {"reference", str("purchase contract")},
                              {"date", on_date}},
                             {"request", "supplier", "cylinders", "amount_cents", "currency", "reference"});
  s["RestockDelivery"] =
      object({{"cylinders", strings("cylinders already received into the books")}, {"date", on_date}}, {"cylinders"});
  s["RestockAcceptance"] = object({{"note", str("remark")}, {"date", on_date}}, {});
}

}  // namespace leu::server
