#include "demo/demo_passwords.hpp"

#include "access/credentials.hpp"
#include "demo/demo_bank.hpp"

namespace leu {

std::string demo_password(const std::string& user) { return "leubank-demo-" + user; }

Result<Head> set_demo_passwords(Journal& journal) {
  LEU_GET(admin, resolve_principal(journal, "admin"));
  Result<Head> head = journal.head();
  for (const DemoUser& u : demo_users()) {
    head = set_password(journal, admin, u.name, demo_password(u.name));
    if (!head) return head;
  }
  return head;
}

}  // namespace leu
