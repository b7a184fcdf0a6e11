// The supply of last resort: a Member State's request from filing to closing
// (leu-bank.md §3-5; docs/supply.md describes the states, transitions and roles).
//
// Contract: every function takes the journal, the acting principal and a plain
// input struct, and returns a Result. A mutating function checks, in this order:
// the principal's role (kForbidden, naming the roles allowed), that the request
// exists and is visible (a state representative sees only its own State's
// requests; anything else is kNotFound, exactly like an unknown id), that the
// request's status allows the step (kConflict, naming the status needed and the
// roles allowed), then every input (kInvalidInput naming the field) and the
// current state of the books; only then does it append its events in one
// transaction. A refused call changes nothing. Every milestone leaves a Board
// notice (board_notice rows). Two steps follow the two-person rule: the
// determination (the Director General proposes, a different director_general or
// bank_officer confirms) and the release for shipment (a bank_officer proposes, a
// different director_general or bank_officer confirms). Criteria 3-5 are read
// from the Member State record at assessment and checked again at confirmation
// and at release: a fact recorded since they were checked blocks the step until
// they are rechecked. Money is integer cents with an ISO 4217 currency.
//
//   auto filed = file_request(journal, samir, {.state = "XR", .uranium = Mass::kilograms(4000), ...});
//   auto head = start_assessment(journal, bruno, {.request = filed->id, .date = today});
//   auto doc = get_request(journal, samir, filed->id);   // JSON, docs/formats/journal.md §5
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/principal.hpp"
#include "bank/bank_common.hpp"
#include "bank/pricing.hpp"
#include "domain/quantity.hpp"
#include "ledger/journal.hpp"

namespace leu::bank {

struct FileRequestInput {
  std::string state;  // the representative's own State (default: the principal's)
  Mass uranium;       // quantity requested [mg U]
  Fraction enrichment_min;
  Fraction enrichment_max;
  std::string plant;       // the nuclear power plant whose supply is disrupted
  std::string disruption;  // what happened, in words
  Date date;
};
struct FiledRequest {
  std::string id;  // "REQ-0001"
  Head head;
};

// A step that needs only the request, its date and an optional note (reason).
struct RequestStep {
  std::string request;
  Date date;
  std::string note;
};

struct AttestInput {
  std::string request;
  int criterion = 0;  // 1 or 2
  std::string statement;
  Evidence evidence;
  Date date;
};

// Criteria 1-2 are judged by the assessor on the attestations; 3-5 are read from the State record.
struct AssessInput {
  std::string request;
  Date date;
  bool criterion1_met = false;
  std::string criterion1_basis;
  bool criterion2_met = false;
  std::string criterion2_basis;
};

struct ProposeDeterminationInput {
  std::string request;
  bool approve = false;
  std::string reasons;
  Date date;
};

struct RailLeg {
  std::string from;
  std::string to;
  std::string transit_state;      // ISO 3166 alpha-2 of a transit State, "" when none
  std::string transit_agreement;  // the transit agreement's reference (required with a transit State)
};

struct AgreementInput {
  std::string request;
  std::string reference;  // the supply agreement
  Evidence evidence;      // the signed agreement
  Mass uranium;           // agreed quantity [mg U]
  Fraction enrichment_min;
  Fraction enrichment_max;
  std::string delivery_point;
  std::vector<RailLeg> route;
  PriceInput price;
  Date date;
};

struct PaymentInput {
  std::string request;
  std::int64_t amount_cents = 0;
  std::string currency;
  std::string reference;  // bank transfer reference
  Date date;
};

struct AllocateInput {
  std::string request;
  Date date;
  std::vector<std::string> cylinders;  // empty: the exact least-excess search chooses
};

struct CylinderPreparation {
  std::string cylinder;
  std::string overpack;  // e.g. "UX-30 DEMO-OP-01"
};
struct PrepareInput {
  std::string request;
  Date date;
  std::vector<CylinderPreparation> cylinders;  // every allocated cylinder, once
  std::string documents_ref;                   // the shipping papers' reference
};

struct ReceivedCylinder {
  std::string cylinder;
  Mass net_uf6;  // the receiver's measurement
  Mass uranium;
  Mass u235;
};
struct ReceiptInput {
  std::string request;
  Date date;
  std::string facility;  // the receiving facility
  std::vector<ReceivedCylinder> cylinders;
  Evidence evidence;  // the receiver's confirmation
};

struct RestockOrderInput {
  std::string request;
  std::string supplier;
  int cylinders = 0;
  std::int64_t amount_cents = 0;
  std::string currency;
  std::string reference;  // the purchase contract
  Date date;
};
struct RestockOrdered {
  std::string id;  // "RST-0001"
  Head head;
};
struct RestockDeliveryInput {
  std::string order;
  std::vector<std::string> cylinders;  // already received into the books (leubank receive)
  Date date;
};
struct RestockAcceptInput {
  std::string order;
  std::string note;
  Date date;
};

struct RequestFilter {
  std::string state;   // "" = all visible
  std::string status;  // "" = all
};

struct ReserveStatus {
  std::int64_t on_hand = 0;    // full cylinders in the books
  std::int64_t allocated = 0;  // of those, allocated to an open request
  std::int64_t free = 0;
  std::int64_t limit = 0;  // the facility's maximum of full cylinders (Host State Agreement: 60)
  Mass uranium;            // free cylinders [mg U]
  Mass u235;
  double significant_quantities = 0;  // of the free U-235 [SQ]
};
Json to_json(const ReserveStatus& r);

// State representative.
Result<FiledRequest> file_request(Journal& journal, const Principal& who, const FileRequestInput& in);
Result<Head> withdraw_request(Journal& journal, const Principal& who, const RequestStep& in);
// State representative (own State) or bank officer.
Result<Head> attest_criterion(Journal& journal, const Principal& who, const AttestInput& in);
Result<Head> confirm_receipt(Journal& journal, const Principal& who, const ReceiptInput& in);
// Bank officer.
Result<Head> start_assessment(Journal& journal, const Principal& who, const RequestStep& in);
Result<Head> assess_request(Journal& journal, const Principal& who, const AssessInput& in);
Result<Head> recheck_criteria(Journal& journal, const Principal& who, const RequestStep& in);
Result<Head> conclude_agreement(Journal& journal, const Principal& who, const AgreementInput& in);
Result<Head> record_payment(Journal& journal, const Principal& who, const PaymentInput& in);
Result<Head> allocate_cylinders(Journal& journal, const Principal& who, const AllocateInput& in);
Result<Head> propose_release(Journal& journal, const Principal& who, const RequestStep& in);
Result<RestockOrdered> order_restock(Journal& journal, const Principal& who, const RestockOrderInput& in);
Result<Head> record_restock_delivery(Journal& journal, const Principal& who, const RestockDeliveryInput& in);
Result<Head> accept_restock(Journal& journal, const Principal& who, const RestockAcceptInput& in);
Result<Head> close_request(Journal& journal, const Principal& who, const RequestStep& in);
Result<Head> cancel_request(Journal& journal, const Principal& who, const RequestStep& in);
// Director General proposes; a different director_general or bank_officer confirms or declines.
Result<Head> propose_determination(Journal& journal, const Principal& who, const ProposeDeterminationInput& in);
Result<Head> confirm_determination(Journal& journal, const Principal& who, const RequestStep& in);
Result<Head> decline_determination(Journal& journal, const Principal& who, const RequestStep& in);
// A different director_general or bank_officer than the proposer.
Result<Head> confirm_release(Journal& journal, const Principal& who, const RequestStep& in);
// Operator: per-cylinder checks and shipping documents; the shipment itself
// (cylinder.shipped SF/SD events of every allocated cylinder to the State, with supply.shipped).
Result<Head> prepare_shipment(Journal& journal, const Principal& who, const PrepareInput& in);
Result<Head> ship_request(Journal& journal, const Principal& who, const RequestStep& in);

// Reads (Operation::kReadRequests; a state representative sees its own State only).
Result<std::vector<Json>> list_requests(Journal& journal, const Principal& who, const RequestFilter& filter);
Result<Json> get_request(Journal& journal, const Principal& who, const std::string& id);
// Board notices, oldest first; of one request when `request` is not "".
Result<std::vector<Json>> list_board_notices(Journal& journal, const Principal& who, const std::string& request);
Result<Json> get_restock_order(Journal& journal, const Principal& who, const std::string& id);
Result<ReserveStatus> reserve_status(Journal& journal, const Principal& who);

}  // namespace leu::bank
