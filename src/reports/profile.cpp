#include "reports/profile.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace leu::reports {
namespace {

using nlohmann::json;

std::string child(const std::string& path, std::string_view key) { return path + "/" + std::string(key); }
std::string child(const std::string& path, std::size_t index) { return path + "/" + std::to_string(index); }

const char* type_name(const json& j) { return j.type_name(); }

Result<const json*> member(const json& obj, const std::string& path, std::string_view key) {
  if (!obj.is_object()) return invalid(path, std::string("is ") + type_name(obj) + "; an object is required");
  auto it = obj.find(std::string(key));
  if (it == obj.end()) return invalid(child(path, key), "is missing");
  return &*it;
}

Result<std::string> get_string(const json& obj, const std::string& path, std::string_view key, bool required = true) {
  if (!required && obj.is_object() && !obj.contains(std::string(key))) return std::string();
  LEU_GET(v, member(obj, path, key));
  if (!v->is_string()) return invalid(child(path, key), std::string("is ") + type_name(*v) + "; a string is required");
  return v->get<std::string>();
}

Result<std::int64_t> get_int(const json& obj, const std::string& path, std::string_view key) {
  LEU_GET(v, member(obj, path, key));
  if (!v->is_number_integer())
    return invalid(child(path, key), std::string("is ") + type_name(*v) + "; an integer is required");
  return v->get<std::int64_t>();
}

Result<bool> get_bool(const json& obj, const std::string& path, std::string_view key) {
  LEU_GET(v, member(obj, path, key));
  if (!v->is_boolean())
    return invalid(child(path, key), std::string("is ") + type_name(*v) + "; true or false is required");
  return v->get<bool>();
}

Result<const json*> get_array(const json& obj, const std::string& path, std::string_view key) {
  LEU_GET(v, member(obj, path, key));
  if (!v->is_array()) return invalid(child(path, key), std::string("is ") + type_name(*v) + "; an array is required");
  return v;
}

Result<std::vector<std::string>> get_strings(const json& obj, const std::string& path, std::string_view key) {
  LEU_GET(arr, get_array(obj, path, key));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    if (!(*arr)[i].is_string()) return invalid(child(child(path, key), i), "a string is required");
    out.push_back((*arr)[i].get<std::string>());
  }
  return out;
}

Result<void> one_of(const std::string& value, const std::string& path,
                    std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (value == a) return {};
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return invalid(path, "is '" + value + "'; expected one of " + list);
}

// A code: 1 to 4 printable ASCII characters other than '=' and ';' (they would break the labelled text).
Result<void> check_code(const std::string& code, const std::string& path) {
  if (code.empty() || code.size() > 4) return invalid(path, "'" + code + "' must be 1 to 4 characters");
  for (char c : code)
    if (c <= ' ' || c > '~' || c == '=' || c == ';')
      return invalid(path, "'" + code + "' holds a character not allowed");
  return {};
}

template <class T>
Result<void> unique_codes(const std::vector<T>& v, const std::string& path) {
  for (std::size_t i = 0; i < v.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (v[i].code == v[j].code) return invalid(child(path, i) + "/code", "'" + v[i].code + "' appears twice");
  return {};
}

// Reads {"source": "...", "entries": [...]} into `out` with `read` per entry.
template <class T, class F>
Result<void> read_table(const json& doc, std::string_view key, Profile& p, std::vector<T>& out, F read) {
  const std::string path = "/" + std::string(key);
  LEU_GET(table, member(doc, "", key));
  LEU_GET(source, get_string(*table, path, "source"));
  p.sources[std::string(key)] = source;
  LEU_GET(entries, get_array(*table, path, "entries"));
  const std::string epath = path + "/entries";
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const json& e = (*entries)[i];
    const std::string ip = child(epath, i);
    if (!e.is_object()) return invalid(ip, "an object is required");
    LEU_GET(entry, read(e, ip));
    LEU_RETURN_IF_ERROR(check_code(entry.code, ip + "/code"));
    out.push_back(std::move(entry));
  }
  return unique_codes(out, epath);
}

Result<NamedCode> read_named(const json& e, const std::string& ip) {
  NamedCode c;
  LEU_GET(code, get_string(e, ip, "code"));
  LEU_GET(name, get_string(e, ip, "name"));
  LEU_GET(tag, get_string(e, ip, "tag"));
  c.code = code, c.name = name, c.tag = tag;
  return c;
}

Result<FieldSpec> read_field(const json& e, const std::string& ip, const Rules& rules) {
  FieldSpec f;
  LEU_GET(label, get_string(e, ip, "label"));
  LEU_GET(name, get_string(e, ip, "name"));
  LEU_GET(type, get_string(e, ip, "type"));
  LEU_GET(codes, get_string(e, ip, "codes", false));
  LEU_GET(euratom, get_string(e, ip, "euratom", false));
  LEU_GET(cnsc, get_string(e, ip, "cnsc", false));
  LEU_GET(tag, get_string(e, ip, "tag"));
  f.label = label, f.name = name, f.type = type, f.codes = codes, f.euratom = euratom, f.cnsc = cnsc, f.tag = tag;
  if (label.empty() || !std::all_of(label.begin(), label.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      }))
    return invalid(ip + "/label", "'" + label + "' must be upper-case letters, digits and '_'");
  if (label == "CRC" || label == "FORMAT" || label == "PROFILE" || label == "PROFILE_VERSION" || label == "NOTE")
    return invalid(ip + "/label", "'" + label + "' is reserved by the labelled format");
  // Type: C(n), N(n), N(24.u), date.
  const auto parse_len = [&](std::string_view inner) -> Result<int> {
    if (inner.empty() || inner.size() > 4 ||
        !std::all_of(inner.begin(), inner.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return invalid(ip + "/type", "'" + type + "' is not C(n), N(n), N(24.u) or date");
    const int n = std::stoi(std::string(inner));
    if (n < 1) return invalid(ip + "/type", "'" + type + "' has a zero length");
    return n;
  };
  if (type == "date") {
    f.kind = FieldKind::kDate;
  } else if (type == "N(24.u)") {
    f.kind = FieldKind::kWeight;
    f.length = rules.weight_digits;
  } else if (type.size() > 3 && (type[0] == 'C' || type[0] == 'N') && type[1] == '(' && type.back() == ')') {
    LEU_GET(n, parse_len(std::string_view(type).substr(2, type.size() - 3)));
    f.kind = type[0] == 'C' ? FieldKind::kText : FieldKind::kNumber;
    if (f.kind == FieldKind::kNumber && n > 18) return invalid(ip + "/type", "'" + type + "' exceeds 18 digits");
    f.length = n;
  } else {
    return invalid(ip + "/type", "'" + type + "' is not C(n), N(n), N(24.u) or date");
  }
  // Required: "always", "optional" or {"code"|"correction"|"element": [...]}.
  LEU_GET(req, member(e, ip, "required"));
  if (req->is_string()) {
    const auto s = req->get<std::string>();
    if (s == "always")
      f.required.when = Requirement::When::kAlways;
    else if (s == "optional")
      f.required.when = Requirement::When::kOptional;
    else
      return invalid(ip + "/required", "is '" + s + "'; expected always, optional or {code|correction|element: [...]}");
  } else if (req->is_object() && req->size() == 1) {
    const std::string key = req->begin().key();
    if (key == "code")
      f.required.when = Requirement::When::kCode;
    else if (key == "correction")
      f.required.when = Requirement::When::kCorrection;
    else if (key == "element")
      f.required.when = Requirement::When::kElement;
    else
      return invalid(ip + "/required/" + key, "is not a condition; expected code, correction or element");
    LEU_GET(values, get_strings(*req, ip + "/required", key));
    f.required.values = values;
  } else {
    return invalid(ip + "/required", "expected always, optional or an object with one condition");
  }
  return f;
}

constexpr std::string_view kHeaderNames[] = {"report_type",      "mba",        "report_date", "report_number",
                                             "period_start",     "period_end", "pit_date",    "element_category",
                                             "reporting_person", "line_count", "note_count"};
constexpr std::string_view kLineNames[] = {
    "line_number",        "code",           "batch",          "kmp",          "measurement_basis", "material_form",
    "material_container", "material_state", "mba_from",       "mba_to",       "accounting_date",   "items",
    "element_weight",     "isotope",        "fissile_weight", "container_id", "correction",        "previous_report",
    "previous_line",      "comment"};
constexpr std::string_view kTables[] = {"ic_codes",      "mbr_lines",          "measurement_basis",
                                        "material_form", "material_container", "material_state",
                                        "elements",      "isotopes",           "corrections"};

template <std::size_t N>
bool in(const std::string_view (&names)[N], std::string_view n) {
  return std::find(std::begin(names), std::end(names), n) != std::end(names);
}

Result<void> check_kind(const FieldSpec& f, const std::string& ip) {
  static const std::map<std::string_view, FieldKind> kKinds = {
      {"report_number", FieldKind::kNumber},  {"line_count", FieldKind::kNumber},
      {"note_count", FieldKind::kNumber},     {"line_number", FieldKind::kNumber},
      {"items", FieldKind::kNumber},          {"previous_report", FieldKind::kNumber},
      {"previous_line", FieldKind::kNumber},  {"element_weight", FieldKind::kWeight},
      {"fissile_weight", FieldKind::kWeight}, {"report_date", FieldKind::kDate},
      {"period_start", FieldKind::kDate},     {"period_end", FieldKind::kDate},
      {"pit_date", FieldKind::kDate},         {"accounting_date", FieldKind::kDate}};
  auto it = kKinds.find(f.name);
  const FieldKind want = it == kKinds.end() ? FieldKind::kText : it->second;
  if (f.kind != want) return invalid(ip + "/type", "'" + f.type + "' does not suit field '" + f.name + "'");
  return {};
}

Result<Layout> read_layout(const json& layouts, const std::string& path, std::string_view key, const Rules& rules) {
  Layout l;
  const std::string lp = child(path, key);
  LEU_GET(obj, member(layouts, path, key));
  for (const bool header : {true, false}) {
    const std::string_view part = header ? "header" : "lines";
    LEU_GET(arr, get_array(*obj, lp, part));
    const std::string ap = child(lp, part);
    auto& out = header ? l.header : l.lines;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string ip = child(ap, i);
      LEU_GET(f, read_field((*arr)[i], ip, rules));
      if (header ? !in(kHeaderNames, f.name) : !in(kLineNames, f.name))
        return invalid(ip + "/name",
                       "'" + f.name + "' is not a " + (header ? "header" : "line") + " field of report.hpp");
      LEU_RETURN_IF_ERROR(check_kind(f, ip));
      if (!f.codes.empty() && !in(kTables, f.codes))
        return invalid(ip + "/codes", "'" + f.codes + "' is not a code table of the profile");
      for (const auto& g : out) {
        if (g.name == f.name) return invalid(ip + "/name", "'" + f.name + "' appears twice");
        if (g.label == f.label) return invalid(ip + "/label", "'" + f.label + "' appears twice");
      }
      out.push_back(std::move(f));
    }
    const std::string_view first = header ? "report_type" : "line_number";
    if (out.empty() || out.front().name != first)
      return invalid(ap + "/0/name", "the first field must be '" + std::string(first) + "'");
  }
  for (std::string_view must : {"mba", "report_date", "report_number", "line_count", "element_category"})
    if (!l.header_field(must)) return invalid(lp + "/header", "has no field '" + std::string(must) + "'");
  if (!l.line_field("element_weight")) return invalid(lp + "/lines", "has no field 'element_weight'");
  return l;
}

}  // namespace

const FieldSpec* Layout::header_field(std::string_view name) const {
  for (const auto& f : header)
    if (f.name == name) return &f;
  return nullptr;
}
const FieldSpec* Layout::line_field(std::string_view name) const {
  for (const auto& f : lines)
    if (f.name == name) return &f;
  return nullptr;
}

std::string_view report_type_key(ReportType t) {
  switch (t) {
    case ReportType::kIcr: return "ICR";
    case ReportType::kPil: return "PIL";
    case ReportType::kMbr: return "MBR";
  }
  return "ICR";
}

const Layout& Profile::layout(ReportType t) const {
  switch (t) {
    case ReportType::kIcr: return icr;
    case ReportType::kPil: return pil;
    case ReportType::kMbr: return mbr;
  }
  return icr;
}

namespace {
template <class T>
const T* find_code(const std::vector<T>& v, std::string_view code) {
  for (const auto& e : v)
    if (e.code == code) return &e;
  return nullptr;
}
}  // namespace

const IcCode* Profile::ic_code(std::string_view code) const { return find_code(ic_codes, code); }
const MbrLineCode* Profile::mbr_line(std::string_view code) const { return find_code(mbr_lines, code); }
const ElementCode* Profile::element(std::string_view code) const { return find_code(elements, code); }
const IsotopeCode* Profile::isotope(std::string_view code) const { return find_code(isotopes, code); }
const CorrectionCode* Profile::correction(std::string_view code) const { return find_code(corrections, code); }
const MbrLineCode* Profile::mbr_line_with_role(std::string_view role) const {
  for (const auto& e : mbr_lines)
    if (e.role == role) return &e;
  return nullptr;
}

bool Profile::has_code(std::string_view table, std::string_view code) const {
  if (table == "ic_codes") return ic_code(code) != nullptr;
  if (table == "mbr_lines") return mbr_line(code) != nullptr;
  if (table == "measurement_basis") return find_code(measurement_basis, code) != nullptr;
  if (table == "material_form") return find_code(material_forms, code) != nullptr;
  if (table == "material_container") return find_code(material_containers, code) != nullptr;
  if (table == "material_state") return find_code(material_states, code) != nullptr;
  if (table == "elements") return element(code) != nullptr;
  if (table == "isotopes") return isotope(code) != nullptr;
  if (table == "corrections") return correction(code) != nullptr;
  return true;
}

int Profile::unit_decimals(std::string_view unit) const {
  auto it = rules.decimals_per_unit.find(std::string(unit));
  return it == rules.decimals_per_unit.end() ? 0 : it->second;
}

Result<Profile> profile_from_json(const json& doc) {
  Profile p;
  if (!doc.is_object()) return invalid("", "the profile must be a JSON object");
  LEU_GET(format, get_string(doc, "", "format"));
  if (format != "leubank-report-profile")
    return invalid("/format", "is '" + format + "'; expected leubank-report-profile");
  LEU_GET(profile_name, get_string(doc, "", "name"));
  LEU_GET(version, get_int(doc, "", "version"));
  LEU_GET(description, get_string(doc, "", "description", false));
  if (profile_name.empty()) return invalid("/name", "is empty");
  if (version < 1) return invalid("/version", "must be 1 or more");
  for (char c : profile_name)
    if (c <= ' ' || c > '~' || c == ';' || c == '=')
      return invalid("/name", "'" + profile_name + "' holds a character not allowed");
  p.name = profile_name, p.version = version, p.description = description;

  // Rules first: field types depend on weight_digits.
  {
    const std::string rp = "/rules";
    LEU_GET(rules, member(doc, "", "rules"));
    LEU_GET(source, get_string(*rules, rp, "source"));
    p.sources["rules"] = source;
    LEU_GET(date_format, get_string(*rules, rp, "date_format"));
    LEU_RETURN_IF_ERROR(one_of(date_format, rp + "/date_format", {"DDMMYYYY", "YYYY-MM-DD"}));
    LEU_GET(decimals, member(*rules, rp, "decimals_per_unit"));
    if (!decimals->is_object()) return invalid(rp + "/decimals_per_unit", "an object is required");
    // The format never rounds: a unit's decimals are exactly its milligram scale (g: 3, kg: 6).
    static const std::map<std::string, int> kMgScale = {{"g", 3}, {"kg", 6}};
    for (const auto& [unit, d] : decimals->items()) {
      const std::string up = rp + "/decimals_per_unit/" + unit;
      auto it = kMgScale.find(unit);
      if (it == kMgScale.end()) return invalid(up, "unit '" + unit + "' is not known; expected g or kg");
      if (!d.is_number_integer() || d.get<int>() != it->second)
        return invalid(up, "must be " + std::to_string(it->second) + " so that weights stay exact milligrams");
      p.rules.decimals_per_unit[unit] = it->second;
    }
    LEU_GET(digits, get_int(*rules, rp, "weight_digits"));
    if (digits < 7 || digits > 24) return invalid(rp + "/weight_digits", "must be between 7 and 24");
    p.rules.weight_digits = static_cast<int>(digits);
    LEU_GET(forbidden, get_string(*rules, rp, "forbidden_characters"));
    if (forbidden.find(';') == std::string::npos)
      return invalid(rp + "/forbidden_characters", "must contain ';', the field separator of the labelled text");
    p.rules.forbidden_characters = forbidden;
    LEU_GET(muf_sign, get_string(*rules, rp, "muf_sign"));
    LEU_RETURN_IF_ERROR(one_of(muf_sign, rp + "/muf_sign", {"positive_is_loss", "positive_is_gain"}));
    p.rules.date_format = date_format, p.rules.muf_sign = muf_sign;
    LEU_GET(note_max, get_int(*rules, rp, "note_max_length"));
    if (note_max < 1 || note_max > 100000) return invalid(rp + "/note_max_length", "must be between 1 and 100000");
    p.rules.note_max_length = static_cast<int>(note_max);
  }

  const auto read_ic_codes = [](const json& e, const std::string& ip) -> Result<IcCode> {
    IcCode c;
    LEU_GET(code, get_string(e, ip, "code"));
    LEU_GET(name, get_string(e, ip, "name"));
    LEU_GET(direction, get_string(e, ip, "direction"));
    LEU_RETURN_IF_ERROR(one_of(direction, ip + "/direction", {"+", "-", "±"}));
    LEU_GET(internal, get_bool(e, ip, "internal"));
    LEU_GET(prior, get_bool(e, ip, "prior_approval"));
    LEU_GET(tag, get_string(e, ip, "tag"));
    c.code = code, c.name = name, c.direction = direction, c.internal = internal, c.prior_approval = prior, c.tag = tag;
    return c;
  };
  LEU_RETURN_IF_ERROR(read_table(doc, "ic_codes", p, p.ic_codes, read_ic_codes));
  const auto read_mbr_lines = [](const json& e, const std::string& ip) -> Result<MbrLineCode> {
    MbrLineCode c;
    LEU_GET(code, get_string(e, ip, "code"));
    LEU_GET(name, get_string(e, ip, "name"));
    LEU_GET(order, get_int(e, ip, "order"));
    LEU_GET(role, get_string(e, ip, "role"));
    LEU_RETURN_IF_ERROR(
        one_of(role, ip + "/role", {"PB", "increase", "category_change", "decrease", "BE", "SRD", "BA", "PE", "MUF"}));
    LEU_GET(signed_value, get_bool(e, ip, "signed"));
    LEU_GET(tag, get_string(e, ip, "tag"));
    c.code = code, c.name = name, c.order = order, c.role = role, c.signed_value = signed_value, c.tag = tag;
    return c;
  };
  LEU_RETURN_IF_ERROR(read_table(doc, "mbr_lines", p, p.mbr_lines, read_mbr_lines));
  std::stable_sort(p.mbr_lines.begin(), p.mbr_lines.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  const auto read_measurement_basis = [](const json& e, const std::string& ip) -> Result<MeasurementBasis> {
    MeasurementBasis c;
    LEU_GET(code, get_string(e, ip, "code"));
    LEU_GET(name, get_string(e, ip, "name"));
    LEU_GET(where, get_string(e, ip, "where"));
    LEU_RETURN_IF_ERROR(one_of(where, ip + "/where", {"this", "other"}));
    LEU_GET(value, get_string(e, ip, "value"));
    LEU_RETURN_IF_ERROR(one_of(value, ip + "/value", {"new", "previous"}));
    LEU_GET(kind, get_string(e, ip, "kind"));
    LEU_RETURN_IF_ERROR(one_of(kind, ip + "/kind", {"measured", "estimated"}));
    LEU_GET(tag, get_string(e, ip, "tag"));
    c.code = code, c.name = name, c.where = where, c.value = value, c.kind = kind;
    c.tag = tag;
    return c;
  };
  LEU_RETURN_IF_ERROR(read_table(doc, "measurement_basis", p, p.measurement_basis, read_measurement_basis));
  {
    const std::string mp = "/material_description";
    LEU_GET(md, member(doc, "", "material_description"));
    LEU_GET(source, get_string(*md, mp, "source"));
    p.sources["material_description"] = source;
    LEU_GET(scheme, get_string(*md, mp, "scheme"));
    LEU_RETURN_IF_ERROR(one_of(scheme, mp + "/scheme", {"form+container+state"}));
    p.material_scheme = scheme;
    for (auto [key, out] : {std::pair{"form", &p.material_forms}, std::pair{"container", &p.material_containers},
                            std::pair{"state", &p.material_states}}) {
      LEU_GET(arr, get_array(*md, mp, key));
      const std::string ap = child(mp, key);
      for (std::size_t i = 0; i < arr->size(); ++i) {
        LEU_GET(c, read_named((*arr)[i], child(ap, i)));
        LEU_RETURN_IF_ERROR(check_code(c.code, child(ap, i) + "/code"));
        out->push_back(c);
      }
      LEU_RETURN_IF_ERROR(unique_codes(*out, ap));
    }
  }
  const auto read_isotopes = [&](const json& e, const std::string& ip) -> Result<IsotopeCode> {
    IsotopeCode c;
    LEU_GET(code, get_string(e, ip, "code"));
    LEU_GET(name, get_string(e, ip, "name"));
    LEU_GET(unit, get_string(e, ip, "unit"));
    if (!p.rules.decimals_per_unit.contains(unit))
      return invalid(ip + "/unit", "'" + unit + "' is not in rules/decimals_per_unit");
    LEU_GET(tag, get_string(e, ip, "tag"));
    c.code = code, c.name = name, c.unit = unit, c.tag = tag;
    return c;
  };
  LEU_RETURN_IF_ERROR(read_table(doc, "isotopes", p, p.isotopes, read_isotopes));
  const auto read_elements = [&](const json& e, const std::string& ip) -> Result<ElementCode> {
    ElementCode c;
    LEU_GET(code, get_string(e, ip, "code"));
    LEU_GET(name, get_string(e, ip, "name"));
    LEU_GET(unit, get_string(e, ip, "unit"));
    if (!p.rules.decimals_per_unit.contains(unit))
      return invalid(ip + "/unit", "'" + unit + "' is not in rules/decimals_per_unit");
    LEU_GET(isotopes, get_strings(e, ip, "isotopes"));
    for (std::size_t i = 0; i < isotopes.size(); ++i)
      if (!p.isotope(isotopes[i]))
        return invalid(child(ip + "/isotopes", i), "'" + isotopes[i] + "' is not in isotopes");
    LEU_GET(tag, get_string(e, ip, "tag"));
    c.code = code, c.name = name, c.unit = unit, c.isotopes = isotopes, c.tag = tag;
    return c;
  };
  LEU_RETURN_IF_ERROR(read_table(doc, "elements", p, p.elements, read_elements));
  {
    const auto read_corrections = [](const json& e, const std::string& ip) -> Result<CorrectionCode> {
      CorrectionCode c;
      LEU_GET(code, get_string(e, ip, "code"));
      LEU_GET(name, get_string(e, ip, "name"));
      LEU_GET(needs, get_bool(e, ip, "needs_previous"));
      LEU_GET(tag, get_string(e, ip, "tag"));
      c.code = code, c.name = name, c.needs_previous = needs, c.tag = tag;
      return c;
    };
    LEU_RETURN_IF_ERROR(read_table(doc, "corrections", p, p.corrections, read_corrections));
    LEU_GET(fields, get_strings(doc.at("corrections"), "/corrections", "not_correctable_in_place"));
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (!in(kLineNames, fields[i]))
        return invalid(child("/corrections/not_correctable_in_place", i), "'" + fields[i] + "' is not a line field");
    p.not_correctable_in_place = fields;
  }
  {
    LEU_GET(layouts, member(doc, "", "layouts"));
    LEU_GET(source, get_string(*layouts, "/layouts", "source"));
    p.sources["layouts"] = source;
    LEU_GET(icr, read_layout(*layouts, "/layouts", "ICR", p.rules));
    LEU_GET(pil, read_layout(*layouts, "/layouts", "PIL", p.rules));
    LEU_GET(mbr, read_layout(*layouts, "/layouts", "MBR", p.rules));
    p.icr = std::move(icr), p.pil = std::move(pil), p.mbr = std::move(mbr);
    // The parser finds the report type before it knows the layout: one label for all three.
    const std::string& label = p.icr.header.front().label;
    if (p.pil.header.front().label != label || p.mbr.header.front().label != label)
      return invalid("/layouts/PIL/header/0/label", "report_type must have the same label in ICR, PIL and MBR");
    for (std::string_view key : {"ICR", "PIL", "MBR"}) {
      const Layout& l = key == "ICR" ? p.icr : key == "PIL" ? p.pil : p.mbr;
      for (bool header : {true, false}) {
        const auto& fields = header ? l.header : l.lines;
        for (std::size_t i = 0; i < fields.size(); ++i)
          for (const auto& v : fields[i].required.values)
            if (fields[i].required.when == Requirement::When::kCorrection && !p.correction(v))
              return invalid("/layouts/" + std::string(key) + (header ? "/header/" : "/lines/") + std::to_string(i) +
                                 "/required/correction",
                             "'" + v + "' is not in corrections");
      }
    }
  }
  for (std::string_view role : kMbrBalanceRoles)
    if (!p.mbr_line_with_role(role))
      return invalid("/mbr_lines/entries", "no line has the role " + std::string(role) + "; an MBR needs one");
  return p;
}

namespace {
json field_json(const FieldSpec& f) {
  json j = {{"label", f.label}, {"name", f.name}, {"type", f.type}};
  switch (f.required.when) {
    case Requirement::When::kAlways: j["required"] = "always"; break;
    case Requirement::When::kOptional: j["required"] = "optional"; break;
    case Requirement::When::kCode: j["required"] = {{"code", f.required.values}}; break;
    case Requirement::When::kCorrection: j["required"] = {{"correction", f.required.values}}; break;
    case Requirement::When::kElement: j["required"] = {{"element", f.required.values}}; break;
  }
  if (!f.codes.empty()) j["codes"] = f.codes;
  j["euratom"] = f.euratom, j["cnsc"] = f.cnsc, j["tag"] = f.tag;
  return j;
}
json layout_json(const Layout& l) {
  json h = json::array(), ls = json::array();
  for (const auto& f : l.header) h.push_back(field_json(f));
  for (const auto& f : l.lines) ls.push_back(field_json(f));
  return {{"header", h}, {"lines", ls}};
}
std::string source_of(const Profile& p, const std::string& key) {
  auto it = p.sources.find(key);
  return it == p.sources.end() ? "" : it->second;
}
json named_json(const std::vector<NamedCode>& v) {
  json a = json::array();
  for (const auto& c : v) a.push_back({{"code", c.code}, {"name", c.name}, {"tag", c.tag}});
  return a;
}
}  // namespace

json profile_to_json(const Profile& p) {
  json j;
  j["format"] = "leubank-report-profile";
  j["name"] = p.name;
  j["version"] = p.version;
  j["description"] = p.description;
  json ic = json::array();
  for (const auto& c : p.ic_codes)
    ic.push_back({{"code", c.code},
                  {"name", c.name},
                  {"direction", c.direction},
                  {"internal", c.internal},
                  {"prior_approval", c.prior_approval},
                  {"tag", c.tag}});
  j["ic_codes"] = {{"source", source_of(p, "ic_codes")}, {"entries", ic}};
  json mbr = json::array();
  for (const auto& c : p.mbr_lines)
    mbr.push_back({{"code", c.code},
                   {"name", c.name},
                   {"order", c.order},
                   {"role", c.role},
                   {"signed", c.signed_value},
                   {"tag", c.tag}});
  j["mbr_lines"] = {{"source", source_of(p, "mbr_lines")}, {"entries", mbr}};
  json mb = json::array();
  for (const auto& c : p.measurement_basis)
    mb.push_back(
        {{"code", c.code}, {"name", c.name}, {"where", c.where}, {"value", c.value}, {"kind", c.kind}, {"tag", c.tag}});
  j["measurement_basis"] = {{"source", source_of(p, "measurement_basis")}, {"entries", mb}};
  j["material_description"] = {{"source", source_of(p, "material_description")},
                               {"scheme", p.material_scheme},
                               {"form", named_json(p.material_forms)},
                               {"container", named_json(p.material_containers)},
                               {"state", named_json(p.material_states)}};
  json el = json::array();
  for (const auto& c : p.elements)
    el.push_back({{"code", c.code}, {"name", c.name}, {"unit", c.unit}, {"isotopes", c.isotopes}, {"tag", c.tag}});
  j["elements"] = {{"source", source_of(p, "elements")}, {"entries", el}};
  json is = json::array();
  for (const auto& c : p.isotopes) is.push_back({{"code", c.code}, {"name", c.name}, {"unit", c.unit}, {"tag", c.tag}});
  j["isotopes"] = {{"source", source_of(p, "isotopes")}, {"entries", is}};
  json co = json::array();
  for (const auto& c : p.corrections)
    co.push_back({{"code", c.code}, {"name", c.name}, {"needs_previous", c.needs_previous}, {"tag", c.tag}});
  j["corrections"] = {{"source", source_of(p, "corrections")},
                      {"entries", co},
                      {"not_correctable_in_place", p.not_correctable_in_place}};
  j["layouts"] = {{"source", source_of(p, "layouts")},
                  {"ICR", layout_json(p.icr)},
                  {"PIL", layout_json(p.pil)},
                  {"MBR", layout_json(p.mbr)}};
  j["rules"] = {{"source", source_of(p, "rules")},
                {"date_format", p.rules.date_format},
                {"decimals_per_unit", p.rules.decimals_per_unit},
                {"weight_digits", p.rules.weight_digits},
                {"forbidden_characters", p.rules.forbidden_characters},
                {"muf_sign", p.rules.muf_sign},
                {"note_max_length", p.rules.note_max_length}};
  return j;
}

Result<Profile> load_profile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kNotFound, path, "the profile file cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded()) return invalid("", path + " is not valid JSON");
  auto p = profile_from_json(doc);
  if (!p) {
    Error e = p.error();
    e.message = path + ": " + e.message;
    return std::unexpected(e);
  }
  return p;
}

const Profile& default_profile() {
  static const Profile kDefault = [] {
    auto p = profile_from_json(json::parse(embedded_profile_json()));
    if (!p) throw std::logic_error("the embedded profile is invalid: " + p.error().describe());  // a build defect
    return *p;
  }();
  return kDefault;
}

namespace {

// Merges `patch` into `target`. Arrays of objects keyed by `code` or `name` are merged entry by entry.
Result<void> merge(json& target, const json& patch, const std::string& path) {
  if (!patch.is_object() || !target.is_object()) {
    target = patch;
    return {};
  }
  for (const auto& [key, value] : patch.items()) {
    const std::string kp = child(path, key);
    if (!target.contains(key)) {
      target[key] = value;
      continue;
    }
    json& t = target[key];
    if (t.is_array() && value.is_array() && !t.empty() && t.front().is_object()) {
      const std::string id = t.front().contains("code") ? "code" : "name";
      for (std::size_t i = 0; i < value.size(); ++i) {
        const json& entry = value[i];
        if (!entry.is_object() || !entry.contains(id) || !entry[id].is_string())
          return invalid(child(kp, i), "an entry needs its key '" + id + "'");
        auto it = std::find_if(t.begin(), t.end(), [&](const json& e) { return e.value(id, "") == entry[id]; });
        const bool remove = entry.value("remove", false);
        if (remove) {
          if (it == t.end())
            return invalid(child(kp, i), "removes '" + entry[id].get<std::string>() + "', which is not there");
          t.erase(it);
        } else if (it == t.end()) {
          t.push_back(entry);
        } else {
          *it = entry;
        }
      }
    } else if (t.is_object() && value.is_object()) {
      LEU_RETURN_IF_ERROR(merge(t, value, kp));
    } else {
      t = value;
    }
  }
  return {};
}

}  // namespace

Result<Profile> overlay(const Profile& base, const json& override_doc) {
  if (!override_doc.is_object()) return invalid("", "an override must be a JSON object");
  json doc = profile_to_json(base);
  LEU_RETURN_IF_ERROR(merge(doc, override_doc, ""));
  return profile_from_json(doc);
}

std::vector<std::string> uncorrectable_changes(const ReportLine& a, const ReportLine& b, const Profile& p) {
  std::vector<std::string> out;
  for (const auto& f : p.not_correctable_in_place) {
    bool differs = false;
    if (f == "accounting_date")
      differs = a.accounting_date != b.accounting_date;
    else if (f == "batch")
      differs = a.batch != b.batch;
    else if (f == "mba_from")
      differs = a.mba_from != b.mba_from;
    else if (f == "mba_to")
      differs = a.mba_to != b.mba_to;
    else if (f == "code")
      differs = a.code != b.code;
    else if (f == "kmp")
      differs = a.kmp != b.kmp;
    else if (f == "isotope")
      differs = a.isotope != b.isotope;
    else if (f == "material_form")
      differs = a.material_form != b.material_form;
    else if (f == "container_id")
      differs = a.container_id != b.container_id;
    if (differs) out.push_back(f);
  }
  return out;
}

}  // namespace leu::reports
