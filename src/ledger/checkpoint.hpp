// Publishing the facility's signing key and signing checkpoints of the journal head.
//
// publish_key appends `key.published` for a key (refused if published already).
// sign_checkpoint appends `checkpoint.signed` over the current head, unless the
// head already is a checkpoint, by any key (then it returns that one: two checkpoints in a row
// would let a bundle cut short by its last line still end in a checkpoint;
// docs/formats/bundle.md). Both are one transaction each; the fold checks the
// signature, and a writer slipping in between makes the append fail (kConflict).
//
//   LEU_GET(cp, sign_checkpoint(journal, "aigerim", key));
//   std::cout << "checkpoint of event " << cp.seq << " is event " << cp.event;
#pragma once

#include <cstdint>
#include <string>

#include "ledger/journal.hpp"
#include "ledger/signing.hpp"

namespace leu {

struct Checkpoint {
  std::int64_t event = 0;  // the checkpoint.signed event
  std::int64_t seq = 0;    // the event it signs
  std::string hash;        // that event's hash
  std::string key_id;
  bool appended = false;  // false: the head already was this checkpoint
};

// kConflict when the key is published already.
Result<Head> publish_key(Journal& journal, const std::string& actor, const SigningKey& key);
// True when `key` is published in the journal.
Result<bool> key_published(Journal& journal, const SigningKey& key);
// kConflict when the key is not published, or the journal is empty.
Result<Checkpoint> sign_checkpoint(Journal& journal, const std::string& actor, const SigningKey& key);

}  // namespace leu
