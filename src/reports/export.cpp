#include "reports/export.hpp"

#include "reports/values.hpp"

namespace leu::reports {
namespace {

using nlohmann::json;

std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The text value of a non-weight line field, ISO dates.
std::string line_text(const ReportLine& l, const std::string& name) {
  if (name == "line_number") return std::to_string(l.line_number);
  if (name == "code") return l.code;
  if (name == "batch") return l.batch;
  if (name == "kmp") return l.kmp;
  if (name == "measurement_basis") return l.measurement_basis;
  if (name == "material_form") return l.material_form;
  if (name == "material_container") return l.material_container;
  if (name == "material_state") return l.material_state;
  if (name == "mba_from") return l.mba_from;
  if (name == "mba_to") return l.mba_to;
  if (name == "accounting_date") return l.accounting_date;
  if (name == "items") return std::to_string(l.items);
  if (name == "isotope") return l.isotope;
  if (name == "container_id") return l.container_id;
  if (name == "correction") return l.correction;
  if (name == "previous_report") return l.previous_report == 0 ? "" : std::to_string(l.previous_report);
  if (name == "previous_line") return l.previous_line == 0 ? "" : std::to_string(l.previous_line);
  if (name == "comment") return l.comment;
  return "";
}

std::int64_t line_number_value(const ReportLine& l, const std::string& name) {
  if (name == "line_number") return l.line_number;
  if (name == "items") return l.items;
  if (name == "previous_report") return l.previous_report;
  if (name == "previous_line") return l.previous_line;
  return 0;
}

}  // namespace

std::string sheet_name(const Report& r) {
  return std::string(report_type_key(r.header.type)) + " " + std::to_string(r.header.report_number);
}

std::string write_csv(const Report& r, const Profile& p) {
  const Layout& layout = p.layout(r.header.type);
  std::vector<std::string> head = {"report_type",  "mba",        "report_number",   "report_date",
                                   "period_start", "period_end", "element_category"};
  for (const FieldSpec& f : layout.lines) {
    head.push_back(f.name);
    if (f.kind == FieldKind::kWeight) {
      head.push_back(f.name + "_unit");
      head.push_back(f.name + "_mg");
    }
  }
  std::string out;
  const auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\r\n";
  };
  row(head);
  const ReportHeader& h = r.header;
  for (const ReportLine& l : r.lines) {
    std::vector<std::string> cells = {std::string(report_type_key(h.type)),
                                      h.mba,
                                      std::to_string(h.report_number),
                                      h.report_date,
                                      h.period_start,
                                      h.period_end,
                                      h.element_category};
    for (const FieldSpec& f : layout.lines) {
      if (f.kind == FieldKind::kWeight) {
        const bool element = f.name == "element_weight";
        const auto unit = weight_unit(r, l, element ? WeightField::kElement : WeightField::kFissile, p);
        const std::int64_t mg = shown_mg(l, element ? l.element_weight_mg : l.fissile_weight_mg, h.type, p);
        cells.push_back(format_weight(mg, unit, p));
        cells.push_back(unit);
        cells.push_back(std::to_string(mg));
      } else {
        cells.push_back(line_text(l, f.name));
      }
    }
    row(cells);
  }
  return out;
}

json write_json(const Report& r, const Profile& p) {
  const Layout& layout = p.layout(r.header.type);
  const ReportHeader& h = r.header;
  const ElementCode* e = p.element(h.element_category);
  json doc;
  doc["format"] = kJsonFormat;
  doc["profile"] = {{"name", p.name}, {"version", p.version}};
  doc["muf_sign"] = p.rules.muf_sign;
  doc["header"] = {{"report_type", report_type_key(h.type)},
                   {"report_type_letter", std::string(1, report_type_letter(h.type))},
                   {"mba", h.mba},
                   {"report_date", h.report_date},
                   {"report_number", h.report_number},
                   {"period_start", h.period_start},
                   {"period_end", h.period_end},
                   {"element_category", h.element_category},
                   {"element_unit", e ? e->unit : ""},
                   {"reporting_person", h.reporting_person},
                   {"line_count", h.line_count}};
  json lines = json::array();
  for (const ReportLine& l : r.lines) {
    json j = json::object();
    for (const FieldSpec& f : layout.lines) {
      if (f.kind == FieldKind::kWeight) {
        const bool element = f.name == "element_weight";
        const auto unit = weight_unit(r, l, element ? WeightField::kElement : WeightField::kFissile, p);
        const std::int64_t mg = shown_mg(l, element ? l.element_weight_mg : l.fissile_weight_mg, h.type, p);
        j[f.name + "_mg"] = mg;
        j[f.name] = format_weight(mg, unit, p);
        j[f.name + "_unit"] = unit;
      } else if (f.kind == FieldKind::kNumber) {
        j[f.name] = line_number_value(l, f.name);
      } else {
        j[f.name] = line_text(l, f.name);
      }
    }
    lines.push_back(std::move(j));
  }
  doc["lines"] = std::move(lines);
  doc["notes"] = r.notes;
  return doc;
}

}  // namespace leu::reports
