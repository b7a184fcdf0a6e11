// The measurement-methods table in force for a journal: the table of the facility the journal was opened with (its
// Facility Attachment's `methods`, a whole data/methods document) or, when it has none, the compiled-in default
// (sim::default_method_table). Every command that records a method checks the name against it, and `leubank stats`
// and GET /api/v1/statistics compute σ(MUF) with it unless told otherwise.
//
// Contract:
//   - facility_methods(f): an empty Facility::methods is the default table; otherwise the document must hold no
//     floating-point number (the journal's payloads are integers and strings: uncertainties are decimal text,
//     "0.0005") and parse as a valid table (sim::parse_method_table, stats::MethodTable::validate). Errors are
//     kInvalidInput with a field starting "facility.methods" and naming the member at fault: init refuses such a
//     facility before writing.
//   - methods_in_force(journal): a journal with no facility yet gets the default table; a facility table in the journal
//     that no longer parses (init validated it, so the journal was altered) is kIntegrity naming "facility.methods...".
//   - check_method_in_force(table, method, field): kInvalidInput naming `field` when `method` is not one of the
//     table's methods, saying which table ("name version") and, for a short table, which methods it knows. Only new
//     writes are checked; replay and verify accept whatever method an old event names.
//
//   LEU_GET(methods, methods_in_force(journal));
//   LEU_RETURN_IF_ERROR(check_method_in_force(methods, in.method, "method"));
#pragma once

#include <string>
#include <string_view>

#include "domain/facility.hpp"
#include "ledger/journal.hpp"
#include "stats/methods.hpp"

namespace leu {

// The field prefix of every error about the facility's table.
inline constexpr std::string_view kFacilityMethodsField = "facility.methods";

Result<stats::MethodTable> facility_methods(const Facility& f);
Result<stats::MethodTable> methods_in_force(Journal& journal);
Result<void> check_method_in_force(const stats::MethodTable& table, const std::string& method,
                                   const std::string& field);

}  // namespace leu
