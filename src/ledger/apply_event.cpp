// The event fold: how each event type changes the projections.
#include <algorithm>

#include "domain/inventory_change_codes.hpp"
#include "ledger/checkpoint_events.hpp"
#include "ledger/codec.hpp"
#include "ledger/credential_events.hpp"
#include "ledger/event_types.hpp"
#include "ledger/projections.hpp"
#include "ledger/report_events.hpp"
#include "ledger/supply_events.hpp"
#include "ledger/version_members.hpp"

namespace leu {
namespace {

std::unexpected<Error> contradiction(const StoredEvent& e, const std::string& why) {
  return fail(ErrorCode::kIntegrity, "event " + std::to_string(e.seq), why);
}

Result<std::vector<Role>> roles_of(const Json& payload) {
  std::vector<Role> roles;
  if (!payload.contains("roles") || !payload["roles"].is_array())
    return fail(ErrorCode::kIntegrity, "roles", "missing or not an array");
  for (const auto& r : payload["roles"]) {
    auto role = r.is_string() ? parse_role(r.get<std::string>()) : std::unexpected(Error{});
    if (!role) return fail(ErrorCode::kIntegrity, "roles", "holds an unknown role");
    roles.push_back(*role);
  }
  return roles;
}

// Adds (sign +1) or removes (sign -1) quantities from the MBA's balance.
Result<void> book(Projections& p, const StoredEvent& e, const std::string& mba, UraniumCategory category, Mass uranium,
                  Mass u235, int item_delta) {
  LEU_GET(current, p.balance(mba, category));
  Balance b = current.value_or(Balance{mba, category});
  b.uranium += uranium;
  b.u235 += u235;
  b.items += item_delta;
  b.last_seq = e.seq;
  if (b.uranium < Mass() || b.u235 < Mass() || b.items < 0)
    return contradiction(e, "the balance of " + b.key() + " would become negative");
  p.put(b);
  return {};
}

Result<Item> item_on_hand(Projections& p, const StoredEvent& e, const Json& payload) {
  LEU_GET(id, get_string(payload, "item"));
  LEU_GET(item, p.item(id));
  if (!item) return contradiction(e, "item '" + id + "' is not in the books");
  if (!item->on_hand()) return contradiction(e, "item '" + id + "' is not on hand");
  return std::move(*item);
}

Result<void> received(const StoredEvent& e, const Json& payload, Projections& p) {
  if (!payload.contains("item")) return contradiction(e, "no item in the receipt");
  LEU_GET(item, decode_item(payload["item"]));
  LEU_GET(date, get_date(payload, "date"));
  LEU_GET(existing, p.item(item.id));
  if (existing) return contradiction(e, "item '" + item.id + "' was received before");
  item.last_seq = e.seq;
  item.last_date = date;
  LEU_GET(code, get_string(payload, "code"));
  LEU_GET(kmp, get_string(payload, "kmp"));
  const std::string category(category_name(item.category()));
  p.add_line(ChangeLine{e.seq, 0, item.mba, date.text(), code, category, item.batch, kmp, item.shipper,
                        item.uranium.mg(), item.u235.mg(), 1});
  // Booked at the shipper's values (receipt_basis shipper): the batch's DI line (shipper - receiver) takes the
  // difference off the book, so the book and the item carry the receiver's values from the receipt on.
  if (item.receiver_uranium && item.receiver_u235) {
    const Mass du = item.uranium - *item.receiver_uranium, du235 = item.u235 - *item.receiver_u235;
    if (du != Mass() || du235 != Mass())
      p.add_line(ChangeLine{e.seq, 1, item.mba, date.text(), std::string(kShipperReceiverDifferenceCode), category,
                            item.batch, kmp, item.shipper, -du.mg(), -du235.mg(), 0});
    item.uranium = *item.receiver_uranium, item.u235 = *item.receiver_u235;
  }
  p.put(item);
  return book(p, e, item.mba, item.category(), item.uranium, item.u235, +1);
}

Result<void> measured(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(item, item_on_hand(p, e, payload));
  LEU_GET(date, get_date(payload, "date"));
  LEU_GET(kind, get_string(payload, "kind"));
  LEU_GET(method, get_string(payload, "method"));
  // Format version 2 names the calibration period of every measurement; version 1 had none.
  LEU_GET(calibration, get_calibration(payload));
  if ((e.version >= 2) != !calibration.empty())
    return contradiction(e, e.version >= 2 ? "a format version 2 measurement names no calibration period"
                                           : "a format version 1 measurement names a calibration period");
  if (kind == "weighing") {
    LEU_GET(gross, get_mass(payload, "gross_mg"));
    LEU_GET(tare, get_mass(payload, "tare_mg"));
    item.last_weighing = Weighing{date, gross, tare, method, calibration};
  } else if (kind == "enrichment") {
    LEU_GET(u235, get_int(payload, "u235_ppb"));
    item.last_enrichment = EnrichmentMeasurement{date, Fraction::from_parts(u235), method, calibration};
  } else {
    return contradiction(e, "unknown measurement kind '" + kind + "'");
  }
  item.last_date = date;
  item.last_seq = e.seq;
  p.put(item);
  return {};
}

Result<void> moved(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(item, item_on_hand(p, e, payload));
  LEU_GET(date, get_date(payload, "date"));
  LEU_GET(to, get_string(payload, "to"));
  item.position = to;
  item.last_date = date;
  item.last_seq = e.seq;
  p.put(item);
  return {};
}

Result<void> seal_event(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(item, item_on_hand(p, e, payload));
  LEU_GET(date, get_date(payload, "date"));
  LEU_GET(seal_id, get_string(payload, "seal"));
  LEU_GET(existing, p.seal(seal_id));
  SealRecord seal;
  if (e.type == event_type::kSealApplied) {
    if (existing && existing->applied) return contradiction(e, "seal '" + seal_id + "' is already applied");
    LEU_GET(type, get_string(payload, "seal_type"));
    seal = SealRecord{seal_id, item.id, type, true, date, e.actor};
    item.seals.push_back(seal_id);
  } else {
    if (!existing || !existing->applied || existing->item != item.id)
      return contradiction(e, "seal '" + seal_id + "' is not applied to item '" + item.id + "'");
    seal = *existing;
    if (e.type == event_type::kSealVerified) {
      LEU_GET(intact, get_bool(payload, "intact"));
      seal.last_verified_on = date;
      seal.intact = intact;
    } else {
      LEU_GET(reason, get_string(payload, "reason"));
      seal.applied = false;
      seal.removed_on = date;
      seal.removal_reason = reason;
      std::erase(item.seals, seal_id);
    }
  }
  seal.last_seq = e.seq;
  item.last_date = date;
  item.last_seq = e.seq;
  p.put(seal);
  p.put(item);
  return {};
}

Result<void> shipped(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(item, item_on_hand(p, e, payload));
  LEU_GET(date, get_date(payload, "date"));
  LEU_GET(to, get_string(payload, "to"));
  LEU_GET(u, get_mass(payload, "uranium_mg"));
  LEU_GET(u235, get_mass(payload, "u235_mg"));
  if (u != item.uranium || u235 != item.u235)
    return contradiction(e, "the shipped quantities differ from the book of item '" + item.id + "'");
  item.status = ItemStatus::kShipped;
  item.shipped_to = to;
  item.last_date = date;
  item.last_seq = e.seq;
  LEU_GET(code, get_string(payload, "code"));
  LEU_GET(kmp, get_string(payload, "kmp"));
  p.add_line(ChangeLine{e.seq, 0, item.mba, date.text(), code, std::string(category_name(item.category())), item.batch,
                        kmp, to, -u.mg(), -u235.mg(), -1});
  p.put(item);
  return book(p, e, item.mba, item.category(), -u, -u235, -1);
}

Result<void> loss_or_gain(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(item, item_on_hand(p, e, payload));
  LEU_GET(date, get_date(payload, "date"));
  LEU_GET(uf6, get_mass(payload, "uf6_mg"));
  LEU_GET(u, get_mass(payload, "uranium_mg"));
  LEU_GET(u235, get_mass(payload, "u235_mg"));
  const int sign = e.type == event_type::kMaterialLost ? -1 : +1;
  const Mass du = sign > 0 ? u : -u, du235 = sign > 0 ? u235 : -u235, duf6 = sign > 0 ? uf6 : -uf6;
  item.net_uf6 += duf6;
  item.gross += duf6;
  item.uranium += du;
  item.u235 += du235;
  if (item.uranium < Mass() || item.u235 < Mass() || item.net_uf6 < Mass())
    return contradiction(e, "item '" + item.id + "' would hold a negative quantity");
  int item_delta = 0;
  if (item.net_uf6 == Mass()) {  // emptied: every milligram of UF6 is gone
    item.status = ItemStatus::kLost;
    item_delta = -1;
  }
  item.last_date = date;
  item.last_seq = e.seq;
  LEU_GET(code, get_string(payload, "code"));
  p.add_line(ChangeLine{e.seq, 0, item.mba, date.text(), code, std::string(category_name(item.category())), item.batch,
                        "", "", du.mg(), du235.mg(), item_delta});
  p.put(item);
  return book(p, e, item.mba, item.category(), du, du235, item_delta);
}

Result<void> user_event(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(name, get_string(payload, "user"));
  LEU_GET(existing, p.user(name));
  if (e.type == event_type::kUserAdded) {
    if (existing) return contradiction(e, "user '" + name + "' already exists");
    LEU_GET(roles, roles_of(payload));
    std::string state;
    if (payload.contains("state")) {
      LEU_GET(s, get_string(payload, "state"));
      state = s;
    }
    p.put(UserRecord{name, roles, true, state, e.seq});
    return {};
  }
  if (!existing) return contradiction(e, "user '" + name + "' does not exist");
  UserRecord u = *existing;
  if (e.type == event_type::kUserRolesSet) {
    LEU_GET(roles, roles_of(payload));
    u.roles = roles;
  } else {
    u.active = false;
  }
  u.last_seq = e.seq;
  p.put(u);
  return {};
}

Result<void> inventory_taken(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(mba, get_string(payload, "mba"));
  LEU_GET(date, get_date(payload, "date"));
  const std::string key = mba + "/" + date.text();
  LEU_GET(existing, p.document(kPitKind, key));
  if (existing) return contradiction(e, "a physical inventory of " + mba + " on " + date.text() + " exists already");
  if (!payload.contains("found") || !payload["found"].is_array()) return contradiction(e, "no list of items found");
  for (const auto& f : payload["found"]) {
    LEU_GET(id, get_string(f, "item"));
    LEU_GET(item, p.item(id));
    if (!item) return contradiction(e, "item '" + id + "' listed as found is not in the books");
    // Format version 2: a re-weighing (net_uf6_mg) names its method and calibration period, like cylinder.measured;
    // version 1 named neither. The item's last_weighing is not changed by a taking.
    const bool reweighed = f.contains("net_uf6_mg") && !f["net_uf6_mg"].is_null();
    if (reweighed) LEU_RETURN_IF_ERROR(get_mass(f, "net_uf6_mg"));
    LEU_GET(calibration, get_calibration(f));
    const bool has_method = f.contains("method");
    if (has_method) LEU_RETURN_IF_ERROR(get_string(f, "method"));
    if (e.version < 2 && (has_method || !calibration.empty()))
      return contradiction(e, "format version 1 found item '" + id + "' names a method or calibration period");
    if (e.version >= 2 && reweighed && (!has_method || calibration.empty()))
      return contradiction(e, "format version 2 re-weighing of '" + id + "' names no method or calibration period");
    if (!reweighed && (has_method || !calibration.empty()))
      return contradiction(e, "found item '" + id + "' names a method or calibration period but was not re-weighed");
  }
  Json doc = payload;
  doc["taken_by"] = e.actor;
  doc["last_seq"] = e.seq;
  p.put_document(kPitKind, key, std::move(doc));
  return {};
}

Result<void> period_event(const StoredEvent& e, const Json& payload, Projections& p) {
  LEU_GET(mba, get_string(payload, "mba"));
  LEU_GET(to, get_date(payload, "to"));
  const std::string key = mba + "/" + to.text();
  LEU_GET(existing, p.document(kPeriodKind, key));
  if (e.type == event_type::kPeriodClosed) {
    if (existing) return contradiction(e, "the period of " + mba + " ending " + to.text() + " is closed already");
    LEU_GET(pit, p.document(kPitKind, key));
    if (!pit) return contradiction(e, "no physical inventory of " + mba + " on " + to.text());
    Json doc = payload;
    doc["status"] = "closed";
    doc["closed_by"] = e.actor;
    doc["explanations"] = Json::object();
    doc["signed_by"] = "";
    doc["last_seq"] = e.seq;
    p.put_document(kPeriodKind, key, std::move(doc));
    return {};
  }
  if (!existing) return contradiction(e, "no closed period of " + mba + " ending " + to.text());
  Json doc = std::move(*existing);
  if (doc.value("status", "") != "closed") return contradiction(e, "the period is signed off already");
  if (e.type == event_type::kAnomalyExplained) {
    LEU_GET(anomaly, get_string(payload, "anomaly"));
    LEU_GET(text, get_string(payload, "explanation"));
    bool known = false;
    for (const auto& a : doc["anomalies"]) known |= a.value("id", "") == anomaly;
    if (!known) return contradiction(e, "the period has no anomaly '" + anomaly + "'");
    doc["explanations"][anomaly] = {{"text", text}, {"by", e.actor}};
  } else {
    for (const auto& a : doc["anomalies"])
      if (!doc["explanations"].contains(a.value("id", "")))
        return contradiction(e, "anomaly '" + a.value("id", "") + "' is not explained");
    doc["status"] = "signed";
    doc["signed_by"] = e.actor;
  }
  doc["last_seq"] = e.seq;
  p.put_document(kPeriodKind, key, std::move(doc));
  return {};
}

}  // namespace

Result<void> apply_event(const StoredEvent& e, const Json& payload, Projections& p) {
  namespace t = event_type;
  const std::string& type = e.type;
  LEU_RETURN_IF_ERROR(check_version_members(e, payload));  // version 1 events carry no version 2 member
  if (type == t::kJournalOpened) {
    if (e.seq != 1) return contradiction(e, "journal.opened may only be the first event");
    if (!payload.contains("facility")) return contradiction(e, "no facility in journal.opened");
    LEU_GET(f, decode_facility(payload["facility"]));
    p.put(f);
    return {};
  }
  if (e.seq == 1) return contradiction(e, "the first event must be journal.opened");
  if (type == t::kCylinderReceived) return received(e, payload, p);
  if (type == t::kCylinderMeasured) return measured(e, payload, p);
  if (type == t::kCylinderMoved) return moved(e, payload, p);
  if (type == t::kSealApplied || type == t::kSealVerified || type == t::kSealRemoved) return seal_event(e, payload, p);
  if (type == t::kCylinderShipped) return shipped(e, payload, p);
  if (type == t::kMaterialLost || type == t::kMaterialGained) return loss_or_gain(e, payload, p);
  if (type == t::kUserAdded || type == t::kUserRolesSet || type == t::kUserDisabled) return user_event(e, payload, p);
  if (type == t::kInventoryTaken) return inventory_taken(e, payload, p);
  if (type == t::kPeriodClosed || type == t::kAnomalyExplained || type == t::kPeriodSigned)
    return period_event(e, payload, p);
  if (is_credential_event(type)) return apply_credential_event(e, payload, p);
  if (is_checkpoint_event(type)) return apply_checkpoint_event(e, payload, p);  // signing key, checkpoints
  if (is_supply_event(type)) return apply_supply_event(e, payload, p);          // src/ledger/apply_supply_event.cpp
  if (is_report_event(type)) return apply_report_event(e, payload, p);          // src/ledger/apply_report_event.cpp
  return contradiction(e, "unknown event type '" + type + "'");
}

}  // namespace leu
