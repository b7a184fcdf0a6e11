// The fold of the signing-key and checkpoint events (ledger/checkpoint_events.hpp).
#include "ledger/checkpoint_events.hpp"
#include "ledger/codec.hpp"
#include "ledger/signing.hpp"

namespace leu {
namespace {

std::unexpected<Error> contradiction(const StoredEvent& e, const std::string& why) {
  return fail(ErrorCode::kIntegrity, "event " + std::to_string(e.seq), why);
}

bool lower_hex(const std::string& s, std::size_t digits) {
  if (s.size() != digits) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

bool is_checkpoint_event(std::string_view type) {
  return type == checkpoint_event::kKeyPublished || type == checkpoint_event::kCheckpointSigned;
}

Result<void> apply_checkpoint_event(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(key_id, get_string(payload, "key_id"));
  LEU_GET(existing, p.document(kSigningKeyKind, key_id));
  if (e.type == checkpoint_event::kKeyPublished) {
    LEU_GET(public_key, get_string(payload, "public_key"));
    if (!lower_hex(public_key, 64)) return contradiction(e, "the public key is not 64 lowercase hex digits");
    if (key_id_of(public_key) != key_id) return contradiction(e, "key id '" + key_id + "' is not the key's id");
    if (existing) return contradiction(e, "key '" + key_id + "' is published already");
    p.put_document(kSigningKeyKind, key_id,
                   Json{{"key_id", key_id},
                        {"public_key", public_key},
                        {"published", e.time},
                        {"published_by", e.actor},
                        {"last_seq", e.seq}});
    return {};
  }
  if (!existing) return contradiction(e, "key '" + key_id + "' is not published");
  LEU_GET(seq, get_int(payload, "seq"));
  LEU_GET(hash, get_string(payload, "hash"));
  LEU_GET(signature, get_string(payload, "signature"));
  if (seq != e.seq - 1)
    return contradiction(
        e, "a checkpoint signs the event before it (" + std::to_string(e.seq - 1) + "), not " + std::to_string(seq));
  if (!lower_hex(hash, 64) || !lower_hex(signature, 128))
    return contradiction(e, "the hash or the signature is not lowercase hex of the right length");
  if (!verify_signature((*existing)["public_key"].get<std::string>(), checkpoint_message(seq, hash), signature))
    return contradiction(e, "the signature does not verify with key '" + key_id + "'");
  return {};
}

}  // namespace leu
