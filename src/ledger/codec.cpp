#include "ledger/codec.hpp"

namespace leu {
namespace {

std::unexpected<Error> damaged(const char* field, const std::string& why) {
  return fail(ErrorCode::kIntegrity, field, why);
}

Json optional_date(const std::optional<Date>& d) { return d ? Json(d->text()) : Json(nullptr); }

Result<std::optional<Date>> get_optional_date(const Json& j, const char* field) {
  if (!j.contains(field) || j[field].is_null()) return std::optional<Date>();
  LEU_GET(d, get_date(j, field));
  return std::optional<Date>(d);
}

}  // namespace

Result<std::string> get_string(const Json& j, const char* field) {
  if (!j.is_object() || !j.contains(field) || !j[field].is_string()) return damaged(field, "missing or not a string");
  return j[field].get<std::string>();
}

Result<std::int64_t> get_int(const Json& j, const char* field) {
  if (!j.is_object() || !j.contains(field) || !j[field].is_number_integer())
    return damaged(field, "missing or not an integer");
  return j[field].get<std::int64_t>();
}

Result<bool> get_bool(const Json& j, const char* field) {
  if (!j.is_object() || !j.contains(field) || !j[field].is_boolean()) return damaged(field, "missing or not a boolean");
  return j[field].get<bool>();
}

Result<Mass> get_mass(const Json& j, const char* field) {
  LEU_GET(v, get_int(j, field));
  return Mass::milligrams(v);
}

Result<Date> get_date(const Json& j, const char* field) {
  LEU_GET(s, get_string(j, field));
  auto d = Date::parse(s, field);
  if (!d) return damaged(field, d.error().message);
  return *d;
}

Result<std::string> get_calibration(const Json& j) {
  if (!j.is_object() || !j.contains("calibration")) return std::string();
  LEU_GET(c, get_string(j, "calibration"));
  if (c.empty()) return damaged("calibration", "is empty");
  return c;
}

Json encode(const Facility& f) {
  Json mbas = Json::array();
  for (const auto& m : f.mbas) {
    Json kmps = Json::array();
    for (const auto& k : m.kmps) kmps.push_back({{"code", k.code}, {"kind", kmp_kind_name(k.kind)}, {"name", k.name}});
    mbas.push_back({{"code", m.code}, {"name", m.name}, {"kmps", kmps}});
  }
  Json j = {{"name", f.name},
            {"country", f.country},
            {"owner", f.owner},
            {"operator", f.operator_name},
            {"mbas", mbas},
            {"cylinder_type", f.cylinder_type},
            {"enrichment_limit_ppb", f.enrichment_limit.parts()},
            {"max_full_cylinders", f.max_full_cylinders},
            {"note", f.note}};
  // Only when not the default, so that facilities booking at the receiver's values keep their version-1 bytes.
  if (f.receipt_basis == ReceiptBasis::kShipper) j["receipt_basis"] = "shipper";
  if (!f.report_profile.empty()) j["report_profile"] = Json::parse(f.report_profile);  // version 2, optional
  if (!f.methods.empty()) j["methods"] = Json::parse(f.methods);                       // version 2, optional
  return j;
}

Result<Facility> decode_facility(const Json& j) {
  Facility f;
  LEU_GET(name, get_string(j, "name"));
  LEU_GET(country, get_string(j, "country"));
  LEU_GET(owner, get_string(j, "owner"));
  LEU_GET(op, get_string(j, "operator"));
  LEU_GET(type, get_string(j, "cylinder_type"));
  LEU_GET(limit, get_int(j, "enrichment_limit_ppb"));
  LEU_GET(max, get_int(j, "max_full_cylinders"));
  LEU_GET(note, get_string(j, "note"));
  f.name = name, f.country = country, f.owner = owner, f.operator_name = op, f.cylinder_type = type;
  f.enrichment_limit = Fraction::from_parts(limit);
  f.max_full_cylinders = static_cast<int>(max);
  f.note = note;
  if (j.contains("receipt_basis")) {
    LEU_GET(basis, get_string(j, "receipt_basis"));
    auto parsed = parse_receipt_basis(basis);
    if (!parsed) return damaged("receipt_basis", parsed.error().message);
    f.receipt_basis = *parsed;
  }
  if (j.contains("report_profile")) {
    if (!j["report_profile"].is_object()) return damaged("report_profile", "is not an object");
    f.report_profile = j["report_profile"].dump();
  }
  if (j.contains("methods")) {
    if (!j["methods"].is_object()) return damaged("methods", "is not an object");
    f.methods = j["methods"].dump();
  }
  if (!j.contains("mbas") || !j["mbas"].is_array()) return damaged("mbas", "missing or not an array");
  for (const auto& jm : j["mbas"]) {
    Mba m;
    LEU_GET(code, get_string(jm, "code"));
    LEU_GET(mname, get_string(jm, "name"));
    m.code = code, m.name = mname;
    if (!jm.contains("kmps") || !jm["kmps"].is_array()) return damaged("kmps", "missing or not an array");
    for (const auto& jk : jm["kmps"]) {
      LEU_GET(kcode, get_string(jk, "code"));
      LEU_GET(kind_name, get_string(jk, "kind"));
      LEU_GET(kname, get_string(jk, "name"));
      auto kind = parse_kmp_kind(kind_name);
      if (!kind) return damaged("kind", kind.error().message);
      m.kmps.push_back(Kmp{kcode, *kind, kname});
    }
    f.mbas.push_back(std::move(m));
  }
  return f;
}

Json encode(const Isotopics& iso) {
  return {{"u234_ppb", iso.u234().parts()},
          {"u235_ppb", iso.u235().parts()},
          {"u236_ppb", iso.u236().parts()},
          {"u238_ppb", iso.u238().parts()}};
}

Result<Isotopics> decode_isotopics(const Json& j) {
  LEU_GET(a, get_int(j, "u234_ppb"));
  LEU_GET(b, get_int(j, "u235_ppb"));
  LEU_GET(c, get_int(j, "u236_ppb"));
  LEU_GET(d, get_int(j, "u238_ppb"));
  auto iso = Isotopics::make(Fraction::from_parts(a), Fraction::from_parts(b), Fraction::from_parts(c),
                             Fraction::from_parts(d));
  if (!iso) return damaged("isotopics", iso.error().message);
  return *iso;
}

Json encode(const Item& it) {
  Json weighing = nullptr, enrichment = nullptr;
  if (it.last_weighing)
    weighing = {{"date", it.last_weighing->date.text()},
                {"gross_mg", it.last_weighing->gross.mg()},
                {"tare_mg", it.last_weighing->tare.mg()},
                {"method", it.last_weighing->method}};
  if (it.last_enrichment)
    enrichment = {{"date", it.last_enrichment->date.text()},
                  {"u235_ppb", it.last_enrichment->u235.parts()},
                  {"method", it.last_enrichment->method}};
  // Format version 2: the calibration period, absent for measurements recorded under version 1.
  if (it.last_weighing && !it.last_weighing->calibration.empty())
    weighing["calibration"] = it.last_weighing->calibration;
  if (it.last_enrichment && !it.last_enrichment->calibration.empty())
    enrichment["calibration"] = it.last_enrichment->calibration;
  Json j = {{"id", it.id},
            {"batch", it.batch},
            {"cylinder_type", it.cylinder_type},
            {"supplier", it.supplier},
            {"shipper_batch", it.shipper_batch},
            {"shipper", it.shipper},
            {"mba", it.mba},
            {"position", it.position},
            {"status", item_status_name(it.status)},
            {"isotopics", encode(it.isotopics)},
            {"tare_mg", it.tare.mg()},
            {"gross_mg", it.gross.mg()},
            {"net_uf6_mg", it.net_uf6.mg()},
            {"uranium_mg", it.uranium.mg()},
            {"u235_mg", it.u235.mg()},
            {"declared_uranium_mg", it.declared_uranium.mg()},
            {"declared_u235_mg", it.declared_u235.mg()},
            {"received_on", it.received_on.text()},
            {"recertified_on", it.recertified_on.text()},
            {"filled_on", optional_date(it.filled_on)},
            {"last_date", it.last_date.text()},
            {"seals", it.seals},
            {"last_weighing", weighing},
            {"last_enrichment", enrichment},
            {"shipped_to", it.shipped_to},
            {"last_seq", it.last_seq}};
  if (it.receiver_uranium && it.receiver_u235) {  // only at the shipper's basis: other items keep their version-1 bytes
    j["receiver_uranium_mg"] = it.receiver_uranium->mg();
    j["receiver_u235_mg"] = it.receiver_u235->mg();
  }
  return j;
}

Result<Item> decode_item(const Json& j) {
  Item it;
  LEU_GET(id, get_string(j, "id"));
  LEU_GET(batch, get_string(j, "batch"));
  LEU_GET(type, get_string(j, "cylinder_type"));
  LEU_GET(supplier, get_string(j, "supplier"));
  LEU_GET(shipper_batch, get_string(j, "shipper_batch"));
  LEU_GET(shipper, get_string(j, "shipper"));
  LEU_GET(mba, get_string(j, "mba"));
  LEU_GET(position, get_string(j, "position"));
  LEU_GET(status_name, get_string(j, "status"));
  auto status = parse_item_status(status_name);
  if (!status) return damaged("status", status.error().message);
  if (!j.contains("isotopics")) return damaged("isotopics", "missing");
  LEU_GET(iso, decode_isotopics(j["isotopics"]));
  LEU_GET(tare, get_mass(j, "tare_mg"));
  LEU_GET(gross, get_mass(j, "gross_mg"));
  LEU_GET(net, get_mass(j, "net_uf6_mg"));
  LEU_GET(u, get_mass(j, "uranium_mg"));
  LEU_GET(u235, get_mass(j, "u235_mg"));
  LEU_GET(du, get_mass(j, "declared_uranium_mg"));
  LEU_GET(du235, get_mass(j, "declared_u235_mg"));
  LEU_GET(received, get_date(j, "received_on"));
  LEU_GET(recert, get_date(j, "recertified_on"));
  LEU_GET(filled, get_optional_date(j, "filled_on"));
  LEU_GET(last_date, get_date(j, "last_date"));
  LEU_GET(shipped_to, get_string(j, "shipped_to"));
  LEU_GET(last_seq, get_int(j, "last_seq"));
  it.id = id, it.batch = batch, it.cylinder_type = type, it.supplier = supplier;
  it.shipper_batch = shipper_batch, it.shipper = shipper, it.mba = mba, it.position = position;
  it.status = *status, it.isotopics = iso, it.tare = tare, it.gross = gross, it.net_uf6 = net;
  it.uranium = u, it.u235 = u235, it.declared_uranium = du, it.declared_u235 = du235;
  it.received_on = received, it.recertified_on = recert, it.filled_on = filled, it.last_date = last_date;
  it.shipped_to = shipped_to, it.last_seq = last_seq;
  if (j.contains("receiver_uranium_mg") || j.contains("receiver_u235_mg")) {
    LEU_GET(ru, get_mass(j, "receiver_uranium_mg"));
    LEU_GET(ru235, get_mass(j, "receiver_u235_mg"));
    it.receiver_uranium = ru, it.receiver_u235 = ru235;
  }
  if (!j.contains("seals") || !j["seals"].is_array()) return damaged("seals", "missing or not an array");
  for (const auto& s : j["seals"]) {
    if (!s.is_string()) return damaged("seals", "holds a value that is not a string");
    it.seals.push_back(s.get<std::string>());
  }
  if (j.contains("last_weighing") && !j["last_weighing"].is_null()) {
    const auto& w = j["last_weighing"];
    LEU_GET(d, get_date(w, "date"));
    LEU_GET(g, get_mass(w, "gross_mg"));
    LEU_GET(t, get_mass(w, "tare_mg"));
    LEU_GET(m, get_string(w, "method"));
    LEU_GET(cal, get_calibration(w));
    it.last_weighing = Weighing{d, g, t, m, cal};
  }
  if (j.contains("last_enrichment") && !j["last_enrichment"].is_null()) {
    const auto& e = j["last_enrichment"];
    LEU_GET(d, get_date(e, "date"));
    LEU_GET(p, get_int(e, "u235_ppb"));
    LEU_GET(m, get_string(e, "method"));
    LEU_GET(cal, get_calibration(e));
    it.last_enrichment = EnrichmentMeasurement{d, Fraction::from_parts(p), m, cal};
  }
  return it;
}

Json encode(const SealRecord& s) {
  return {{"id", s.id},
          {"item", s.item},
          {"seal_type", s.seal_type},
          {"applied", s.applied},
          {"applied_on", s.applied_on.text()},
          {"applied_by", s.applied_by},
          {"last_verified_on", optional_date(s.last_verified_on)},
          {"intact", s.intact},
          {"removed_on", optional_date(s.removed_on)},
          {"removal_reason", s.removal_reason},
          {"last_seq", s.last_seq}};
}

Result<SealRecord> decode_seal(const Json& j) {
  SealRecord s;
  LEU_GET(id, get_string(j, "id"));
  LEU_GET(item, get_string(j, "item"));
  LEU_GET(type, get_string(j, "seal_type"));
  LEU_GET(applied, get_bool(j, "applied"));
  LEU_GET(applied_on, get_date(j, "applied_on"));
  LEU_GET(applied_by, get_string(j, "applied_by"));
  LEU_GET(verified, get_optional_date(j, "last_verified_on"));
  LEU_GET(intact, get_bool(j, "intact"));
  LEU_GET(removed, get_optional_date(j, "removed_on"));
  LEU_GET(reason, get_string(j, "removal_reason"));
  LEU_GET(last_seq, get_int(j, "last_seq"));
  s.id = id, s.item = item, s.seal_type = type, s.applied = applied, s.applied_on = applied_on;
  s.applied_by = applied_by, s.last_verified_on = verified, s.intact = intact, s.removed_on = removed;
  s.removal_reason = reason, s.last_seq = last_seq;
  return s;
}

Json encode(const Balance& b) {
  return {{"mba", b.mba},
          {"category", category_name(b.category)},
          {"uranium_mg", b.uranium.mg()},
          {"u235_mg", b.u235.mg()},
          {"items", b.items},
          {"last_seq", b.last_seq}};
}

Result<Balance> decode_balance(const Json& j) {
  Balance b;
  LEU_GET(mba, get_string(j, "mba"));
  LEU_GET(cat_name, get_string(j, "category"));
  auto cat = parse_category(cat_name);
  if (!cat) return damaged("category", cat.error().message);
  LEU_GET(u, get_mass(j, "uranium_mg"));
  LEU_GET(u235, get_mass(j, "u235_mg"));
  LEU_GET(items, get_int(j, "items"));
  LEU_GET(last_seq, get_int(j, "last_seq"));
  b.mba = mba, b.category = *cat, b.uranium = u, b.u235 = u235, b.items = items, b.last_seq = last_seq;
  return b;
}

Json encode(const UserRecord& u) {
  Json roles = Json::array();
  for (Role r : u.roles) roles.push_back(role_name(r));
  Json j = {{"name", u.name}, {"roles", roles}, {"active", u.active}, {"last_seq", u.last_seq}};
  if (!u.state.empty()) j["state"] = u.state;  // only for state representatives (journal.md §5)
  return j;
}

Result<UserRecord> decode_user(const Json& j) {
  UserRecord u;
  LEU_GET(name, get_string(j, "name"));
  LEU_GET(active, get_bool(j, "active"));
  LEU_GET(last_seq, get_int(j, "last_seq"));
  u.name = name, u.active = active, u.last_seq = last_seq;
  if (j.contains("state")) {
    LEU_GET(state, get_string(j, "state"));
    u.state = state;
  }
  if (!j.contains("roles") || !j["roles"].is_array()) return damaged("roles", "missing or not an array");
  for (const auto& r : j["roles"]) {
    auto role = r.is_string() ? parse_role(r.get<std::string>()) : std::unexpected(Error{});
    if (!role) return damaged("roles", "holds an unknown role");
    u.roles.push_back(*role);
  }
  return u;
}

}  // namespace leu
