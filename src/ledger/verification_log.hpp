// Verifications of the journal, recorded durably in the append-only access log: who ran one, when, through which
// door (the API or the CLI), the head it verified and the outcome, so that the dashboard can show the last one.
//
// Contract: verify_and_record() runs Journal::verify() and then appends one access-log entry (its own transaction)
// with action "verify" and, as target, a JSON object {"via", "head_seq", "head_hash", "ok", "divergence_seq"}. The
// head is the recomputed one when the journal verifies, else the recorded one. A verification that could not run
// (a store error) records nothing. An outcome that cannot be recorded (a read-only replica, a damaged database) does
// not hide the verification: it is returned with the reason in `not_recorded`, for the caller to say so.
// verification_entry() is that entry, not yet appended: the server's verify route builds it inside its read snapshot
// and the dispatcher appends it once the snapshot has ended, so a verification never holds the write lock.
// last_verification() reads the newest "verify" entry through the access log's (action, seq) index: one seek,
// however long the log.
//
//   LEU_GET(v, verify_and_record(journal, who.name, "cli"));  // v.report, v.not_recorded
//   AccessRecord entry = verification_entry(journal, report, who.name, "api");  // for Store::append_access
//   LEU_GET(last, last_verification(journal.store()));  // std::nullopt when none was ever run
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ledger/journal.hpp"

namespace leu {

struct VerificationRecord {
  std::int64_t log_seq = 0;  // the access-log entry
  std::string time;          // RFC 3339 UTC
  std::string actor;
  std::string via;  // "api" or "cli"
  std::int64_t head_seq = 0;
  std::string head_hash;
  bool ok = false;
  std::int64_t divergence_seq = 0;  // the event at fault, 0 when ok
};

// The entry's time is the journal's clock.
struct RecordedVerification {
  VerifyReport report;
  std::optional<Error> not_recorded;  // why the outcome could not be appended to the access log
};

Result<RecordedVerification> verify_and_record(Journal& journal, const std::string& actor, const std::string& via);

AccessRecord verification_entry(Journal& journal, const VerifyReport& report, const std::string& actor,
                                const std::string& via);

Result<std::optional<VerificationRecord>> last_verification(Store& store);

}  // namespace leu
