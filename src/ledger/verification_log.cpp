#include "ledger/verification_log.hpp"

#include <nlohmann/json.hpp>

#include "domain/date.hpp"

namespace leu {
namespace {
constexpr const char* kAction = "verify";
}  // namespace

AccessRecord verification_entry(Journal& journal, const VerifyReport& report, const std::string& actor,
                                const std::string& via) {
  Head head = report.head;
  if (!report.ok())
    if (auto recorded = journal.head()) head = *recorded;
  const nlohmann::json target = {{"via", via},
                                 {"head_seq", head.seq},
                                 {"head_hash", head.hash},
                                 {"ok", report.ok()},
                                 {"divergence_seq", report.divergence ? report.divergence->seq : 0}};
  return AccessRecord{0, utc_timestamp(journal.clock().now()), actor, kAction, target.dump()};
}

Result<RecordedVerification> verify_and_record(Journal& journal, const std::string& actor, const std::string& via) {
  LEU_GET(report, journal.verify());
  auto logged = journal.store().append_access(verification_entry(journal, report, actor, via));
  if (!logged) return RecordedVerification{std::move(report), logged.error()};
  return RecordedVerification{std::move(report), std::nullopt};
}

Result<std::optional<VerificationRecord>> last_verification(Store& store) {
  LEU_GET(entry, store.last_access(kAction));
  if (!entry) return std::optional<VerificationRecord>();
  const nlohmann::json t = nlohmann::json::parse(entry->target, nullptr, false);
  if (!t.is_object())
    return fail(ErrorCode::kIntegrity, "access_log",
                "access-log entry " + std::to_string(entry->seq) + " records a verification that is not a JSON object");
  return VerificationRecord{.log_seq = entry->seq,
                            .time = entry->time,
                            .actor = entry->actor,
                            .via = t.value("via", ""),
                            .head_seq = t.value("head_seq", std::int64_t{0}),
                            .head_hash = t.value("head_hash", ""),
                            .ok = t.value("ok", false),
                            .divergence_seq = t.value("divergence_seq", std::int64_t{0})};
}

}  // namespace leu
