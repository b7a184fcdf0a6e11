#include "domain/inventory_change_codes.hpp"

#include <array>

namespace leu {
namespace {

using D = Direction;
constexpr std::array kCodes = {
    InventoryChangeCode{"RD", "receipt, domestic", D::kIncrease, true, false},
    InventoryChangeCode{"RF", "receipt, foreign (import)", D::kIncrease, true, false},
    InventoryChangeCode{"RS", "receipt at starting point", D::kIncrease, false, false},
    InventoryChangeCode{"NP", "nuclear production", D::kAsReported, false, false},
    InventoryChangeCode{"GA", "accidental gain", D::kIncrease, false, false},
    InventoryChangeCode{"FW", "retransfer from retained waste", D::kIncrease, false, false},
    InventoryChangeCode{"DU", "de-exemption (use)", D::kIncrease, false, false},
    InventoryChangeCode{"DQ", "de-exemption (quantity)", D::kIncrease, false, false},
    InventoryChangeCode{"RP", "re-batching increase", D::kIncrease, false, false},
    InventoryChangeCode{"SD", "shipment, domestic", D::kDecrease, true, false},
    InventoryChangeCode{"SF", "shipment, foreign (export)", D::kDecrease, true, false},
    InventoryChangeCode{"LN", "nuclear loss", D::kDecrease, false, false},
    InventoryChangeCode{"LA", "accidental loss", D::kDecrease, false, false},
    InventoryChangeCode{"LD", "measured discard", D::kDecrease, false, false},
    InventoryChangeCode{"TW", "transfer to retained waste", D::kDecrease, false, true},
    InventoryChangeCode{"EU", "exemption (use)", D::kDecrease, false, true},
    InventoryChangeCode{"EQ", "exemption (quantity)", D::kDecrease, false, true},
    InventoryChangeCode{"TU", "termination (use)", D::kDecrease, false, true},
    InventoryChangeCode{"RM", "re-batching decrease", D::kDecrease, false, false},
    InventoryChangeCode{"DI", "shipper/receiver difference", D::kAsReported, false, false},
    InventoryChangeCode{"DE", "category change depleted to enriched", D::kAsReported, false, false},
    InventoryChangeCode{"DN", "category change depleted to natural", D::kAsReported, false, false},
    InventoryChangeCode{"ED", "category change enriched to depleted", D::kAsReported, false, false},
    InventoryChangeCode{"EN", "category change enriched to natural", D::kAsReported, false, false},
    InventoryChangeCode{"ND", "category change natural to depleted", D::kAsReported, false, false},
    InventoryChangeCode{"NE", "category change natural to enriched", D::kAsReported, false, false},
    InventoryChangeCode{"L-", "positive inventory difference (MUF)", D::kDecrease, false, false},
    InventoryChangeCode{"L+", "negative inventory difference", D::kIncrease, false, false},
    InventoryChangeCode{"R+", "rounding up", D::kIncrease, false, false},
    InventoryChangeCode{"R-", "rounding down", D::kDecrease, false, false},
};

}  // namespace

std::span<const InventoryChangeCode> inventory_change_codes() { return kCodes; }

const InventoryChangeCode* find_inventory_change_code(std::string_view code) {
  for (const auto& c : kCodes)
    if (c.code == code) return &c;
  return nullptr;
}

std::string_view direction_name(Direction d) {
  switch (d) {
    case Direction::kIncrease: return "+";
    case Direction::kDecrease: return "-";
    case Direction::kAsReported: return "+/-";
  }
  return "?";
}

}  // namespace leu
