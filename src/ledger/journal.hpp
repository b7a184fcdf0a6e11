// The journal: the single source of truth, with its projections kept in step.
//
// append() writes events and the projection rows they change in one store
// transaction: either all of it is durable or none of it is. verify() recomputes
// the hash chain and rebuilds the projections aside, then compares them with the
// stored ones and names the first divergence exactly. rebuild() replaces the
// stored projections with ones recomputed from the journal.
//
//   Journal journal(*store, clock);
//   auto head = journal.append("alice", {NewEvent{"cylinder.moved", payload}});
//   VerifyReport report = journal.verify().value();
//
// A Journal is used by one thread at a time; the store serialises writers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/date.hpp"
#include "ledger/event.hpp"
#include "ledger/line_digests.hpp"
#include "ledger/projections.hpp"
#include "store/store.hpp"

namespace leu {

struct Divergence {
  enum class Kind { kGap, kHash, kPayload, kHead, kProjection };
  Kind kind = Kind::kHash;
  std::int64_t seq = 0;  // the event at fault (for kProjection: the row's last event, or 0)
  std::string row_kind;  // kProjection only ("line" for a change line)
  std::string row_key;   // kProjection only ("seq/line" for a change line)
  std::string message;   // what differs, in words
};

struct VerifyReport {
  std::int64_t events = 0;  // events checked
  std::int64_t rows = 0;    // projection rows compared
  std::int64_t lines = 0;   // change lines compared
  Head head;                // recomputed head (valid when ok())
  std::optional<Divergence> divergence;

  bool ok() const { return !divergence; }
};

class Journal {
 public:
  Journal(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Appends `events` in order as `actor`, updating projections, in one
  // transaction. Fails without writing anything if any event cannot be encoded
  // or applied, or the store fails.
  Result<Head> append(const std::string& actor, const std::vector<NewEvent>& events);
  // The same, also writing `credentials` (store/store.hpp) in the same transaction:
  // a password or token change lands together with the event that records it.
  Result<Head> append(const std::string& actor, const std::vector<NewEvent>& events,
                      const std::vector<ProjectionRow>& credentials);

  Result<Head> head() { return store_.head(); }
  Store& store() { return store_; }
  const Clock& clock() const { return clock_; }

  // Reads of the current projections.
  Result<std::optional<Facility>> facility();
  Result<std::optional<Item>> item(const std::string& id);
  Result<std::optional<SealRecord>> seal(const std::string& id);
  Result<std::optional<UserRecord>> user(const std::string& name);
  Result<std::vector<Item>> items();
  Result<std::vector<Balance>> balances();
  Result<std::vector<UserRecord>> users();
  // Records kept as JSON documents (kPitKind, kPeriodKind), one or all of a kind.
  Result<std::optional<nlohmann::json>> document(const std::string& kind, const std::string& key);
  Result<std::vector<nlohmann::json>> documents(const std::string& kind);

  // The projections rebuilt from the events whose accounting date ("date" in the
  // payload, or "to" for the balance-period events) is on or before `day`; events
  // without a date always count.
  Result<Projections> as_of(Date day);

  // The book of an MBA at the end of a day, per category, from the indexed
  // change lines (fast at any scale).
  Result<std::vector<BookTotal>> book_at(const std::string& mba, Date day) {
    return store_.book_totals(mba, day.text());
  }

  // Streams events from `from_seq` on.
  Result<void> scan(std::int64_t from_seq, const EventVisitor& visit) {
    return store_.scan_journal(from_seq, INT64_MAX, visit);
  }

  // Errors only when the store cannot be read; a damaged journal is a report
  // with a divergence.
  Result<VerifyReport> verify();
  // Recreates every projection row from the journal. Refuses (kIntegrity) when
  // the chain itself does not verify. Returns the number of rows written.
  Result<std::int64_t> rebuild();

 private:
  // Replays the chain into `out`, stopping at the first divergence.
  Result<VerifyReport> replay(Projections& out);
  // Compares the stored change lines with the rebuilt chunk digests; on a
  // difference, sets report.divergence to the first differing line.
  Result<void> compare_lines(const std::vector<LineDigests::Chunk>& rebuilt, VerifyReport& report);

  Store& store_;
  const Clock& clock_;
};

}  // namespace leu
