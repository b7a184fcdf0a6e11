// Ed25519 keys and checkpoint signatures (ledger/signing.hpp), on libsodium.
#include "ledger/signing.hpp"

#include <sodium.h>

#include <vector>

namespace leu {
namespace {

std::string hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

// Exactly `size` bytes of lowercase or uppercase hex, nothing else.
bool unhex(std::string_view text, unsigned char* out, std::size_t size) {
  if (text.size() != size * 2) return false;
  std::size_t written = 0;
  const char* end = nullptr;
  return sodium_hex2bin(out, size, text.data(), text.size(), nullptr, &written, &end) == 0 && written == size &&
         end == text.data() + text.size();
}

}  // namespace

SigningKey SigningKey::generate() {
  SigningKey k;
  randombytes_buf(k.seed_.data(), k.seed_.size());
  crypto_sign_seed_keypair(k.public_.data(), k.secret_.data(), k.seed_.data());
  return k;
}

Result<SigningKey> SigningKey::from_seed_hex(std::string_view text) {
  SigningKey k;
  if (!unhex(text, k.seed_.data(), k.seed_.size()))
    return invalid("key", "a signing key file holds one line of 64 hexadecimal digits (the Ed25519 seed)");
  crypto_sign_seed_keypair(k.public_.data(), k.secret_.data(), k.seed_.data());
  return k;
}

std::string SigningKey::seed_hex() const { return hex(seed_.data(), seed_.size()); }
std::string SigningKey::public_hex() const { return hex(public_.data(), public_.size()); }
std::string SigningKey::key_id() const { return key_id_of(public_hex()); }

std::string SigningKey::sign(std::string_view message) const {
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  return hex(sig.data(), sig.size());
}

std::string key_id_of(std::string_view public_hex) {
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  if (!unhex(public_hex, pk.data(), pk.size())) return "";
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), pk.data(), pk.size());
  return hex(digest.data(), 8);
}

std::string checkpoint_message(std::int64_t seq, std::string_view hash_hex) {
  return "leubank-checkpoint-v1:" + std::to_string(seq) + ":" + std::string(hash_hex);
}

bool verify_signature(std::string_view public_hex, std::string_view message, std::string_view signature_hex) {
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  if (!unhex(public_hex, pk.data(), pk.size()) || !unhex(signature_hex, sig.data(), sig.size())) return false;
  return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     pk.data()) == 0;
}

}  // namespace leu
