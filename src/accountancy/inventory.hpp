// The book inventory of a facility at a date: items and balances, with totals.
//
// Built from projections (current, or rebuilt as of a date by Journal::as_of),
// so the item listing and the balance rows come from the same events; `consistent`
// says whether the sum over items equals the balances (it must).
//
//   auto inv = current_inventory(journal, false);
//   inv->totals.uranium.kg_text(3);
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "domain/facility.hpp"
#include "domain/item.hpp"
#include "ledger/journal.hpp"
#include "ledger/records.hpp"

namespace leu {

struct InventoryTotals {
  std::int64_t items = 0;
  Mass uranium;
  Mass u235;
  double significant_quantities = 0;  // [SQ]
};

struct Inventory {
  Facility facility;
  Date as_of;
  bool as_of_today = true;        // current books rather than a past date
  std::vector<Item> items;        // on hand only, unless all items were asked for
  std::vector<Balance> balances;  // per MBA and category, non-empty ones
  InventoryTotals totals;         // over the balances
  bool consistent = true;         // sum over on-hand items == balances
};

// include_all: also list shipped and lost items.
Result<Inventory> current_inventory(Journal& journal, bool include_all);
Result<Inventory> inventory_as_of(Journal& journal, Date day, bool include_all);

nlohmann::json to_json(const Inventory& inv);

}  // namespace leu
