// The writes of one PostgreSQL write transaction, held back and sent in bulk.
//
// A write transaction appends events, puts and erases projection rows and adds
// change lines. Sent one statement each, an event costs four round trips to the
// server; most of an ingest's time is then spent waiting. The buffer keeps the
// writes and sends them as multi-row statements (a few hundred rows each) when
// the transaction commits, or earlier once enough have gathered, so memory stays
// bounded however long the transaction.
//
// Contract:
//   - Everything goes to the database inside the caller's transaction, in an order
//     that gives the same final state as the writes one by one: erased rows are
//     deleted, then put rows upserted (the last put of a key wins), then events and
//     change lines inserted.
//   - pending_row() answers a read of a projection row the transaction itself has
//     put or erased and not yet sent; nullopt means "ask the database".
//   - flush() sends everything and leaves the buffer empty; it throws what libpqxx
//     throws (the caller turns it into an Error naming the database).
//   - discard_rows_and_lines() forgets pending rows and lines (the projections are
//     about to be cleared); pending events are kept.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/store.hpp"

namespace leu {

class PostgresWriteBuffer {
 public:
  // What a transaction may hold back before the buffer sends it on its own.
  static constexpr std::size_t kFlushAt = 5'000;

  void add_event(const StoredEvent& e);
  void put_row(const ProjectionRow& row);
  void erase_row(const std::string& kind, const std::string& key);
  void add_line(const ChangeLine& line);

  // The transaction's own unsent view of a row: a row (put), an empty optional in
  // an engaged one (erased), or nullopt (not touched since the last flush).
  std::optional<std::optional<ProjectionRow>> pending_row(const std::string& kind, const std::string& key) const;

  bool full() const { return held() >= kFlushAt; }
  void flush(pqxx::transaction_base& tx);
  void discard_rows_and_lines();

 private:
  using Key = std::pair<std::string, std::string>;  // kind, key
  std::size_t held() const { return events_.size() + puts_.size() + erases_.size() + lines_.size(); }

  std::vector<StoredEvent> events_;
  std::map<Key, std::string> puts_;  // key -> doc
  std::set<Key> erases_;
  std::vector<ChangeLine> lines_;
};

}  // namespace leu
