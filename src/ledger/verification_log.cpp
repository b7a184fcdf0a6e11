#include "ledger/verification_log.hpp"

#include <nlohmann/json.hpp>

#include "domain/date.hpp"

namespace leu {
namespace {
constexpr const char* kAction = "verify";
}  // namespace

Result<RecordedVerification> verify_and_record(Journal& journal, const std::string& actor, const std::string& via) {
  LEU_GET(report, journal.verify());
  Head head = report.head;
  if (!report.ok())
    if (auto recorded = journal.head()) head = *recorded;
  const nlohmann::json target = {{"via", via},
                                 {"head_seq", head.seq},
                                 {"head_hash", head.hash},
                                 {"ok", report.ok()},
                                 {"divergence_seq", report.divergence ? report.divergence->seq : 0}};
  auto logged = journal.store().append_access(
      AccessRecord{0, utc_timestamp(journal.clock().now()), actor, kAction, target.dump()});
  if (!logged) return RecordedVerification{std::move(report), logged.error()};
  return RecordedVerification{std::move(report), std::nullopt};
}

Result<std::optional<VerificationRecord>> last_verification(Store& store) {
  std::optional<VerificationRecord> last;
  LEU_RETURN_IF_ERROR(store.scan_access(1, [&](const AccessRecord& a) {
    if (a.action != kAction) return true;
    const nlohmann::json t = nlohmann::json::parse(a.target, nullptr, false);
    if (!t.is_object()) return true;
    last = VerificationRecord{.log_seq = a.seq,
                              .time = a.time,
                              .actor = a.actor,
                              .via = t.value("via", ""),
                              .head_seq = t.value("head_seq", std::int64_t{0}),
                              .head_hash = t.value("head_hash", ""),
                              .ok = t.value("ok", false),
                              .divergence_seq = t.value("divergence_seq", std::int64_t{0})};
    return true;
  }));
  return last;
}

}  // namespace leu
