// The demonstration bank: the real stock history with demonstration values.
//
// 32 cylinders received from Orano on 17 Oct 2019 (filled in France) and 28 from
// Kazatomprom on 10 Dec 2019 (Kazakh uranium enriched in Russia), as the IAEA
// reported (leu-bank.md §7). Per-cylinder values are not public: they are
// generated here deterministically (same every run) around 1.5 t U per cylinder
// at no more than 4.95 % U-235 and are DEMONSTRATION VALUES, labelled so in the
// ids (DEMO-...) and the supplier batches. Also: demo users for each role, an
// IAEA seal on every cylinder at receipt, an inspection in 2020, and a physical
// inventory at the end of 2019 and of every later year over, each balance period
// closed (MUF zero) and signed off.
//
//   build_demo_bank(journal);   // on an empty journal
#pragma once

#include <string>
#include <vector>

#include "accountancy/receipt_listing.hpp"
#include "ledger/journal.hpp"

namespace leu {

struct DemoUser {
  std::string name;
  std::string role;
  std::string state = {};  // a state representative's State (demo: the fictional XR)
};

// The demo users, one per role ("admin" is the first admin).
std::vector<DemoUser> demo_users();

// The 60 receipt lines of the two 2019 deliveries, generated deterministically.
std::vector<ReceiptLine> demo_receipts();

// Opens the journal with the bank facility and writes the demo history.
// REQUIRES: an empty journal.
Result<Head> build_demo_bank(Journal& journal);

}  // namespace leu
