// The event types that record credential changes, and their fold.
//
// The secrets themselves (Argon2id password hashes, token digests) never enter
// the journal: they are credentials in the store (store/store.hpp), written in
// the same transaction as these events. The journal records who changed whose
// credential, and when; the public part of an API token (its id, owner, label
// and whether it is revoked) is a projection document of kind "token".
// docs/formats/journal.md specifies the payloads.
//
//   if (is_credential_event(e.type)) return apply_credential_event(e, payload, p);
#pragma once

#include <string_view>

#include "domain/error.hpp"
#include "ledger/projections.hpp"

namespace leu {

namespace credential_event {
// {"user"}: the user's password was set (by the actor: the user or an admin)
inline constexpr const char* kPasswordSet = "user.password_set";
// {"token", "user", "label"}: an API token was issued to the user
inline constexpr const char* kTokenIssued = "token.issued";
// {"token"}: the token was revoked
inline constexpr const char* kTokenRevoked = "token.revoked";
}  // namespace credential_event

inline constexpr const char* kTokenKind = "token";  // projection documents: {"token", "user", "label", ...}

bool is_credential_event(std::string_view type);
// REQUIRES: is_credential_event(e.type). kIntegrity when the event contradicts the
// projections (an unknown user, a token issued twice, revoked twice or unknown).
Result<void> apply_credential_event(const StoredEvent& e, const nlohmann::json& payload, Projections& p);

}  // namespace leu
