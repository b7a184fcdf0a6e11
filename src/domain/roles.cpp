#include "domain/roles.hpp"

#include <algorithm>
#include <array>

namespace leu {
namespace {

using R = Role;
constexpr std::array kRoles = {R::kOperator,  R::kAccountant,          R::kBankOfficer, R::kDirectorGeneral,
                               R::kInspector, R::kStateRepresentative, R::kAuditor,     R::kAdmin};
constexpr std::array kRoleNames = {"operator",  "accountant",           "bank_officer", "director_general",
                                   "inspector", "state_representative", "auditor",      "admin"};

constexpr std::array kOperatorOnly = {R::kOperator};
constexpr std::array kMeasurers = {R::kOperator, R::kInspector};
constexpr std::array kSealers = {R::kOperator, R::kInspector};
constexpr std::array kAccountantOnly = {R::kAccountant};
constexpr std::array kAdminOnly = {R::kAdmin};
constexpr std::array kInventoryTakers = {R::kOperator, R::kAccountant};
constexpr std::array kReaders = {R::kOperator,  R::kAccountant, R::kBankOfficer, R::kDirectorGeneral,
                                 R::kInspector, R::kAuditor,    R::kAdmin};
constexpr std::array kAccessLogReaders = {R::kInspector, R::kAuditor, R::kAdmin};
// Supply of last resort (leu-bank.md §2, §4; docs/supply.md).
constexpr std::array kBankOfficerOnly = {R::kBankOfficer};
constexpr std::array kStateRepOnly = {R::kStateRepresentative};
constexpr std::array kDirectorOnly = {R::kDirectorGeneral};
constexpr std::array kSecondPersons = {R::kDirectorGeneral, R::kBankOfficer};
constexpr std::array kAttesters = {R::kStateRepresentative, R::kBankOfficer};
constexpr std::array kRequestReaders = {R::kOperator,  R::kAccountant, R::kBankOfficer,         R::kDirectorGeneral,
                                        R::kInspector, R::kAuditor,    R::kStateRepresentative, R::kAdmin};

}  // namespace

std::span<const Role> all_roles() { return kRoles; }

std::string_view role_name(Role r) { return kRoleNames[static_cast<std::size_t>(r)]; }

Result<Role> parse_role(std::string_view name) {
  for (std::size_t i = 0; i < kRoles.size(); ++i)
    if (name == kRoleNames[i]) return kRoles[i];
  std::string known;
  for (const char* n : kRoleNames) known += known.empty() ? n : std::string(", ") + n;
  return invalid("role", "'" + std::string(name) + "' is not a role (known: " + known + ")");
}

std::string_view operation_name(Operation op) {
  switch (op) {
    case Operation::kReceive: return "receive";
    case Operation::kMeasure: return "measure";
    case Operation::kMove: return "move";
    case Operation::kSealApply: return "seal apply";
    case Operation::kSealVerify: return "seal verify";
    case Operation::kSealRemove: return "seal remove";
    case Operation::kShip: return "ship";
    case Operation::kLossGain: return "loss/gain";
    case Operation::kTakeInventory: return "take a physical inventory";
    case Operation::kClosePeriod: return "close a balance period";
    case Operation::kIssueReport: return "issue or correct a report";
    case Operation::kManageUsers: return "manage users";
    case Operation::kRebuild: return "rebuild";
    case Operation::kReadInventory: return "read inventory";
    case Operation::kReadAccessLog: return "read the access log";
    case Operation::kManageStates: return "manage Member State records";
    case Operation::kFileRequest: return "file a supply request";
    case Operation::kAttest: return "attest a criterion";
    case Operation::kAssess: return "assess a request";
    case Operation::kProposeDetermination: return "propose a determination";
    case Operation::kConfirmDetermination: return "confirm a determination";
    case Operation::kConcludeAgreement: return "conclude a supply agreement";
    case Operation::kRecordPayment: return "record a payment";
    case Operation::kAllocate: return "allocate cylinders";
    case Operation::kPrepareShipment: return "prepare a shipment";
    case Operation::kProposeRelease: return "propose release for shipment";
    case Operation::kConfirmRelease: return "confirm release for shipment";
    case Operation::kConfirmReceipt: return "confirm receipt";
    case Operation::kRestock: return "restock";
    case Operation::kCloseRequest: return "close a request";
    case Operation::kWithdrawRequest: return "withdraw a request";
    case Operation::kCancelRequest: return "cancel a request";
    case Operation::kReadRequests: return "read supply requests";
  }
  return "?";
}

std::span<const Role> roles_allowed(Operation op) {
  switch (op) {
    case Operation::kReceive:
    case Operation::kMove:
    case Operation::kShip: return kOperatorOnly;
    case Operation::kMeasure: return kMeasurers;
    case Operation::kSealApply:
    case Operation::kSealVerify:
    case Operation::kSealRemove: return kSealers;
    case Operation::kLossGain:
    case Operation::kClosePeriod:
    case Operation::kIssueReport: return kAccountantOnly;
    case Operation::kTakeInventory: return kInventoryTakers;
    case Operation::kManageUsers:
    case Operation::kRebuild: return kAdminOnly;
    case Operation::kReadInventory: return kReaders;
    case Operation::kReadAccessLog: return kAccessLogReaders;
    case Operation::kManageStates:
    case Operation::kAssess:
    case Operation::kConcludeAgreement:
    case Operation::kRecordPayment:
    case Operation::kAllocate:
    case Operation::kProposeRelease:
    case Operation::kRestock:
    case Operation::kCloseRequest:
    case Operation::kCancelRequest: return kBankOfficerOnly;
    case Operation::kFileRequest:
    case Operation::kWithdrawRequest: return kStateRepOnly;
    case Operation::kAttest:
    case Operation::kConfirmReceipt: return kAttesters;
    case Operation::kProposeDetermination: return kDirectorOnly;
    case Operation::kConfirmDetermination:
    case Operation::kConfirmRelease: return kSecondPersons;
    case Operation::kPrepareShipment: return kOperatorOnly;
    case Operation::kReadRequests: return kRequestReaders;
  }
  return {};
}

bool may(std::span<const Role> held, Operation op) {
  const auto allowed = roles_allowed(op);
  return std::ranges::any_of(held, [&](Role r) { return std::ranges::find(allowed, r) != allowed.end(); });
}

}  // namespace leu
