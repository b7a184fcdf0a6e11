#include "reports/record.hpp"

#include "reports/profile.hpp"

namespace leu::reports {
namespace {

using nlohmann::json;

Result<const json*> member(const json& obj, const std::string& path, const char* key) {
  if (!obj.is_object()) return invalid(path, "an object is required");
  auto it = obj.find(key);
  if (it == obj.end()) return invalid(path + "/" + key, "is missing");
  return &*it;
}

Result<void> read(const json& obj, const std::string& path, const char* key, std::string& out) {
  LEU_GET(v, member(obj, path, key));
  if (!v->is_string()) return invalid(path + "/" + key, "a string is required");
  out = v->get<std::string>();
  return {};
}

Result<void> read(const json& obj, const std::string& path, const char* key, std::int64_t& out) {
  LEU_GET(v, member(obj, path, key));
  if (!v->is_number_integer()) return invalid(path + "/" + key, "an integer is required");
  out = v->get<std::int64_t>();
  return {};
}

json line_to_record(const ReportLine& l) {
  return {{"line_number", l.line_number},
          {"code", l.code},
          {"batch", l.batch},
          {"kmp", l.kmp},
          {"measurement_basis", l.measurement_basis},
          {"material_form", l.material_form},
          {"material_container", l.material_container},
          {"material_state", l.material_state},
          {"mba_from", l.mba_from},
          {"mba_to", l.mba_to},
          {"accounting_date", l.accounting_date},
          {"items", l.items},
          {"element_weight_mg", l.element_weight_mg},
          {"isotope", l.isotope},
          {"fissile_weight_mg", l.fissile_weight_mg},
          {"container_id", l.container_id},
          {"correction", l.correction},
          {"previous_report", l.previous_report},
          {"previous_line", l.previous_line},
          {"comment", l.comment}};
}

Result<ReportLine> line_from_record(const json& j, const std::string& path) {
  ReportLine l;
  LEU_RETURN_IF_ERROR(read(j, path, "line_number", l.line_number));
  LEU_RETURN_IF_ERROR(read(j, path, "code", l.code));
  LEU_RETURN_IF_ERROR(read(j, path, "batch", l.batch));
  LEU_RETURN_IF_ERROR(read(j, path, "kmp", l.kmp));
  LEU_RETURN_IF_ERROR(read(j, path, "measurement_basis", l.measurement_basis));
  LEU_RETURN_IF_ERROR(read(j, path, "material_form", l.material_form));
  LEU_RETURN_IF_ERROR(read(j, path, "material_container", l.material_container));
  LEU_RETURN_IF_ERROR(read(j, path, "material_state", l.material_state));
  LEU_RETURN_IF_ERROR(read(j, path, "mba_from", l.mba_from));
  LEU_RETURN_IF_ERROR(read(j, path, "mba_to", l.mba_to));
  LEU_RETURN_IF_ERROR(read(j, path, "accounting_date", l.accounting_date));
  LEU_RETURN_IF_ERROR(read(j, path, "items", l.items));
  LEU_RETURN_IF_ERROR(read(j, path, "element_weight_mg", l.element_weight_mg));
  LEU_RETURN_IF_ERROR(read(j, path, "isotope", l.isotope));
  LEU_RETURN_IF_ERROR(read(j, path, "fissile_weight_mg", l.fissile_weight_mg));
  LEU_RETURN_IF_ERROR(read(j, path, "container_id", l.container_id));
  LEU_RETURN_IF_ERROR(read(j, path, "correction", l.correction));
  LEU_RETURN_IF_ERROR(read(j, path, "previous_report", l.previous_report));
  LEU_RETURN_IF_ERROR(read(j, path, "previous_line", l.previous_line));
  LEU_RETURN_IF_ERROR(read(j, path, "comment", l.comment));
  return l;
}

}  // namespace

Result<ReportType> parse_report_type(std::string_view key, const std::string& field) {
  for (ReportType t : {ReportType::kIcr, ReportType::kPil, ReportType::kMbr})
    if (key == report_type_key(t)) return t;
  return invalid(field, "'" + std::string(key) + "' is not a report type (ICR, PIL or MBR)");
}

json report_to_record(const Report& r) {
  const ReportHeader& h = r.header;
  json lines = json::array();
  for (const ReportLine& l : r.lines) lines.push_back(line_to_record(l));
  return {{"header",
           {{"type", report_type_key(h.type)},
            {"mba", h.mba},
            {"report_date", h.report_date},
            {"report_number", h.report_number},
            {"period_start", h.period_start},
            {"period_end", h.period_end},
            {"element_category", h.element_category},
            {"reporting_person", h.reporting_person},
            {"line_count", h.line_count}}},
          {"lines", std::move(lines)},
          {"notes", r.notes}};
}

Result<Report> report_from_record(const json& doc) {
  Report r;
  ReportHeader& h = r.header;
  LEU_GET(head, member(doc, "", "header"));
  std::string type;
  LEU_RETURN_IF_ERROR(read(*head, "/header", "type", type));
  LEU_GET(t, parse_report_type(type, "/header/type"));
  h.type = t;
  LEU_RETURN_IF_ERROR(read(*head, "/header", "mba", h.mba));
  LEU_RETURN_IF_ERROR(read(*head, "/header", "report_date", h.report_date));
  LEU_RETURN_IF_ERROR(read(*head, "/header", "report_number", h.report_number));
  LEU_RETURN_IF_ERROR(read(*head, "/header", "period_start", h.period_start));
  LEU_RETURN_IF_ERROR(read(*head, "/header", "period_end", h.period_end));
  LEU_RETURN_IF_ERROR(read(*head, "/header", "element_category", h.element_category));
  LEU_RETURN_IF_ERROR(read(*head, "/header", "reporting_person", h.reporting_person));
  LEU_RETURN_IF_ERROR(read(*head, "/header", "line_count", h.line_count));
  LEU_GET(lines, member(doc, "", "lines"));
  if (!lines->is_array()) return invalid("/lines", "an array is required");
  for (std::size_t i = 0; i < lines->size(); ++i) {
    LEU_GET(l, line_from_record((*lines)[i], "/lines/" + std::to_string(i)));
    r.lines.push_back(std::move(l));
  }
  LEU_GET(notes, member(doc, "", "notes"));
  if (!notes->is_array()) return invalid("/notes", "an array is required");
  for (std::size_t i = 0; i < notes->size(); ++i) {
    if (!(*notes)[i].is_string()) return invalid("/notes/" + std::to_string(i), "a string is required");
    r.notes.push_back((*notes)[i].get<std::string>());
  }
  return r;
}

}  // namespace leu::reports
