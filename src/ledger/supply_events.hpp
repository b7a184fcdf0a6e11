// The event types of the supply of last resort and the request state machine.
//
// Contract: the services in src/bank/ validate every input, then append these
// events; the fold (apply_supply_event.cpp) applies them to the projection
// documents below and refuses (kIntegrity) an event that contradicts the state: a
// transition not in kTransitions, a cylinder allocated twice, a confirmation by
// the proposer. The payloads and documents are specified in
// docs/formats/journal.md §4 and §5; the lifecycle in docs/supply.md.
//
//   const Transition* t = find_transition(supply_event::kAllocated);
//   if (!t->allows("paid")) ...
#pragma once

#include <array>
#include <string_view>

#include "domain/error.hpp"
#include "ledger/projections.hpp"

namespace leu {

namespace supply_event {
// Member State records.
inline constexpr const char* kStateRegistered = "state.registered";  // {"state", "name"}
// {"state", "fact", "as_of", "evidence_ref", "evidence_sha256", ...the fact's values}
inline constexpr const char* kStateFactRecorded = "state.fact_recorded";
// The request lifecycle: every payload holds "request" and "date".
inline constexpr const char* kFiled = "supply.filed";
inline constexpr const char* kAttested = "supply.attested";
inline constexpr const char* kAssessmentStarted = "supply.assessment_started";
inline constexpr const char* kAssessed = "supply.assessed";
inline constexpr const char* kDeterminationProposed = "supply.determination_proposed";
inline constexpr const char* kDeterminationDeclined = "supply.determination_declined";
inline constexpr const char* kDeterminationConfirmed = "supply.determination_confirmed";
inline constexpr const char* kAgreementConcluded = "supply.agreement_concluded";
inline constexpr const char* kPaymentRecorded = "supply.payment_recorded";
inline constexpr const char* kAllocated = "supply.allocated";
inline constexpr const char* kCriteriaRechecked = "supply.criteria_rechecked";
inline constexpr const char* kPrepared = "supply.prepared";
inline constexpr const char* kReleaseProposed = "supply.release_proposed";
inline constexpr const char* kReleaseConfirmed = "supply.release_confirmed";
inline constexpr const char* kShipped = "supply.shipped";
inline constexpr const char* kReceived = "supply.received";
inline constexpr const char* kClosed = "supply.closed";
inline constexpr const char* kWithdrawn = "supply.withdrawn";
inline constexpr const char* kCancelled = "supply.cancelled";
// Restocking: {"order", "request", "date", ...}
inline constexpr const char* kRestockOrdered = "restock.ordered";
inline constexpr const char* kRestockDelivered = "restock.delivered";
inline constexpr const char* kRestockAccepted = "restock.accepted";
}  // namespace supply_event

// Projection document kinds.
inline constexpr const char* kMemberStateKind = "member_state";      // key: ISO 3166 alpha-2
inline constexpr const char* kRequestKind = "supply_request";        // key: request id "REQ-0001"
inline constexpr const char* kAllocationKind = "supply_allocation";  // key: cylinder id
inline constexpr const char* kBoardNoticeKind = "board_notice";      // key: "REQ-0001/00000042" (event seq)
inline constexpr const char* kRestockKind = "restock_order";         // key: order id "RST-0001"

// Request statuses (docs/supply.md).
namespace request_status {
inline constexpr const char* kFiled = "filed";
inline constexpr const char* kUnderAssessment = "under_assessment";
inline constexpr const char* kApproved = "approved";
inline constexpr const char* kRefused = "refused";
inline constexpr const char* kAgreementConcluded = "agreement_concluded";
inline constexpr const char* kPaid = "paid";
inline constexpr const char* kAllocated = "allocated";
inline constexpr const char* kPrepared = "prepared";
inline constexpr const char* kReleased = "released";
inline constexpr const char* kShipped = "shipped";
inline constexpr const char* kReceived = "received";
inline constexpr const char* kClosed = "closed";
inline constexpr const char* kWithdrawn = "withdrawn";
inline constexpr const char* kCancelled = "cancelled";
}  // namespace request_status

// One edge family of the state machine: the event, the statuses it may start
// from, and the status it leads to ("" = stays, or decided by the payload:
// approved/refused, agreement_concluded/paid).
struct Transition {
  const char* event;
  const char* action;  // in words, for refusals: "allocate cylinders"
  std::array<const char*, 8> from;
  const char* to;
  bool milestone;  // the Board is informed (a board_notice row)

  bool allows(std::string_view status) const {
    for (const char* s : from)
      if (s != nullptr && status == s) return true;
    return false;
  }
  std::string from_text() const;  // "filed or under_assessment"
};

// nullptr for an event type that is not a request transition.
const Transition* find_transition(std::string_view event);

// Applies a state.*, supply.* or restock.* event; kIntegrity on contradiction.
bool is_supply_event(std::string_view type);
Result<void> apply_supply_event(const StoredEvent& event, const nlohmann::json& payload, Projections& p);

}  // namespace leu
