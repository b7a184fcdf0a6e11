// Moving a journal between stores (SQLite <-> PostgreSQL, or file to file).
//
// The source chain is verified first; the target must be empty. Events are
// copied as they are (same seq, time, actor, payload and hash) in batches of
// 10,000 per transaction, then the target's projections are rebuilt from its
// own journal — which re-verifies the chain on arrival — and the whole target is
// verified.
//
//   auto report = migrate_journal(*sqlite_store, *pg_store, clock);
#pragma once

#include <cstdint>

#include "domain/clock.hpp"
#include "ledger/journal.hpp"

namespace leu {

struct MigrationReport {
  std::int64_t events = 0;       // events copied
  std::int64_t rows = 0;         // projection rows rebuilt on the target
  std::int64_t credentials = 0;  // passwords and tokens copied (store/store.hpp)
  Head head;                     // the target's head, equal to the source's
};

// Errors: kIntegrity when the source chain does not verify (nothing copied) or the
// target does not verify after the copy; kConflict when the target is not empty.
Result<MigrationReport> migrate_journal(Store& from, Store& to, const Clock& clock);

}  // namespace leu
