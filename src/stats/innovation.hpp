// One step of the innovations (ITMUF / SITMUF) of a MUF sequence, as both SITMUF engines return it.
//
// Contract: ITMUF_i = MUF_i - E[MUF_i | MUF_1..i-1]; variance = var(ITMUF_i) = L_ii²; SITMUF_i = ITMUF_i / L_ii.
// A period with zero variance and zero MUF (no measured quantity: statistics.md §1.3) is inactive: it carries no
// information, is skipped by SITMUF, Page and GEMUF, and has sitmuf = 0.
//
//   Innovation v = *engine.append(...);
//   if (v.active) page.update(v.sitmuf);
#pragma once

namespace leu::stats {

struct Innovation {
  bool active = true;
  double itmuf = 0;     // [kg]
  double variance = 0;  // [kg²]
  double sitmuf = 0;    // [1]
};

// Relative size under which a new pivot d² = s - ℓᵀℓ counts as zero: Σ is then not positive definite (or the period
// is a linear combination of earlier ones). 1e-10 is ~10⁶ double epsilons, above the rounding of an n = 10⁴
// substitution, far below any physical variance ratio.
inline constexpr double kPivotTolerance = 1e-10;

}  // namespace leu::stats
