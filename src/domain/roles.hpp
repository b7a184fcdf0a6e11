// Roles and which operations each may perform (docs/ARCHITECTURE.md, "Actors").
//
// Deny by default: an operation lists the roles allowed to do it, and a principal
// holding none of them is refused. The admin manages users and roles and cannot
// change material records.
//
//   if (!may(principal_roles, Operation::kReceive)) ...
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace leu {

enum class Role {
  kOperator,
  kAccountant,
  kBankOfficer,
  kDirectorGeneral,
  kInspector,
  kStateRepresentative,
  kAuditor,
  kAdmin,
};

enum class Operation {
  kReceive,  // receive cylinders into the MBA
  kMeasure,  // record a weighing or an enrichment measurement
  kMove,     // move an item to another storage position
  kSealApply,
  kSealVerify,
  kSealRemove,
  kShip,           // ship items out of the MBA
  kLossGain,       // book an accidental loss or gain
  kTakeInventory,  // record a physical inventory taking
  kClosePeriod,    // close a material balance period, explain its anomalies, sign it off
  kIssueReport,    // issue an ICR, PIL or MBR into the journal, and its corrections
  kManageUsers,    // add users, change roles, disable users
  kRebuild,        // recreate projections from the journal
  kReadInventory,  // inventory, journal and verification
  kReadAccessLog,  // who read which sensitive record
  // Supply of last resort (src/bank/, docs/supply.md). A state representative acts
  // only on its own State's requests; the bank services enforce that.
  kManageStates,          // register Member States, record their dated facts
  kFileRequest,           // file a supply request for one's own State
  kAttest,                // attest criterion 1 or 2 with evidence
  kAssess,                // start the assessment, assess the five criteria, recheck 3-5
  kProposeDetermination,  // the Director General proposes approval or refusal
  kConfirmDetermination,  // a second authorized person confirms (two-person rule)
  kConcludeAgreement,     // the supply agreement: quantity, route, price
  kRecordPayment,
  kAllocate,         // allocate whole cylinders to a paid request
  kPrepareShipment,  // per-cylinder checks and shipping documents (the facility operator)
  kProposeRelease,   // propose release for shipment
  kConfirmRelease,   // confirm release for shipment (two-person rule)
  kConfirmReceipt,   // the recipient's receipt confirmation with its own measurements
  kRestock,          // restocking orders and their delivery
  kCloseRequest,
  kWithdrawRequest,  // the requesting State withdraws its request
  kCancelRequest,    // the Secretariat cancels a request
  kReadRequests,     // Member State records, requests, Board notifications, the reserve
};

std::span<const Role> all_roles();
std::string_view role_name(Role r);  // "operator", "bank_officer", ...
Result<Role> parse_role(std::string_view name);
std::string_view operation_name(Operation op);  // "receive", "seal apply", ...
std::span<const Role> roles_allowed(Operation op);
bool may(std::span<const Role> held, Operation op);

}  // namespace leu
