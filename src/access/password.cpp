#include "access/password.hpp"

#include <sodium.h>

namespace leu {

Result<void> validate_password(const std::string& password) {
  if (password.size() < 12) return invalid("password", "must have at least 12 characters");
  if (password.size() > 128) return invalid("password", "must have at most 128 characters");
  for (unsigned char c : password)
    if (c < 0x20 || c == 0x7f) return invalid("password", "may not hold control characters");
  return {};
}

Result<std::string> hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return fail(ErrorCode::kStorage, "password", "Argon2id hashing failed (out of memory)");
  return std::string(out);
}

bool password_matches(const std::string& stored, const std::string& password) {
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

void burn_password_check(const std::string& password) {
  // A fixed, valid hash of a random string: verification runs the full Argon2id cost.
  static const std::string dummy = [] {
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    auto h = hash_password(std::string(reinterpret_cast<const char*>(random), sizeof random));
    return h ? *h : std::string();
  }();
  (void)password_matches(dummy, password);
}

}  // namespace leu
