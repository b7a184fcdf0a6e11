// The event fold of the supply of last resort: Member State records, requests,
// allocations, Board notices and restock orders (docs/formats/journal.md §4-5).
#include <cstdio>
#include <string>

#include "ledger/codec.hpp"
#include "ledger/supply_events.hpp"

namespace leu {
namespace {

namespace ev = supply_event;
namespace st = request_status;

// The state machine (docs/supply.md). `to` "" keeps the status or lets the payload decide.
constexpr std::array<Transition, 19> kTransitions = {{
    {ev::kFiled, "file a request", {}, st::kFiled, true},
    {ev::kAttested, "attest a criterion", {st::kFiled, st::kUnderAssessment}, "", false},
    {ev::kAssessmentStarted, "start the assessment", {st::kFiled}, st::kUnderAssessment, true},
    {ev::kAssessed, "assess the five criteria", {st::kUnderAssessment}, "", true},
    {ev::kDeterminationProposed, "propose a determination", {st::kUnderAssessment}, "", false},
    {ev::kDeterminationDeclined, "decline a proposed determination", {st::kUnderAssessment}, "", false},
    {ev::kDeterminationConfirmed, "confirm the determination", {st::kUnderAssessment}, "", true},
    {ev::kAgreementConcluded, "conclude the supply agreement", {st::kApproved}, st::kAgreementConcluded, true},
    {ev::kPaymentRecorded, "record a payment", {st::kAgreementConcluded}, "", false},
    {ev::kAllocated, "allocate cylinders", {st::kPaid}, st::kAllocated, true},
    {ev::kCriteriaRechecked,
     "recheck criteria 3-5",
     {st::kApproved, st::kAgreementConcluded, st::kPaid, st::kAllocated, st::kPrepared},
     "",
     false},
    {ev::kPrepared, "prepare the shipment", {st::kAllocated}, st::kPrepared, true},
    {ev::kReleaseProposed, "propose release for shipment", {st::kPrepared}, "", false},
    {ev::kReleaseConfirmed, "confirm release for shipment", {st::kPrepared}, st::kReleased, true},
    {ev::kShipped, "ship", {st::kReleased}, st::kShipped, true},
    {ev::kReceived, "confirm receipt", {st::kShipped}, st::kReceived, true},
    {ev::kClosed, "close the request", {st::kReceived}, st::kClosed, true},
    {ev::kWithdrawn, "withdraw the request", {st::kFiled, st::kUnderAssessment, st::kApproved}, st::kWithdrawn, true},
    {ev::kCancelled,
     "cancel the request",
     {st::kFiled, st::kUnderAssessment, st::kApproved, st::kAgreementConcluded, st::kPaid, st::kAllocated,
      st::kPrepared, st::kReleased},
     st::kCancelled,
     true},
}};

std::unexpected<Error> contradiction(const StoredEvent& e, const std::string& why) {
  return fail(ErrorCode::kIntegrity, "event " + std::to_string(e.seq), why);
}

// The payload without the members that name the record, plus who and when.
Json entry_of(const StoredEvent& e, const Json& payload) {
  Json entry = payload;
  entry.erase("request");
  entry.erase("state");
  entry.erase("order");
  entry["by"] = e.actor;
  entry["seq"] = e.seq;
  return entry;
}

std::string seq_key(std::int64_t seq) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%08lld", static_cast<long long>(seq));
  return buf;
}

Result<void> state_event(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(code, get_string(payload, "state"));
  LEU_GET(date, get_date(payload, "date"));
  LEU_GET(existing, p.document(kMemberStateKind, code));
  if (e.type == ev::kStateRegistered) {
    if (existing) return contradiction(e, "Member State '" + code + "' is registered already");
    LEU_GET(name, get_string(payload, "name"));
    Json doc = {{"code", code},
                {"name", name},
                {"registered_on", date.text()},
                {"registered_by", e.actor},
                {"facts",
                 {{"membership", Json::array()},
                  {"csa", Json::array()},
                  {"sir", Json::array()},
                  {"board_issues", Json::array()}}},
                {"last_seq", e.seq}};
    p.put_document(kMemberStateKind, code, std::move(doc));
    return {};
  }
  if (!existing) return contradiction(e, "Member State '" + code + "' is not registered");
  LEU_GET(fact, get_string(payload, "fact"));
  Json doc = std::move(*existing);
  if (!doc["facts"].contains(fact)) return contradiction(e, "unknown Member State fact '" + fact + "'");
  Json entry = entry_of(e, payload);
  entry.erase("fact");
  doc["facts"][fact].push_back(std::move(entry));
  doc["last_seq"] = e.seq;
  p.put_document(kMemberStateKind, code, std::move(doc));
  return {};
}

Result<void> set_allocations_inactive(const StoredEvent& e, const Json& doc, Projections& p) {
  if (!doc.contains("allocation") || doc["allocation"].is_null()) return {};
  for (const auto& c : doc["allocation"]["cylinders"]) {
    const std::string id = c.get<std::string>();
    LEU_GET(a, p.document(kAllocationKind, id));
    if (!a) return contradiction(e, "no allocation row for cylinder '" + id + "'");
    Json row = std::move(*a);
    row["active"] = false;
    row["last_seq"] = e.seq;
    p.put_document(kAllocationKind, id, std::move(row));
  }
  return {};
}

Result<void> request_event(const StoredEvent& e, const Json& payload, Projections& p) {
  const Transition* t = find_transition(e.type);
  LEU_GET(id, get_string(payload, "request"));
  LEU_GET(date, get_date(payload, "date"));
  LEU_GET(existing, p.document(kRequestKind, id));
  Json doc;
  if (e.type == ev::kFiled) {
    if (existing) return contradiction(e, "request '" + id + "' exists already");
    LEU_GET(state, get_string(payload, "state"));
    LEU_GET(state_doc, p.document(kMemberStateKind, state));
    if (!state_doc) return contradiction(e, "Member State '" + state + "' is not registered");
    doc = entry_of(e, payload);
    doc.erase("by");
    doc.erase("seq");
    doc["id"] = id;
    doc["state"] = state;
    doc["filed_by"] = e.actor;
    doc["attestations"] = Json::array();
    doc["payments"] = Json::array();
    doc["paid_cents"] = 0;
    doc["rechecks"] = Json::array();
    doc["restock_orders"] = Json::array();
    doc["history"] = Json::array();
    for (const char* section : {"assessment", "proposal", "determination", "agreement", "allocation", "preparation",
                                "release_proposal", "release", "shipment", "receipt", "ending"})
      doc[section] = nullptr;
  } else {
    if (!existing) return contradiction(e, "request '" + id + "' does not exist");
    doc = std::move(*existing);
    const std::string status = doc.value("status", "");
    if (!t->allows(status))
      return contradiction(e, "request '" + id + "' is " + status + "; '" + t->action + "' needs " + t->from_text());
  }
  std::string to = t->to;
  Json entry = entry_of(e, payload);
  const std::string type = e.type;
  if (type == ev::kAttested) {
    doc["attestations"].push_back(entry);
  } else if (type == ev::kAssessed) {
    doc["assessment"] = entry;
  } else if (type == ev::kDeterminationProposed || type == ev::kReleaseProposed) {
    const char* slot = type == ev::kDeterminationProposed ? "proposal" : "release_proposal";
    if (!doc[slot].is_null()) return contradiction(e, "request '" + id + "' has a pending proposal already");
    doc[slot] = entry;
  } else if (type == ev::kDeterminationDeclined) {
    if (doc["proposal"].is_null()) return contradiction(e, "request '" + id + "' has no pending proposal");
    doc["proposal"] = nullptr;
  } else if (type == ev::kDeterminationConfirmed || type == ev::kReleaseConfirmed) {
    const bool determination = type == ev::kDeterminationConfirmed;
    const char* slot = determination ? "proposal" : "release_proposal";
    if (doc[slot].is_null()) return contradiction(e, "request '" + id + "' has no pending proposal");
    Json proposal = doc[slot];
    if (proposal.value("by", "") == e.actor)
      return contradiction(e, "the proposer '" + e.actor + "' cannot also confirm (two-person rule)");
    entry["proposed_by"] = proposal["by"];
    entry["proposed_on"] = proposal["date"];
    if (determination) {
      entry["decision"] = proposal["decision"];
      entry["reasons"] = proposal["reasons"];
      to = proposal.value("decision", "") == "approve" ? st::kApproved : st::kRefused;
    }
    doc[slot] = nullptr;
    doc[determination ? "determination" : "release"] = entry;
  } else if (type == ev::kAgreementConcluded) {
    doc["agreement"] = entry;
  } else if (type == ev::kPaymentRecorded) {
    LEU_GET(amount, get_int(payload, "amount_cents"));
    const std::int64_t total = doc["agreement"]["price"].value("total_cents", std::int64_t{0});
    const std::int64_t paid = doc.value("paid_cents", std::int64_t{0}) + amount;
    if (amount <= 0 || paid > total) return contradiction(e, "the payment exceeds what is owed on '" + id + "'");
    doc["payments"].push_back(entry);
    doc["paid_cents"] = paid;
    if (paid == total) to = st::kPaid;
  } else if (type == ev::kAllocated) {
    if (!payload.contains("cylinders") || !payload["cylinders"].is_array() || payload["cylinders"].empty())
      return contradiction(e, "no cylinders in the allocation");
    for (const auto& c : payload["cylinders"]) {
      if (!c.is_string()) return contradiction(e, "a cylinder id is not a string");
      const std::string cid = c.get<std::string>();
      LEU_GET(item, p.item(cid));
      if (!item || !item->on_hand()) return contradiction(e, "cylinder '" + cid + "' is not on hand");
      LEU_GET(a, p.document(kAllocationKind, cid));
      if (a && a->value("active", false))
        return contradiction(e, "cylinder '" + cid + "' is allocated to " + a->value("request", "") + " already");
      p.put_document(kAllocationKind, cid,
                     {{"item", cid},
                      {"request", id},
                      {"active", true},
                      {"allocated_on", date.text()},
                      {"allocation_seq", e.seq},
                      {"last_seq", e.seq}});
    }
    doc["allocation"] = entry;
  } else if (type == ev::kCriteriaRechecked) {
    doc["rechecks"].push_back(entry);
  } else if (type == ev::kPrepared) {
    doc["preparation"] = entry;
  } else if (type == ev::kShipped) {
    for (const auto& c : doc["allocation"]["cylinders"]) {
      LEU_GET(item, p.item(c.get<std::string>()));
      if (!item || item->status != ItemStatus::kShipped)
        return contradiction(e, "allocated cylinder '" + c.get<std::string>() + "' was not shipped with the request");
    }
    doc["shipment"] = entry;
  } else if (type == ev::kReceived) {
    doc["receipt"] = entry;
  } else if (type == ev::kClosed) {
    if (doc["restock_orders"].empty()) return contradiction(e, "request '" + id + "' has no restock order");
    doc["closing"] = entry;
  } else if (type == ev::kWithdrawn || type == ev::kCancelled) {
    LEU_RETURN_IF_ERROR(set_allocations_inactive(e, doc, p));
    doc["ending"] = entry;
  }
  if (!to.empty()) doc["status"] = to;
  doc["history"].push_back(
      {{"event", type}, {"status", doc["status"]}, {"date", date.text()}, {"by", e.actor}, {"seq", e.seq}});
  doc["last_seq"] = e.seq;
  // Full payment is a milestone too; partial payments are not.
  if (t->milestone || (type == ev::kPaymentRecorded && to == st::kPaid)) {
    // The Board of Governors is kept informed at every milestone (leu-bank.md §2).
    p.put_document(kBoardNoticeKind, id + "/" + seq_key(e.seq),
                   {{"request", id},
                    {"state", doc["state"]},
                    {"milestone", type},
                    {"status", doc["status"]},
                    {"date", date.text()},
                    {"by", e.actor},
                    {"last_seq", e.seq}});
  }
  p.put_document(kRequestKind, id, std::move(doc));
  return {};
}

Result<void> restock_event(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(order, get_string(payload, "order"));
  LEU_RETURN_IF_ERROR(get_date(payload, "date"));  // every restock event is dated
  LEU_GET(existing, p.document(kRestockKind, order));
  Json doc;
  if (e.type == ev::kRestockOrdered) {
    if (existing) return contradiction(e, "restock order '" + order + "' exists already");
    LEU_GET(request, get_string(payload, "request"));
    LEU_GET(req, p.document(kRequestKind, request));
    if (!req) return contradiction(e, "request '" + request + "' does not exist");
    const std::string status = req->value("status", "");
    if (status != st::kShipped && status != st::kReceived)
      return contradiction(e, "request '" + request + "' is " + status + "; restocking needs shipped or received");
    Json r = std::move(*req);
    r["restock_orders"].push_back(order);
    r["last_seq"] = e.seq;
    p.put_document(kRequestKind, request, std::move(r));
    doc = entry_of(e, payload);
    doc.erase("by");
    doc.erase("seq");
    doc["id"] = order;
    doc["request"] = request;
    doc["status"] = "ordered";
    doc["ordered_by"] = e.actor;
    doc["deliveries"] = Json::array();
    doc["acceptance"] = nullptr;
  } else {
    if (!existing) return contradiction(e, "restock order '" + order + "' does not exist");
    doc = std::move(*existing);
    const std::string status = doc.value("status", "");
    if (e.type == ev::kRestockDelivered) {
      if (status != "ordered" && status != "delivered")
        return contradiction(e, "restock order '" + order + "' is " + status);
      if (!payload.contains("items") || !payload["items"].is_array())
        return contradiction(e, "no items in the delivery");
      for (const auto& i : payload["items"]) {
        LEU_GET(item, p.item(i.is_string() ? i.get<std::string>() : std::string()));
        if (!item) return contradiction(e, "delivered cylinder is not in the books");
      }
      doc["deliveries"].push_back(entry_of(e, payload));
      doc["status"] = "delivered";
    } else {
      if (status != "delivered") return contradiction(e, "restock order '" + order + "' is " + status);
      doc["acceptance"] = entry_of(e, payload);
      doc["status"] = "accepted";
    }
  }
  doc["last_seq"] = e.seq;
  p.put_document(kRestockKind, order, std::move(doc));
  return {};
}

}  // namespace

std::string Transition::from_text() const {
  std::string out;
  int n = 0;
  for (const char* s : from)
    if (s != nullptr) ++n;
  int i = 0;
  for (const char* s : from) {
    if (s == nullptr) continue;
    out += (i == 0 ? "" : (i == n - 1 ? " or " : ", ")) + std::string(s);
    ++i;
  }
  return n == 0 ? "no existing request" : "status " + out;
}

const Transition* find_transition(std::string_view event) {
  for (const Transition& t : kTransitions)
    if (event == t.event) return &t;
  return nullptr;
}

bool is_supply_event(std::string_view type) {
  return type.starts_with("state.") || type.starts_with("supply.") || type.starts_with("restock.");
}

Result<void> apply_supply_event(const StoredEvent& e, const Json& payload, Projections& p) {
  if (e.type == ev::kStateRegistered || e.type == ev::kStateFactRecorded) return state_event(e, payload, p);
  if (find_transition(e.type)) return request_event(e, payload, p);
  if (e.type == ev::kRestockOrdered || e.type == ev::kRestockDelivered || e.type == ev::kRestockAccepted)
    return restock_event(e, payload, p);
  return contradiction(e, "unknown event type '" + e.type + "'");
}

}  // namespace leu
