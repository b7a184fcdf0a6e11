#include "accountancy/period_guard.hpp"

#include "ledger/projections.hpp"

namespace leu {

Result<void> check_period_open(Journal& journal, const std::string& mba, Date date, const std::string& field) {
  LEU_GET(periods, journal.documents(kPeriodKind));
  for (const auto& p : periods) {
    if (p.value("mba", "") != mba) continue;
    const std::string to = p.value("to", "");
    if (date.text() <= to)
      return fail(ErrorCode::kConflict, field,
                  date.text() + " lies in the balance period of " + mba + " closed on " + to +
                      "; a change dated in a closed period needs a correction of its reports, not a new booking");
  }
  return {};
}

}  // namespace leu
