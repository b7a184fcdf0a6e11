#include "bank/supply.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include <fmt/format.h>

#include "accountancy/period_guard.hpp"
#include "bank/allocation.hpp"
#include "bank/member_states.hpp"
#include "domain/cylinder_type.hpp"
#include "domain/significant_quantity.hpp"
#include "ledger/codec.hpp"
#include "ledger/event_types.hpp"
#include "ledger/supply_events.hpp"

namespace leu::bank {
namespace {

namespace ev = supply_event;
namespace st = request_status;

std::string roles_text(Operation op) {
  std::string out;
  for (Role r : roles_allowed(op)) out += (out.empty() ? "" : ", ") + std::string(role_name(r));
  return out;
}

std::string numbered(const char* prefix, std::size_t n) { return fmt::format("{}-{:04}", prefix, n); }

Date today_of(Journal& j) { return Date::of(j.clock().now()); }

Result<Json> load_request(Journal& j, const Principal& who, const std::string& id) {
  if (id.empty()) return invalid("request", "no request named");
  LEU_GET(doc, j.document(kRequestKind, id));
  if (!doc || !visible_to(who, doc->value("state", ""))) return not_found("request", "request", id);
  return std::move(*doc);
}

// The checks every step of a request shares: role, visibility, status, date.
Result<Json> begin_step(Journal& j, const Principal& who, Operation op, const char* event, const std::string& id,
                        Date date) {
  LEU_RETURN_IF_ERROR(authorize(who, op));
  LEU_GET(doc, load_request(j, who, id));
  const Transition* t = find_transition(event);
  const std::string status = doc.value("status", "");
  if (!t->allows(status))
    return fail(ErrorCode::kConflict, "request",
                "request " + id + " is " + status + "; to " + t->action + " it must have " + t->from_text() +
                    " (allowed: " + roles_text(op) + ")");
  LEU_RETURN_IF_ERROR(validate_not_future(date, today_of(j), "date"));
  const std::string last = doc["history"].empty() ? "" : doc["history"].back().value("date", "");
  if (date.text() < last) return invalid("date", date.text() + " is before the request's last step (" + last + ")");
  return doc;
}

Result<Json> state_record(Journal& j, const std::string& code) {
  LEU_GET(doc, j.document(kMemberStateKind, code));
  if (!doc) return not_found("state", "Member State", code);
  return std::move(*doc);
}

// The event each of criteria 3-5 was last checked against: the assessment, then any recheck.
std::map<int, std::pair<std::int64_t, std::string>> cited_sources(const Json& doc) {
  std::map<int, std::pair<std::int64_t, std::string>> out;
  const auto take = [&](const Json& checks) {
    for (const auto& c : checks) {
      const int n = c.value("criterion", 0);
      if (n >= 3) out[n] = {c.value("source_seq", std::int64_t{0}), c.value("checked_on", "")};
    }
  };
  if (!doc["assessment"].is_null()) take(doc["assessment"]["criteria"]);
  for (const auto& r : doc["rechecks"]) take(r["criteria"]);
  return out;
}

// Criteria 3-5 as the State record gives them now; refused when one fails or its
// fact changed since it was last checked for this request.
Result<std::vector<CriterionCheck>> recheck_unchanged(Journal& j, const Json& doc, const std::string& step) {
  LEU_GET(state, state_record(j, doc.value("state", "")));
  const auto now = safeguards_criteria(state, today_of(j));
  const auto cited = cited_sources(doc);
  for (const auto& c : now) {
    if (!c.met)
      return fail(
          ErrorCode::kConflict, "criterion " + std::to_string(c.criterion),
          "criterion " + std::to_string(c.criterion) + " (" + c.name + ") is not met: " + c.basis + "; cannot " + step);
    auto it = cited.find(c.criterion);
    if (it == cited.end() || it->second.first != c.source_seq)
      return fail(ErrorCode::kConflict, "criterion " + std::to_string(c.criterion),
                  "criterion " + std::to_string(c.criterion) + " (" + c.name +
                      "): the Member State record changed since it was checked" +
                      (it == cited.end() ? "" : " on " + it->second.second) + " (now: " + c.basis +
                      "); recheck criteria 3-5 before you " + step);
  }
  return now;
}

Json checks_json(const std::vector<CriterionCheck>& checks) {
  Json out = Json::array();
  for (const auto& c : checks) out.push_back(to_json(c));
  return out;
}

Result<void> second_person(const Principal& who, const Json& proposal, const std::string& what) {
  if (proposal.value("by", "") == who.name)
    return fail(
        ErrorCode::kForbidden, "as",
        "user '" + who.name + "' proposed this " + what + "; a different person must confirm (two-person rule)");
  return {};
}

Result<Facility> facility_of(Journal& j) {
  LEU_GET(f, j.facility());
  if (!f) return fail(ErrorCode::kConflict, "db", "the journal has no facility");
  return *f;
}

Result<void> validate_enrichment(Fraction min, Fraction max, const Facility& fac) {
  if (min.parts() <= 0) return invalid("enrichment_min", "must be greater than zero");
  if (max < min) return invalid("enrichment_max", "is below enrichment_min");
  if (max > fac.enrichment_limit)
    return invalid("enrichment_max", max.percent_text(2) + " % exceeds the bank's limit of " +
                                         fac.enrichment_limit.percent_text(2) + " %");
  return {};
}

struct Reserve {
  std::vector<Item> on_hand;
  std::set<std::string> allocated;  // on hand and allocated to an open request
};

Result<Reserve> reserve_of(Journal& j) {
  Reserve r;
  LEU_GET(items, j.items());
  LEU_GET(allocations, j.documents(kAllocationKind));
  std::set<std::string> active;
  for (const auto& a : allocations)
    if (a.value("active", false)) active.insert(a.value("item", ""));
  for (auto& i : items)
    if (i.on_hand()) {
      if (active.contains(i.id)) r.allocated.insert(i.id);
      r.on_hand.push_back(std::move(i));
    }
  return r;
}

bool in_range(const Item& i, const Json& agreement) {
  const std::int64_t u235 = i.isotopics.u235().parts();
  return u235 >= agreement.value("enrichment_min_ppb", std::int64_t{0}) &&
         u235 <= agreement.value("enrichment_max_ppb", std::int64_t{0});
}

Json step_payload(const std::string& id, Date date) { return {{"request", id}, {"date", date.text()}}; }

Result<Head> simple_step(Journal& j, const Principal& who, Operation op, const char* event, const RequestStep& in,
                         bool note_required) {
  LEU_GET(doc, begin_step(j, who, op, event, in.request, in.date));
  if (note_required || !in.note.empty()) LEU_RETURN_IF_ERROR(validate_text(in.note, "note", 1000));
  Json payload = step_payload(in.request, in.date);
  payload["note"] = in.note;
  return j.append(who.name, {NewEvent{event, std::move(payload)}});
}

}  // namespace

Json to_json(const ReserveStatus& r) {
  return {{"on_hand", r.on_hand},
          {"allocated", r.allocated},
          {"free", r.free},
          {"limit", r.limit},
          {"uranium_mg", r.uranium.mg()},
          {"u235_mg", r.u235.mg()},
          {"uranium_t", fmt::format("{:.3f}", r.uranium.kg_approx() / 1000)},
          {"significant_quantities", fmt::format("{:.2f}", r.significant_quantities)}};
}

Result<FiledRequest> file_request(Journal& j, const Principal& who, const FileRequestInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kFileRequest));
  const std::string state = in.state.empty() ? who.state : in.state;
  LEU_RETURN_IF_ERROR(validate_state_code(state, "state"));
  if (state != who.state)
    return fail(ErrorCode::kForbidden, "state",
                "user '" + who.name + "' represents " + (who.state.empty() ? "no State" : who.state) +
                    " and may file only for it");
  LEU_GET(state_doc, state_record(j, state));
  if (in.date.text() < state_doc.value("registered_on", ""))
    return invalid("date", in.date.text() + " is before " + state + " was registered (" +
                               state_doc.value("registered_on", "") + ")");
  if (!is_member(state_doc))
    return fail(ErrorCode::kConflict, "state",
                "the record of " + state + " shows no IAEA membership in force; only a Member State may request");
  LEU_GET(fac, facility_of(j));
  if (!in.uranium.is_positive()) return invalid("uranium", "must be greater than zero");
  LEU_RETURN_IF_ERROR(validate_enrichment(in.enrichment_min, in.enrichment_max, fac));
  LEU_RETURN_IF_ERROR(validate_text(in.plant, "plant", 200));
  LEU_RETURN_IF_ERROR(validate_text(in.disruption, "disruption", 2000));
  LEU_RETURN_IF_ERROR(validate_not_future(in.date, today_of(j), "date"));
  LEU_GET(all, j.documents(kRequestKind));
  const std::string id = numbered("REQ", all.size() + 1);
  LEU_GET(head, j.append(who.name, {NewEvent{ev::kFiled,
                                             {{"request", id},
                                              {"state", state},
                                              {"date", in.date.text()},
                                              {"filed_on", in.date.text()},
                                              {"uranium_mg", in.uranium.mg()},
                                              {"enrichment_min_ppb", in.enrichment_min.parts()},
                                              {"enrichment_max_ppb", in.enrichment_max.parts()},
                                              {"plant", in.plant},
                                              {"disruption", in.disruption}}}}));
  return FiledRequest{id, head};
}

Result<Head> withdraw_request(Journal& j, const Principal& who, const RequestStep& in) {
  return simple_step(j, who, Operation::kWithdrawRequest, ev::kWithdrawn, in, true);
}

Result<Head> cancel_request(Journal& j, const Principal& who, const RequestStep& in) {
  return simple_step(j, who, Operation::kCancelRequest, ev::kCancelled, in, true);
}

Result<Head> start_assessment(Journal& j, const Principal& who, const RequestStep& in) {
  return simple_step(j, who, Operation::kAssess, ev::kAssessmentStarted, in, false);
}

Result<Head> attest_criterion(Journal& j, const Principal& who, const AttestInput& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kAttest, ev::kAttested, in.request, in.date));
  if (in.criterion != 1 && in.criterion != 2)
    return invalid("criterion", "attestations are for criteria 1 and 2; criteria 3-5 come from the State record");
  LEU_RETURN_IF_ERROR(validate_text(in.statement, "statement", 4000));
  LEU_RETURN_IF_ERROR(validate_evidence(in.evidence, "evidence"));
  Json payload = step_payload(in.request, in.date);
  payload["criterion"] = in.criterion;
  payload["statement"] = in.statement;
  payload.update(to_json(in.evidence));
  return j.append(who.name, {NewEvent{ev::kAttested, std::move(payload)}});
}

Result<Head> assess_request(Journal& j, const Principal& who, const AssessInput& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kAssess, ev::kAssessed, in.request, in.date));
  std::vector<CriterionCheck> checks;
  for (int n : {1, 2}) {
    const bool met = n == 1 ? in.criterion1_met : in.criterion2_met;
    const std::string& basis = n == 1 ? in.criterion1_basis : in.criterion2_basis;
    const std::string field = "criterion" + std::to_string(n);
    LEU_RETURN_IF_ERROR(validate_text(basis, field + "_basis", 2000));
    const Json* latest = nullptr;
    for (const auto& a : doc["attestations"])
      if (a.value("criterion", 0) == n) latest = &a;
    if (met && !latest)
      return invalid(field + "_met",
                     "criterion " + std::to_string(n) + " cannot be found met without an attestation with evidence");
    CriterionCheck c{n, criterion_name(n), met, basis, {}, in.date.text(), 0};
    if (latest) {
      c.evidence = {latest->value("evidence_ref", ""), latest->value("evidence_sha256", "")};
      c.source_seq = latest->value("seq", std::int64_t{0});
    }
    checks.push_back(std::move(c));
  }
  LEU_GET(state, state_record(j, doc.value("state", "")));
  for (auto& c : safeguards_criteria(state, in.date)) checks.push_back(std::move(c));
  Json failed = Json::array();
  for (const auto& c : checks)
    if (!c.met) failed.push_back(c.criterion);
  Json payload = step_payload(in.request, in.date);
  payload["criteria"] = checks_json(checks);
  payload["all_met"] = failed.empty();
  payload["failed"] = failed;
  return j.append(who.name, {NewEvent{ev::kAssessed, std::move(payload)}});
}

Result<Head> recheck_criteria(Journal& j, const Principal& who, const RequestStep& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kAssess, ev::kCriteriaRechecked, in.request, in.date));
  LEU_GET(state, state_record(j, doc.value("state", "")));
  const auto checks = safeguards_criteria(state, in.date);
  for (const auto& c : checks)
    if (!c.met)
      return fail(ErrorCode::kConflict, "criterion " + std::to_string(c.criterion),
                  "criterion " + std::to_string(c.criterion) + " (" + c.name + ") is no longer met: " + c.basis +
                      "; the supply cannot proceed (cancel the request)");
  Json payload = step_payload(in.request, in.date);
  payload["criteria"] = checks_json(checks);
  return j.append(who.name, {NewEvent{ev::kCriteriaRechecked, std::move(payload)}});
}

Result<Head> propose_determination(Journal& j, const Principal& who, const ProposeDeterminationInput& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kProposeDetermination, ev::kDeterminationProposed, in.request, in.date));
  if (doc["assessment"].is_null())
    return fail(ErrorCode::kConflict, "request", "request " + in.request + " has not been assessed yet");
  if (!doc["proposal"].is_null())
    return fail(ErrorCode::kConflict, "request",
                "a determination proposed by '" + doc["proposal"].value("by", "") + "' awaits confirmation or decline");
  LEU_RETURN_IF_ERROR(validate_text(in.reasons, "reasons", 4000));
  if (in.approve)
    for (const auto& c : doc["assessment"]["criteria"])
      if (!c.value("met", false))
        return fail(ErrorCode::kConflict, "decision",
                    "criterion " + std::to_string(c.value("criterion", 0)) + " (" + c.value("name", "") +
                        ") is not met: " + c.value("basis", "") + "; the request cannot be approved");
  Json payload = step_payload(in.request, in.date);
  payload["decision"] = in.approve ? "approve" : "refuse";
  payload["reasons"] = in.reasons;
  return j.append(who.name, {NewEvent{ev::kDeterminationProposed, std::move(payload)}});
}

Result<Head> confirm_determination(Journal& j, const Principal& who, const RequestStep& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kConfirmDetermination, ev::kDeterminationConfirmed, in.request, in.date));
  if (doc["proposal"].is_null())
    return fail(ErrorCode::kConflict, "request", "request " + in.request + " has no proposed determination");
  LEU_RETURN_IF_ERROR(second_person(who, doc["proposal"], "determination"));
  if (doc["proposal"].value("decision", "") == "approve") {
    auto rechecked = recheck_unchanged(j, doc, "approve");
    if (!rechecked) return std::unexpected(rechecked.error());
  }
  if (!in.note.empty()) LEU_RETURN_IF_ERROR(validate_text(in.note, "note", 1000));
  Json payload = step_payload(in.request, in.date);
  payload["note"] = in.note;
  return j.append(who.name, {NewEvent{ev::kDeterminationConfirmed, std::move(payload)}});
}

Result<Head> decline_determination(Journal& j, const Principal& who, const RequestStep& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kConfirmDetermination, ev::kDeterminationDeclined, in.request, in.date));
  if (doc["proposal"].is_null())
    return fail(ErrorCode::kConflict, "request", "request " + in.request + " has no proposed determination");
  LEU_RETURN_IF_ERROR(validate_text(in.note, "note", 1000));
  Json payload = step_payload(in.request, in.date);
  payload["note"] = in.note;
  return j.append(who.name, {NewEvent{ev::kDeterminationDeclined, std::move(payload)}});
}

Result<Head> conclude_agreement(Journal& j, const Principal& who, const AgreementInput& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kConcludeAgreement, ev::kAgreementConcluded, in.request, in.date));
  LEU_GET(fac, facility_of(j));
  LEU_RETURN_IF_ERROR(validate_text(in.reference, "reference", 100));
  LEU_RETURN_IF_ERROR(validate_evidence(in.evidence, "evidence"));
  if (!in.uranium.is_positive()) return invalid("uranium", "must be greater than zero");
  const Mass requested = Mass::milligrams(doc.value("uranium_mg", std::int64_t{0}));
  if (in.uranium > requested)
    return invalid("uranium",
                   in.uranium.kg_text(3) + " kg U is more than the " + requested.kg_text(3) + " kg U requested");
  LEU_RETURN_IF_ERROR(validate_enrichment(in.enrichment_min, in.enrichment_max, fac));
  LEU_RETURN_IF_ERROR(validate_text(in.delivery_point, "delivery_point", 200));
  if (in.route.empty()) return invalid("route", "needs at least one rail leg");
  Json route = Json::array();
  for (std::size_t i = 0; i < in.route.size(); ++i) {
    const RailLeg& l = in.route[i];
    const std::string f = "route[" + std::to_string(i) + "]";
    LEU_RETURN_IF_ERROR(validate_text(l.from, f + ".from", 200));
    LEU_RETURN_IF_ERROR(validate_text(l.to, f + ".to", 200));
    if (i > 0 && in.route[i - 1].to != l.from)
      return invalid(f + ".from",
                     "'" + l.from + "' does not continue the previous leg, which ends at '" + in.route[i - 1].to + "'");
    if (!l.transit_state.empty()) {
      LEU_RETURN_IF_ERROR(validate_state_code(l.transit_state, f + ".transit_state"));
      LEU_RETURN_IF_ERROR(validate_text(l.transit_agreement, f + ".transit_agreement", 200));
    } else if (!l.transit_agreement.empty()) {
      return invalid(f + ".transit_agreement", "a transit agreement needs its transit State");
    }
    route.push_back({{"mode", "rail"},
                     {"from", l.from},
                     {"to", l.to},
                     {"transit_state", l.transit_state},
                     {"transit_agreement", l.transit_agreement}});
  }
  if (in.route.back().to != in.delivery_point)
    return invalid("route", "the last leg ends at '" + in.route.back().to + "', not at the delivery point '" +
                                in.delivery_point + "'");
  LEU_GET(price, compute_price(in.price));
  // The reserve must be able to cover the agreed quantity at the agreed enrichment.
  LEU_GET(reserve, reserve_of(j));
  Json range = {{"enrichment_min_ppb", in.enrichment_min.parts()}, {"enrichment_max_ppb", in.enrichment_max.parts()}};
  Mass available;
  for (const auto& i : reserve.on_hand)
    if (!reserve.allocated.contains(i.id) && in_range(i, range)) available += i.uranium;
  if (available < in.uranium)
    return fail(ErrorCode::kConflict, "uranium",
                "the reserve holds only " + available.kg_text(3) + " kg U in free cylinders of " +
                    in.enrichment_min.percent_text(2) + "-" + in.enrichment_max.percent_text(2) + " % U-235");
  Json payload = step_payload(in.request, in.date);
  payload["reference"] = in.reference;
  payload.update(to_json(in.evidence));
  payload["uranium_mg"] = in.uranium.mg();
  payload.update(range);
  payload["delivery_point"] = in.delivery_point;
  payload["route"] = route;
  payload["price"] = to_json(price);
  return j.append(who.name, {NewEvent{ev::kAgreementConcluded, std::move(payload)}});
}

Result<Head> record_payment(Journal& j, const Principal& who, const PaymentInput& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kRecordPayment, ev::kPaymentRecorded, in.request, in.date));
  const Json& price = doc["agreement"]["price"];
  const std::string currency = price.value("currency", "");
  LEU_RETURN_IF_ERROR(validate_currency(in.currency, "currency"));
  if (in.currency != currency)
    return invalid("currency", "the agreement is priced in " + currency + ", not " + in.currency);
  if (in.amount_cents <= 0) return invalid("amount_cents", "must be greater than zero");
  const std::int64_t outstanding =
      price.value("total_cents", std::int64_t{0}) - doc.value("paid_cents", std::int64_t{0});
  if (in.amount_cents > outstanding)
    return invalid("amount_cents", money_text(in.amount_cents, currency) + " exceeds the " +
                                       money_text(outstanding, currency) + " outstanding");
  LEU_RETURN_IF_ERROR(validate_text(in.reference, "reference", 100));
  Json payload = step_payload(in.request, in.date);
  payload["amount_cents"] = in.amount_cents;
  payload["currency"] = in.currency;
  payload["reference"] = in.reference;
  payload["outstanding_after_cents"] = outstanding - in.amount_cents;
  return j.append(who.name, {NewEvent{ev::kPaymentRecorded, std::move(payload)}});
}

Result<Head> allocate_cylinders(Journal& j, const Principal& who, const AllocateInput& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kAllocate, ev::kAllocated, in.request, in.date));
  const Json& agreement = doc["agreement"];
  const Mass quantity = Mass::milligrams(agreement.value("uranium_mg", std::int64_t{0}));
  LEU_GET(reserve, reserve_of(j));
  std::vector<Candidate> candidates;
  std::map<std::string, const Item*> by_id;
  int out_of_range = 0;
  for (const auto& i : reserve.on_hand) {
    if (reserve.allocated.contains(i.id) || i.received_on > in.date) continue;  // not yet in the reserve that day
    if (!in_range(i, agreement)) {
      ++out_of_range;
      continue;
    }
    candidates.push_back({i.id, i.uranium, i.u235});
    by_id[i.id] = &i;
  }
  const std::string range =
      Fraction::from_parts(agreement.value("enrichment_min_ppb", std::int64_t{0})).percent_text(2) + "-" +
      Fraction::from_parts(agreement.value("enrichment_max_ppb", std::int64_t{0})).percent_text(2) + " % U-235";
  AllocationChoice choice;
  std::string method;
  if (!in.cylinders.empty()) {
    std::set<std::string> seen;
    for (const auto& id : in.cylinders) {
      if (!seen.insert(id).second) return invalid("cylinders", "cylinder '" + id + "' is named twice");
      if (!by_id.contains(id)) {
        LEU_GET(item, j.item(id));
        if (!item) return invalid("cylinders", "unknown cylinder '" + id + "'");
        if (!item->on_hand()) return fail(ErrorCode::kConflict, "cylinders", "cylinder '" + id + "' is not on hand");
        if (reserve.allocated.contains(id))
          return fail(ErrorCode::kConflict, "cylinders", "cylinder '" + id + "' is allocated to another request");
        return invalid("cylinders", "cylinder '" + id + "' is outside the agreed " + range);
      }
      choice.ids.push_back(id);
      choice.uranium += by_id[id]->uranium;
      choice.u235 += by_id[id]->u235;
    }
    std::ranges::sort(choice.ids);
    if (choice.uranium < quantity)
      return invalid("cylinders", "the named cylinders hold " + choice.uranium.kg_text(3) + " kg U, less than the " +
                                      quantity.kg_text(3) + " kg U agreed");
    choice.feasible = true;
    choice.excess = choice.uranium - quantity;
    method = "named by " + who.name;
  } else {
    choice = choose_cylinders(candidates, quantity);
    if (!choice.feasible)
      return fail(ErrorCode::kConflict, "request",
                  "the free cylinders of " + range + " cannot cover the agreed " + quantity.kg_text(3) + " kg U");
    method = choice.optimal ? "exact least-excess search" : "least-excess search, stopped at its node budget";
  }
  Mass net;
  for (const auto& id : choice.ids) net += by_id[id]->net_uf6;
  // The reserve left after this allocation: free cylinders in the books.
  Mass left_u, left_u235;
  std::int64_t left = 0;
  for (const auto& i : reserve.on_hand)
    if (!reserve.allocated.contains(i.id) && std::ranges::find(choice.ids, i.id) == choice.ids.end())
      ++left, left_u += i.uranium, left_u235 += i.u235;
  const double sq = significant_quantities(UraniumCategory::kEnriched, EnrichmentClass::kLow, left_u, left_u235);
  const std::string explanation = fmt::format(
      "{} cylinders chosen ({}) from {} free cylinders of {} ({} outside the range, {} allocated to other requests): "
      "{} kg U against {} kg U agreed, excess {} kg U; {}{}. Reserve left: {} cylinders, {} t U, {} kg U-235, {:.2f} "
      "SQ",
      choice.ids.size(), method, candidates.size(), range, out_of_range, reserve.allocated.size(),
      choice.uranium.kg_text(3), quantity.kg_text(3), choice.excess.kg_text(3),
      choice.nodes > 0 ? fmt::format("{} search nodes", choice.nodes) : "no search",
      choice.nodes > 0 ? (choice.optimal ? ", optimum proven" : ", optimum not proven") : "", left,
      fmt::format("{:.3f}", left_u.kg_approx() / 1000), left_u235.kg_text(3), sq);
  Json payload = step_payload(in.request, in.date);
  payload["cylinders"] = choice.ids;
  payload["uranium_mg"] = choice.uranium.mg();
  payload["u235_mg"] = choice.u235.mg();
  payload["net_uf6_mg"] = net.mg();
  payload["excess_mg"] = choice.excess.mg();
  payload["method"] = method;
  payload["search_nodes"] = choice.nodes;
  payload["optimal"] = in.cylinders.empty() && choice.optimal;
  payload["explanation"] = explanation;
  payload["reserve_left"] = {{"cylinders", left}, {"uranium_mg", left_u.mg()}, {"u235_mg", left_u235.mg()}};
  return j.append(who.name, {NewEvent{ev::kAllocated, std::move(payload)}});
}

Result<Head> prepare_shipment(Journal& j, const Principal& who, const PrepareInput& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kPrepareShipment, ev::kPrepared, in.request, in.date));
  LEU_RETURN_IF_ERROR(validate_text(in.documents_ref, "documents_ref", 100));
  std::set<std::string> allocated;
  for (const auto& c : doc["allocation"]["cylinders"]) allocated.insert(c.get<std::string>());
  std::set<std::string> seen;
  Json cylinders = Json::array();
  Mass net, u, u235;
  Json seals_all = Json::array();
  for (const auto& p : in.cylinders) {
    const std::string f = "cylinder '" + p.cylinder + "'";
    if (!allocated.contains(p.cylinder)) return invalid("cylinders", f + " is not allocated to " + in.request);
    if (!seen.insert(p.cylinder).second) return invalid("cylinders", f + " is named twice");
    LEU_RETURN_IF_ERROR(validate_text(p.overpack, "overpack of " + p.cylinder, 64));
    LEU_GET(item, j.item(p.cylinder));
    if (!item || !item->on_hand()) return fail(ErrorCode::kConflict, "cylinders", f + " is not on hand");
    // Recertification: cleaned, inspected and tested within 5 years before filling (ANSI N14.1; leu-bank.md §8).
    const CylinderType* type = find_cylinder_type(item->cylinder_type);
    const int years = type ? type->recertification_years : 5;
    const Date filled = item->filled_on.value_or(item->received_on);
    if (item->recertified_on.plus_years(years) < filled)
      return fail(ErrorCode::kConflict, "cylinders",
                  f + " fails the recertification check: filled " + filled.text() + ", more than " +
                      std::to_string(years) + " years after its recertification on " + item->recertified_on.text());
    if (item->seals.empty()) return fail(ErrorCode::kConflict, "cylinders", f + " carries no seal");
    Json seals = Json::array();
    for (const auto& s : item->seals) {
      LEU_GET(seal, j.seal(s));
      if (!seal || !seal->applied || !seal->intact)
        return fail(ErrorCode::kConflict, "cylinders", f + ": seal '" + s + "' is not applied and intact");
      seals.push_back(s);
      seals_all.push_back(s);
    }
    net += item->net_uf6, u += item->uranium, u235 += item->u235;
    cylinders.push_back({{"item", item->id},
                         {"net_uf6_mg", item->net_uf6.mg()},
                         {"uranium_mg", item->uranium.mg()},
                         {"u235_mg", item->u235.mg()},
                         {"seals", seals},
                         {"overpack", p.overpack},
                         {"recertified_on", item->recertified_on.text()},
                         {"filled_on", filled.text()},
                         {"checks", {{"recertification", true}, {"seals", true}, {"overpack", true}}}});
  }
  for (const auto& a : allocated)
    if (!seen.contains(a)) return invalid("cylinders", "allocated cylinder '" + a + "' is not prepared");
  Json payload = step_payload(in.request, in.date);
  payload["cylinders"] = cylinders;
  payload["documents"] = {{"reference", in.documents_ref},
                          {"consignee_state", doc["state"]},
                          {"delivery_point", doc["agreement"]["delivery_point"]},
                          {"route", doc["agreement"]["route"]},
                          {"cylinders", cylinders.size()},
                          {"net_uf6_mg", net.mg()},
                          {"uranium_mg", u.mg()},
                          {"u235_mg", u235.mg()},
                          {"seals", seals_all}};
  return j.append(who.name, {NewEvent{ev::kPrepared, std::move(payload)}});
}

Result<Head> propose_release(Journal& j, const Principal& who, const RequestStep& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kProposeRelease, ev::kReleaseProposed, in.request, in.date));
  if (!doc["release_proposal"].is_null())
    return fail(ErrorCode::kConflict, "request",
                "a release proposed by '" + doc["release_proposal"].value("by", "") + "' awaits confirmation");
  const std::int64_t total = doc["agreement"]["price"].value("total_cents", std::int64_t{0});
  if (doc.value("paid_cents", std::int64_t{0}) != total)
    return fail(ErrorCode::kConflict, "request", "the agreement is not paid in full");
  LEU_GET(checks, recheck_unchanged(j, doc, "release for shipment"));
  Json payload = step_payload(in.request, in.date);
  payload["criteria"] = checks_json(checks);
  payload["note"] = in.note;
  return j.append(who.name, {NewEvent{ev::kReleaseProposed, std::move(payload)}});
}

Result<Head> confirm_release(Journal& j, const Principal& who, const RequestStep& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kConfirmRelease, ev::kReleaseConfirmed, in.request, in.date));
  if (doc["release_proposal"].is_null())
    return fail(ErrorCode::kConflict, "request", "request " + in.request + " has no proposed release");
  LEU_RETURN_IF_ERROR(second_person(who, doc["release_proposal"], "release"));
  LEU_GET(checks, recheck_unchanged(j, doc, "release for shipment"));
  Json payload = step_payload(in.request, in.date);
  payload["criteria"] = checks_json(checks);
  payload["note"] = in.note;
  return j.append(who.name, {NewEvent{ev::kReleaseConfirmed, std::move(payload)}});
}

Result<Head> ship_request(Journal& j, const Principal& who, const RequestStep& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kShip, ev::kShipped, in.request, in.date));
  LEU_GET(fac, facility_of(j));
  const std::string to = doc.value("state", "");
  const std::string code = to == fac.country ? "SD" : "SF";
  std::vector<NewEvent> events;
  Mass net, u, u235;
  Json ids = Json::array();
  for (const auto& c : doc["allocation"]["cylinders"]) {
    const std::string id = c.get<std::string>();
    LEU_GET(item, j.item(id));
    if (!item || !item->on_hand())
      return fail(ErrorCode::kConflict, "request", "cannot ship: cylinder '" + id + "' is not on hand");
    if (in.date < item->last_date)
      return invalid("date", in.date.text() + " is before the last event of cylinder '" + id + "' (" +
                                 item->last_date.text() + ")");
    LEU_RETURN_IF_ERROR(check_period_open(j, item->mba, in.date, "date"));
    const Mba* mba = fac.find_mba(item->mba);
    const Kmp* kmp = mba ? mba->find_kmp(KmpKind::kShipment) : nullptr;
    // The same event as Operations::ship, so the books, the change lines and the ICR see the shipment.
    events.push_back(NewEvent{event_type::kCylinderShipped,
                              {{"date", in.date.text()},
                               {"code", code},
                               {"mba", item->mba},
                               {"kmp", kmp ? kmp->code : ""},
                               {"item", item->id},
                               {"to", to},
                               {"net_uf6_mg", item->net_uf6.mg()},
                               {"uranium_mg", item->uranium.mg()},
                               {"u235_mg", item->u235.mg()}}});
    net += item->net_uf6, u += item->uranium, u235 += item->u235;
    ids.push_back(id);
  }
  Json payload = step_payload(in.request, in.date);
  payload["to"] = to;
  payload["code"] = code;
  payload["cylinders"] = ids;
  payload["net_uf6_mg"] = net.mg();
  payload["uranium_mg"] = u.mg();
  payload["u235_mg"] = u235.mg();
  payload["note"] = in.note;
  events.push_back(NewEvent{ev::kShipped, std::move(payload)});
  return j.append(who.name, events);
}

Result<Head> confirm_receipt(Journal& j, const Principal& who, const ReceiptInput& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kConfirmReceipt, ev::kReceived, in.request, in.date));
  LEU_RETURN_IF_ERROR(validate_text(in.facility, "facility", 200));
  LEU_RETURN_IF_ERROR(validate_evidence(in.evidence, "evidence"));
  std::map<std::string, Json> shipped;
  for (const auto& c : doc["preparation"]["cylinders"]) shipped[c.value("item", "")] = c;
  std::set<std::string> seen;
  Json lines = Json::array();
  Mass ship_u, ship_u235, recv_u, recv_u235;
  for (const auto& r : in.cylinders) {
    const std::string f = "cylinder '" + r.cylinder + "'";
    if (!shipped.contains(r.cylinder)) return invalid("cylinders", f + " was not shipped under " + in.request);
    if (!seen.insert(r.cylinder).second) return invalid("cylinders", f + " is named twice");
    if (!r.net_uf6.is_positive() || !r.uranium.is_positive() || !r.u235.is_positive())
      return invalid("cylinders", f + ": measured values must be greater than zero");
    if (r.uranium > r.net_uf6 || r.u235 > r.uranium)
      return invalid("cylinders", f + ": U-235 must not exceed U, nor U the net UF6");
    const Json& s = shipped[r.cylinder];
    const Mass su = Mass::milligrams(s.value("uranium_mg", std::int64_t{0}));
    const Mass su235 = Mass::milligrams(s.value("u235_mg", std::int64_t{0}));
    ship_u += su, ship_u235 += su235, recv_u += r.uranium, recv_u235 += r.u235;
    // Shipper/receiver difference: shipper's stated quantity minus the receiver's measurement (leu-bank.md §12).
    lines.push_back({{"item", r.cylinder},
                     {"receiver_net_uf6_mg", r.net_uf6.mg()},
                     {"receiver_uranium_mg", r.uranium.mg()},
                     {"receiver_u235_mg", r.u235.mg()},
                     {"shipper_uranium_mg", su.mg()},
                     {"shipper_u235_mg", su235.mg()},
                     {"srd_uranium_mg", (su - r.uranium).mg()},
                     {"srd_u235_mg", (su235 - r.u235).mg()}});
  }
  for (const auto& [id, s] : shipped)
    if (!seen.contains(id)) return invalid("cylinders", "shipped cylinder '" + id + "' has no receipt measurement");
  Json payload = step_payload(in.request, in.date);
  payload["facility"] = in.facility;
  payload["cylinders"] = lines;
  payload["srd_uranium_mg"] = (ship_u - recv_u).mg();
  payload["srd_u235_mg"] = (ship_u235 - recv_u235).mg();
  payload.update(to_json(in.evidence));
  return j.append(who.name, {NewEvent{ev::kReceived, std::move(payload)}});
}

Result<RestockOrdered> order_restock(Journal& j, const Principal& who, const RestockOrderInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kRestock));
  LEU_GET(doc, load_request(j, who, in.request));
  const std::string status = doc.value("status", "");
  if (status != st::kShipped && status != st::kReceived)
    return fail(ErrorCode::kConflict, "request",
                "request " + in.request + " is " + status +
                    "; restocking needs status shipped or received (allowed: " + roles_text(Operation::kRestock) + ")");
  LEU_RETURN_IF_ERROR(validate_not_future(in.date, today_of(j), "date"));
  const std::string last = doc["history"].back().value("date", "");
  if (in.date.text() < last)
    return invalid("date", in.date.text() + " is before the request's last step (" + last + ")");
  LEU_RETURN_IF_ERROR(validate_text(in.supplier, "supplier", 200));
  LEU_RETURN_IF_ERROR(validate_text(in.reference, "reference", 100));
  LEU_GET(fac, facility_of(j));
  if (in.cylinders <= 0 || (fac.max_full_cylinders > 0 && in.cylinders > fac.max_full_cylinders))
    return invalid("cylinders",
                   "must lie between 1 and the facility's limit of " + std::to_string(fac.max_full_cylinders));
  const std::string currency = doc["agreement"]["price"].value("currency", "");
  if (in.currency != currency)
    return invalid("currency", "the restocking money was paid in " + currency + ", not " + in.currency);
  if (in.amount_cents <= 0) return invalid("amount_cents", "must be greater than zero");
  std::int64_t committed = 0;
  for (const auto& o : doc["restock_orders"]) {
    LEU_GET(order, j.document(kRestockKind, o.get<std::string>()));
    if (order) committed += order->value("amount_cents", std::int64_t{0});
  }
  const std::int64_t available = doc.value("paid_cents", std::int64_t{0}) - committed;
  if (in.amount_cents > available)
    return invalid("amount_cents", money_text(in.amount_cents, currency) + " exceeds the " +
                                       money_text(available, currency) + " of restocking money not yet committed");
  LEU_GET(all, j.documents(kRestockKind));
  const std::string id = numbered("RST", all.size() + 1);
  LEU_GET(head, j.append(who.name, {NewEvent{ev::kRestockOrdered,
                                             {{"order", id},
                                              {"request", in.request},
                                              {"date", in.date.text()},
                                              {"supplier", in.supplier},
                                              {"cylinders", in.cylinders},
                                              {"amount_cents", in.amount_cents},
                                              {"currency", in.currency},
                                              {"reference", in.reference}}}}));
  return RestockOrdered{id, head};
}

Result<Json> get_restock_order(Journal& j, const Principal& who, const std::string& id) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kReadRequests));
  LEU_GET(order, j.document(kRestockKind, id));
  if (!order) return not_found("order", "restock order", id);
  auto req = load_request(j, who, order->value("request", ""));
  if (!req) return not_found("order", "restock order", id);
  return std::move(*order);
}

Result<Head> record_restock_delivery(Journal& j, const Principal& who, const RestockDeliveryInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kRestock));
  LEU_GET(order, get_restock_order(j, who, in.order));
  const std::string status = order.value("status", "");
  if (status != "ordered" && status != "delivered")
    return fail(ErrorCode::kConflict, "order", "restock order " + in.order + " is " + status);
  LEU_RETURN_IF_ERROR(validate_not_future(in.date, today_of(j), "date"));
  if (in.cylinders.empty()) return invalid("cylinders", "no cylinders delivered");
  std::set<std::string> taken;
  LEU_GET(orders, j.documents(kRestockKind));
  std::int64_t delivered_before = 0;
  for (const auto& o : orders)
    for (const auto& d : o["deliveries"])
      for (const auto& i : d["items"]) {
        taken.insert(i.get<std::string>());
        if (o.value("id", "") == in.order) ++delivered_before;
      }
  std::set<std::string> seen;
  const Date ordered_on = Date::parse(order.value("date", ""), "date").value_or(Date());
  for (const auto& id : in.cylinders) {
    if (!seen.insert(id).second) return invalid("cylinders", "cylinder '" + id + "' is named twice");
    LEU_GET(item, j.item(id));
    if (!item) return invalid("cylinders", "cylinder '" + id + "' is not in the books; receive it first");
    if (!item->on_hand()) return fail(ErrorCode::kConflict, "cylinders", "cylinder '" + id + "' is not on hand");
    if (item->received_on < ordered_on)
      return invalid("cylinders", "cylinder '" + id + "' was received on " + item->received_on.text() +
                                      ", before the order of " + ordered_on.text());
    if (in.date < item->received_on)
      return invalid(
          "date", in.date.text() + " is before cylinder '" + id + "' was received (" + item->received_on.text() + ")");
    if (taken.contains(id))
      return fail(ErrorCode::kConflict, "cylinders", "cylinder '" + id + "' is booked to a restock delivery already");
  }
  if (delivered_before + static_cast<std::int64_t>(in.cylinders.size()) > order.value("cylinders", std::int64_t{0}))
    return invalid("cylinders", "more cylinders than the " + std::to_string(order.value("cylinders", 0)) + " ordered");
  LEU_GET(reserve, reserve_of(j));
  LEU_GET(fac, facility_of(j));
  return j.append(who.name, {NewEvent{ev::kRestockDelivered,
                                      {{"order", in.order},
                                       {"date", in.date.text()},
                                       {"items", in.cylinders},
                                       {"reserve_cylinders", reserve.on_hand.size()},
                                       {"reserve_limit", fac.max_full_cylinders}}}});
}

Result<Head> accept_restock(Journal& j, const Principal& who, const RestockAcceptInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kRestock));
  LEU_GET(order, get_restock_order(j, who, in.order));
  if (order.value("status", "") != "delivered")
    return fail(ErrorCode::kConflict, "order",
                "restock order " + in.order + " is " + order.value("status", "") + "; acceptance needs a delivery");
  LEU_RETURN_IF_ERROR(validate_not_future(in.date, today_of(j), "date"));
  LEU_RETURN_IF_ERROR(validate_text(in.note, "note", 1000));
  return j.append(who.name,
                  {NewEvent{ev::kRestockAccepted, {{"order", in.order}, {"date", in.date.text()}, {"note", in.note}}}});
}

Result<Head> close_request(Journal& j, const Principal& who, const RequestStep& in) {
  LEU_GET(doc, begin_step(j, who, Operation::kCloseRequest, ev::kClosed, in.request, in.date));
  if (doc["restock_orders"].empty())
    return fail(ErrorCode::kConflict, "request",
                "request " + in.request + " has no restock order; order the restocking before closing");
  for (const auto& o : doc["restock_orders"]) {
    LEU_GET(order, j.document(kRestockKind, o.get<std::string>()));
    if (order && in.date.text() < order->value("date", ""))
      return invalid("date", in.date.text() + " is before restock order " + o.get<std::string>() + " (" +
                                 order->value("date", "") + ")");
  }
  Json payload = step_payload(in.request, in.date);
  payload["note"] = in.note;
  return j.append(who.name, {NewEvent{ev::kClosed, std::move(payload)}});
}

Result<std::vector<Json>> list_requests(Journal& j, const Principal& who, const RequestFilter& filter) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kReadRequests));
  LEU_GET(all, j.documents(kRequestKind));
  std::vector<Json> out;
  for (auto& r : all) {
    const std::string state = r.value("state", "");
    if (!visible_to(who, state)) continue;
    if (!filter.state.empty() && state != filter.state) continue;
    if (!filter.status.empty() && r.value("status", "") != filter.status) continue;
    out.push_back(std::move(r));
  }
  std::ranges::sort(out, [](const Json& a, const Json& b) { return a.value("id", "") < b.value("id", ""); });
  return out;
}

Result<Json> get_request(Journal& j, const Principal& who, const std::string& id) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kReadRequests));
  return load_request(j, who, id);
}

Result<std::vector<Json>> list_board_notices(Journal& j, const Principal& who, const std::string& request) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kReadRequests));
  if (!request.empty()) LEU_RETURN_IF_ERROR(load_request(j, who, request));
  LEU_GET(all, j.documents(kBoardNoticeKind));
  std::vector<Json> out;
  for (auto& n : all) {
    if (!visible_to(who, n.value("state", ""))) continue;
    if (!request.empty() && n.value("request", "") != request) continue;
    out.push_back(std::move(n));
  }
  std::ranges::sort(out, [](const Json& a, const Json& b) { return a.value("last_seq", 0) < b.value("last_seq", 0); });
  return out;
}

Result<ReserveStatus> reserve_status(Journal& j, const Principal& who) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kReadRequests));
  LEU_GET(reserve, reserve_of(j));
  LEU_GET(fac, facility_of(j));
  ReserveStatus r;
  r.on_hand = static_cast<std::int64_t>(reserve.on_hand.size());
  r.allocated = static_cast<std::int64_t>(reserve.allocated.size());
  r.free = r.on_hand - r.allocated;
  r.limit = fac.max_full_cylinders;
  for (const auto& i : reserve.on_hand)
    if (!reserve.allocated.contains(i.id)) r.uranium += i.uranium, r.u235 += i.u235;
  r.significant_quantities =
      significant_quantities(UraniumCategory::kEnriched, EnrichmentClass::kLow, r.uranium, r.u235);
  return r;
}

}  // namespace leu::bank
