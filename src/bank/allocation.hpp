// Choosing whole cylinders for a supply: the set that covers the agreed uranium
// quantity with the least excess.
//
// Contract: pure. Among all subsets of `candidates` whose uranium sum is at least
// `quantity`, returns the one with the least excess; ties go to fewer cylinders,
// then to the lexicographically smallest list of ids, so the choice is
// deterministic. The search is an exact branch and bound (cylinders in
// descending mass; a branch stops as soon as it covers the quantity, since adding
// more only adds excess, and is cut when even all remaining cylinders cannot
// cover it). It visits at most `node_budget` nodes: within the budget the result
// is proven optimal (`optimal`), beyond it the best set found is returned with
// `optimal` false, and the explanation says so.
//
//   AllocationChoice c = choose_cylinders(reserve, Mass::kilograms(4500));
//   if (c.feasible) for (auto& id : c.ids) ...
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/quantity.hpp"

namespace leu::bank {

struct Candidate {
  std::string id;
  Mass uranium;
  Mass u235;
};

struct AllocationChoice {
  bool feasible = false;         // some subset covers the quantity
  std::vector<std::string> ids;  // sorted
  Mass uranium;                  // sum over the chosen cylinders
  Mass u235;
  Mass excess;             // uranium - quantity
  std::int64_t nodes = 0;  // search nodes visited
  bool optimal = false;    // the search finished within its budget
};

// 20 million nodes: well under a second on one core; a bound on the time a request may hold the writer.
inline constexpr std::int64_t kDefaultNodeBudget = 20'000'000;

AllocationChoice choose_cylinders(std::vector<Candidate> candidates, Mass quantity,
                                  std::int64_t node_budget = kDefaultNodeBudget);

}  // namespace leu::bank
