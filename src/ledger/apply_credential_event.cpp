// The fold of the credential events (ledger/credential_events.hpp).
#include "ledger/codec.hpp"
#include "ledger/credential_events.hpp"

namespace leu {
namespace {

std::unexpected<Error> contradiction(const StoredEvent& e, const std::string& why) {
  return fail(ErrorCode::kIntegrity, "event " + std::to_string(e.seq), why);
}

}  // namespace

bool is_credential_event(std::string_view type) {
  return type == credential_event::kPasswordSet || type == credential_event::kTokenIssued ||
         type == credential_event::kTokenRevoked;
}

Result<void> apply_credential_event(const StoredEvent& e, const Json& payload, Projections& p) {
  if (e.type == credential_event::kPasswordSet) {
    LEU_GET(name, get_string(payload, "user"));
    LEU_GET(user, p.user(name));
    if (!user) return contradiction(e, "user '" + name + "' does not exist");
    return {};
  }
  LEU_GET(id, get_string(payload, "token"));
  LEU_GET(existing, p.document(kTokenKind, id));
  if (e.type == credential_event::kTokenIssued) {
    if (existing) return contradiction(e, "token '" + id + "' exists already");
    LEU_GET(name, get_string(payload, "user"));
    LEU_GET(user, p.user(name));
    if (!user) return contradiction(e, "user '" + name + "' does not exist");
    LEU_GET(label, get_string(payload, "label"));
    p.put_document(kTokenKind, id,
                   Json{{"token", id},
                        {"user", name},
                        {"label", label},
                        {"issued", e.time},
                        {"issued_by", e.actor},
                        {"revoked", false},
                        {"revoked_by", ""},
                        {"last_seq", e.seq}});
    return {};
  }
  if (!existing) return contradiction(e, "token '" + id + "' does not exist");
  Json doc = std::move(*existing);
  if (doc.value("revoked", false)) return contradiction(e, "token '" + id + "' is revoked already");
  doc["revoked"] = true;
  doc["revoked_by"] = e.actor;
  doc["last_seq"] = e.seq;
  p.put_document(kTokenKind, id, std::move(doc));
  return {};
}

}  // namespace leu
