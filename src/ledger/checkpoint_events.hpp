// The event types of the facility's signing key and its signed checkpoints, and
// their fold (docs/formats/journal.md §4.2, docs/formats/bundle.md).
//
// `key.published` puts the public half of the facility's Ed25519 key in the
// journal; the secret half lives in a key file outside the database. A
// `checkpoint.signed` event carries a signature, by a published key, of the
// journal head just before it (seq = the event's own seq − 1, and that event's
// hash), so that a copy of the journal can be checked offline by anyone holding
// the public key. The fold checks the key id and the signature; the hash a
// checkpoint names is checked against the chain by the bundle verifier.
//
//   if (is_checkpoint_event(type)) return apply_checkpoint_event(e, payload, p);
#pragma once

#include <string_view>

#include "domain/error.hpp"
#include "ledger/projections.hpp"

namespace leu {

namespace checkpoint_event {
// {"public_key": 64 hex, "key_id": 16 hex}
inline constexpr const char* kKeyPublished = "key.published";
// {"seq", "hash", "key_id", "signature": 128 hex}
inline constexpr const char* kCheckpointSigned = "checkpoint.signed";
}  // namespace checkpoint_event

// Projection documents {"key_id", "public_key", "published", "published_by", "last_seq"}, keyed by key id.
inline constexpr const char* kSigningKeyKind = "signing_key";

bool is_checkpoint_event(std::string_view type);
// REQUIRES: is_checkpoint_event(e.type). kIntegrity when a key id does not match its
// key, a key is published twice, or a checkpoint names an unpublished key, another
// seq than the one before it, or carries a signature that does not verify.
Result<void> apply_checkpoint_event(const StoredEvent& e, const nlohmann::json& payload, Projections& p);

}  // namespace leu
