// Validation and visibility helpers shared by the bank services (internal to src/bank/).
//
// Contract: each helper returns an Error naming the field and the rule broken;
// none writes. Visibility: a principal holding the state_representative role is
// confined to its own State; anything of another State is reported exactly as an
// unknown id would be (kNotFound), so a guessed id reveals nothing.
//
//   LEU_RETURN_IF_ERROR(validate_evidence(in.evidence, "evidence"));
//   if (!visible_to(who, doc["state"])) return not_found("request", id);
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "access/principal.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"

namespace leu::bank {

using Json = nlohmann::json;

// A document and its SHA-256, proving which document a fact or decision rests on.
struct Evidence {
  std::string ref;     // document reference, e.g. "GOV/2026/12" or "INFCIRC/999"
  std::string sha256;  // 64 lowercase hexadecimal digits
};

Json to_json(const Evidence& e);
Result<void> validate_evidence(const Evidence& e, const std::string& field);
// Non-empty, at most `max` bytes, no control characters.
Result<void> validate_text(const std::string& value, const std::string& field, std::size_t max);
// ISO 3166 alpha-2: two capital letters (user-assigned XA-XZ codes serve for fiction).
Result<void> validate_state_code(const std::string& code, const std::string& field);
// ISO 4217 alphabetic currency code: three capital letters.
Result<void> validate_currency(const std::string& code, const std::string& field);
// Not after today (UTC, from the journal's clock).
Result<void> validate_not_future(Date date, Date today, const std::string& field);

// True when the principal is confined to one State (holds state_representative).
bool confined(const Principal& who);
// Whether `who` may see a record of State `state`.
bool visible_to(const Principal& who, const std::string& state);
std::unexpected<Error> not_found(const std::string& field, const std::string& what, const std::string& id);

}  // namespace leu::bank
