#include "reports/values.hpp"

#include "domain/date.hpp"
#include "domain/decimal.hpp"

namespace leu::reports {

std::string weight_unit(const Report& r, const ReportLine& l, WeightField w, const Profile& p) {
  if (w == WeightField::kFissile && !l.isotope.empty())
    if (const IsotopeCode* iso = p.isotope(l.isotope)) return iso->unit;
  const ElementCode* e = p.element(r.header.element_category);
  return e ? e->unit : "";
}

std::int64_t shown_mg(const ReportLine& l, std::int64_t mg, ReportType t, const Profile& p) {
  if (t != ReportType::kMbr || p.rules.muf_sign != "positive_is_gain") return mg;
  const MbrLineCode* muf = p.mbr_line_with_role("MUF");
  return muf && l.code == muf->code ? -mg : mg;
}

std::string format_weight(std::int64_t mg, std::string_view unit, const Profile& p) {
  const int d = p.unit_decimals(unit);
  return format_scaled(mg, d, d);
}

Result<std::int64_t> parse_weight(std::string_view text, std::string_view unit, const Profile& p,
                                  const std::string& field) {
  const int d = p.unit_decimals(unit);
  const std::size_t point = text.find('.');
  const std::size_t sign = !text.empty() && text[0] == '-' ? 1 : 0;
  const std::size_t decimals = point == std::string_view::npos ? 0 : text.size() - point - 1;
  if (text.empty() || text[0] == '+' || (d > 0 && point == std::string_view::npos) ||
      decimals != static_cast<std::size_t>(d))
    return invalid(field, "'" + std::string(text) + "' must be a decimal number in " + std::string(unit) +
                              " with exactly " + std::to_string(d) + " decimals");
  const std::size_t digits = text.size() - sign - (point == std::string_view::npos ? 0 : 1);
  if (digits > static_cast<std::size_t>(p.rules.weight_digits))
    return invalid(field,
                   "'" + std::string(text) + "' has more than " + std::to_string(p.rules.weight_digits) + " digits");
  const std::size_t int_len = (point == std::string_view::npos ? text.size() : point) - sign;
  if (int_len > 1 && text[sign] == '0') return invalid(field, "'" + std::string(text) + "' has a leading zero");
  return parse_scaled(text, d, field);
}

std::string format_date(std::string_view iso, const Profile& p) {
  if (p.rules.date_format != "DDMMYYYY" || iso.size() != 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + std::string(iso.substr(5, 2)) + std::string(iso.substr(0, 4));
}

Result<std::string> parse_date(std::string_view text, const Profile& p, const std::string& field) {
  std::string iso(text);
  if (p.rules.date_format == "DDMMYYYY") {
    for (char c : text)
      if (c < '0' || c > '9') return invalid(field, "'" + std::string(text) + "' is not a date DDMMYYYY");
    if (text.size() != 8) return invalid(field, "'" + std::string(text) + "' is not a date DDMMYYYY");
    iso = std::string(text.substr(4, 4)) + "-" + std::string(text.substr(2, 2)) + "-" + std::string(text.substr(0, 2));
  }
  auto d = Date::parse(iso, field);
  if (!d) {
    const std::string form = p.rules.date_format;
    return invalid(field, "'" + std::string(text) + "' is not a day of the calendar in the form " + form);
  }
  return iso;
}

}  // namespace leu::reports
