// The event types of journal format version 1 and what their payloads hold.
// docs/formats/journal.md is the full specification; keep the two in step.
#pragma once

namespace leu::event_type {

// {"facility": Facility}                                    first event of every journal
inline constexpr const char* kJournalOpened = "journal.opened";
// {"user", "roles": [..]}
inline constexpr const char* kUserAdded = "user.added";
// {"user", "roles": [..]}                                   replaces the roles
inline constexpr const char* kUserRolesSet = "user.roles_set";
// {"user"}
inline constexpr const char* kUserDisabled = "user.disabled";
// {"date", "code", "mba", "kmp", "item": Item}              RF / RD
inline constexpr const char* kCylinderReceived = "cylinder.received";
// {"date", "item", "kind": "weighing", "gross_mg", "tare_mg", "method"}
// {"date", "item", "kind": "enrichment", "u235_ppb", "method"}
inline constexpr const char* kCylinderMeasured = "cylinder.measured";
// {"date", "item", "from", "to"}
inline constexpr const char* kCylinderMoved = "cylinder.moved";
// {"date", "item", "seal", "seal_type"}
inline constexpr const char* kSealApplied = "seal.applied";
// {"date", "item", "seal", "intact", "note"}
inline constexpr const char* kSealVerified = "seal.verified";
// {"date", "item", "seal", "reason"}
inline constexpr const char* kSealRemoved = "seal.removed";
// {"date", "code", "mba", "kmp", "item", "to", "net_uf6_mg", "uranium_mg", "u235_mg"}   SF / SD
inline constexpr const char* kCylinderShipped = "cylinder.shipped";
// {"date", "code": "LA" | "GA", "mba", "item", "uf6_mg", "uranium_mg", "u235_mg", "reason"}
inline constexpr const char* kMaterialLost = "material.lost";
inline constexpr const char* kMaterialGained = "material.gained";

// {"date", "mba", "kmp", "found": [{"item", "seal_intact": bool|null, "position"}],
//  "unexpected": [{"id", "note"}], "note"}                     a physical inventory taking
inline constexpr const char* kInventoryTaken = "inventory.taken";
// {"mba", "from", "to", "receipt_basis", "categories": [...], "anomalies": [{"id", "kind", "item", "detail"}]}
inline constexpr const char* kPeriodClosed = "period.closed";
// {"mba", "to", "anomaly", "explanation"}
inline constexpr const char* kAnomalyExplained = "anomaly.explained";
// {"mba", "to"}
inline constexpr const char* kPeriodSigned = "period.signed";

}  // namespace leu::event_type
