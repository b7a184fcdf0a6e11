// Projection records besides items: seals, balances and users.
//
// Each record carries the sequence number of the journal event that last
// changed it, so that a divergence found by verify points at an event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/isotopics.hpp"
#include "domain/quantity.hpp"
#include "domain/roles.hpp"

namespace leu {

struct SealRecord {
  std::string id;
  std::string item;
  std::string seal_type;  // e.g. "metal cap", "EOSS"
  bool applied = true;    // false once removed
  Date applied_on;
  std::string applied_by;
  std::optional<Date> last_verified_on;
  bool intact = true;  // result of the latest verification
  std::optional<Date> removed_on;
  std::string removal_reason;
  std::int64_t last_seq = 0;
};

// Book inventory of one MBA in one element category.
struct Balance {
  std::string mba;
  UraniumCategory category = UraniumCategory::kEnriched;
  Mass uranium;
  Mass u235;
  std::int64_t items = 0;
  std::int64_t last_seq = 0;

  std::string key() const { return mba + "/" + std::string(category_name(category)); }
};

struct UserRecord {
  std::string name;
  std::vector<Role> roles;
  bool active = true;
  std::string state;  // a state representative's State, ISO 3166 alpha-2; "" for everyone else
  std::int64_t last_seq = 0;
};

}  // namespace leu
