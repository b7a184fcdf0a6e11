#include "domain/decimal.hpp"

#include <cassert>
#include <limits>

namespace leu {
namespace {

constexpr std::int64_t pow10(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

Result<std::int64_t> parse_scaled(std::string_view text, int decimals, std::string_view field) {
  const std::string f(field);
  if (text.empty()) return invalid(f, "is empty; a decimal number is required");
  const std::string shown(text);
  std::size_t i = 0;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    ++i;
  }
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t value = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_point) return invalid(f, "'" + shown + "' is not a decimal number (two points)");
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return invalid(f, "'" + shown + "' is not a decimal number");
    seen_digit = true;
    if (seen_point && ++fraction_digits > decimals)
      return invalid(
          f, "'" + shown + "' has more than " + std::to_string(decimals) + " decimals, finer than the unit kept");
    if (value > (kMax - (c - '0')) / 10) return invalid(f, "'" + shown + "' is too large");
    value = value * 10 + (c - '0');
  }
  if (!seen_digit) return invalid(f, "'" + shown + "' is not a decimal number");
  const std::int64_t scale = pow10(decimals - fraction_digits);
  if (value > kMax / scale) return invalid(f, "'" + shown + "' is too large");
  value *= scale;
  return negative ? -value : value;
}

std::string format_scaled(std::int64_t value, int decimals, int shown) {
  assert(0 <= shown && shown <= decimals && decimals <= 18);
  const bool negative = value < 0;
  // Work on the magnitude as unsigned so that INT64_MIN is representable.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  const auto drop = static_cast<std::uint64_t>(pow10(decimals - shown));
  magnitude = (magnitude + drop / 2) / drop;  // half away from zero
  const auto unit = static_cast<std::uint64_t>(pow10(shown));
  std::string out = negative && magnitude != 0 ? "-" : "";
  out += std::to_string(magnitude / unit);
  if (shown > 0) {
    std::string frac = std::to_string(magnitude % unit);
    out += '.' + std::string(static_cast<std::size_t>(shown) - frac.size(), '0') + frac;
  }
  return out;
}

}  // namespace leu
