#include "ledger/event.hpp"

#include <sodium.h>

#include <algorithm>

namespace leu {
namespace {

bool has_float(const nlohmann::json& v) {
  if (v.is_number_float()) return true;
  if (v.is_structured())
    for (const auto& child : v)
      if (has_float(child)) return true;
  return false;
}

// The same bytes as nlohmann::json(s).dump(): printable ASCII other than '"' and '\\' needs no escape, so the
// common case is copied as is; anything else goes through nlohmann.
void append_json_string(std::string& out, std::string_view s) {
  const bool plain = std::ranges::all_of(s, [](char c) { return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'; });
  if (!plain) {
    out += nlohmann::json(s).dump();
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

}  // namespace

Result<std::string> canonical_json(const nlohmann::json& value) {
  if (has_float(value)) return invalid("payload", "contains a floating-point number; use integers or strings");
  // nlohmann::json keeps object keys in a std::map, so dump() writes them sorted.
  try {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::type_error&) {
    return invalid("payload", "holds a string that is not valid UTF-8");
  }
}

std::string canonical_event_bytes(const StoredEvent& e) {
  std::string out;
  out.reserve(e.payload.size() + e.actor.size() + e.type.size() + 96);
  out += "{\"actor\":";
  append_json_string(out, e.actor);
  out += ",\"payload\":";
  out += e.payload;
  out += ",\"seq\":";
  out += std::to_string(e.seq);
  out += ",\"time\":";
  append_json_string(out, e.time);
  out += ",\"type\":";
  append_json_string(out, e.type);
  out += ",\"v\":";
  out += std::to_string(e.version);
  out += '}';
  return out;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      len = 2, cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3, cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = cp << 6 | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values above U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += len;
  }
  return true;
}

Digest genesis_digest() { return Digest{}; }

Digest chain_digest(const Digest& previous, std::string_view bytes) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, previous.data(), previous.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  Digest out;
  crypto_hash_sha256_final(&st, out.data());
  return out;
}

std::string to_hex(const Digest& d) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (std::size_t i = 0; i < d.size(); ++i) {
    out[2 * i] = kHex[d[i] >> 4];
    out[2 * i + 1] = kHex[d[i] & 0xf];
  }
  return out;
}

bool from_hex(std::string_view hex, Digest& out) {
  if (hex.size() != 64) return false;
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < 32; ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<unsigned char>(hi << 4 | lo);
  }
  return true;
}

}  // namespace leu
