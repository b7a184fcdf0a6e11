// Reproducible normal draws keyed by (seed, stream): a counter-based generator, so a Monte Carlo iteration draws the
// same numbers whichever thread runs it and however many threads there are (statistics.md §1.8).
//
// Contract: the stream key is hashed with the seed through two splitmix64 finalisers (Steele, Lea & Flood 2014); the
// stream's uniforms come from splitmix64 and normals from the Box–Muller transform (both values used). Same seed and
// stream → the same sequence on every machine with IEEE doubles and the same libm. Not for anything secret.
//
//   CounterNormal rng(seed, iteration);
//   double z = rng.next();   // N(0, 1)
#pragma once

#include <cmath>
#include <cstdint>

#include "domain/split_mix.hpp"

namespace leu::sim {

inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class CounterNormal {
 public:
  CounterNormal(std::uint64_t seed, std::uint64_t stream)
      : rng_(mix64(mix64(seed) ^ (stream * 0x9e3779b97f4a7c15ULL))) {}

  double next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    // u1 in (0, 1]: 53 random bits, never 0, so log(u1) is finite.
    const double u1 = (static_cast<double>(rng_.next() >> 11) + 1.0) * 0x1.0p-53;
    const double u2 = static_cast<double>(rng_.next() >> 11) * 0x1.0p-53;
    const double r = std::sqrt(-2.0 * std::log(u1));
    constexpr double kTwoPi = 6.283185307179586476925286766559;  // 2π
    spare_ = r * std::sin(kTwoPi * u2);
    has_spare_ = true;
    return r * std::cos(kTwoPi * u2);
  }

 private:
  SplitMix64 rng_;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace leu::sim
