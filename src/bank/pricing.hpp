// The price of a supply: the full cost of restocking what the State takes
// (leu-bank.md §5), from stated components, in integer cents of one currency.
//
// Contract: the components are feed (natural uranium, per kg U), conversion (per
// kg U), enrichment work (per SWU), transport (per lot) and overheads (a rate in
// basis points of the other four). Each line's amount is quantity x unit price,
// with quantities in thousandths of their unit, rounded half up to the cent once
// per line; overheads likewise on the subtotal. No floating point anywhere. The
// accepted price is stored with the agreement and never recomputed.
//
//   PriceInput in{"USD", {{"feed", 12'000'000, "kgU", 15'000}, ...}, 500};
//   Result<Price> p = compute_price(in);   // p->total_cents
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/error.hpp"

namespace leu::bank {

struct PriceComponent {
  std::string name;                   // feed | conversion | enrichment | transport
  std::int64_t quantity_milli = 0;    // thousandths of the unit: kg U, SWU, lot
  std::string unit;                   // kgU | SWU | lot (must match the component)
  std::int64_t unit_price_cents = 0;  // per whole unit
};

struct PriceInput {
  std::string currency;  // ISO 4217
  std::vector<PriceComponent> components;
  std::int64_t overheads_bp = 0;  // overheads as basis points (1/10,000) of the subtotal
};

struct PriceLine {
  std::string name;
  std::int64_t quantity_milli = 0;
  std::string unit;
  std::int64_t unit_price_cents = 0;
  std::int64_t amount_cents = 0;
};

struct Price {
  std::string currency;
  std::vector<PriceLine> lines;  // feed, conversion, enrichment, transport
  std::int64_t subtotal_cents = 0;
  std::int64_t overheads_bp = 0;
  std::int64_t overheads_cents = 0;
  std::int64_t total_cents = 0;
};

Result<Price> compute_price(const PriceInput& in);
nlohmann::json to_json(const Price& p);
// "1,234,567.89 USD"
std::string money_text(std::int64_t cents, const std::string& currency);

}  // namespace leu::bank
