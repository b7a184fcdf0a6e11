// A sampled record of one location: an inventory [kg] or a flow rate [kg/h] (or item masses [kg]) at sample times
// [h], as MAPIT's data layout holds them (statistics.md §2).
//
// Contract: validate() checks equal lengths, finite values and strictly increasing times; its error names the series
// and the 1-based row. nearest_sample() is MAPIT's inventory-at-boundary rule: the nearest sample, the first on ties.
//
//   TimeSeries s{"invn0", {0, 1, 2}, {0, 5, 7}};
//   LEU_RETURN_IF_ERROR(validate(s));
//   double c = s.value[nearest_sample(s, 1.4)];   // 5
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/error.hpp"

namespace leu::stats {

struct TimeSeries {
  std::string name;
  std::vector<double> time;   // [h]
  std::vector<double> value;  // [kg] or [kg/h]
};

Result<void> validate(const TimeSeries& s);
// Index of the sample nearest to t (the first on ties); the series must not be empty.
std::size_t nearest_sample(const TimeSeries& s, double t);

}  // namespace leu::stats
