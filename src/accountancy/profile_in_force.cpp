#include "accountancy/profile_in_force.hpp"

#include "reports/facility_profile.hpp"

namespace leu {

Result<reports::Profile> profile_in_force(Journal& journal) {
  LEU_GET(facility, journal.facility());
  if (!facility) return reports::default_profile();
  auto profile = reports::facility_profile(*facility);
  if (!profile)
    return fail(ErrorCode::kIntegrity, profile.error().field,
                "the facility's report profile in the journal does not apply: " + profile.error().message);
  return profile;
}

}  // namespace leu
