// The inventory change code table, held as data.
//
// Codes, names, direction and partner rule from CNSC REGDOC-2.13.1 Table D3 and
// Euratom Regulation 302/2005 (accounting-reports.md §3; tags A and Inf there).
// Direction is the effect on the reporting MBA's book; kAsReported codes carry a
// signed value. A State's report profile may override this table (the
// accountancy layer loads it from data); this is the built-in default.
//
//   const InventoryChangeCode* rf = find_inventory_change_code("RF");
//   rf->direction == Direction::kIncrease
#pragma once

#include <span>
#include <string_view>

namespace leu {

enum class Direction { kIncrease, kDecrease, kAsReported };

struct InventoryChangeCode {
  std::string_view code;
  std::string_view name;
  Direction direction;
  bool has_partner;     // a shipping/receiving MBA or country is named
  bool prior_approval;  // the IAEA must approve beforehand
};

// DI, the shipper/receiver difference (shipper - receiver): the change line a receipt booked at the shipper's
// values makes beside its RD/RF line, so the book carries the receiver's values (accounting-reports.md §3 and §9,
// the BA rule).
inline constexpr std::string_view kShipperReceiverDifferenceCode = "DI";

std::span<const InventoryChangeCode> inventory_change_codes();
const InventoryChangeCode* find_inventory_change_code(std::string_view code);
std::string_view direction_name(Direction d);  // "+", "-", "+/-"

}  // namespace leu
