// The facility's Ed25519 signing key and what it signs: checkpoints of the journal
// head (docs/formats/bundle.md, "Checkpoints").
//
// A checkpoint signs the message
//
//   "leubank-checkpoint-v1:" <seq in decimal> ":" <hash, 64 lowercase hex digits>
//
// (ASCII, no newline) with Ed25519 (RFC 8032, libsodium crypto_sign_detached).
// A key is named by its key id: the first 16 hex digits of SHA-256(public key).
// Keys and signatures travel as lowercase hex. Requires sodium_init().
//
//   SigningKey key = SigningKey::generate();
//   std::string sig = key.sign(checkpoint_message(12, head_hash));
//   bool ok = verify_signature(key.public_hex(), checkpoint_message(12, head_hash), sig);
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace leu {

class SigningKey {
 public:
  static SigningKey generate();
  // From the 32-byte seed as 64 hex digits (the key file's content).
  static Result<SigningKey> from_seed_hex(std::string_view hex);

  std::string seed_hex() const;                      // 64 hex digits: keep secret
  std::string public_hex() const;                    // 64 hex digits
  std::string key_id() const;                        // 16 hex digits
  std::string sign(std::string_view message) const;  // 128 hex digits

 private:
  std::array<unsigned char, 32> seed_{};
  std::array<unsigned char, 32> public_{};
  std::array<unsigned char, 64> secret_{};
};

// The first 16 hex digits of SHA-256 of the raw public key; "" if `public_hex` is
// not 64 hex digits.
std::string key_id_of(std::string_view public_hex);
std::string checkpoint_message(std::int64_t seq, std::string_view hash_hex);
// False for a malformed key or signature as well as a wrong one.
bool verify_signature(std::string_view public_hex, std::string_view message, std::string_view signature_hex);

}  // namespace leu
