// libFuzzer target: the strict JSON request body (server/json_body.hpp, Body)
// read the way three handlers read theirs: a physical inventory taking (nested
// objects, server/api_periods.cpp), a weighing (kilograms, server/api_material.cpp)
// and a supply request (kilograms, per cent, strings, server/api_supply.cpp), with
// no server around it. Every input must give values or a kUsage / kInvalidInput
// Error naming a member (never crash, leak or hit undefined behaviour), and every
// quantity or date accepted must write back to text that parses to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "server/json_body.hpp"

namespace {

using leu::Date;
using leu::Error;
using leu::ErrorCode;
using leu::Fraction;
using leu::Mass;
using leu::Result;
using leu::server::Body;

const Date kToday = Date::from_ymd(2026, 6, 30);

void check_mass(const Mass& m) {
  auto again = Mass::parse_kg(m.kg_text(6), "again");
  if (!again || *again != m) std::abort();
}

void check_date(const Date& d) {
  auto again = Date::parse(d.text(), "again");
  if (!again || *again != d) std::abort();
}

// As pit_input() of server/api_periods.cpp.
Result<void> read_inventory(Body& body) {
  LEU_GET(mba, body.string("mba"));
  LEU_GET(date, body.optional_date("date", kToday));
  check_date(date);
  LEU_GET(all_found, body.optional_bool("all_found", false));
  LEU_GET(note, body.optional_string("note"));
  LEU_GET(found, body.objects("found", false));
  for (Body& f : found) {
    LEU_GET(item, f.string("item"));
    LEU_GET(seal_intact, f.nullable_bool("seal_intact"));
    LEU_GET(position, f.optional_string("position"));
    LEU_GET(net, f.optional_kilograms("net_uf6_kg"));
    if (net) check_mass(*net);
    LEU_RETURN_IF_ERROR(f.finish());
  }
  LEU_GET(unexpected, body.objects("unexpected", false));
  for (Body& u : unexpected) {
    LEU_GET(id, u.string("id"));
    LEU_GET(what, u.optional_string("note"));
    LEU_RETURN_IF_ERROR(u.finish());
  }
  return body.finish();
}

// As the weighing route of server/api_material.cpp.
Result<void> read_weighing(Body& body) {
  LEU_GET(gross, body.kilograms("gross_kg"));
  check_mass(gross);
  LEU_GET(tare, body.optional_kilograms("tare_kg"));
  if (tare) check_mass(*tare);
  LEU_GET(method, body.optional_string("method", "load cells"));
  LEU_GET(date, body.optional_date("date", kToday));
  check_date(date);
  return body.finish();
}

// As the request route of server/api_supply.cpp, with its evidence object.
Result<void> read_request(Body& body) {
  LEU_GET(state, body.optional_string("state", "XR"));
  LEU_GET(uranium, body.kilograms("uranium_kg"));
  check_mass(uranium);
  LEU_GET(emin, body.percent("enrichment_min_percent"));
  LEU_GET(emax, body.percent("enrichment_max_percent"));
  for (const Fraction& f : {emin, emax}) {
    auto again = Fraction::parse_percent(f.percent_text(Fraction::kDecimalsOfPercent), "again");
    if (!again || *again != f) std::abort();
  }
  LEU_GET(plant, body.string("plant"));
  LEU_GET(criterion, body.integer("criterion"));
  LEU_GET(evidence, body.object("evidence"));
  LEU_GET(ref, evidence.string("ref"));
  LEU_RETURN_IF_ERROR(evidence.finish());
  LEU_GET(items, body.optional_strings("items"));
  return body.finish();
}

void check(const Result<void>& r) {
  if (r) return;
  const Error& e = r.error();
  if (e.code != ErrorCode::kUsage && e.code != ErrorCode::kInvalidInput) std::abort();
  if (e.field.empty() || e.message.empty()) std::abort();  // it must say which member and why
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = Body::parse(text);
  if (!parsed) {
    check(std::unexpected(parsed.error()));
    return 0;
  }
  for (auto* read : {read_inventory, read_weighing, read_request}) {
    Body body = *parsed;
    check(read(body));
  }
  return 0;
}
