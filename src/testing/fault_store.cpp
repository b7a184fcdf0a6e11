#include "testing/fault_store.hpp"

namespace leu::testing {
namespace {

// The WriteTransaction of a FaultStore: counts and fails its calls, otherwise forwards them.
class FaultTransaction : public WriteTransaction {
 public:
  FaultTransaction(FaultStore& store, std::unique_ptr<WriteTransaction> inner)
      : store_(store), inner_(std::move(inner)) {}

  Head head() const override { return inner_->head(); }
  Result<void> append(const StoredEvent& event) override {
    LEU_RETURN_IF_ERROR(store_.pass("tx.append"));
    return inner_->append(event);
  }
  Result<std::optional<ProjectionRow>> get_row(const std::string& kind, const std::string& key) override {
    LEU_RETURN_IF_ERROR(store_.pass("tx.get_row"));
    return inner_->get_row(kind, key);
  }
  Result<void> put_row(const ProjectionRow& row) override {
    LEU_RETURN_IF_ERROR(store_.pass("tx.put_row"));
    return inner_->put_row(row);
  }
  Result<void> erase_row(const std::string& kind, const std::string& key) override {
    LEU_RETURN_IF_ERROR(store_.pass("tx.erase_row"));
    return inner_->erase_row(kind, key);
  }
  Result<void> add_line(const ChangeLine& line) override {
    LEU_RETURN_IF_ERROR(store_.pass("tx.add_line"));
    return inner_->add_line(line);
  }
  Result<void> clear_rows() override {
    LEU_RETURN_IF_ERROR(store_.pass("tx.clear_rows"));
    return inner_->clear_rows();
  }
  Result<void> put_credential(const ProjectionRow& row) override {
    LEU_RETURN_IF_ERROR(store_.pass("tx.put_credential"));
    return inner_->put_credential(row);
  }
  // A failed sync: the wrapped transaction is not committed and rolls back when destroyed.
  Result<void> commit() override {
    LEU_RETURN_IF_ERROR(store_.pass("tx.commit"));
    return inner_->commit();
  }

 private:
  FaultStore& store_;
  std::unique_ptr<WriteTransaction> inner_;
};

// The primary SQLite result codes the faults imitate (sqlite3.h: SQLITE_FULL 13, SQLITE_IOERR 10, SQLITE_BUSY 5).
Error injected(Fault fault, const std::string& op, const std::string& where) {
  const std::string prefix = op + " on " + where + " failed: ";
  switch (fault) {
    case Fault::kDiskFull:
      return Error{ErrorCode::kStorage, "", prefix + "database or disk is full (injected SQLITE_FULL)"};
    case Fault::kIoError: return Error{ErrorCode::kStorage, "", prefix + "disk I/O error (injected SQLITE_IOERR)"};
    case Fault::kBusy:
      return Error{ErrorCode::kConflict, "",
                   prefix + "database is locked (injected SQLITE_BUSY); another writer holds the database"};
  }
  return Error{ErrorCode::kStorage, "", prefix + "unknown fault"};
}

}  // namespace

std::string_view fault_name(Fault fault) {
  switch (fault) {
    case Fault::kDiskFull: return "disk full";
    case Fault::kIoError: return "I/O error";
    case Fault::kBusy: return "lock timeout";
  }
  return "unknown";
}

void FaultStore::arm(const std::string& op, int nth, Fault fault) {
  calls_.clear();
  armed_op_ = op;
  armed_nth_ = nth;
  armed_fault_ = fault;
  fired_ = false;
}

void FaultStore::clear() {
  calls_.clear();
  armed_op_.clear();
  armed_nth_ = 0;
  fired_ = false;
}

Result<void> FaultStore::pass(const std::string& op) {
  const int n = ++calls_[op];
  if (fired_ || op != armed_op_ || n != armed_nth_) return {};
  fired_ = true;
  return std::unexpected(injected(armed_fault_, op, inner_.describe()));
}

Result<std::unique_ptr<WriteTransaction>> FaultStore::begin_write() {
  LEU_RETURN_IF_ERROR(pass("begin_write"));
  auto tx = inner_.begin_write();
  if (!tx) return std::unexpected(tx.error());
  return std::make_unique<FaultTransaction>(*this, std::move(*tx));
}

Result<std::unique_ptr<ReadSnapshot>> FaultStore::read_snapshot() {
  LEU_RETURN_IF_ERROR(pass("read_snapshot"));
  return inner_.read_snapshot();
}

Result<Head> FaultStore::head() {
  LEU_RETURN_IF_ERROR(pass("head"));
  return inner_.head();
}

Result<void> FaultStore::scan_journal(std::int64_t from_seq, std::int64_t to_seq, const EventVisitor& visit) {
  LEU_RETURN_IF_ERROR(pass("scan_journal"));
  return inner_.scan_journal(from_seq, to_seq, visit);
}

Result<std::int64_t> FaultStore::journal_count() {
  LEU_RETURN_IF_ERROR(pass("journal_count"));
  return inner_.journal_count();
}

Result<std::optional<ProjectionRow>> FaultStore::get_row(const std::string& kind, const std::string& key) {
  LEU_RETURN_IF_ERROR(pass("get_row"));
  return inner_.get_row(kind, key);
}

Result<void> FaultStore::scan_rows(const std::string& kind, const RowVisitor& visit) {
  LEU_RETURN_IF_ERROR(pass("scan_rows"));
  return inner_.scan_rows(kind, visit);
}

Result<void> FaultStore::scan_lines(std::int64_t from_seq, std::int64_t to_seq, const LineVisitor& visit) {
  LEU_RETURN_IF_ERROR(pass("scan_lines"));
  return inner_.scan_lines(from_seq, to_seq, visit);
}

Result<std::vector<BookTotal>> FaultStore::book_totals(const std::string& mba, const std::string& date) {
  LEU_RETURN_IF_ERROR(pass("book_totals"));
  return inner_.book_totals(mba, date);
}

Result<std::vector<CodeTotal>> FaultStore::change_totals(const std::string& mba, const std::string& from,
                                                         const std::string& to) {
  LEU_RETURN_IF_ERROR(pass("change_totals"));
  return inner_.change_totals(mba, from, to);
}

Result<std::vector<MbaBookTotal>> FaultStore::all_book_totals(const std::string& date) {
  LEU_RETURN_IF_ERROR(pass("all_book_totals"));
  return inner_.all_book_totals(date);
}

Result<std::vector<PeriodCodeTotal>> FaultStore::all_change_totals(const std::string& from, const std::string& to,
                                                                   int prefix) {
  LEU_RETURN_IF_ERROR(pass("all_change_totals"));
  return inner_.all_change_totals(from, to, prefix);
}

Result<std::optional<ProjectionRow>> FaultStore::get_credential(const std::string& kind, const std::string& key) {
  LEU_RETURN_IF_ERROR(pass("get_credential"));
  return inner_.get_credential(kind, key);
}

Result<void> FaultStore::scan_credentials(const std::string& kind, const RowVisitor& visit) {
  LEU_RETURN_IF_ERROR(pass("scan_credentials"));
  return inner_.scan_credentials(kind, visit);
}

Result<std::int64_t> FaultStore::append_access(const AccessRecord& record) {
  LEU_RETURN_IF_ERROR(pass("append_access"));
  return inner_.append_access(record);
}

Result<void> FaultStore::scan_access(std::int64_t from_seq, const AccessVisitor& visit) {
  LEU_RETURN_IF_ERROR(pass("scan_access"));
  return inner_.scan_access(from_seq, visit);
}

Result<std::optional<AccessRecord>> FaultStore::last_access(const std::string& action) {
  LEU_RETURN_IF_ERROR(pass("last_access"));
  return inner_.last_access(action);
}

}  // namespace leu::testing
