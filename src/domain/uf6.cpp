#include "domain/uf6.hpp"

#include <cassert>
#include <cmath>

#include "domain/atomic_masses.hpp"

namespace leu {
namespace {
__extension__ typedef __int128 Int128;  // GCC's 128-bit integer, for exact products
}  // namespace

double uranium_fraction_of_uf6(const Isotopics& iso) {
  const double m_u = iso.molar_mass_g_per_mol();
  return m_u / (m_u + 6.0 * atomic_mass::kFluorine);
}

UraniumContent uranium_in_uf6(Mass net_uf6, const Isotopics& iso) {
  assert(net_uf6.mg() >= 0);
  // long double keeps ~19 digits: exact enough for 10^12 mg with sub-mg residues.
  const long double u_exact = static_cast<long double>(net_uf6.mg()) * uranium_fraction_of_uf6(iso);
  const long double u235_exact = u_exact * static_cast<long double>(iso.u235().parts()) / Fraction::kOne;
  UraniumContent c;
  c.uranium = Mass::milligrams(std::llround(u_exact));
  c.u235 = Mass::milligrams(std::llround(u235_exact));
  c.uranium_rounding_mg = static_cast<double>(static_cast<long double>(c.uranium.mg()) - u_exact);
  c.u235_rounding_mg = static_cast<double>(static_cast<long double>(c.u235.mg()) - u235_exact);
  return c;
}

Mass u235_in_uranium(Mass uranium, const Isotopics& iso) {
  // Exact integer arithmetic: mg * parts / 10^9, rounded half away from zero.
  const Int128 num = static_cast<Int128>(uranium.mg()) * iso.u235().parts();
  const Int128 half = Fraction::kOne / 2;
  const Int128 q = num >= 0 ? (num + half) / Fraction::kOne : (num - half) / Fraction::kOne;
  return Mass::milligrams(static_cast<std::int64_t>(q));
}

}  // namespace leu
