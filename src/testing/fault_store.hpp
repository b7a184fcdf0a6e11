// Test support: a Store decorator that fails a chosen call with a realistic
// storage failure (fault injection). Never linked into the product.
//
// Every call through a FaultStore (and the WriteTransactions it hands out) is
// counted per named operation; arm(op, n, fault) makes the n-th call of `op`
// counted from the arming fail once, without reaching the wrapped store, with
// the error the database would give: disk full (SQLITE_FULL), an I/O error
// (SQLITE_IOERR) or a lock timeout (SQLITE_BUSY). A failed write-transaction
// call leaves the transaction to roll back on destruction; a failed "tx.commit"
// rolls back as a failed sync does: nothing of the transaction remains. The error
// message names the operation and the store:
//   "tx.put_row on sqlite:/tmp/x.db failed: database or disk is full (injected SQLITE_FULL)".
//
//   FaultStore faulty(*store);
//   faulty.arm("tx.commit", 1, Fault::kIoError);
//   Journal journal(faulty, clock);   // journal.append(...) now fails at commit
//   faulty.clear();                    // and succeeds again
//
// Operation names: the Store methods by name ("begin_write", "head", "get_row",
// "scan_rows", ...) and the WriteTransaction methods prefixed "tx." ("tx.append",
// "tx.get_row", "tx.put_row", "tx.erase_row", "tx.add_line", "tx.clear_rows",
// "tx.put_credential", "tx.commit"). head() of a transaction cannot fail.
// Not thread-safe, like the Store it wraps.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace leu::testing {

enum class Fault { kDiskFull, kIoError, kBusy };

std::string_view fault_name(Fault fault);  // "disk full" | "I/O error" | "lock timeout"

class FaultStore : public Store {
 public:
  explicit FaultStore(Store& inner) : inner_(inner) {}

  // From now on, counts calls afresh and fails the `nth` (1-based) call of `op` once with `fault`.
  void arm(const std::string& op, int nth, Fault fault);
  // Disarms and resets the counts.
  void clear();
  // Calls per operation since the last arm() or clear().
  const std::map<std::string, int>& calls() const { return calls_; }
  // Whether the armed fault has fired.
  bool fired() const { return fired_; }

  std::string describe() const override { return inner_.describe(); }
  Result<std::unique_ptr<WriteTransaction>> begin_write() override;
  Result<std::unique_ptr<ReadSnapshot>> read_snapshot() override;
  Result<Head> head() override;
  Result<void> scan_journal(std::int64_t from_seq, std::int64_t to_seq, const EventVisitor& visit) override;
  Result<std::int64_t> journal_count() override;
  Result<std::optional<ProjectionRow>> get_row(const std::string& kind, const std::string& key) override;
  Result<void> scan_rows(const std::string& kind, const RowVisitor& visit) override;
  Result<void> scan_lines(std::int64_t from_seq, std::int64_t to_seq, const LineVisitor& visit) override;
  Result<std::vector<BookTotal>> book_totals(const std::string& mba, const std::string& date) override;
  Result<std::vector<CodeTotal>> change_totals(const std::string& mba, const std::string& from,
                                               const std::string& to) override;
  Result<std::vector<MbaBookTotal>> all_book_totals(const std::string& date) override;
  Result<std::vector<PeriodCodeTotal>> all_change_totals(const std::string& from, const std::string& to,
                                                         int prefix) override;
  Result<std::optional<ProjectionRow>> get_credential(const std::string& kind, const std::string& key) override;
  Result<void> scan_credentials(const std::string& kind, const RowVisitor& visit) override;
  Result<std::int64_t> append_access(const AccessRecord& record) override;
  Result<void> scan_access(std::int64_t from_seq, const AccessVisitor& visit) override;
  Result<std::optional<AccessRecord>> last_access(const std::string& action) override;

  // Counts a call of `op`; the injected error when it is the armed one (used by the transactions too).
  Result<void> pass(const std::string& op);

 private:
  Store& inner_;
  std::map<std::string, int> calls_;
  std::string armed_op_;
  int armed_nth_ = 0;
  Fault armed_fault_ = Fault::kIoError;
  bool fired_ = false;
};

}  // namespace leu::testing
