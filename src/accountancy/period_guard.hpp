// The guard that keeps closed balance periods closed.
//
// A change of the book (receipt, shipment, loss, gain, a supply shipment) may not be
// dated in a closed balance period of its MBA: the reports of that period would no
// longer hold, and the change needs a correction of those reports instead. Every
// service that books such a change calls this before it appends.
//
//   LEU_RETURN_IF_ERROR(check_period_open(journal, item.mba, in.date, "date"));
#pragma once

#include <string>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "ledger/journal.hpp"

namespace leu {

// kConflict naming `field` when `date` lies on or before the end of a closed period of `mba`.
Result<void> check_period_open(Journal& journal, const std::string& mba, Date date, const std::string& field);

}  // namespace leu
