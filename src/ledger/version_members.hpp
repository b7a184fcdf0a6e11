// Events of an older format version that carry what a later version introduced (docs/formats/journal.md §7).
//
// A version 1 event was written by a program that knew no version 2 member, so one that carries such a member was
// not written by leubank as version 1: it is refused, at that event, as a damaged journal. The fold calls this
// before applying any event.
//
// Contract: check_version_members(e, payload) is kIntegrity, field "event <seq>", naming the member, when a
// version 1 event carries
//   - in `journal.opened`, a facility member `receipt_basis`, `report_profile` or `methods`;
//   - in `cylinder.received`, an item member `receiver_uranium_mg` or `receiver_u235_mg`, or a non-null
//     `last_weighing` or `last_enrichment` (the receiver's acceptance measurements);
//   - or is a `report.issued` event at all.
// The `calibration` of `cylinder.measured` and of `inventory.taken` re-weighings is checked where those events are
// folded, because version 2 also requires it there. Events of version 2 pass.
//
//   LEU_RETURN_IF_ERROR(check_version_members(event, payload));
#pragma once

#include <nlohmann/json.hpp>

#include "domain/error.hpp"
#include "store/store.hpp"

namespace leu {

Result<void> check_version_members(const StoredEvent& e, const nlohmann::json& payload);

}  // namespace leu
