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
  kManageUsers,    // add users, change roles, disable users
  kRebuild,        // recreate projections from the journal
  kReadInventory,  // inventory, journal and verification
};

std::span<const Role> all_roles();
std::string_view role_name(Role r);  // "operator", "bank_officer", ...
Result<Role> parse_role(std::string_view name);
std::string_view operation_name(Operation op);  // "receive", "seal apply", ...
std::span<const Role> roles_allowed(Operation op);
bool may(std::span<const Role> held, Operation op);

}  // namespace leu
