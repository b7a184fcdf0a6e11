#include "accountancy/operations.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "accountancy/methods_in_force.hpp"
#include "accountancy/period_guard.hpp"
#include "domain/cylinder_type.hpp"
#include "domain/uf6.hpp"
#include "ledger/codec.hpp"
#include "ledger/event_types.hpp"

namespace leu {
namespace {

bool is_country(const std::string& s) {
  return s.size() == 2 && std::ranges::all_of(s, [](char c) { return c >= 'A' && c <= 'Z'; });
}

// A shipper or receiver: an ISO 3166 alpha-2 country or a four-character MBA code.
Result<void> validate_partner(const std::string& partner, const std::string& field) {
  if (is_country(partner)) return {};
  if (partner.size() == 4 &&
      std::ranges::all_of(partner, [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }))
    return {};
  return invalid(field, "'" + partner +
                            "' is neither an ISO 3166 country code (two capitals) nor an MBA code "
                            "(four capitals or digits)");
}

Result<void> validate_text(const std::string& value, const std::string& field, std::size_t max) {
  if (value.empty()) return invalid(field, "is empty");
  if (value.size() > max) return invalid(field, "is longer than " + std::to_string(max) + " characters");
  if (std::ranges::any_of(value, [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return invalid(field, "holds a control character");
  return {};
}

Result<void> validate_date(Date date, Date today, const std::string& field) {
  if (date > today) return invalid(field, date.text() + " is in the future (today is " + today.text() + ", UTC)");
  return {};
}

// total * part / whole, rounded half away from zero, in exact integer arithmetic.
// REQUIRES: 0 <= part <= whole, whole > 0.
Mass proportional_share(Mass total, Mass part, Mass whole) {
  __extension__ typedef __int128 Int128;
  const Int128 num = static_cast<Int128>(total.mg()) * part.mg();
  return Mass::milligrams(static_cast<std::int64_t>((num + whole.mg() / 2) / whole.mg()));
}

}  // namespace

Result<void> validate_batch_name(const std::string& name, const std::string& field) {
  if (name.empty() || name.size() > 16) return invalid(field, "'" + name + "' must have 1 to 16 characters");
  for (char c : name) {
    if (c == ':' || c == '/' || c == ';' || c == '#')
      return invalid(field, "'" + name + "' holds '" + std::string(1, c) + "', forbidden in report labels");
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      return invalid(field, "'" + name + "' holds a space or control character");
  }
  return {};
}

Result<void> validate_calibration(const std::string& id, const std::string& field) {
  if (id.empty()) return invalid(field, "no calibration period named (e.g. \"LC-2019\")");
  if (id.size() > 32) return invalid(field, "'" + id + "' is longer than 32 characters");
  if (std::ranges::any_of(id, [](char c) { return c < 0x20 || c > 0x7e; }))
    return invalid(field, "'" + id + "' holds a character that is not printable ASCII");
  return {};
}

Result<Facility> Operations::facility() {
  LEU_GET(f, journal_.facility());
  if (!f) return fail(ErrorCode::kConflict, "db", "the journal has no facility; run 'leubank init' first");
  return *f;
}

Result<Item> Operations::item_for_event(const std::string& id, Date date, const char* date_field) {
  if (id.empty()) return invalid("cylinder", "no cylinder named");
  LEU_GET(item, journal_.item(id));
  if (!item) return fail(ErrorCode::kNotFound, "cylinder", "unknown cylinder '" + id + "'");
  if (!item->on_hand())
    return fail(ErrorCode::kConflict, "cylinder",
                "cylinder '" + id + "' is not on hand (" + std::string(item_status_name(item->status)) + ")");
  LEU_RETURN_IF_ERROR(validate_date(date, Date::of(journal_.clock().now()), date_field));
  if (date < item->last_date)
    return invalid(date_field, date.text() + " is before the cylinder's last event (" + item->last_date.text() +
                                   ", event " + std::to_string(item->last_seq) + ")");
  return *item;
}

Result<void> Operations::check_period_open(const std::string& mba, Date date, const std::string& field) {
  return leu::check_period_open(journal_, mba, date, field);
}

Result<Head> Operations::receive(const Principal& who, const std::vector<ReceiptLine>& lines) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kReceive));
  LEU_GET(fac, facility());
  if (lines.empty()) return invalid("listing", "no cylinders to receive");
  LEU_GET(methods, methods_in_force(journal_));
  const Date today = Date::of(journal_.clock().now());

  std::set<std::string> seen;
  std::vector<NewEvent> events;
  for (const ReceiptLine& l : lines) {
    const std::string at = "line " + std::to_string(l.line) + ", ";
    const auto bad = [&](const std::string& column, const std::string& why) {
      return invalid(at + "column '" + column + "'", why);
    };
    if (auto v = validate_batch_name(l.cylinder_id, at + "column 'cylinder_id'"); !v) return std::unexpected(v.error());
    const Mba* receiving = l.mba.empty() ? &fac.mbas.front() : fac.find_mba(l.mba);
    if (!receiving) return bad("mba", "unknown MBA '" + l.mba + "' (not in the facility definition)");
    const Mba& mba = *receiving;
    const Kmp* kmp = mba.find_kmp(KmpKind::kReceipt);
    if (!seen.insert(l.cylinder_id).second)
      return bad("cylinder_id", "duplicate cylinder id '" + l.cylinder_id + "' in the listing");
    LEU_GET(existing, journal_.item(l.cylinder_id));
    if (existing)
      return bad("cylinder_id", "duplicate cylinder id '" + l.cylinder_id + "': already in the books (" +
                                    std::string(item_status_name(existing->status)) + ")");
    if (auto v = validate_text(l.supplier, at + "column 'supplier'", 100); !v) return std::unexpected(v.error());
    if (auto v = validate_batch_name(l.shipper_batch, at + "column 'shipper_batch'"); !v)
      return std::unexpected(v.error());
    if (auto v = validate_partner(l.shipper, at + "column 'shipper'"); !v) return std::unexpected(v.error());
    if (!l.position.empty())
      if (auto v = validate_text(l.position, at + "column 'position'", 32); !v) return std::unexpected(v.error());

    const std::string type_name = l.cylinder_type.empty() ? fac.cylinder_type : l.cylinder_type;
    const CylinderType* type = find_cylinder_type(type_name);
    if (!type) return bad("cylinder_type", "unknown cylinder type '" + type_name + "'");
    if (!l.gross.is_positive()) return bad("gross_kg", "must be greater than zero");
    if (!l.tare.is_positive()) return bad("tare_kg", "must be greater than zero");
    if (l.tare >= l.gross)
      return bad("tare_kg", "tare " + l.tare.kg_text(3) + " kg is not below the gross " + l.gross.kg_text(3) + " kg");
    const Mass net = l.gross - l.tare;
    if (net > type->max_fill)
      return bad("gross_kg", "net UF6 " + net.kg_text(6) + " kg exceeds the " + std::string(type->name) +
                                 " fill limit of " + type->max_fill.kg_text(0) + " kg");
    const Fraction limit = std::min(fac.enrichment_limit, type->enrichment_limit);
    if (l.isotopics.u235() > limit)
      return bad("u235_wt_pct",
                 l.isotopics.u235().percent_text(4) + " % U-235 exceeds the limit of " + limit.percent_text(2) + " %");
    if (!l.declared_uranium.is_positive()) return bad("declared_u_kg", "must be greater than zero");
    if (!l.declared_u235.is_positive()) return bad("declared_u235_kg", "must be greater than zero");
    if (l.declared_u235 > l.declared_uranium)
      return bad("declared_u235_kg", "declared U-235 exceeds the declared uranium");
    if (l.received_on > today)
      return bad("received_on", l.received_on.text() + " is in the future (today is " + today.text() + ", UTC)");
    if (l.recertified_on > l.received_on) return bad("recertified_on", "is after the receipt date");
    if (l.filled_on) {
      if (*l.filled_on > l.received_on) return bad("filled_on", "is after the receipt date");
      if (*l.filled_on < l.recertified_on) return bad("filled_on", "is before the recertification");
      if (l.recertified_on.plus_years(type->recertification_years) < *l.filled_on)
        return bad("recertified_on", "the cylinder was filled more than " +
                                         std::to_string(type->recertification_years) +
                                         " years after its recertification");
    }

    const UraniumContent content = uranium_in_uf6(net, l.isotopics);
    Item item;
    item.id = l.cylinder_id;
    item.batch = l.cylinder_id;  // one cylinder = one item = one batch
    item.cylinder_type = type_name;
    item.supplier = l.supplier;
    item.shipper_batch = l.shipper_batch;
    item.shipper = l.shipper;
    item.mba = mba.code;
    item.position = l.position;
    item.isotopics = l.isotopics;
    item.tare = l.tare, item.gross = l.gross, item.net_uf6 = net;
    item.uranium = content.uranium, item.u235 = content.u235;
    item.declared_uranium = l.declared_uranium, item.declared_u235 = l.declared_u235;
    // Booked at the basis the facility names; the other side's values stay with the item (SRD = shipper - receiver).
    // At the shipper's basis the receipt's DI line then brings the book and the item to the receiver's values
    // (docs/formats/journal.md, change lines), so a later shipment, loss or taking uses those.
    const bool at_shipper = fac.receipt_basis == ReceiptBasis::kShipper;
    if (at_shipper) {
      item.receiver_uranium = content.uranium, item.receiver_u235 = content.u235;
      item.uranium = l.declared_uranium, item.u235 = l.declared_u235;
    }
    item.received_on = l.received_on, item.recertified_on = l.recertified_on, item.filled_on = l.filled_on;
    item.last_date = l.received_on;
    // The receiver's acceptance measurements travel with the receipt (format version 2).
    // A blank method column records the operations.hpp default, which must be in the methods in force too.
    for (const auto& [method, calibration, name, fallback] :
         {std::tuple{&l.weighing_method, &l.weighing_calibration, "weighing", "load cells"},
          std::tuple{&l.enrichment_method, &l.enrichment_calibration, "enrichment", "NDA gamma HPGe"}}) {
      if (calibration->empty() && method->empty()) continue;
      if (auto v = validate_calibration(*calibration, at + "column '" + name + "_calibration'"); !v)
        return std::unexpected(v.error());
      if (!method->empty())
        if (auto v = validate_text(*method, at + "column '" + name + "_method'", 64); !v)
          return std::unexpected(v.error());
      if (auto v =
              check_method_in_force(methods, method->empty() ? fallback : *method, at + "column '" + name + "_method'");
          !v)
        return std::unexpected(v.error());
    }
    if (!l.weighing_calibration.empty())
      item.last_weighing =
          Weighing{l.received_on, l.gross, l.tare, l.weighing_method.empty() ? "load cells" : l.weighing_method,
                   l.weighing_calibration};
    if (!l.enrichment_calibration.empty())
      item.last_enrichment = EnrichmentMeasurement{l.received_on, l.isotopics.u235(),
                                                   l.enrichment_method.empty() ? "NDA gamma HPGe" : l.enrichment_method,
                                                   l.enrichment_calibration};
    if (auto open = check_period_open(mba.code, l.received_on, at + "column 'received_on'"); !open)
      return std::unexpected(open.error());
    const bool domestic = l.shipper.size() == 4 || l.shipper == fac.country;
    // The rounding of the computed values; none where the shipper's declared values are booked.
    const auto rounding_ug = [at_shipper](double mg) { return at_shipper ? 0LL : std::llround(mg * 1000); };
    events.push_back(NewEvent{event_type::kCylinderReceived,
                              {{"date", l.received_on.text()},
                               {"code", domestic ? "RD" : "RF"},
                               {"mba", mba.code},
                               {"kmp", kmp->code},
                               {"uranium_rounding_ug", rounding_ug(content.uranium_rounding_mg)},
                               {"u235_rounding_ug", rounding_ug(content.u235_rounding_mg)},
                               {"item", encode(item)}}});
  }
  // Capacity last, so that a listing's own faults are reported first.
  LEU_GET(items, journal_.items());
  const auto on_hand = std::ranges::count_if(items, [](const Item& i) { return i.on_hand(); });
  if (fac.max_full_cylinders > 0 && on_hand + static_cast<long>(lines.size()) > fac.max_full_cylinders)
    return fail(ErrorCode::kConflict, "listing",
                std::to_string(lines.size()) + " cylinders would bring the stock to " +
                    std::to_string(on_hand + static_cast<long>(lines.size())) + ", above the facility's limit of " +
                    std::to_string(fac.max_full_cylinders));
  return journal_.append(who.name, events);
}

Result<Head> Operations::weigh(const Principal& who, const WeighingInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kMeasure));
  LEU_GET(item, item_for_event(in.cylinder, in.date));
  LEU_RETURN_IF_ERROR(validate_text(in.method, "method", 64));
  const Mass tare = in.tare.value_or(item.tare);
  if (!in.gross.is_positive()) return invalid("gross", "must be greater than zero");
  if (!tare.is_positive()) return invalid("tare", "must be greater than zero");
  if (tare >= in.gross)
    return invalid("tare", "tare " + tare.kg_text(3) + " kg is not below the gross " + in.gross.kg_text(3) + " kg");
  const CylinderType* type = find_cylinder_type(item.cylinder_type);
  if (type && in.gross - tare > type->max_fill)
    return invalid("gross", "net UF6 " + (in.gross - tare).kg_text(3) + " kg exceeds the fill limit of " +
                                type->max_fill.kg_text(0) + " kg");
  LEU_RETURN_IF_ERROR(validate_calibration(in.calibration, "calibration"));
  LEU_GET(methods, methods_in_force(journal_));  // last, so that the input's own faults are reported first
  LEU_RETURN_IF_ERROR(check_method_in_force(methods, in.method, "method"));
  return journal_.append(who.name, {NewEvent{event_type::kCylinderMeasured,
                                             {{"date", in.date.text()},
                                              {"item", item.id},
                                              {"kind", "weighing"},
                                              {"gross_mg", in.gross.mg()},
                                              {"tare_mg", tare.mg()},
                                              {"method", in.method},
                                              {"calibration", in.calibration}}}});
}

Result<Head> Operations::measure_enrichment(const Principal& who, const EnrichmentInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kMeasure));
  LEU_GET(item, item_for_event(in.cylinder, in.date));
  LEU_RETURN_IF_ERROR(validate_text(in.method, "method", 64));
  if (in.u235.parts() <= 0 || in.u235 > Fraction::one()) return invalid("u235", "must lie in (0, 100] %");
  LEU_RETURN_IF_ERROR(validate_calibration(in.calibration, "calibration"));
  LEU_GET(methods, methods_in_force(journal_));
  LEU_RETURN_IF_ERROR(check_method_in_force(methods, in.method, "method"));
  return journal_.append(who.name, {NewEvent{event_type::kCylinderMeasured,
                                             {{"date", in.date.text()},
                                              {"item", item.id},
                                              {"kind", "enrichment"},
                                              {"u235_ppb", in.u235.parts()},
                                              {"method", in.method},
                                              {"calibration", in.calibration}}}});
}

Result<Head> Operations::move(const Principal& who, const MoveInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kMove));
  LEU_GET(item, item_for_event(in.cylinder, in.date));
  LEU_RETURN_IF_ERROR(validate_text(in.to, "to", 32));
  if (in.to == item.position)
    return fail(ErrorCode::kConflict, "to", "cylinder '" + item.id + "' is already at " + in.to);
  return journal_.append(
      who.name, {NewEvent{event_type::kCylinderMoved,
                          {{"date", in.date.text()}, {"item", item.id}, {"from", item.position}, {"to", in.to}}}});
}

Result<Head> Operations::apply_seal(const Principal& who, const SealInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kSealApply));
  LEU_GET(item, item_for_event(in.cylinder, in.date));
  LEU_RETURN_IF_ERROR(validate_text(in.seal, "seal", 32));
  LEU_RETURN_IF_ERROR(validate_text(in.seal_type, "type", 32));
  LEU_GET(existing, journal_.seal(in.seal));
  if (existing && existing->applied)
    return fail(ErrorCode::kConflict, "seal",
                "seal '" + in.seal + "' is already in use on cylinder '" + existing->item + "'");
  return journal_.append(
      who.name,
      {NewEvent{event_type::kSealApplied,
                {{"date", in.date.text()}, {"item", item.id}, {"seal", in.seal}, {"seal_type", in.seal_type}}}});
}

Result<Head> Operations::verify_seal(const Principal& who, const SealInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kSealVerify));
  LEU_GET(item, item_for_event(in.cylinder, in.date));
  if (std::ranges::find(item.seals, in.seal) == item.seals.end())
    return fail(ErrorCode::kConflict, "seal", "seal '" + in.seal + "' is not applied to cylinder '" + item.id + "'");
  return journal_.append(
      who.name,
      {NewEvent{
          event_type::kSealVerified,
          {{"date", in.date.text()}, {"item", item.id}, {"seal", in.seal}, {"intact", in.intact}, {"note", in.note}}}});
}

Result<Head> Operations::remove_seal(const Principal& who, const SealInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kSealRemove));
  LEU_GET(item, item_for_event(in.cylinder, in.date));
  if (std::ranges::find(item.seals, in.seal) == item.seals.end())
    return fail(ErrorCode::kConflict, "seal", "seal '" + in.seal + "' is not applied to cylinder '" + item.id + "'");
  LEU_RETURN_IF_ERROR(validate_text(in.note, "reason", 256));
  return journal_.append(
      who.name, {NewEvent{event_type::kSealRemoved,
                          {{"date", in.date.text()}, {"item", item.id}, {"seal", in.seal}, {"reason", in.note}}}});
}

Result<Head> Operations::ship(const Principal& who, const ShipmentInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kShip));
  LEU_GET(fac, facility());
  if (in.cylinders.empty()) return invalid("cylinder", "no cylinder to ship");
  LEU_RETURN_IF_ERROR(validate_partner(in.to, "to"));
  const bool domestic = in.to.size() == 4 || in.to == fac.country;
  std::string code = in.code.empty() ? (domestic ? "SD" : "SF") : in.code;
  if (code != "SF" && code != "SD") return invalid("code", "'" + code + "' is not a shipment code (SF or SD)");
  if (code == "SF" && domestic)
    return invalid("code", "SF is a foreign shipment, but " + in.to + " is domestic; use SD");
  if (code == "SD" && !domestic)
    return invalid("code", "SD is a domestic shipment, but " + in.to + " is abroad; use SF");
  std::set<std::string> seen;
  std::vector<NewEvent> events;
  for (const std::string& id : in.cylinders) {
    if (!seen.insert(id).second) return invalid("cylinder", "cylinder '" + id + "' is named twice");
    auto item = item_for_event(id, in.date);
    if (!item) {
      Error e = item.error();
      if (e.code == ErrorCode::kNotFound || e.code == ErrorCode::kConflict) e.message = "cannot ship: " + e.message;
      return std::unexpected(e);
    }
    LEU_RETURN_IF_ERROR(check_period_open(item->mba, in.date, "date"));
    const Kmp* kmp = fac.find_mba(item->mba) ? fac.find_mba(item->mba)->find_kmp(KmpKind::kShipment) : nullptr;
    // It leaves at its book value: the receiver's values where the receipt was booked at the shipper's and its DI
    // line accounted the difference, so the next period's PB (the receiver's values counted in PE) balances.
    events.push_back(NewEvent{event_type::kCylinderShipped,
                              {{"date", in.date.text()},
                               {"code", code},
                               {"mba", item->mba},
                               {"kmp", kmp ? kmp->code : ""},
                               {"item", item->id},
                               {"to", in.to},
                               {"net_uf6_mg", item->net_uf6.mg()},
                               {"uranium_mg", item->uranium.mg()},
                               {"u235_mg", item->u235.mg()}}});
  }
  return journal_.append(who.name, events);
}

Result<Head> Operations::book_loss(const Principal& who, const LossGainInput& in) {
  return loss_or_gain(who, in, true);
}
Result<Head> Operations::book_gain(const Principal& who, const LossGainInput& in) {
  return loss_or_gain(who, in, false);
}

Result<Head> Operations::loss_or_gain(const Principal& who, const LossGainInput& in, bool loss) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kLossGain));
  LEU_GET(item, item_for_event(in.cylinder, in.date));
  LEU_RETURN_IF_ERROR(check_period_open(item.mba, in.date, "date"));
  if (!in.uf6.is_positive()) return invalid("uf6", "must be greater than zero");
  LEU_RETURN_IF_ERROR(validate_text(in.reason, "reason", 256));
  Mass uranium, u235;
  if (loss && in.uf6 > item.net_uf6)
    return invalid("uf6", in.uf6.kg_text(3) + " kg is more than the " + item.net_uf6.kg_text(3) +
                              " kg of UF6 in cylinder '" + item.id + "'");
  if (loss) {
    // The book values left are the item's share of what remains, rounded once; the
    // loss is the difference. So a loss never takes more than the book holds and a
    // cylinder emptied to the milligram leaves exactly zero.
    const Mass remaining = item.net_uf6 - in.uf6;
    uranium = item.uranium - proportional_share(item.uranium, remaining, item.net_uf6);
    u235 = item.u235 - proportional_share(item.u235, remaining, item.net_uf6);
  } else {
    const UraniumContent c = uranium_in_uf6(in.uf6, item.isotopics);
    uranium = c.uranium, u235 = c.u235;
  }
  if (!loss) {
    const CylinderType* type = find_cylinder_type(item.cylinder_type);
    if (type && item.net_uf6 + in.uf6 > type->max_fill)
      return invalid("uf6", "the cylinder would hold " + (item.net_uf6 + in.uf6).kg_text(3) +
                                " kg of UF6, above its fill limit of " + type->max_fill.kg_text(0) + " kg");
  }
  return journal_.append(who.name, {NewEvent{loss ? event_type::kMaterialLost : event_type::kMaterialGained,
                                             {{"date", in.date.text()},
                                              {"code", loss ? "LA" : "GA"},
                                              {"mba", item.mba},
                                              {"item", item.id},
                                              {"uf6_mg", in.uf6.mg()},
                                              {"uranium_mg", uranium.mg()},
                                              {"u235_mg", u235.mg()},
                                              {"reason", in.reason}}}});
}

}  // namespace leu
