// Publishing the signing key and signing checkpoints (ledger/checkpoint.hpp).
#include "ledger/checkpoint.hpp"

#include "ledger/checkpoint_events.hpp"
#include "ledger/codec.hpp"

namespace leu {

Result<bool> key_published(Journal& journal, const SigningKey& key) {
  LEU_GET(doc, journal.document(kSigningKeyKind, key.key_id()));
  return doc && (*doc)["public_key"] == key.public_hex();
}

Result<Head> publish_key(Journal& journal, const std::string& actor, const SigningKey& key) {
  LEU_GET(published, key_published(journal, key));
  if (published) return fail(ErrorCode::kConflict, "key", "key " + key.key_id() + " is published already");
  return journal.append(
      actor, {NewEvent{checkpoint_event::kKeyPublished, {{"public_key", key.public_hex()}, {"key_id", key.key_id()}}}});
}

Result<Checkpoint> sign_checkpoint(Journal& journal, const std::string& actor, const SigningKey& key) {
  LEU_GET(published, key_published(journal, key));
  if (!published)
    return fail(ErrorCode::kConflict, "key",
                "key " + key.key_id() + " is not published in this journal ('leubank key publish')");
  LEU_GET(head, journal.head());
  if (head.seq == 0) return fail(ErrorCode::kConflict, "journal", "the journal is empty");
  std::optional<StoredEvent> last;
  LEU_RETURN_IF_ERROR(journal.store().scan_journal(head.seq, head.seq, [&](const StoredEvent& e) {
    last = e;
    return false;
  }));
  if (last && last->type == checkpoint_event::kCheckpointSigned) {
    const Json payload = Json::parse(last->payload, nullptr, false);
    if (payload.is_object())
      return Checkpoint{head.seq, payload.value("seq", std::int64_t{0}), payload.value("hash", ""),
                        payload.value("key_id", ""), false};
  }
  const std::string signature = key.sign(checkpoint_message(head.seq, head.hash));
  LEU_GET(
      after,
      journal.append(
          actor,
          {NewEvent{checkpoint_event::kCheckpointSigned,
                    {{"seq", head.seq}, {"hash", head.hash}, {"key_id", key.key_id()}, {"signature", signature}}}}));
  return Checkpoint{after.seq, head.seq, head.hash, key.key_id(), true};
}

}  // namespace leu
