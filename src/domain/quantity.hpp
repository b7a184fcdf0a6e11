// Unit-safe accounting quantities.
//
// Mass is an exact integer number of milligrams [mg]; sums never drift. It is
// built only through unit-named factories and read out explicitly, after the
// model of absl::Duration. Conversion to g, kg or t happens at the edges only.
//
// Fraction is an exact weight (or atom) fraction in parts per 10^9 [1e-9], wide
// enough for isotopic abundances given to 7 decimals of a percent.
//
//   Mass net = Mass::kilograms(2277);
//   Result<Mass> gross = Mass::parse_kg("2852.140", "gross_kg");
//   std::string shown = net.kg_text(3);   // "2277.000"
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace leu {

class Mass {
 public:
  static constexpr int kDecimalsPerKg = 6;  // 1 kg = 10^6 mg

  constexpr Mass() = default;
  static constexpr Mass milligrams(std::int64_t mg) { return Mass(mg); }
  static constexpr Mass grams(std::int64_t g) { return Mass(g * 1'000); }
  static constexpr Mass kilograms(std::int64_t kg) { return Mass(kg * 1'000'000); }
  // Exact parse of decimal kilograms, at most 6 decimals ("1539.4", "0.000001").
  static Result<Mass> parse_kg(std::string_view text, std::string_view field);

  constexpr std::int64_t mg() const { return mg_; }
  // Decimal kilograms [kg], rounded half away from zero to `decimals` places.
  std::string kg_text(int decimals = 3) const;
  // Decimal grams [g], rounded half away from zero to `decimals` places.
  std::string g_text(int decimals = 0) const;
  // For numerics and display only; never for book values.
  constexpr double kg_approx() const { return static_cast<double>(mg_) / 1e6; }

  constexpr bool is_positive() const { return mg_ > 0; }
  constexpr Mass operator+(Mass o) const { return Mass(mg_ + o.mg_); }
  constexpr Mass operator-(Mass o) const { return Mass(mg_ - o.mg_); }
  constexpr Mass operator-() const { return Mass(-mg_); }
  constexpr Mass& operator+=(Mass o) {
    mg_ += o.mg_;
    return *this;
  }
  constexpr Mass& operator-=(Mass o) {
    mg_ -= o.mg_;
    return *this;
  }
  constexpr auto operator<=>(const Mass&) const = default;

 private:
  constexpr explicit Mass(std::int64_t mg) : mg_(mg) {}
  std::int64_t mg_ = 0;
};

class Fraction {
 public:
  static constexpr std::int64_t kOne = 1'000'000'000;  // parts per 10^9
  static constexpr int kDecimalsOfPercent = 7;         // 1 % = 10^7 parts

  constexpr Fraction() = default;
  static constexpr Fraction from_parts(std::int64_t parts) { return Fraction(parts); }
  static constexpr Fraction one() { return Fraction(kOne); }
  // Exact parse of a percentage ("4.95" -> 0.0495), at most 7 decimals, 0..100.
  static Result<Fraction> parse_percent(std::string_view text, std::string_view field);

  constexpr std::int64_t parts() const { return parts_; }
  constexpr double value() const { return static_cast<double>(parts_) / kOne; }
  // Percentage text, rounded half away from zero to `decimals` places ("4.9500").
  std::string percent_text(int decimals = 4) const;

  constexpr Fraction operator+(Fraction o) const { return Fraction(parts_ + o.parts_); }
  constexpr Fraction operator-(Fraction o) const { return Fraction(parts_ - o.parts_); }
  constexpr auto operator<=>(const Fraction&) const = default;

 private:
  constexpr explicit Fraction(std::int64_t parts) : parts_(parts) {}
  std::int64_t parts_ = 0;
};

}  // namespace leu
