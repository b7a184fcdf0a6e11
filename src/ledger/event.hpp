// Journal events: their canonical bytes and the hash chain (docs/formats/journal.md).
//
// An event is (seq, time, actor, type, v, payload). Its canonical bytes are the
// JSON object of those six members, keys in byte order, no whitespace, payload
// embedded as its own canonical JSON. The chain:
//
//   hash_0 = 32 zero bytes
//   hash_n = SHA-256(hash_{n-1} || canonical_bytes(event_n))      (libsodium)
//
// stored as 64 lowercase hex digits. Payloads hold integers, strings, booleans,
// arrays and objects only: no floating point, so that the bytes are unambiguous.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/error.hpp"
#include "store/store.hpp"

namespace leu {

// The version new events are written with; readers accept kOldestEventFormatVersion..kEventFormatVersion
// (docs/formats/journal.md §7: version 2 added the `calibration` of measurements).
inline constexpr int kEventFormatVersion = 2;
inline constexpr int kOldestEventFormatVersion = 1;
inline constexpr bool is_readable_format_version(int v) {
  return v >= kOldestEventFormatVersion && v <= kEventFormatVersion;
}

using Digest = std::array<unsigned char, 32>;

// An event about to be appended: the ledger assigns seq, time and hash.
struct NewEvent {
  std::string type;
  nlohmann::json payload;
};

// Canonical JSON text: sorted keys, no whitespace, UTF-8 as is.
// Fails (kInvalidInput) if the value contains a floating-point number.
Result<std::string> canonical_json(const nlohmann::json& value);

// The canonical bytes of a stored event (its hash field is not part of them).
// REQUIRES: actor, time and type are valid UTF-8 (see is_valid_utf8).
std::string canonical_event_bytes(const StoredEvent& e);

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or values
// above U+10FFFF), as every string of the journal must be.
bool is_valid_utf8(std::string_view s);

Digest genesis_digest();
Digest chain_digest(const Digest& previous, std::string_view canonical_bytes);
std::string to_hex(const Digest& d);
// False when `hex` is not 64 hex digits.
bool from_hex(std::string_view hex, Digest& out);

}  // namespace leu
