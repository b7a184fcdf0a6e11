// Passwords for the demo users, so that `make demo` can be signed into at once.
//
// DEMONSTRATION ONLY: each password is "leubank-demo-" followed by the user name,
// printed by `leubank demo`. A real database gets its passwords from `init` (the
// first admin) and `user passwd`, never from here.
//
//   LEU_RETURN_IF_ERROR(set_demo_passwords(journal));
#pragma once

#include <string>

#include "ledger/journal.hpp"

namespace leu {

std::string demo_password(const std::string& user);
// Sets every demo user's password as the admin. REQUIRES: build_demo_bank() ran.
Result<Head> set_demo_passwords(Journal& journal);

}  // namespace leu
