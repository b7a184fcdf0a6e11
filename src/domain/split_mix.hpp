// A small, fixed, portable pseudo-random generator: splitmix64 (Steele, Lea and
// Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014). Used
// where values must be the same on every machine and every run (the demo bank,
// synthetic benchmark histories); never for anything secret.
//
//   SplitMix64 rng(20191017);
//   std::int64_t tare_g = rng.between(627'000, 643'000);
#pragma once

#include <cstdint>

namespace leu {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform integer in [lo, hi] (modulo bias below 2^-40 for the ranges used here).
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }

 private:
  std::uint64_t state_;
};

}  // namespace leu
