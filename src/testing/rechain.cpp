#include "testing/rechain.hpp"

#include "ledger/event.hpp"

namespace leu::testing {

Result<void> rechain_into(Store& store, std::vector<StoredEvent> events) {
  auto tx = store.begin_write();
  if (!tx) return std::unexpected(tx.error());
  Digest digest = genesis_digest();
  for (StoredEvent& e : events) {
    digest = chain_digest(digest, canonical_event_bytes(e));
    e.hash = to_hex(digest);
    if (auto appended = (*tx)->append(e); !appended) return appended;
  }
  return (*tx)->commit();
}

}  // namespace leu::testing
