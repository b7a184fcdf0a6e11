// Text renderings for the terminal: inventory tables and CSV, verification
// reports, journal listings. JSON comes from the services' to_json().
#pragma once

#include <ostream>

#include "accountancy/inventory.hpp"
#include "ledger/journal.hpp"

namespace leu::cli {

void print_inventory_table(std::ostream& out, const Inventory& inv);
void print_inventory_csv(std::ostream& out, const Inventory& inv);
void print_verify_report(std::ostream& out, const VerifyReport& report);
// One line: seq, time, actor, type and the payload.
void print_event_line(std::ostream& out, const StoredEvent& e);
// One JSON Lines record: the canonical event with its hash.
void print_event_json(std::ostream& out, const StoredEvent& e);

}  // namespace leu::cli
