#include "bank/pricing.hpp"

#include <array>

#include "bank/bank_common.hpp"

namespace leu::bank {
namespace {

struct Kind {
  const char* name;
  const char* unit;
};
// The components of the restocking cost (leu-bank.md §5, "Design": feed, conversion, SWU, transport).
constexpr std::array<Kind, 4> kKinds = {
    {{"feed", "kgU"}, {"conversion", "kgU"}, {"enrichment", "SWU"}, {"transport", "lot"}}};
// A bound that keeps every product inside int64 and any price plausible: 10^15 cents.
constexpr std::int64_t kMaxCents = 1'000'000'000'000'000;

__extension__ typedef __int128 Int128;

// a * b / divisor rounded half up; a, b >= 0.
Int128 mul_div_round(std::int64_t a, std::int64_t b, std::int64_t divisor) {
  return (static_cast<Int128>(a) * b + divisor / 2) / divisor;
}

}  // namespace

Result<Price> compute_price(const PriceInput& in) {
  LEU_RETURN_IF_ERROR(validate_currency(in.currency, "currency"));
  Price p;
  p.currency = in.currency;
  for (const Kind& k : kKinds) {
    const PriceComponent* found = nullptr;
    for (const auto& c : in.components) {
      if (c.name != k.name) continue;
      if (found) return invalid(std::string("price.") + k.name, "is given twice");
      found = &c;
    }
    const std::string field = std::string("price.") + k.name;
    if (!found) return invalid(field, "is missing; the price needs feed, conversion, enrichment and transport");
    if (found->unit != k.unit) return invalid(field, "unit '" + found->unit + "' should be '" + k.unit + "'");
    if (found->quantity_milli < 0) return invalid(field, "quantity is negative");
    if (found->unit_price_cents < 0) return invalid(field, "unit price is negative");
    const Int128 amount = mul_div_round(found->quantity_milli, found->unit_price_cents, 1000);
    if (amount > kMaxCents) return invalid(field, "amount exceeds 10^15 cents");
    p.lines.push_back(
        {k.name, found->quantity_milli, k.unit, found->unit_price_cents, static_cast<std::int64_t>(amount)});
    p.subtotal_cents += static_cast<std::int64_t>(amount);
  }
  for (const auto& c : in.components) {
    bool known = false;
    for (const Kind& k : kKinds) known |= c.name == k.name;
    if (!known) return invalid("price." + c.name, "is not a price component (feed, conversion, enrichment, transport)");
  }
  if (p.subtotal_cents > kMaxCents) return invalid("price", "subtotal exceeds 10^15 cents");
  if (in.overheads_bp < 0 || in.overheads_bp > 10'000)
    return invalid("price.overheads_bp", "must lie between 0 and 10000 basis points (0-100 %)");
  p.overheads_bp = in.overheads_bp;
  p.overheads_cents = static_cast<std::int64_t>(mul_div_round(p.subtotal_cents, in.overheads_bp, 10'000));
  p.total_cents = p.subtotal_cents + p.overheads_cents;
  if (p.total_cents <= 0) return invalid("price", "the total must be greater than zero");
  return p;
}

nlohmann::json to_json(const Price& p) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : p.lines)
    lines.push_back({{"component", l.name},
                     {"quantity_milli", l.quantity_milli},
                     {"unit", l.unit},
                     {"unit_price_cents", l.unit_price_cents},
                     {"amount_cents", l.amount_cents}});
  return {{"currency", p.currency},
          {"lines", lines},
          {"subtotal_cents", p.subtotal_cents},
          {"overheads_bp", p.overheads_bp},
          {"overheads_cents", p.overheads_cents},
          {"total_cents", p.total_cents}};
}

std::string money_text(std::int64_t cents, const std::string& currency) {
  const bool negative = cents < 0;
  const std::int64_t v = negative ? -cents : cents;
  std::string units = std::to_string(v / 100);
  for (int i = static_cast<int>(units.size()) - 3; i > 0; i -= 3) units.insert(static_cast<std::size_t>(i), ",");
  const std::int64_t c = v % 100;
  return (negative ? "-" : "") + units + "." + (c < 10 ? "0" : "") + std::to_string(c) + " " + currency;
}

}  // namespace leu::bank
