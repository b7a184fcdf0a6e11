// The UF6 arithmetic: uranium and U-235 in a net mass of uranium hexafluoride.
//
//   f_U   = M_U / (M_U + 6 M_F)            uranium weight fraction of UF6 [1]
//   m_U   = f_U * m_UF6                    [mg]
//   m_235 = w_235 * m_U                    [mg]
//
// with M_U from the isotopics (never the rounded 0.676; leu-bank.md §9). This is
// the one place where measured masses become accounting quantities: each is
// rounded to the nearest milligram (half away from zero) and the rounding is
// returned so that it can be recorded.
//
//   UraniumContent c = uranium_in_uf6(Mass::kilograms(2277), iso);
//   c.uranium.kg_text(1);   // "1539.4" at 4.95 %
#pragma once

#include "domain/isotopics.hpp"
#include "domain/quantity.hpp"

namespace leu {

struct UraniumContent {
  Mass uranium;                    // element weight, rounded [mg]
  Mass u235;                       // isotope weight, rounded [mg]
  double uranium_rounding_mg = 0;  // rounded - exact [mg], |.| <= 0.5
  double u235_rounding_mg = 0;     // rounded - exact [mg], |.| <= 0.5
};

// Uranium weight fraction of UF6 for this composition [kg U / kg UF6].
double uranium_fraction_of_uf6(const Isotopics& iso);

// REQUIRES: net_uf6 >= 0.
UraniumContent uranium_in_uf6(Mass net_uf6, const Isotopics& iso);

// U-235 in a given uranium mass: w_235 * m_U, rounded to the milligram.
Mass u235_in_uranium(Mass uranium, const Isotopics& iso);

}  // namespace leu
