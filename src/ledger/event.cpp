#include "ledger/event.hpp"

#include <sodium.h>

namespace leu {
namespace {

bool has_float(const nlohmann::json& v) {
  if (v.is_number_float()) return true;
  if (v.is_structured())
    for (const auto& child : v)
      if (has_float(child)) return true;
  return false;
}

void append_json_string(std::string& out, std::string_view s) {
  out += nlohmann::json(s).dump();
}

}  // namespace

Result<std::string> canonical_json(const nlohmann::json& value) {
  if (has_float(value)) return invalid("payload", "contains a floating-point number; use integers or strings");
  // nlohmann::json keeps object keys in a std::map, so dump() writes them sorted.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
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
