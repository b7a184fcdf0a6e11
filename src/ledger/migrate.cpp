#include "ledger/migrate.hpp"

#include <vector>

namespace leu {
namespace {

constexpr std::size_t kBatch = 10'000;  // events per target transaction

Result<void> write_batch(Store& to, const std::vector<StoredEvent>& batch) {
  auto tx = to.begin_write();
  if (!tx) return std::unexpected(tx.error());
  for (const auto& e : batch) LEU_RETURN_IF_ERROR((*tx)->append(e));
  return (*tx)->commit();
}

}  // namespace

namespace {

// Passwords and tokens live beside the journal, so a copy of the journal alone
// would lock every user out of the target: they follow in one transaction.
Result<std::int64_t> copy_credentials(Store& from, Store& to) {
  std::vector<ProjectionRow> rows;
  LEU_RETURN_IF_ERROR(from.scan_credentials("", [&](const ProjectionRow& r) {
    rows.push_back(r);
    return true;
  }));
  LEU_GET(tx, to.begin_write());
  for (const ProjectionRow& r : rows) LEU_RETURN_IF_ERROR(tx->put_credential(r));
  LEU_RETURN_IF_ERROR(tx->commit());
  return static_cast<std::int64_t>(rows.size());
}

}  // namespace

Result<MigrationReport> migrate_journal(Store& from, Store& to, const Clock& clock) {
  Journal source(from, clock);
  auto checked = source.verify();
  if (!checked) return std::unexpected(checked.error());
  if (!checked->ok() && checked->divergence->kind != Divergence::Kind::kProjection)
    return fail(ErrorCode::kIntegrity, "from",
                from.describe() + " does not verify, nothing was copied: " + checked->divergence->message);

  auto target_head = to.head();
  if (!target_head) return std::unexpected(target_head.error());
  auto target_count = to.journal_count();
  if (!target_count) return std::unexpected(target_count.error());
  if (target_head->seq != 0 || *target_count != 0)
    return fail(
        ErrorCode::kConflict, "to",
        to.describe() + " is not empty (" + std::to_string(*target_count) + " events); refusing to copy into it");

  MigrationReport report;
  std::vector<StoredEvent> batch;
  batch.reserve(kBatch);
  std::optional<Error> error;
  auto scanned = from.scan_journal(1, INT64_MAX, [&](const StoredEvent& e) {
    batch.push_back(e);
    if (batch.size() == kBatch) {
      if (auto w = write_batch(to, batch); !w) {
        error = w.error();
        return false;
      }
      report.events += static_cast<std::int64_t>(batch.size());
      batch.clear();
    }
    return true;
  });
  if (!scanned) return std::unexpected(scanned.error());
  if (error) return std::unexpected(*error);
  if (!batch.empty()) {
    LEU_RETURN_IF_ERROR(write_batch(to, batch));
    report.events += static_cast<std::int64_t>(batch.size());
  }

  Journal target(to, clock);
  auto rows = target.rebuild();
  if (!rows) return std::unexpected(rows.error());
  report.rows = *rows;
  LEU_GET(credentials, copy_credentials(from, to));
  report.credentials = credentials;
  auto verified = target.verify();
  if (!verified) return std::unexpected(verified.error());
  if (!verified->ok())
    return fail(ErrorCode::kIntegrity, "to",
                to.describe() + " does not verify after the copy: " + verified->divergence->message);
  report.head = verified->head;
  return report;
}

}  // namespace leu
