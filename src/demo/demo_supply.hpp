// The demonstration of the supply of last resort: FICTIONAL Member States and requests.
//
// No request had been made to the real bank by Aug 2024 (leu-bank.md §1), so every
// State, person, document, price and date here is fiction, labelled DEMO: the
// States use ISO 3166 user-assigned codes (XR "Republic of Ruritania", XQ
// "Commonwealth of Freedonia"), evidence references start with "DEMO/", and the
// digests are placeholders. build_demo_supply leaves two requests at different
// stages (XR: cylinders allocated; XQ: under assessment), so nothing is shipped and
// the demo bank's 60 cylinders stay on hand. run_demo_supply_scenario then carries
// the XR request through preparation, release, shipment (SF to XR), receipt,
// restocking (new DEMO cylinders received) and closing.
//
//   LEU_RETURN_IF_ERROR(build_demo_supply(journal));       // after the demo bank
//   LEU_RETURN_IF_ERROR(run_demo_supply_scenario(journal)); // optional: the full history
#pragma once

#include "ledger/journal.hpp"

namespace leu {

// REQUIRES: the demo bank (users bruno, dg, samir, freya, olga, ingrid).
Result<void> build_demo_supply(Journal& journal);
// REQUIRES: build_demo_supply ran and the XR request is still allocated.
Result<void> run_demo_supply_scenario(Journal& journal);

}  // namespace leu
