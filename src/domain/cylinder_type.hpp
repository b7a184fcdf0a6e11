// Cylinder types and their limits, held as data ("or their future modifications":
// INFCIRC/916 counts 30B cylinders, so the type is a value, not a constant).
//
//   const CylinderType* t = find_cylinder_type("30B");
//   if (net > t->max_fill) ...
#pragma once

#include <span>
#include <string_view>

#include "domain/quantity.hpp"

namespace leu {

struct CylinderType {
  std::string_view name;
  Mass max_fill;              // maximum UF6 fill [mg]
  Fraction enrichment_limit;  // maximum U-235 weight fraction of the design
  Mass nominal_tare;          // empty mass when none is stamped [mg]
  int recertification_years;  // cleaned, inspected and tested within this many years before filling
  std::string_view source;
};

// 30B: 2,277 kg UF6 (5,020 lb), 5.0 wt % U-235, ~635 kg tare, recertified within
// 5 years (ANSI N14.1, ISO 7195:2020; leu-bank.md §8).
std::span<const CylinderType> cylinder_types();
// nullptr when the name is unknown.
const CylinderType* find_cylinder_type(std::string_view name);

}  // namespace leu
