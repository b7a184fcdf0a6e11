// Who is acting: principals, role checks and the user records behind them.
//
// Every service takes the acting Principal explicitly. The CLI, run by the owner
// of the database file, names it with --as USER; the server will name it from a
// session. A principal is resolved from the user projection: an unknown or
// disabled user is refused, and so is a role not allowed to do the operation.
//
//   auto who = resolve_principal(journal, "olga");
//   LEU_RETURN_IF_ERROR(authorize(*who, Operation::kReceive));
#pragma once

#include <string>
#include <vector>

#include "domain/facility.hpp"
#include "domain/roles.hpp"
#include "ledger/journal.hpp"

namespace leu {

struct Principal {
  std::string name;
  std::vector<Role> roles;
  std::string state;  // a state representative's State (ISO 3166 alpha-2), else ""
};

// kForbidden when the user is unknown or disabled.
Result<Principal> resolve_principal(Journal& journal, const std::string& name);
// kForbidden naming the operation and the roles that may do it.
Result<void> authorize(const Principal& who, Operation op);

// User names: 1 to 64 characters of a-z, 0-9, '.', '_' and '-'.
Result<void> validate_user_name(const std::string& name);

// Starts a new journal: journal.opened with the facility, then the first admin.
// Fails (kConflict) when the journal is not empty.
Result<Head> open_journal(Journal& journal, const Facility& facility, const std::string& admin);

// User administration; each call needs Operation::kManageUsers.
// `state` (ISO 3166 alpha-2, e.g. "XR") is required for, and only allowed with, the
// state_representative role: a representative belongs to one State.
Result<Head> add_user(Journal& journal, const Principal& who, const std::string& name, const std::vector<Role>& roles,
                      const std::string& state = "");
Result<Head> set_roles(Journal& journal, const Principal& who, const std::string& name, const std::vector<Role>& roles);
Result<Head> disable_user(Journal& journal, const Principal& who, const std::string& name);

}  // namespace leu
