#include "bank/bank_common.hpp"

#include <algorithm>

namespace leu::bank {

Json to_json(const Evidence& e) { return {{"evidence_ref", e.ref}, {"evidence_sha256", e.sha256}}; }

Result<void> validate_text(const std::string& value, const std::string& field, std::size_t max) {
  if (value.empty()) return invalid(field, "is empty");
  if (value.size() > max) return invalid(field, "is longer than " + std::to_string(max) + " characters");
  if (std::ranges::any_of(value, [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return invalid(field, "holds a control character");
  return {};
}

Result<void> validate_evidence(const Evidence& e, const std::string& field) {
  LEU_RETURN_IF_ERROR(validate_text(e.ref, field + "_ref", 200));
  const bool hex = e.sha256.size() == 64 && std::ranges::all_of(e.sha256, [](char c) {
                     return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                   });
  if (!hex)
    return invalid(field + "_sha256", "'" + e.sha256 + "' is not a SHA-256 digest (64 lowercase hexadecimal digits)");
  return {};
}

Result<void> validate_state_code(const std::string& code, const std::string& field) {
  if (code.size() != 2 || !std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; }))
    return invalid(field, "'" + code + "' is not an ISO 3166 alpha-2 code (two capital letters)");
  return {};
}

Result<void> validate_currency(const std::string& code, const std::string& field) {
  if (code.size() != 3 || !std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; }))
    return invalid(field, "'" + code + "' is not an ISO 4217 currency code (three capital letters)");
  return {};
}

Result<void> validate_not_future(Date date, Date today, const std::string& field) {
  if (date > today) return invalid(field, date.text() + " is in the future (today is " + today.text() + ", UTC)");
  return {};
}

bool confined(const Principal& who) {
  return std::ranges::find(who.roles, Role::kStateRepresentative) != who.roles.end();
}

bool visible_to(const Principal& who, const std::string& state) {
  return !confined(who) || (!who.state.empty() && who.state == state);
}

std::unexpected<Error> not_found(const std::string& field, const std::string& what, const std::string& id) {
  return fail(ErrorCode::kNotFound, field, "unknown " + what + " '" + id + "'");
}

}  // namespace leu::bank
