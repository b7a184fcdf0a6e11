#include "demo/demo_supply.hpp"

#include <fmt/format.h>

#include "accountancy/operations.hpp"
#include "bank/member_states.hpp"
#include "bank/supply.hpp"
#include "domain/uf6.hpp"

namespace leu {
namespace {

using namespace bank;

// DEMO placeholder digest: not the SHA-256 of any real document.
const std::string kDemoSha = "de00000000000000000000000000000000000000000000000000000000000000";

Result<Principal> who(Journal& j, const char* name) { return resolve_principal(j, name); }

Result<void> demo_state(Journal& j, const Principal& bruno, const std::string& code, const std::string& name,
                        Date as_of) {
  LEU_RETURN_IF_ERROR(register_state(j, bruno, {code, name, as_of}));
  for (StateFact f : {StateFact::kMembership, StateFact::kCsa, StateFact::kSir, StateFact::kBoardIssues}) {
    StateFactInput in;
    in.state = code;
    in.fact = f;
    in.as_of = as_of;
    in.evidence = {fmt::format("DEMO/{}/{}", code, state_fact_name(f)), kDemoSha};
    in.member = true;
    in.csa_in_force = true;
    in.csa_reference = "DEMO-INFCIRC/" + code;
    in.csa_in_force_since = Date::from_ymd(2001, 3, 1);
    in.covers_supplied_leu = true;
    in.sir_year = as_of.year() - 1;
    in.no_diversion = true;
    in.note = "DEMO fact of a fictional State";
    LEU_RETURN_IF_ERROR(record_state_fact(j, bruno, in));
  }
  return {};
}

}  // namespace

Result<void> build_demo_supply(Journal& j) {
  const Date today = Date::of(j.clock().now());
  const Date facts_on = Date::from_ymd(today.year(), 1, 1);  // after the last closed period, never in the future
  LEU_GET(bruno, who(j, "bruno"));
  LEU_GET(dg, who(j, "dg"));
  LEU_GET(samir, who(j, "samir"));
  LEU_GET(freya, who(j, "freya"));
  LEU_RETURN_IF_ERROR(demo_state(j, bruno, "XR", "Republic of Ruritania (DEMO, fiction)", facts_on));
  LEU_RETURN_IF_ERROR(demo_state(j, bruno, "XQ", "Commonwealth of Freedonia (DEMO, fiction)", facts_on));

  const Fraction min = Fraction::from_parts(48'000'000), max = Fraction::from_parts(49'500'000);  // 4.80-4.95 %
  LEU_GET(xr, file_request(j, samir,
                           {"XR", Mass::kilograms(4'400), min, max, "DEMO Ruritania NPP Unit 2",
                            "DEMO: the fuel fabricator's enriched UF6 supplier stopped deliveries (fiction)", today}));
  for (int c : {1, 2})
    LEU_RETURN_IF_ERROR(attest_criterion(j, samir,
                                         {xr.id,
                                          c,
                                          fmt::format("DEMO attestation of criterion {} (fiction)", c),
                                          {fmt::format("DEMO/XR/attestation-{}", c), kDemoSha},
                                          today}));
  LEU_RETURN_IF_ERROR(start_assessment(j, bruno, {xr.id, today, ""}));
  LEU_RETURN_IF_ERROR(assess_request(j, bruno,
                                     {xr.id, today, true, "DEMO: disruption documented by the attestation", true,
                                      "DEMO: three commercial offers declined, documented"}));
  LEU_RETURN_IF_ERROR(propose_determination(j, dg, {xr.id, true, "DEMO: all five criteria met", today}));
  LEU_RETURN_IF_ERROR(confirm_determination(j, bruno, {xr.id, today, "DEMO confirmation"}));
  AgreementInput a;
  a.request = xr.id;
  a.reference = "DEMO-SA-XR-1";
  a.evidence = {"DEMO/XR/supply-agreement", kDemoSha};
  a.uranium = Mass::kilograms(4'400);
  a.enrichment_min = min;
  a.enrichment_max = max;
  a.delivery_point = "DEMO Ruritania fuel fabrication plant";
  // DEMO route: rail from Ulba through Russia (transit agreement of 18 Jun 2015, leu-bank.md §2), fictional border.
  a.route = {{"Ulba Metallurgical Plant, Oskemen", "KZ-RU border", "", ""},
             {"KZ-RU border", "DEMO RU-XR border", "RU", "IAEA-Russia transit agreement, 18 Jun 2015"},
             {"DEMO RU-XR border", "DEMO Ruritania fuel fabrication plant", "", ""}};
  // DEMO placeholder prices (leu-bank.md §5: the real formula is not public). Quantities for 4,400 kg U at
  // 4.9 % with 0.25 % tails and 0.711 % feed (standard value function): about 10.1 kg natural U and 7.7 SWU
  // per kg U of product, rounded for the demo. DEMO unit prices: 150.00 USD/kg U feed, 12.00 USD/kg U conversion,
  // 150.00 USD/SWU, 1,200,000.00 USD transport, overheads 5 %.
  a.price = {"USD",
             {{"feed", 44'440'000, "kgU", 15'000},
              {"conversion", 44'440'000, "kgU", 1'200},
              {"enrichment", 33'880'000, "SWU", 15'000},
              {"transport", 1'000, "lot", 120'000'000}},
             500};
  a.date = today;
  LEU_RETURN_IF_ERROR(conclude_agreement(j, bruno, a));
  LEU_GET(r, get_request(j, bruno, xr.id));
  const std::int64_t total = r["agreement"]["price"]["total_cents"].get<std::int64_t>();
  LEU_RETURN_IF_ERROR(record_payment(j, bruno, {xr.id, total, "USD", "DEMO-TT-XR-1", today}));
  LEU_RETURN_IF_ERROR(allocate_cylinders(j, bruno, {xr.id, today, {}}));

  LEU_GET(xq, file_request(j, freya,
                           {"XQ", Mass::kilograms(1'500), min, max, "DEMO Freedonia NPP Unit 1",
                            "DEMO: transport of the contracted LEU blocked (fiction)", today}));
  LEU_RETURN_IF_ERROR(attest_criterion(
      j, freya, {xq.id, 1, "DEMO attestation of criterion 1 (fiction)", {"DEMO/XQ/attestation-1", kDemoSha}, today}));
  LEU_RETURN_IF_ERROR(start_assessment(j, bruno, {xq.id, today, ""}));
  return {};
}

Result<void> run_demo_supply_scenario(Journal& j) {
  const Date today = Date::of(j.clock().now());
  LEU_GET(bruno, who(j, "bruno"));
  LEU_GET(dg, who(j, "dg"));
  LEU_GET(samir, who(j, "samir"));
  LEU_GET(olga, who(j, "olga"));
  LEU_GET(requests, list_requests(j, bruno, {"XR", "allocated"}));
  if (requests.empty())
    return fail(ErrorCode::kConflict, "request", "no allocated DEMO request of XR (run on a fresh 'leubank demo')");
  const std::string id = requests.front()["id"].get<std::string>();
  PrepareInput p{id, today, {}, "DEMO-SHIP-" + id};
  for (const auto& c : requests.front()["allocation"]["cylinders"])
    p.cylinders.push_back({c.get<std::string>(), "UX-30 DEMO-OP-" + c.get<std::string>()});
  LEU_RETURN_IF_ERROR(prepare_shipment(j, olga, p));
  LEU_RETURN_IF_ERROR(propose_release(j, bruno, {id, today, "DEMO"}));
  LEU_RETURN_IF_ERROR(confirm_release(j, dg, {id, today, "DEMO"}));
  LEU_RETURN_IF_ERROR(ship_request(j, olga, {id, today, "DEMO rail shipment"}));
  LEU_GET(r, get_request(j, bruno, id));
  ReceiptInput rec{id, today, "DEMO Ruritania fuel fabrication plant", {}, {"DEMO/XR/receipt", kDemoSha}};
  for (const auto& c : r["preparation"]["cylinders"])
    // DEMO receiver values: 150 g U and 7 g U-235 below the shipper's, per cylinder.
    rec.cylinders.push_back({c["item"].get<std::string>(), Mass::milligrams(c["net_uf6_mg"].get<std::int64_t>()),
                             Mass::milligrams(c["uranium_mg"].get<std::int64_t>()) - Mass::grams(150),
                             Mass::milligrams(c["u235_mg"].get<std::int64_t>()) - Mass::grams(7)});
  LEU_RETURN_IF_ERROR(confirm_receipt(j, samir, rec));
  const std::size_t n = r["allocation"]["cylinders"].size();
  LEU_GET(order, order_restock(j, bruno,
                               {id, "DEMO supplier", static_cast<int>(n), r["paid_cents"].get<std::int64_t>(), "USD",
                                "DEMO-PO-" + id, today}));
  // The replacement cylinders arrive and are received into the reserve (RF), then booked to the order.
  std::vector<ReceiptLine> lines;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) {
    ReceiptLine l;
    l.line = static_cast<int>(i) + 2;
    l.cylinder_id = fmt::format("DEMO-RS-{:02}", i + 1);
    l.supplier = "DEMO supplier";
    l.shipper_batch = "DEMO-RS-B1";
    l.shipper = "FR";
    l.position = fmt::format("R10-{:02}", i + 1);
    l.isotopics = Isotopics::from_u235(Fraction::from_parts(49'300'000)).value();
    const Mass net = Mass::kilograms(2'215);
    l.tare = Mass::kilograms(636);
    l.gross = l.tare + net;
    const UraniumContent c = uranium_in_uf6(net, l.isotopics);
    l.declared_uranium = c.uranium;
    l.declared_u235 = c.u235;
    l.recertified_on = today.plus_days(-300);
    l.filled_on = today.plus_days(-60);
    l.received_on = today;
    l.weighing_calibration = fmt::format("LC-{}", today.year());  // the bank's load cells, calibrated yearly
    l.enrichment_calibration = fmt::format("HPGe-{}", today.year());
    lines.push_back(l);
    ids.push_back(l.cylinder_id);
  }
  Operations ops(j);
  LEU_RETURN_IF_ERROR(ops.receive(olga, lines));
  LEU_RETURN_IF_ERROR(record_restock_delivery(j, bruno, {order.id, ids, today}));
  LEU_RETURN_IF_ERROR(accept_restock(j, bruno, {order.id, "DEMO: accepted after IAEA verification", today}));
  LEU_RETURN_IF_ERROR(close_request(j, bruno, {id, today, "DEMO supply completed"}));
  return {};
}

}  // namespace leu
