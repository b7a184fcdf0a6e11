#include "reports/correction.hpp"

#include <algorithm>

#include "domain/date.hpp"
#include "reports/values.hpp"

namespace leu::reports {
namespace {

std::string* text_member(ReportLine& l, const std::string& name) {
  if (name == "code") return &l.code;
  if (name == "batch") return &l.batch;
  if (name == "kmp") return &l.kmp;
  if (name == "measurement_basis") return &l.measurement_basis;
  if (name == "material_form") return &l.material_form;
  if (name == "material_container") return &l.material_container;
  if (name == "material_state") return &l.material_state;
  if (name == "mba_from") return &l.mba_from;
  if (name == "mba_to") return &l.mba_to;
  if (name == "isotope") return &l.isotope;
  if (name == "container_id") return &l.container_id;
  if (name == "comment") return &l.comment;
  return nullptr;
}

Result<void> letter_known(std::string_view letter, const Profile& p) {
  if (!p.correction(letter))
    return fail(ErrorCode::kConflict, "correction",
                "profile " + p.name + " has no correction letter '" + std::string(letter) + "'");
  return {};
}

ReportLine pointing(ReportLine l, std::string_view letter, std::int64_t report, std::int64_t line,
                    const std::string& comment) {
  l.correction = std::string(letter);
  l.previous_report = report;
  l.previous_line = line;
  l.comment = comment;
  l.line_number = 0;
  return l;
}

}  // namespace

Result<void> set_line_field(ReportLine& l, const Report& r, const std::string& name, const std::string& value,
                            const Profile& p) {
  const FieldSpec* f = p.layout(r.header.type).line_field(name);
  if (!f)
    return invalid(name, "is not a line field of the " + std::string(report_type_key(r.header.type)) +
                             " layout of profile " + p.name);
  if (name == "line_number" || name == "correction" || name == "previous_report" || name == "previous_line")
    return invalid(name, "is set by the correction itself, not by hand");
  switch (f->kind) {
    case FieldKind::kText: {
      if (value.empty() || value.size() > static_cast<std::size_t>(f->length))
        return invalid(name,
                       "'" + value + "' must be 1 to " + std::to_string(f->length) + " characters (" + f->type + ")");
      for (char c : value)
        if (c < ' ' || c > '~' || p.rules.forbidden_characters.find(c) != std::string::npos)
          return invalid(name, "'" + value + "' holds a character not allowed (printable ASCII without " +
                                   p.rules.forbidden_characters + ")");
      if (!f->codes.empty() && !p.has_code(f->codes, value))
        return invalid(name, "'" + value + "' is not a known code (table " + f->codes + ")");
      *text_member(l, name) = value;
      return {};
    }
    case FieldKind::kNumber: {
      if (value.empty() || value.size() > static_cast<std::size_t>(f->length) ||
          !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return invalid(name, "'" + value + "' is not a number of type " + f->type);
      if (name != "items") return invalid(name, "cannot be set by a correction");
      l.items = std::stoll(value);
      return {};
    }
    case FieldKind::kWeight: {
      const bool element = name == "element_weight";
      const std::string unit = weight_unit(r, l, element ? WeightField::kElement : WeightField::kFissile, p);
      LEU_GET(mg, parse_weight(value, unit, p, name));
      (element ? l.element_weight_mg : l.fissile_weight_mg) = shown_mg(l, mg, r.header.type, p);
      return {};
    }
    case FieldKind::kDate: {
      LEU_GET(day, Date::parse(value, name));
      l.accounting_date = day.text();
      return {};
    }
  }
  return {};
}

Result<ReportLine> deletion_line(const ReportLine& original, std::int64_t original_report, const std::string& reason,
                                 const Profile& p) {
  LEU_RETURN_IF_ERROR(letter_known(kDeleteLine, p));
  if (original.correction == kDeleteLine)
    return fail(ErrorCode::kConflict, "line",
                "line " + std::to_string(original.line_number) + " of report " + std::to_string(original_report) +
                    " is itself a deletion (D); it cannot be corrected");
  return pointing(original, kDeleteLine, original_report, original.line_number, reason);
}

Result<std::vector<ReportLine>> correction_lines(const ReportLine& original, std::int64_t original_report,
                                                 const ReportLine& corrected, const std::string& reason,
                                                 const Profile& p) {
  const std::vector<std::string> fixed = uncorrectable_changes(original, corrected, p);
  if (!fixed.empty()) {
    std::string list;
    for (const auto& f : fixed) list += (list.empty() ? "" : ", ") + f;
    return invalid(fixed.front(), "cannot be corrected in place (profile " + p.name +
                                      ", not_correctable_in_place: " + list +
                                      "); delete the line instead and book the change anew, which is reported as "
                                      "a late line");
  }
  ReportLine a = corrected;
  a.correction = original.correction;
  a.previous_report = original.previous_report;
  a.previous_line = original.previous_line;
  a.comment = original.comment;
  if (a == original) return invalid("set", "the corrected line is the same as the original; nothing to correct");
  LEU_RETURN_IF_ERROR(letter_known(kAddLine, p));
  LEU_GET(d, deletion_line(original, original_report, reason, p));
  return std::vector<ReportLine>{d, pointing(corrected, kAddLine, original_report, original.line_number, reason)};
}

Result<ReportLine> late_line(ReportLine line, const std::string& comment, const Profile& p) {
  LEU_RETURN_IF_ERROR(letter_known(kLateLine, p));
  line.correction = std::string(kLateLine);
  line.previous_report = 0;
  line.previous_line = 0;
  line.comment = comment;
  line.line_number = 0;
  return line;
}

}  // namespace leu::reports
