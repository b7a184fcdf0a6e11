// Password hashing with Argon2id (libsodium's crypto_pwhash_str).
//
// The stored string is libsodium's self-describing "$argon2id$v=19$m=...,t=...,p=1$salt$hash",
// so its cost parameters travel with it and can be raised later without breaking
// old hashes. The cost is libsodium's "interactive" level (64 MiB, 2 passes), the
// level libsodium documents for online logins. Requires sodium_init().
//
//   auto stored = hash_password("correct horse battery");
//   bool ok = password_matches(*stored, attempt);
#pragma once

#include <string>

#include "domain/error.hpp"

namespace leu {

// Password rule: 12 to 128 bytes of UTF-8 text without control characters
// (NIST SP 800-63B §5.1.1.2 asks for at least 8 and allows a higher minimum; we take 12).
Result<void> validate_password(const std::string& password);
// kStorage when the hash cannot be computed (out of memory).
Result<std::string> hash_password(const std::string& password);
// False for a wrong password or a malformed stored string; constant-time in the password.
bool password_matches(const std::string& stored, const std::string& password);
// Spends the time one verification takes, so that an unknown user name answers as
// slowly as a known one (no user enumeration by timing).
void burn_password_check(const std::string& password);

}  // namespace leu
