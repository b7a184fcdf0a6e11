// Credentials: passwords and API tokens, and how a request proves who it is.
//
// A password is kept as an Argon2id hash, an API token as the SHA-256 of its
// secret part; both are store credentials (store/store.hpp), never in the journal
// or a response. Every change is a journal event naming who made it
// (ledger/credential_events.hpp), written in the same transaction as the secret.
//
// Tokens look like "lbk_<id>_<secret>": the id (16 hex digits) names the token in
// listings and revocation; the secret (64 hex digits, 256 random bits) is shown
// once, at issue. A token acts with its owner's current roles and stops working
// when it is revoked or its owner is disabled.
//
// Who may do what: users set their own password, and an admin sets anyone's (the
// event records it). Users issue and revoke their own tokens; an admin may revoke
// anyone's but issue none for others (an admin may not act as another user).
//
//   LEU_RETURN_IF_ERROR(set_password(journal, who, "olga", "correct horse battery"));
//   auto principal = login(journal, "olga", attempt);        // kForbidden on a bad password
//   auto issued = issue_token(journal, who, "nightly export"); // issued->secret shown once
#pragma once

#include <string>
#include <vector>

#include "access/principal.hpp"

namespace leu {

inline constexpr const char* kPasswordCredential = "password";  // key: user name; doc {"argon2id"}
inline constexpr const char* kTokenCredential = "token";        // key: token id;  doc {"user", "sha256"}

Result<Head> set_password(Journal& journal, const Principal& who, const std::string& user, const std::string& password);

// The principal of an active user whose password matches. Every failure is the
// same kForbidden "wrong user name or password", so that it tells nothing.
Result<Principal> login(Journal& journal, const std::string& user, const std::string& password);

struct IssuedToken {
  std::string id;
  std::string secret;  // the whole "lbk_<id>_<secret>" string, shown once
  Head head;
};

struct TokenInfo {
  std::string id;
  std::string user;
  std::string label;
  std::string issued;  // RFC 3339 UTC
  bool revoked = false;
};

// A token for the acting user; label: 1 to 64 printable characters.
Result<IssuedToken> issue_token(Journal& journal, const Principal& who, const std::string& label);
Result<Head> revoke_token(Journal& journal, const Principal& who, const std::string& id);
// The acting user's tokens; an admin sees everyone's.
Result<std::vector<TokenInfo>> list_tokens(Journal& journal, const Principal& who);
// The principal behind a bearer token; kForbidden "invalid token" for anything wrong.
Result<Principal> authenticate_token(Journal& journal, const std::string& token);

}  // namespace leu
