#include "accountancy/inventory.hpp"

#include <algorithm>

#include "domain/significant_quantity.hpp"
#include "ledger/codec.hpp"

namespace leu {
namespace {

Result<Inventory> assemble(std::optional<Facility> facility, std::vector<Item> items, std::vector<Balance> balances,
                           Date day, bool today, bool include_all) {
  if (!facility) return fail(ErrorCode::kConflict, "db", "the journal has no facility; run 'leubank init' first");
  Inventory inv;
  inv.facility = std::move(*facility);
  inv.as_of = day;
  inv.as_of_today = today;
  Mass item_u, item_u235;
  std::int64_t on_hand = 0;
  for (auto& it : items) {
    if (it.on_hand()) {
      item_u += it.uranium, item_u235 += it.u235, ++on_hand;
    }
    if (include_all || it.on_hand()) inv.items.push_back(std::move(it));
  }
  for (auto& b : balances) {
    if (b.items == 0 && b.uranium == Mass()) continue;
    inv.totals.items += b.items;
    inv.totals.uranium += b.uranium;
    inv.totals.u235 += b.u235;
    inv.totals.significant_quantities += significant_quantities(
        b.category, b.category == UraniumCategory::kEnriched ? EnrichmentClass::kLow : EnrichmentClass::kNotEnriched,
        b.uranium, b.u235);
    inv.balances.push_back(std::move(b));
  }
  inv.consistent = item_u == inv.totals.uranium && item_u235 == inv.totals.u235 && on_hand == inv.totals.items;
  return inv;
}

}  // namespace

Result<Inventory> current_inventory(Journal& journal, bool include_all) {
  auto facility = journal.facility();
  if (!facility) return std::unexpected(facility.error());
  auto items = journal.items();
  if (!items) return std::unexpected(items.error());
  auto balances = journal.balances();
  if (!balances) return std::unexpected(balances.error());
  return assemble(std::move(*facility), std::move(*items), std::move(*balances), Date::of(journal.clock().now()), true,
                  include_all);
}

Result<Inventory> inventory_as_of(Journal& journal, Date day, bool include_all) {
  if (day > Date::of(journal.clock().now())) return invalid("as-of", day.text() + " is in the future");
  auto p = journal.as_of(day);
  if (!p) return std::unexpected(p.error());
  auto facility = p->facility();
  if (!facility) return std::unexpected(facility.error());
  return assemble(std::move(*facility), p->items(), p->balances(), day, false, include_all);
}

nlohmann::json to_json(const Inventory& inv) {
  nlohmann::json items = nlohmann::json::array(), balances = nlohmann::json::array();
  for (const auto& it : inv.items) {
    nlohmann::json j = encode(it);
    j["u235_wt_pct"] = it.isotopics.u235().percent_text(4);
    j["net_uf6_kg"] = it.net_uf6.kg_text(3);
    j["uranium_kg"] = it.uranium.kg_text(3);
    j["u235_kg"] = it.u235.kg_text(3);
    items.push_back(std::move(j));
  }
  for (const auto& b : inv.balances) {
    nlohmann::json j = encode(b);
    j["uranium_kg"] = b.uranium.kg_text(6);
    j["u235_kg"] = b.u235.kg_text(6);
    balances.push_back(std::move(j));
  }
  return {{"facility", inv.facility.name},
          {"as_of", inv.as_of.text()},
          {"basis", inv.as_of_today ? "current book" : "book as of date"},
          {"items", items},
          {"balances", balances},
          {"totals",
           {{"items", inv.totals.items},
            {"uranium_mg", inv.totals.uranium.mg()},
            {"u235_mg", inv.totals.u235.mg()},
            {"uranium_kg", inv.totals.uranium.kg_text(6)},
            {"u235_kg", inv.totals.u235.kg_text(6)},
            {"significant_quantities", std::round(inv.totals.significant_quantities * 100) / 100}}},
          {"items_match_balances", inv.consistent}};
}

}  // namespace leu
