#include "domain/quantity.hpp"

#include "domain/decimal.hpp"

namespace leu {

Result<Mass> Mass::parse_kg(std::string_view text, std::string_view field) {
  auto mg = parse_scaled(text, kDecimalsPerKg, field);
  if (!mg) return std::unexpected(mg.error());
  return Mass(*mg);
}

std::string Mass::kg_text(int decimals) const { return format_scaled(mg_, kDecimalsPerKg, decimals); }

std::string Mass::g_text(int decimals) const { return format_scaled(mg_, 3, decimals); }

Result<Fraction> Fraction::parse_percent(std::string_view text, std::string_view field) {
  auto parts = parse_scaled(text, kDecimalsOfPercent, field);
  if (!parts) return std::unexpected(parts.error());
  if (*parts < 0 || *parts > kOne)
    return invalid(std::string(field), "'" + std::string(text) + "' is not a percentage between 0 and 100");
  return Fraction(*parts);
}

std::string Fraction::percent_text(int decimals) const { return format_scaled(parts_, kDecimalsOfPercent, decimals); }

}  // namespace leu
