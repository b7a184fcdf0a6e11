#include "domain/item.hpp"

namespace leu {

std::string_view item_status_name(ItemStatus s) {
  switch (s) {
    case ItemStatus::kOnHand: return "on_hand";
    case ItemStatus::kShipped: return "shipped";
    case ItemStatus::kLost: return "lost";
  }
  return "?";
}

Result<ItemStatus> parse_item_status(std::string_view name) {
  for (ItemStatus s : {ItemStatus::kOnHand, ItemStatus::kShipped, ItemStatus::kLost})
    if (item_status_name(s) == name) return s;
  return invalid("status", "'" + std::string(name) + "' is not on_hand, shipped or lost");
}

}  // namespace leu
