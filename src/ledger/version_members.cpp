#include "ledger/version_members.hpp"

#include <initializer_list>
#include <string>

#include "ledger/event_types.hpp"
#include "ledger/report_events.hpp"

namespace leu {
namespace {

using Json = nlohmann::json;

std::unexpected<Error> refused(const StoredEvent& e, const std::string& why) {
  return fail(ErrorCode::kIntegrity, "event " + std::to_string(e.seq), why);
}

// Refuses the first of `members` that the payload's object `where` carries with a value other than null.
Result<void> none_of(const StoredEvent& e, const Json& payload, const char* where,
                     std::initializer_list<const char*> members) {
  if (!payload.is_object() || !payload.contains(where) || !payload[where].is_object()) return {};
  const Json& object = payload[where];
  for (const char* m : members)
    if (object.contains(m) && !object[m].is_null())
      return refused(e, "a format version " + std::to_string(e.version) + " " + e.type + " names " + where +
                            " member '" + m + "', which format version 2 introduced");
  return {};
}

}  // namespace

Result<void> check_version_members(const StoredEvent& e, const Json& payload) {
  if (e.version >= 2) return {};
  if (e.type == event_type::kJournalOpened)
    return none_of(e, payload, "facility", {"receipt_basis", "report_profile", "methods"});
  if (e.type == event_type::kCylinderReceived)
    return none_of(e, payload, "item", {"receiver_uranium_mg", "receiver_u235_mg", "last_weighing", "last_enrichment"});
  if (e.type == report_event::kIssued)
    return refused(e, "a report.issued event of format version " + std::to_string(e.version) +
                          "; report.issued events exist from format version 2 on");
  return {};
}

}  // namespace leu
