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
    case Operation::kManageUsers: return "manage users";
    case Operation::kRebuild: return "rebuild";
    case Operation::kReadInventory: return "read inventory";
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
    case Operation::kClosePeriod: return kAccountantOnly;
    case Operation::kTakeInventory: return kInventoryTakers;
    case Operation::kManageUsers:
    case Operation::kRebuild: return kAdminOnly;
    case Operation::kReadInventory: return kReaders;
  }
  return {};
}

bool may(std::span<const Role> held, Operation op) {
  const auto allowed = roles_allowed(op);
  return std::ranges::any_of(held, [&](Role r) { return std::ranges::find(allowed, r) != allowed.end(); });
}

}  // namespace leu
