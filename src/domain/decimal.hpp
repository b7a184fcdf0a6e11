// Exact decimal text <-> scaled integers.
//
// Quantities arrive as decimal text ("2219.431", "4.95") and are kept as integers
// of a fixed unit. parse_scaled reads the text exactly (no binary floating point),
// refusing more decimals than the scale holds; format_scaled writes it back.
//
//   parse_scaled("2219.431", 6)  -> 2219431000     (kg -> mg: 6 decimals)
//   format_scaled(2219431000, 6, 3) -> "2219.431"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace leu {

// Parses an optionally signed decimal ("12", "-0.5", "3.140") into value * 10^decimals.
// Fails (kInvalidInput, naming `field`) on empty text, stray characters, more than
// `decimals` fractional digits, or overflow of int64.
Result<std::int64_t> parse_scaled(std::string_view text, int decimals, std::string_view field);

// Writes value / 10^decimals with exactly `shown` fractional digits, rounding half
// away from zero when shown < decimals.  REQUIRES: 0 <= shown <= decimals <= 18.
std::string format_scaled(std::int64_t value, int decimals, int shown);

}  // namespace leu
