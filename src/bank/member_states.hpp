// Member State records: the facts the five criteria read, dated, with evidence,
// kept with their history (a new fact is appended; nothing is overwritten).
//
// Contract: register_state and record_state_fact need Operation::kManageStates
// (bank_officer) and validate everything before one journal append. Four kinds of
// fact (leu-bank.md §3): IAEA membership; the comprehensive safeguards agreement
// (CSA: in force since a date, its reference, whether it will cover the supplied
// LEU); the latest Safeguards Implementation Report conclusion (year; no diversion
// of declared material); safeguards issues under consideration by the Board. The
// fact in force is the one with the latest `as_of` date (then the latest event).
// Reads need Operation::kReadRequests; a state representative sees only its own
// State, any other code is reported as unknown.
//
//   StateFactInput f{.state = "XR", .fact = StateFact::kSir, .as_of = day,
//                    .evidence = {"GOV/2026/20", sha}, .sir_year = 2025, .no_diversion = true};
//   auto head = record_state_fact(journal, bruno, f);
//   auto checks = safeguards_criteria(*get_state(journal, bruno, "XR"));  // criteria 3-5
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/principal.hpp"
#include "bank/bank_common.hpp"
#include "ledger/journal.hpp"

namespace leu::bank {

struct RegisterStateInput {
  std::string code;  // ISO 3166 alpha-2
  std::string name;
  Date date;
};

enum class StateFact { kMembership, kCsa, kSir, kBoardIssues };
std::string_view state_fact_name(StateFact f);  // "membership" | "csa" | "sir" | "board_issues"
Result<StateFact> parse_state_fact(std::string_view name);

struct StateFactInput {
  std::string state;
  StateFact fact = StateFact::kMembership;
  Date as_of;  // the date the fact was established (checked)
  Evidence evidence;
  // kMembership
  bool member = false;
  // kCsa
  bool csa_in_force = false;
  std::string csa_reference;               // e.g. "INFCIRC/999"
  std::optional<Date> csa_in_force_since;  // required when in force
  bool covers_supplied_leu = false;
  // kSir
  int sir_year = 0;
  bool no_diversion = false;
  // kBoardIssues
  bool issue_under_consideration = false;
  std::string note;  // optional remark for any fact
};

// One criterion as checked: its number and name, the result, the basis in words,
// the evidence, the date checked, and the event of the fact or attestation used.
struct CriterionCheck {
  int criterion = 0;
  std::string name;
  bool met = false;
  std::string basis;
  Evidence evidence;
  std::string checked_on;  // YYYY-MM-DD
  std::int64_t source_seq = 0;
};
Json to_json(const CriterionCheck& c);
std::string criterion_name(int criterion);  // leu-bank.md §3, in short

Result<Head> register_state(Journal& journal, const Principal& who, const RegisterStateInput& in);
Result<Head> record_state_fact(Journal& journal, const Principal& who, const StateFactInput& in);
Result<std::vector<Json>> list_states(Journal& journal, const Principal& who);
Result<Json> get_state(Journal& journal, const Principal& who, const std::string& code);

// The fact in force of a kind in a member_state document, if any.
std::optional<Json> current_fact(const Json& state_doc, std::string_view fact);
// IAEA membership in force.
bool is_member(const Json& state_doc);
// Criteria 3, 4 and 5, read from the record, checked on `today`.
std::vector<CriterionCheck> safeguards_criteria(const Json& state_doc, Date today);

}  // namespace leu::bank
