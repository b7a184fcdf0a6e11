// The storage interface: the journal and its projection rows, nothing more.
//
// Everything above store/ talks to a Store and never learns which database is
// behind it. A Store holds
//   * the journal: events with contiguous sequence numbers 1, 2, 3, ..., each with
//     its stored hash, appended only;
//   * the head: the sequence number and hash of the last event, kept beside the
//     journal so that a truncated journal is detected;
//   * projection rows: opaque documents keyed by (kind, key), derived from the
//     journal by the ledger and written in the same transaction as the events;
//   * credentials: documents keyed by (kind, key) that must never enter the
//     journal (Argon2id password hashes, hashed API tokens). They are written in
//     the same transaction as the journal event that records the change, but are
//     not derived from the journal: verify and rebuild leave them alone;
//   * the access log: who read which sensitive record, numbered 1, 2, 3, ...;
//     append-only (the database itself refuses updates and deletes).
//
// Writes go through a WriteTransaction: all of its appends and row changes land
// together on commit(), or none of them do (destruction without commit rolls
// back). One write transaction at a time: begin_write() waits for the writer
// lock (up to the store's busy timeout) and fails with kConflict after it.
//
//   auto store = open_store("var/bank.db", OpenMode::kCreate);
//   auto tx = (*store)->begin_write();
//   (*tx)->append(event); (*tx)->put_row(row); (*tx)->commit();
//
// Thread safety: a Store object is used by one thread at a time; open one per
// thread (SQLite serialises writers across connections and processes).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"

namespace leu {

// One journal event as stored. The ledger defines what the fields mean and how
// `hash` is computed (docs/formats/journal.md); the store keeps them verbatim.
struct StoredEvent {
  std::int64_t seq = 0;
  std::string time;  // RFC 3339 UTC
  std::string actor;
  std::string type;
  int version = 0;
  std::string payload;  // canonical JSON text
  std::string hash;     // lowercase hex SHA-256
};

struct Head {
  std::int64_t seq = 0;  // 0 for an empty journal
  std::string hash;      // "" for an empty journal

  bool operator==(const Head&) const = default;
};

struct ProjectionRow {
  std::string kind;  // "item", "balance", ...
  std::string key;
  std::string doc;  // canonical JSON text

  bool operator==(const ProjectionRow&) const = default;
};

// One inventory change line as the books hold it: the effect of one event on one
// MBA's book in one element category. Derived from the journal like the
// projection rows, and indexed by (MBA, accounting date) so that the book
// inventory of an MBA at any date is a sum over an index range.
struct ChangeLine {
  std::int64_t seq = 0;  // the event that made it
  int line = 0;          // 0, 1, ... within the event
  std::string mba;
  std::string date;      // accounting date, YYYY-MM-DD
  std::string code;      // inventory change code: RF, SF, LA, ...
  std::string category;  // depleted | natural | enriched
  std::string batch;
  std::string kmp;
  std::string partner;          // shipper or receiver (country or MBA); "" when internal
  std::int64_t uranium_mg = 0;  // signed effect on the book: + increase, - decrease
  std::int64_t u235_mg = 0;
  std::int64_t items = 0;  // signed change of the item count

  bool operator==(const ChangeLine&) const = default;
};

// The sum of an MBA's change lines in one category up to a date.
struct BookTotal {
  std::string category;
  std::int64_t uranium_mg = 0;
  std::int64_t u235_mg = 0;
  std::int64_t items = 0;

  bool operator==(const BookTotal&) const = default;
};

// The change lines of an MBA in a date range, summed per category, code and
// direction (increase: uranium_mg >= 0; decrease: < 0).
struct CodeTotal {
  std::string category;
  std::string code;
  bool increase = true;
  std::int64_t uranium_mg = 0;  // signed, as the lines hold it
  std::int64_t u235_mg = 0;
  std::int64_t items = 0;
  std::int64_t lines = 0;

  bool operator==(const CodeTotal&) const = default;
};

// An MBA's book in one category (all_book_totals).
struct MbaBookTotal {
  std::string mba;
  BookTotal total;

  bool operator==(const MbaBookTotal&) const = default;
};

// An MBA's change lines of one period bucket, category, code and direction
// (all_change_totals). `period` is the first `prefix` characters of the date.
struct PeriodCodeTotal {
  std::string mba;
  std::string period;  // "2021-06" for prefix 7, "2021" for 4, "" for 0
  CodeTotal total;

  bool operator==(const PeriodCodeTotal&) const = default;
};

// One entry of the access log.
struct AccessRecord {
  std::int64_t seq = 0;  // assigned by append_access
  std::string time;      // RFC 3339 UTC
  std::string actor;
  std::string action;  // e.g. "GET /api/v1/journal"
  std::string target;  // the record read, e.g. "request/R-2026-001"

  bool operator==(const AccessRecord&) const = default;
};

// While alive, every read of its Store sees the database as it was when the
// snapshot was taken, so that several reads (the head, the journal, the rows)
// agree with each other under concurrent writers. No write may begin on the same
// Store meanwhile. Destruction ends it.
class ReadSnapshot {
 public:
  virtual ~ReadSnapshot() = default;
};

class WriteTransaction {
 public:
  virtual ~WriteTransaction() = default;
  // The head as of this transaction, including appends made in it.
  virtual Head head() const = 0;
  // REQUIRES: event.seq == head().seq + 1. Moves this transaction's head to the
  // event; the stored head record follows at commit().
  virtual Result<void> append(const StoredEvent& event) = 0;
  virtual Result<std::optional<ProjectionRow>> get_row(const std::string& kind, const std::string& key) = 0;
  virtual Result<void> put_row(const ProjectionRow& row) = 0;
  virtual Result<void> erase_row(const std::string& kind, const std::string& key) = 0;
  // REQUIRES: lines are added in (seq, line) order, each after its event.
  virtual Result<void> add_line(const ChangeLine& line) = 0;
  // Removes every projection row and change line (rebuild, in the same transaction).
  // Credentials are kept.
  virtual Result<void> clear_rows() = 0;
  // Creates or replaces a credential (row.kind, row.key).
  virtual Result<void> put_credential(const ProjectionRow& row) = 0;
  // Makes everything durable; after a failure nothing of the transaction remains.
  virtual Result<void> commit() = 0;
};

// Called for each event in sequence order; return false to stop early.
using EventVisitor = std::function<bool(const StoredEvent&)>;
using RowVisitor = std::function<bool(const ProjectionRow&)>;
using LineVisitor = std::function<bool(const ChangeLine&)>;
using AccessVisitor = std::function<bool(const AccessRecord&)>;

class Store {
 public:
  virtual ~Store() = default;
  // A human-readable name of the database ("sqlite:/path/file.db").
  virtual std::string describe() const = 0;
  virtual Result<std::unique_ptr<WriteTransaction>> begin_write() = 0;
  // REQUIRES: no write transaction is open on this Store. A snapshot taken while
  // another is open joins it (and ending it ends nothing).
  virtual Result<std::unique_ptr<ReadSnapshot>> read_snapshot() = 0;
  // The recorded head (not recomputed from the journal).
  virtual Result<Head> head() = 0;
  // Streams events with from_seq <= seq <= to_seq in order, without loading them all.
  virtual Result<void> scan_journal(std::int64_t from_seq, std::int64_t to_seq, const EventVisitor& visit) = 0;
  virtual Result<std::int64_t> journal_count() = 0;
  virtual Result<std::optional<ProjectionRow>> get_row(const std::string& kind, const std::string& key) = 0;
  // Rows of one kind ("" = every kind) ordered by (kind, key).
  virtual Result<void> scan_rows(const std::string& kind, const RowVisitor& visit) = 0;
  // Change lines with from_seq <= seq <= to_seq, ordered by (seq, line), streamed.
  virtual Result<void> scan_lines(std::int64_t from_seq, std::int64_t to_seq, const LineVisitor& visit) = 0;
  // The book of `mba` at the end of `date` (YYYY-MM-DD): per category, the sum of
  // its change lines dated on or before it. Categories without lines are absent.
  virtual Result<std::vector<BookTotal>> book_totals(const std::string& mba, const std::string& date) = 0;
  // The lines of `mba` dated from `from` to `to` (inclusive), summed per
  // (category, code, direction), ordered by category, direction (increases
  // first) and code.
  virtual Result<std::vector<CodeTotal>> change_totals(const std::string& mba, const std::string& from,
                                                       const std::string& to) = 0;
  // book_totals of every MBA with lines, in one pass over the (MBA, date) index:
  // ordered by MBA and category.
  virtual Result<std::vector<MbaBookTotal>> all_book_totals(const std::string& date) = 0;
  // The lines of every MBA dated from `from` to `to` (inclusive), summed per (MBA,
  // date prefix of `prefix` characters: 0 whole range, 4 year, 7 month, 10 day,
  // category, code, direction) in one pass over the (MBA, date) index; ordered by
  // MBA, period, category, direction (increases first) and code.
  virtual Result<std::vector<PeriodCodeTotal>> all_change_totals(const std::string& from, const std::string& to,
                                                                 int prefix) = 0;
  virtual Result<std::optional<ProjectionRow>> get_credential(const std::string& kind, const std::string& key) = 0;
  // Credentials of one kind ("" = every kind) ordered by (kind, key).
  virtual Result<void> scan_credentials(const std::string& kind, const RowVisitor& visit) = 0;
  // Appends one access-log entry in its own transaction; returns its number.
  virtual Result<std::int64_t> append_access(const AccessRecord& record) = 0;
  // Streams the access-log entries from `from_seq` on, in order.
  virtual Result<void> scan_access(std::int64_t from_seq, const AccessVisitor& visit) = 0;
  // The newest access-log entry with this action (std::nullopt when none): one seek of the (action, seq) index.
  virtual Result<std::optional<AccessRecord>> last_access(const std::string& action) = 0;
};

enum class OpenMode {
  kExisting,  // the database must exist and be a leubank database
  kCreate,    // create a new, empty leubank database; refuse one that holds anything
              // (an existing empty file, or an empty PostgreSQL database, is taken)
};

// Opens a store from a location: a file path or "sqlite:PATH" (SQLite), or
// "postgresql://user[:password]@host:port/db" (PostgreSQL; postgres:// too).
// Errors: kInvalidInput (not a leubank database, or a schema newer than this
// program), kNotFound (no such database with kExisting), kConflict (exists with
// kCreate), kStorage (the file cannot be opened or written).
Result<std::unique_ptr<Store>> open_store(const std::string& location, OpenMode mode);

}  // namespace leu
