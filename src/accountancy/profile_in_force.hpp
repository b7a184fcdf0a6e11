// The report profile in force for a journal: the default profile with the overlay of the facility the journal was
// opened with (its Facility Attachment, reports::facility_profile). Every report written, parsed against the
// database or issued goes through this one function, so a State's overlay applies everywhere alike.
//
// Contract:
//   - A journal whose facility carries no report_profile gets reports::default_profile().
//   - A journal with no facility yet gets the default profile too (nothing can be reported from it).
//   - An overlay in the journal that no longer makes a valid profile (init validated it, so the journal was
//     altered, or the default profile changed under it) is kIntegrity, naming "facility.report_profile..." and
//     saying why.
//
//   Result<reports::Profile> profile = profile_in_force(journal);
//   std::string text = reports::write_labelled(*icr, *profile);
#pragma once

#include "ledger/journal.hpp"
#include "reports/profile.hpp"

namespace leu {

Result<reports::Profile> profile_in_force(Journal& journal);

}  // namespace leu
