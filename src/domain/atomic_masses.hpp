// Relative atomic masses used by the UF6 arithmetic [u = g/mol].
//
// Sources (leu-bank.md §9):
//   F      18.998403163(6)  IUPAC 2013 standard atomic weights, doi:10.1515/pac-2015-0305
//   U-234  234.0409523      AME2020 atomic mass evaluation
//   U-235  235.0439301      AME2020
//   U-236  236.0455682      AME2020
//   U-238  238.0507884      AME2020
#pragma once

namespace leu::atomic_mass {

inline constexpr double kFluorine = 18.998403163;
inline constexpr double kU234 = 234.0409523;
inline constexpr double kU235 = 235.0439301;
inline constexpr double kU236 = 236.0455682;
inline constexpr double kU238 = 238.0507884;

}  // namespace leu::atomic_mass
