#include "access/credentials.hpp"

#include <sodium.h>

#include <algorithm>

#include "access/password.hpp"
#include "access/random_hex.hpp"
#include "ledger/codec.hpp"
#include "ledger/credential_events.hpp"

namespace leu {
namespace {

std::string sha256_hex(const std::string& text) {
  Digest d;
  crypto_hash_sha256(d.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return to_hex(d);
}

bool is_admin(const Principal& who) { return std::ranges::find(who.roles, Role::kAdmin) != who.roles.end(); }

std::unexpected<Error> bad_login() { return fail(ErrorCode::kForbidden, "password", "wrong user name or password"); }
std::unexpected<Error> bad_token() { return fail(ErrorCode::kForbidden, "token", "invalid or revoked token"); }

Result<TokenInfo> token_info(const Json& doc) {
  LEU_GET(id, get_string(doc, "token"));
  LEU_GET(user, get_string(doc, "user"));
  LEU_GET(label, get_string(doc, "label"));
  LEU_GET(issued, get_string(doc, "issued"));
  LEU_GET(revoked, get_bool(doc, "revoked"));
  return TokenInfo{id, user, label, issued, revoked};
}

}  // namespace

Result<Head> set_password(Journal& journal, const Principal& who, const std::string& user,
                          const std::string& password) {
  if (who.name != user && !is_admin(who))
    return fail(ErrorCode::kForbidden, "user", "user '" + who.name + "' may set only their own password");
  LEU_RETURN_IF_ERROR(validate_password(password));
  LEU_GET(record, journal.user(user));
  if (!record) return fail(ErrorCode::kNotFound, "user", "unknown user '" + user + "'");
  LEU_GET(hash, hash_password(password));
  return journal.append(who.name, {NewEvent{credential_event::kPasswordSet, {{"user", user}}}},
                        {ProjectionRow{kPasswordCredential, user, Json{{"argon2id", hash}}.dump()}});
}

Result<Principal> login(Journal& journal, const std::string& user, const std::string& password) {
  LEU_GET(row, journal.store().get_credential(kPasswordCredential, user));
  if (!row) {
    burn_password_check(password);
    return bad_login();
  }
  const Json doc = Json::parse(row->doc, nullptr, false);
  if (doc.is_discarded() || !password_matches(doc.value("argon2id", ""), password)) return bad_login();
  auto who = resolve_principal(journal, user);
  if (!who) return bad_login();  // disabled since: the same answer as a wrong password
  return who;
}

Result<IssuedToken> issue_token(Journal& journal, const Principal& who, const std::string& label) {
  if (label.empty() || label.size() > 64) return invalid("label", "must have 1 to 64 characters");
  if (std::ranges::any_of(label, [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    return invalid("label", "may not hold control characters");
  const std::string id = random_hex(8);
  const std::string secret = random_hex(32);
  const std::string token = "lbk_" + id + "_" + secret;
  LEU_GET(
      head,
      journal.append(
          who.name, {NewEvent{credential_event::kTokenIssued, {{"token", id}, {"user", who.name}, {"label", label}}}},
          {ProjectionRow{kTokenCredential, id, Json{{"user", who.name}, {"sha256", sha256_hex(secret)}}.dump()}}));
  return IssuedToken{id, token, head};
}

Result<Head> revoke_token(Journal& journal, const Principal& who, const std::string& id) {
  LEU_GET(doc, journal.document(kTokenKind, id));
  if (!doc) return fail(ErrorCode::kNotFound, "token", "no token '" + id + "'");
  LEU_GET(info, token_info(*doc));
  if (info.user != who.name && !is_admin(who)) return fail(ErrorCode::kNotFound, "token", "no token '" + id + "'");
  if (info.revoked) return fail(ErrorCode::kConflict, "token", "token '" + id + "' is revoked already");
  return journal.append(who.name, {NewEvent{credential_event::kTokenRevoked, {{"token", id}}}});
}

Result<std::vector<TokenInfo>> list_tokens(Journal& journal, const Principal& who) {
  LEU_GET(docs, journal.documents(kTokenKind));
  std::vector<TokenInfo> out;
  for (const Json& d : docs) {
    LEU_GET(info, token_info(d));
    if (info.user == who.name || is_admin(who)) out.push_back(std::move(info));
  }
  return out;
}

Result<Principal> authenticate_token(Journal& journal, const std::string& token) {
  // "lbk_" + 16 hex + "_" + 64 hex
  if (token.size() != 4 + 16 + 1 + 64 || token.rfind("lbk_", 0) != 0 || token[20] != '_') return bad_token();
  const std::string id = token.substr(4, 16);
  const std::string secret = token.substr(21);
  LEU_GET(row, journal.store().get_credential(kTokenCredential, id));
  if (!row) return bad_token();
  const Json cred = Json::parse(row->doc, nullptr, false);
  if (cred.is_discarded()) return bad_token();
  const std::string want = cred.value("sha256", "");
  const std::string got = sha256_hex(secret);
  if (want.size() != got.size() || sodium_memcmp(want.data(), got.data(), got.size()) != 0) return bad_token();
  LEU_GET(doc, journal.document(kTokenKind, id));
  if (!doc || doc->value("revoked", true)) return bad_token();
  auto who = resolve_principal(journal, cred.value("user", ""));
  if (!who) return bad_token();
  return who;
}

}  // namespace leu
