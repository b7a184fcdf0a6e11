#include "access/principal.hpp"

#include <algorithm>

#include "ledger/codec.hpp"
#include "ledger/event_types.hpp"

namespace leu {
namespace {

Json role_names(const std::vector<Role>& roles) {
  Json out = Json::array();
  for (Role r : roles) out.push_back(role_name(r));
  return out;
}

Result<void> validate_roles(const std::vector<Role>& roles) {
  if (roles.empty()) return invalid("role", "at least one role is required");
  for (std::size_t i = 0; i < roles.size(); ++i)
    for (std::size_t j = i + 1; j < roles.size(); ++j)
      if (roles[i] == roles[j]) return invalid("role", "'" + std::string(role_name(roles[i])) + "' is given twice");
  return {};
}

}  // namespace

Result<Principal> resolve_principal(Journal& journal, const std::string& name) {
  if (name.empty()) return fail(ErrorCode::kForbidden, "as", "no user named; pass --as USER");
  auto user = journal.user(name);
  if (!user) return std::unexpected(user.error());
  if (!*user) return fail(ErrorCode::kForbidden, "as", "unknown user '" + name + "'");
  if (!(*user)->active) return fail(ErrorCode::kForbidden, "as", "user '" + name + "' is disabled");
  return Principal{name, (*user)->roles, (*user)->state};
}

Result<void> authorize(const Principal& who, Operation op) {
  if (may(who.roles, op)) return {};
  std::string allowed;
  for (Role r : roles_allowed(op)) allowed += (allowed.empty() ? "" : ", ") + std::string(role_name(r));
  return fail(ErrorCode::kForbidden, "as",
              "user '" + who.name + "' may not " + std::string(operation_name(op)) + " (allowed: " + allowed + ")");
}

Result<void> validate_user_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return invalid("user", "must have 1 to 64 characters");
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return invalid("user", "'" + name + "' may only hold a-z, 0-9, '.', '_' and '-'");
  return {};
}

Result<Head> open_journal(Journal& journal, const Facility& facility, const std::string& admin) {
  LEU_RETURN_IF_ERROR(facility.validate());
  LEU_RETURN_IF_ERROR(validate_user_name(admin));
  auto head = journal.head();
  if (!head) return std::unexpected(head.error());
  if (head->seq != 0) return fail(ErrorCode::kConflict, "db", "the journal is not empty; it was opened before");
  return journal.append(admin, {NewEvent{event_type::kJournalOpened, {{"facility", encode(facility)}}},
                                NewEvent{event_type::kUserAdded, {{"user", admin}, {"roles", {"admin"}}}}});
}

Result<Head> add_user(Journal& journal, const Principal& who, const std::string& name, const std::vector<Role>& roles,
                      const std::string& state) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kManageUsers));
  LEU_RETURN_IF_ERROR(validate_user_name(name));
  LEU_RETURN_IF_ERROR(validate_roles(roles));
  const bool representative = std::ranges::find(roles, Role::kStateRepresentative) != roles.end();
  if (!state.empty() && !representative) return invalid("state", "only a state_representative belongs to a State");
  if (representative && state.empty())
    return invalid("state", "a state_representative must name the State it represents (ISO 3166 alpha-2, e.g. XR)");
  if (!state.empty() && (state.size() != 2 || !std::ranges::all_of(state, [](char c) { return c >= 'A' && c <= 'Z'; })))
    return invalid("state", "'" + state + "' is not an ISO 3166 alpha-2 code (two capital letters)");
  auto existing = journal.user(name);
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return fail(ErrorCode::kConflict, "user", "user '" + name + "' already exists");
  Json payload = {{"user", name}, {"roles", role_names(roles)}};
  if (!state.empty()) payload["state"] = state;
  return journal.append(who.name, {NewEvent{event_type::kUserAdded, std::move(payload)}});
}

Result<Head> set_roles(Journal& journal, const Principal& who, const std::string& name,
                       const std::vector<Role>& roles) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kManageUsers));
  LEU_RETURN_IF_ERROR(validate_roles(roles));
  auto existing = journal.user(name);
  if (!existing) return std::unexpected(existing.error());
  if (!*existing) return fail(ErrorCode::kNotFound, "user", "unknown user '" + name + "'");
  if (name == who.name && std::ranges::find(roles, Role::kAdmin) == roles.end())
    return fail(ErrorCode::kConflict, "role", "an admin cannot remove their own admin role");
  return journal.append(who.name,
                        {NewEvent{event_type::kUserRolesSet, {{"user", name}, {"roles", role_names(roles)}}}});
}

Result<Head> disable_user(Journal& journal, const Principal& who, const std::string& name) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kManageUsers));
  auto existing = journal.user(name);
  if (!existing) return std::unexpected(existing.error());
  if (!*existing) return fail(ErrorCode::kNotFound, "user", "unknown user '" + name + "'");
  if (!(*existing)->active) return fail(ErrorCode::kConflict, "user", "user '" + name + "' is already disabled");
  if (name == who.name) return fail(ErrorCode::kConflict, "user", "an admin cannot disable themselves");
  return journal.append(who.name, {NewEvent{event_type::kUserDisabled, {{"user", name}}}});
}

}  // namespace leu
