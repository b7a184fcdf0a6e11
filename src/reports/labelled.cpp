#include "reports/labelled.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <vector>

#include "reports/values.hpp"

namespace leu::reports {
namespace {

bool is_required(const FieldSpec& f, std::string_view code, std::string_view correction, std::string_view element) {
  const auto has = [&](std::string_view v) {
    return std::find(f.required.values.begin(), f.required.values.end(), v) != f.required.values.end();
  };
  switch (f.required.when) {
    case Requirement::When::kAlways: return true;
    case Requirement::When::kOptional: return false;
    case Requirement::When::kCode: return has(code);
    case Requirement::When::kCorrection: return has(correction);
    case Requirement::When::kElement: return has(element);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Writer

std::string number_or_empty(std::int64_t v, bool required) { return v == 0 && !required ? "" : std::to_string(v); }

std::string header_value(const Report& r, const FieldSpec& f, const Profile& p) {
  const ReportHeader& h = r.header;
  const bool req = f.required.when == Requirement::When::kAlways;
  if (f.name == "report_type") return std::string(1, report_type_letter(h.type));
  if (f.name == "mba") return h.mba;
  if (f.name == "report_date") return format_date(h.report_date, p);
  if (f.name == "report_number") return number_or_empty(h.report_number, req);
  if (f.name == "period_start") return format_date(h.period_start, p);
  if (f.name == "period_end" || f.name == "pit_date") return format_date(h.period_end, p);
  if (f.name == "element_category") return h.element_category;
  if (f.name == "reporting_person") return h.reporting_person;
  if (f.name == "line_count") return number_or_empty(h.line_count, req);
  if (f.name == "note_count") return number_or_empty(static_cast<std::int64_t>(r.notes.size()), req);
  return "";
}

std::string line_value(const Report& r, const ReportLine& l, const FieldSpec& f, bool req, const Profile& p) {
  if (f.name == "line_number") return number_or_empty(l.line_number, req);
  if (f.name == "code") return l.code;
  if (f.name == "batch") return l.batch;
  if (f.name == "kmp") return l.kmp;
  if (f.name == "measurement_basis") return l.measurement_basis;
  if (f.name == "material_form") return l.material_form;
  if (f.name == "material_container") return l.material_container;
  if (f.name == "material_state") return l.material_state;
  if (f.name == "mba_from") return l.mba_from;
  if (f.name == "mba_to") return l.mba_to;
  if (f.name == "accounting_date") return format_date(l.accounting_date, p);
  if (f.name == "items") return number_or_empty(l.items, req);
  if (f.name == "element_weight" || f.name == "fissile_weight") {
    const bool element = f.name == "element_weight";
    const std::int64_t mg = element ? l.element_weight_mg : l.fissile_weight_mg;
    if (mg == 0 && !req) return "";
    const auto unit = weight_unit(r, l, element ? WeightField::kElement : WeightField::kFissile, p);
    return format_weight(shown_mg(l, mg, r.header.type, p), unit, p);
  }
  if (f.name == "isotope") return l.isotope;
  if (f.name == "container_id") return l.container_id;
  if (f.name == "correction") return l.correction;
  if (f.name == "previous_report") return number_or_empty(l.previous_report, req);
  if (f.name == "previous_line") return number_or_empty(l.previous_line, req);
  if (f.name == "comment") return l.comment;
  return "";
}

void end_record(std::string& out, std::string body) {
  const std::string crc = line_crc(body);
  out += body;
  out += ";CRC=";
  out += crc;
  out += '\n';
}

// ---------------------------------------------------------------------------------------------------------------
// Parser

std::string where(std::size_t line, std::string_view field) {
  return "line " + std::to_string(line) + (field.empty() ? "" : ", field '" + std::string(field) + "'");
}

struct Record {
  char type = 0;
  std::vector<std::pair<std::string, std::string>> fields;  // label, value, in the order written
};

Result<Record> split_record(std::string_view raw, std::size_t n) {
  const std::size_t pos = raw.rfind(";CRC=");
  if (pos == std::string_view::npos)
    return invalid(where(n, "crc"), "is missing; every record ends with ;CRC=<16 hex digits>");
  const std::string_view body = raw.substr(0, pos);
  const std::string_view crc = raw.substr(pos + 5);
  const std::string want = line_crc(body);
  if (crc != want)
    return invalid(where(n, "crc"), "is '" + std::string(crc) + "' but the record's text gives '" + want +
                                        "'; the line was altered or damaged");
  Record rec;
  std::size_t start = 0;
  bool first = true;
  while (start <= body.size()) {
    std::size_t end = body.find(';', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view token = body.substr(start, end - start);
    if (first) {
      if (token != "H" && token != "L" && token != "N")
        return invalid(where(n, ""), "record type '" + std::string(token) + "' is not H, L or N");
      rec.type = token[0];
      first = false;
    } else {
      const std::size_t eq = token.find('=');
      if (eq == std::string_view::npos || eq == 0)
        return invalid(where(n, token), "'" + std::string(token) + "' is not LABEL=VALUE");
      rec.fields.emplace_back(std::string(token.substr(0, eq)), std::string(token.substr(eq + 1)));
    }
    start = end + 1;
  }
  return rec;
}

// Character rules of every value: not empty, printable ASCII, none of the forbidden characters, no spaces at the
// ends (they would not survive a reader that trims).
Result<void> check_chars(const std::string& value, const std::string& field, const Profile& p) {
  if (value.empty()) return invalid(field, "is empty; leave an absent field out instead");
  for (char c : value) {
    if (c < ' ' || c > '~')
      return invalid(field, "holds a character that is not printable ASCII (code " +
                                std::to_string(static_cast<unsigned char>(c)) + ")");
    if (p.rules.forbidden_characters.find(c) != std::string::npos)
      return invalid(field, "'" + value + "' holds the forbidden character '" + std::string(1, c) +
                                "' (forbidden: " + p.rules.forbidden_characters + ")");
  }
  if (value.front() == ' ' || value.back() == ' ') return invalid(field, "'" + value + "' begins or ends with a space");
  return {};
}

Result<std::int64_t> parse_number(const std::string& v, const FieldSpec& f, const std::string& field) {
  if (!std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return invalid(field, "'" + v + "' is not a number of type " + f.type);
  if (v.size() > static_cast<std::size_t>(f.length))
    return invalid(field, "'" + v + "' has more than " + std::to_string(f.length) + " digits (" + f.type + ")");
  if (v.size() > 1 && v[0] == '0') return invalid(field, "'" + v + "' has a leading zero");
  return std::stoll(v);
}

// Checks each LABEL=VALUE against the layout: known label, once only, characters, text length, number and date
// form. Returns name -> value; weights are checked later, when their unit is known.
Result<std::map<std::string, std::string>> read_fields(const Record& rec, std::size_t skip,
                                                       const std::vector<FieldSpec>& specs, std::size_t n,
                                                       const Profile& p) {
  std::map<std::string, std::string> out;
  for (std::size_t i = skip; i < rec.fields.size(); ++i) {
    const auto& [label, value] = rec.fields[i];
    auto it = std::find_if(specs.begin(), specs.end(), [&](const FieldSpec& f) { return f.label == label; });
    if (it == specs.end()) return invalid(where(n, label), "label '" + label + "' is not in this report's layout");
    const std::string field = where(n, it->name);
    if (out.contains(it->name)) return invalid(field, "label '" + label + "' appears twice");
    LEU_RETURN_IF_ERROR(check_chars(value, field, p));
    switch (it->kind) {
      case FieldKind::kText:
        if (value.size() > static_cast<std::size_t>(it->length))
          return invalid(
              field, "'" + value + "' is longer than " + std::to_string(it->length) + " characters (" + it->type + ")");
        break;
      case FieldKind::kNumber: LEU_RETURN_IF_ERROR(parse_number(value, *it, field)); break;
      case FieldKind::kDate: LEU_RETURN_IF_ERROR(parse_date(value, p, field)); break;
      case FieldKind::kWeight: break;
    }
    out[it->name] = value;
  }
  return out;
}

// Required fields and code tables, once the record's IC code, correction and element are known.
Result<void> check_fields(const std::map<std::string, std::string>& values, const std::vector<FieldSpec>& specs,
                          std::string_view element, std::size_t n, const Profile& p) {
  const auto get = [&](const char* name) {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
  };
  const std::string code = get("code"), correction = get("correction");
  for (const FieldSpec& f : specs) {
    auto it = values.find(f.name);
    if (it == values.end()) {
      if (is_required(f, code, correction, element))
        return invalid(where(n, f.name), "label " + f.label + " is required here and missing");
      continue;
    }
    if (!f.codes.empty() && !p.has_code(f.codes, it->second))
      return invalid(where(n, f.name), "'" + it->second + "' is not a known code (table " + f.codes + ")");
    if (f.name == "isotope") {
      const ElementCode* e = p.element(element);
      if (e && std::find(e->isotopes.begin(), e->isotopes.end(), it->second) == e->isotopes.end())
        return invalid(where(n, f.name),
                       "isotope '" + it->second + "' is not allowed for element " + std::string(element));
    }
  }
  return {};
}

}  // namespace

std::string line_crc(std::string_view body) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(body.data()), body.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (std::size_t i = 0; i < 8; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xf];
  }
  return out;
}

std::string write_labelled(const Report& r, const Profile& p) {
  const Layout& layout = p.layout(r.header.type);
  std::string out;
  std::string body = "H;FORMAT=" + std::string(kLabelledFormat) + ";PROFILE=" + p.name +
                     ";PROFILE_VERSION=" + std::to_string(p.version);
  for (const FieldSpec& f : layout.header) {
    const std::string v = header_value(r, f, p);
    if (!v.empty() || f.required.when == Requirement::When::kAlways) body += ";" + f.label + "=" + v;
  }
  end_record(out, std::move(body));
  for (const ReportLine& l : r.lines) {
    body = "L";
    for (const FieldSpec& f : layout.lines) {
      const bool req = is_required(f, l.code, l.correction, r.header.element_category);
      const std::string v = line_value(r, l, f, req, p);
      if (!v.empty() || req) body += ";" + f.label + "=" + v;
    }
    end_record(out, std::move(body));
  }
  for (const std::string& note : r.notes) end_record(out, "N;NOTE=" + note);
  return out;
}

Result<Report> parse_labelled(std::string_view text, const Profile& p) {
  // Split into lines; the final LF is optional, any other empty line is an error.
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (lines.empty()) return invalid(where(1, ""), "the text is empty; a header record is required");

  Report r;
  ReportHeader& h = r.header;
  const Layout* layout = nullptr;
  std::int64_t note_count = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t n = i + 1;
    if (lines[i].empty()) return invalid(where(n, ""), "is empty; every line is one record");
    if (lines[i].find('\r') != std::string_view::npos)
      return invalid(where(n, ""), "holds a carriage return; records end with LF only");
    LEU_GET(rec, split_record(lines[i], n));

    if (i == 0) {
      if (rec.type != 'H') return invalid(where(n, ""), "the first record must be the header (H)");
      const auto fixed = [&](std::size_t k, const char* label, const char* name,
                             const std::string& want) -> Result<void> {
        if (rec.fields.size() <= k || rec.fields[k].first != label)
          return invalid(where(n, name),
                         std::string("label ") + label + " must be field " + std::to_string(k + 1) + " of the header");
        if (rec.fields[k].second != want)
          return invalid(where(n, name),
                         "is '" + rec.fields[k].second + "'; this parser reads " + want +
                             (k == 0 ? "" : " (profile " + p.name + " version " + std::to_string(p.version) + ")"));
        return {};
      };
      LEU_RETURN_IF_ERROR(fixed(0, "FORMAT", "format", std::string(kLabelledFormat)));
      LEU_RETURN_IF_ERROR(fixed(1, "PROFILE", "profile", p.name));
      LEU_RETURN_IF_ERROR(fixed(2, "PROFILE_VERSION", "profile_version", std::to_string(p.version)));
      // The report type picks the layout; its label is the same in all three layouts (checked on load).
      const std::string& type_label = p.icr.header.front().label;
      auto t =
          std::find_if(rec.fields.begin() + 3, rec.fields.end(), [&](const auto& f) { return f.first == type_label; });
      if (t == rec.fields.end()) return invalid(where(n, "report_type"), "label " + type_label + " is missing");
      if (t->second == "I")
        h.type = ReportType::kIcr;
      else if (t->second == "P")
        h.type = ReportType::kPil;
      else if (t->second == "M")
        h.type = ReportType::kMbr;
      else
        return invalid(where(n, "report_type"), "'" + t->second + "' is not I, P or M");
      layout = &p.layout(h.type);
      LEU_GET(values, read_fields(rec, 3, layout->header, n, p));
      const std::string element = values.contains("element_category") ? values["element_category"] : "";
      LEU_RETURN_IF_ERROR(check_fields(values, layout->header, element, n, p));
      for (const auto& [name, v] : values) {
        const FieldSpec* f = layout->header_field(name);
        if (name == "mba")
          h.mba = v;
        else if (name == "element_category")
          h.element_category = v;
        else if (name == "reporting_person")
          h.reporting_person = v;
        else if (f->kind == FieldKind::kDate) {
          LEU_GET(iso, parse_date(v, p, where(n, name)));
          if (name == "report_date")
            h.report_date = iso;
          else if (name == "period_start")
            h.period_start = iso;
          else if (name == "period_end")
            h.period_end = iso;
          else if (name == "pit_date")
            h.period_start = h.period_end = iso;
        } else if (f->kind == FieldKind::kNumber) {
          const std::int64_t x = std::stoll(v);
          if (name == "report_number")
            h.report_number = x;
          else if (name == "line_count")
            h.line_count = x;
          else if (name == "note_count")
            note_count = x;
        }
      }
      continue;
    }

    if (rec.type == 'H') return invalid(where(n, ""), "a second header record; a report has one");
    if (rec.type == 'N') {
      if (rec.fields.size() != 1 || rec.fields[0].first != "NOTE")
        return invalid(where(n, rec.fields.empty() ? "note" : rec.fields[0].first),
                       "a note record holds exactly one field, NOTE");
      const std::string& v = rec.fields[0].second;
      LEU_RETURN_IF_ERROR(check_chars(v, where(n, "note"), p));
      if (v.size() > static_cast<std::size_t>(p.rules.note_max_length))
        return invalid(where(n, "note"), "is longer than " + std::to_string(p.rules.note_max_length) + " characters");
      r.notes.push_back(v);
      continue;
    }
    // A report line.
    if (!r.notes.empty()) return invalid(where(n, ""), "a report line after the notes; notes come last");
    LEU_GET(values, read_fields(rec, 0, layout->lines, n, p));
    LEU_RETURN_IF_ERROR(check_fields(values, layout->lines, h.element_category, n, p));
    ReportLine l;
    for (const auto& [name, v] : values) {
      const FieldSpec* f = layout->line_field(name);
      const std::string field = where(n, name);
      switch (f->kind) {
        case FieldKind::kNumber: {
          const std::int64_t x = std::stoll(v);
          if (name == "line_number")
            l.line_number = x;
          else if (name == "items")
            l.items = x;
          else if (name == "previous_report")
            l.previous_report = x;
          else if (name == "previous_line")
            l.previous_line = x;
          break;
        }
        case FieldKind::kDate: {
          LEU_GET(iso, parse_date(v, p, field));
          l.accounting_date = iso;
          break;
        }
        case FieldKind::kWeight: break;  // below, once the isotope is known
        case FieldKind::kText:
          if (name == "code")
            l.code = v;
          else if (name == "batch")
            l.batch = v;
          else if (name == "kmp")
            l.kmp = v;
          else if (name == "measurement_basis")
            l.measurement_basis = v;
          else if (name == "material_form")
            l.material_form = v;
          else if (name == "material_container")
            l.material_container = v;
          else if (name == "material_state")
            l.material_state = v;
          else if (name == "mba_from")
            l.mba_from = v;
          else if (name == "mba_to")
            l.mba_to = v;
          else if (name == "isotope")
            l.isotope = v;
          else if (name == "container_id")
            l.container_id = v;
          else if (name == "correction")
            l.correction = v;
          else if (name == "comment")
            l.comment = v;
          break;
      }
    }
    // Signed weights only where the code is reported with its sign (± IC codes, SRD and MUF lines).
    bool may_be_negative = false;
    if (h.type == ReportType::kIcr) {
      const IcCode* c = p.ic_code(l.code);
      may_be_negative = c && c->direction == "±";
    } else if (h.type == ReportType::kMbr) {
      const MbrLineCode* c = p.mbr_line(l.code);
      may_be_negative = c && c->signed_value;
    }
    for (const char* name : {"element_weight", "fissile_weight"}) {
      auto it = values.find(name);
      if (it == values.end()) continue;
      const bool element = std::string_view(name) == "element_weight";
      const std::string unit = weight_unit(r, l, element ? WeightField::kElement : WeightField::kFissile, p);
      LEU_GET(mg, parse_weight(it->second, unit, p, where(n, name)));
      if (mg < 0 && !may_be_negative)
        return invalid(where(n, name),
                       "is negative; only codes reported with their sign (±, SRD, MUF) may be, not '" + l.code + "'");
      (element ? l.element_weight_mg : l.fissile_weight_mg) = shown_mg(l, mg, h.type, p);
    }
    const std::int64_t expected = static_cast<std::int64_t>(r.lines.size()) + 1;
    if (l.line_number != expected)
      return invalid(where(n, "line_number"), "is " + std::to_string(l.line_number) + "; expected " +
                                                  std::to_string(expected) +
                                                  " (line numbers run 1, 2, ... with no gap)");
    r.lines.push_back(std::move(l));
  }
  if (static_cast<std::int64_t>(r.lines.size()) != h.line_count)
    return invalid(where(1, "line_count"), "says " + std::to_string(h.line_count) + " but the report has " +
                                               std::to_string(r.lines.size()) + " lines");
  if (layout->header_field("note_count") && static_cast<std::int64_t>(r.notes.size()) != note_count)
    return invalid(where(1, "note_count"), "says " + std::to_string(note_count) + " but the report has " +
                                               std::to_string(r.notes.size()) + " notes");
  return r;
}

}  // namespace leu::reports
