#include "bank/member_states.hpp"

#include <algorithm>

#include "ledger/supply_events.hpp"

namespace leu::bank {
namespace {

constexpr std::array<std::string_view, 4> kFactNames = {"membership", "csa", "sir", "board_issues"};

Evidence evidence_of(const Json& fact) { return {fact.value("evidence_ref", ""), fact.value("evidence_sha256", "")}; }

}  // namespace

std::string_view state_fact_name(StateFact f) { return kFactNames[static_cast<std::size_t>(f)]; }

Result<StateFact> parse_state_fact(std::string_view name) {
  for (std::size_t i = 0; i < kFactNames.size(); ++i)
    if (name == kFactNames[i]) return static_cast<StateFact>(i);
  return invalid("fact", "'" + std::string(name) + "' is not a fact kind (membership, csa, sir, board_issues)");
}

std::string criterion_name(int criterion) {
  switch (criterion) {
    case 1: return "exceptional disruption of LEU supply to a nuclear power plant";
    case 2: return "LEU not obtainable commercially, State-to-State or by comparable means";
    case 3: return "latest Safeguards Implementation Report: no diversion of declared material";
    case 4: return "no safeguards implementation issue under consideration by the Board";
    case 5: return "comprehensive safeguards agreement in force, covering the supplied LEU";
  }
  return "?";
}

Json to_json(const CriterionCheck& c) {
  Json j = {
      {"criterion", c.criterion},  {"name", c.name}, {"met", c.met}, {"basis", c.basis}, {"checked_on", c.checked_on},
      {"source_seq", c.source_seq}};
  j.update(to_json(c.evidence));
  return j;
}

Result<Head> register_state(Journal& journal, const Principal& who, const RegisterStateInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kManageStates));
  LEU_RETURN_IF_ERROR(validate_state_code(in.code, "code"));
  LEU_RETURN_IF_ERROR(validate_text(in.name, "name", 120));
  LEU_RETURN_IF_ERROR(validate_not_future(in.date, Date::of(journal.clock().now()), "date"));
  LEU_GET(existing, journal.document(kMemberStateKind, in.code));
  if (existing) return fail(ErrorCode::kConflict, "code", "Member State '" + in.code + "' is registered already");
  return journal.append(who.name, {NewEvent{supply_event::kStateRegistered,
                                            {{"state", in.code}, {"name", in.name}, {"date", in.date.text()}}}});
}

Result<Head> record_state_fact(Journal& journal, const Principal& who, const StateFactInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kManageStates));
  LEU_RETURN_IF_ERROR(validate_state_code(in.state, "state"));
  LEU_GET(existing, journal.document(kMemberStateKind, in.state));
  if (!existing) return not_found("state", "Member State", in.state);
  const Date today = Date::of(journal.clock().now());
  LEU_RETURN_IF_ERROR(validate_not_future(in.as_of, today, "as_of"));
  LEU_RETURN_IF_ERROR(validate_evidence(in.evidence, "evidence"));
  if (!in.note.empty()) LEU_RETURN_IF_ERROR(validate_text(in.note, "note", 500));
  // "date" is the day the fact was recorded (the accounting date replays go by); "as_of" the day it was established.
  Json payload = {{"state", in.state},
                  {"fact", state_fact_name(in.fact)},
                  {"date", today.text()},
                  {"as_of", in.as_of.text()},
                  {"note", in.note}};
  payload.update(to_json(in.evidence));
  switch (in.fact) {
    case StateFact::kMembership: payload["member"] = in.member; break;
    case StateFact::kCsa:
      payload["in_force"] = in.csa_in_force;
      payload["covers_supplied_leu"] = in.covers_supplied_leu;
      if (in.csa_in_force) {
        LEU_RETURN_IF_ERROR(validate_text(in.csa_reference, "csa_reference", 64));
        if (!in.csa_in_force_since) return invalid("csa_in_force_since", "a CSA in force needs its date of entry");
        if (*in.csa_in_force_since > in.as_of)
          return invalid("csa_in_force_since",
                         in.csa_in_force_since->text() + " is after the fact's date " + in.as_of.text());
      } else if (in.covers_supplied_leu) {
        return invalid("covers_supplied_leu", "a CSA not in force cannot cover the supplied LEU");
      }
      payload["reference"] = in.csa_reference;
      payload["in_force_since"] = in.csa_in_force_since ? Json(in.csa_in_force_since->text()) : Json(nullptr);
      break;
    case StateFact::kSir:
      // No report can predate the model comprehensive safeguards agreement (INFCIRC/153, 1972).
      if (in.sir_year < 1972 || in.sir_year > in.as_of.year())
        return invalid("sir_year", std::to_string(in.sir_year) + " is not a report year between 1972 and " +
                                       std::to_string(in.as_of.year()));
      payload["year"] = in.sir_year;
      payload["no_diversion"] = in.no_diversion;
      break;
    case StateFact::kBoardIssues: payload["under_consideration"] = in.issue_under_consideration; break;
  }
  return journal.append(who.name, {NewEvent{supply_event::kStateFactRecorded, std::move(payload)}});
}

Result<std::vector<Json>> list_states(Journal& journal, const Principal& who) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kReadRequests));
  LEU_GET(all, journal.documents(kMemberStateKind));
  std::vector<Json> out;
  for (auto& s : all)
    if (visible_to(who, s.value("code", ""))) out.push_back(std::move(s));
  return out;
}

Result<Json> get_state(Journal& journal, const Principal& who, const std::string& code) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kReadRequests));
  if (!visible_to(who, code)) return not_found("state", "Member State", code);
  LEU_GET(doc, journal.document(kMemberStateKind, code));
  if (!doc) return not_found("state", "Member State", code);
  return std::move(*doc);
}

std::optional<Json> current_fact(const Json& state_doc, std::string_view fact) {
  if (!state_doc.contains("facts") || !state_doc["facts"].contains(std::string(fact))) return std::nullopt;
  const Json* best = nullptr;
  for (const auto& f : state_doc["facts"][std::string(fact)]) {
    if (!best) {
      best = &f;
      continue;
    }
    const auto key = [](const Json& x) { return std::pair(x.value("as_of", ""), x.value("seq", std::int64_t{0})); };
    if (key(f) > key(*best)) best = &f;
  }
  if (!best) return std::nullopt;
  return *best;
}

bool is_member(const Json& state_doc) {
  auto f = current_fact(state_doc, "membership");
  return f && f->value("member", false);
}

std::vector<CriterionCheck> safeguards_criteria(const Json& state_doc, Date today) {
  std::vector<CriterionCheck> out;
  const auto check = [&](int n, const char* fact, auto judge) {
    CriterionCheck c{n, criterion_name(n), false, "", {}, today.text(), 0};
    if (auto f = current_fact(state_doc, fact)) {
      c.evidence = evidence_of(*f);
      c.source_seq = f->value("seq", std::int64_t{0});
      judge(*f, c);
    } else {
      c.basis = std::string("no '") + fact + "' fact is recorded for the State";
    }
    out.push_back(std::move(c));
  };
  check(3, "sir", [](const Json& f, CriterionCheck& c) {
    c.met = f.value("no_diversion", false);
    c.basis = "Safeguards Implementation Report " + std::to_string(f.value("year", 0)) +
              (c.met ? ": declared nuclear material not diverted" : ": no conclusion of non-diversion") + " (as of " +
              f.value("as_of", "") + ")";
  });
  check(4, "board_issues", [](const Json& f, CriterionCheck& c) {
    c.met = !f.value("under_consideration", true);
    c.basis = std::string(c.met ? "no safeguards implementation issue" : "a safeguards implementation issue is") +
              " under consideration by the Board (as of " + f.value("as_of", "") + ")";
  });
  check(5, "csa", [](const Json& f, CriterionCheck& c) {
    const bool in_force = f.value("in_force", false), covers = f.value("covers_supplied_leu", false);
    c.met = in_force && covers;
    c.basis = !in_force
                  ? "no comprehensive safeguards agreement in force (as of " + f.value("as_of", "") + ")"
                  : "CSA " + f.value("reference", "") + " in force since " + f["in_force_since"].get<std::string>() +
                        (covers ? ", covering the supplied LEU" : ", but it will not cover the supplied LEU");
  });
  return out;
}

}  // namespace leu::bank
