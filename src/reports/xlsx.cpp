#include <xlsxwriter.h>

#include <charconv>
#include <memory>

#include "reports/export.hpp"
#include "reports/values.hpp"

namespace leu::reports {
namespace {

// XLSX stores every number as an IEEE double. A weight is converted from its exact decimal text with
// std::from_chars (correctly rounded, locale-free), so the cell shows the exact decimal for |mg| < 2^53; the
// milligram column beside it is an exact integer.
double decimal_to_double(const std::string& text) {
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

struct Writer {
  lxw_workbook* wb;
  lxw_worksheet* ws;
  lxw_format* bold;
  lxw_format* date;
  lxw_format* integer;
  lxw_format* grams;      // 3 decimals
  lxw_format* kilograms;  // 6 decimals

  lxw_format* weight_format(const std::string& unit, const Profile& p) const {
    return p.unit_decimals(unit) == 6 ? kilograms : grams;
  }
  void text(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* f = nullptr) const {
    if (!s.empty()) worksheet_write_string(ws, row, col, s.c_str(), f);
  }
  void iso_date(lxw_row_t row, lxw_col_t col, const std::string& iso) const {
    if (iso.size() != 10) return text(row, col, iso);
    lxw_datetime dt = {std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2)), 0, 0, 0};
    worksheet_write_datetime(ws, row, col, &dt, date);
  }
  void number(lxw_row_t row, lxw_col_t col, std::int64_t v) const {
    worksheet_write_number(ws, row, col, static_cast<double>(v), integer);
  }
};

}  // namespace

Result<void> write_xlsx(const Report& r, const Profile& p, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return fail(ErrorCode::kStorage, path, "the XLSX workbook cannot be created");
  const std::string name = sheet_name(r);
  Writer w{wb,
           workbook_add_worksheet(wb, name.c_str()),
           workbook_add_format(wb),
           workbook_add_format(wb),
           workbook_add_format(wb),
           workbook_add_format(wb),
           workbook_add_format(wb)};
  format_set_bold(w.bold);
  format_set_num_format(w.date, "yyyy-mm-dd");
  format_set_num_format(w.integer, "0");
  format_set_num_format(w.grams, "#,##0.000");
  format_set_num_format(w.kilograms, "#,##0.000000");

  // Header block: label | value, with the profile first.
  const ReportHeader& h = r.header;
  const Layout& layout = p.layout(h.type);
  lxw_row_t row = 0;
  w.text(row, 0, "PROFILE", w.bold);
  w.text(row++, 1, p.name + " version " + std::to_string(p.version));
  for (const FieldSpec& f : layout.header) {
    w.text(row, 0, f.label, w.bold);
    if (f.name == "report_type")
      w.text(row, 1, std::string(report_type_key(h.type)));
    else if (f.name == "mba")
      w.text(row, 1, h.mba);
    else if (f.name == "report_date")
      w.iso_date(row, 1, h.report_date);
    else if (f.name == "report_number")
      w.number(row, 1, h.report_number);
    else if (f.name == "period_start")
      w.iso_date(row, 1, h.period_start);
    else if (f.name == "period_end" || f.name == "pit_date")
      w.iso_date(row, 1, h.period_end);
    else if (f.name == "element_category")
      w.text(row, 1, h.element_category);
    else if (f.name == "reporting_person")
      w.text(row, 1, h.reporting_person);
    else if (f.name == "line_count")
      w.number(row, 1, h.line_count);
    else if (f.name == "note_count")
      w.number(row, 1, static_cast<std::int64_t>(r.notes.size()));
    ++row;
  }
  w.text(row, 0, "MUF_SIGN", w.bold);
  w.text(row++, 1, p.rules.muf_sign);
  ++row;

  // The table: one column per layout field, weights followed by their unit and their milligrams.
  lxw_col_t col = 0;
  for (const FieldSpec& f : layout.lines) {
    w.text(row, col++, f.label, w.bold);
    if (f.kind == FieldKind::kWeight) {
      w.text(row, col++, f.label + "_UNIT", w.bold);
      w.text(row, col++, f.label + "_MG", w.bold);
    }
  }
  worksheet_set_column(w.ws, 0, col, 16, nullptr);
  ++row;
  for (const ReportLine& l : r.lines) {
    col = 0;
    for (const FieldSpec& f : layout.lines) {
      const std::string& n = f.name;
      if (f.kind == FieldKind::kWeight) {
        const bool element = n == "element_weight";
        const auto unit = weight_unit(r, l, element ? WeightField::kElement : WeightField::kFissile, p);
        const std::int64_t mg = shown_mg(l, element ? l.element_weight_mg : l.fissile_weight_mg, h.type, p);
        worksheet_write_number(w.ws, row, col++, decimal_to_double(format_weight(mg, unit, p)),
                               w.weight_format(unit, p));
        w.text(row, col++, unit);
        w.number(row, col++, mg);
      } else if (f.kind == FieldKind::kNumber) {
        const std::int64_t v = n == "line_number"       ? l.line_number
                               : n == "items"           ? l.items
                               : n == "previous_report" ? l.previous_report
                                                        : l.previous_line;
        if (v != 0 || n == "items" || n == "line_number") w.number(row, col, v);
        ++col;
      } else if (f.kind == FieldKind::kDate) {
        w.iso_date(row, col++, l.accounting_date);
      } else {
        const std::string v = n == "code"                 ? l.code
                              : n == "batch"              ? l.batch
                              : n == "kmp"                ? l.kmp
                              : n == "measurement_basis"  ? l.measurement_basis
                              : n == "material_form"      ? l.material_form
                              : n == "material_container" ? l.material_container
                              : n == "material_state"     ? l.material_state
                              : n == "mba_from"           ? l.mba_from
                              : n == "mba_to"             ? l.mba_to
                              : n == "isotope"            ? l.isotope
                              : n == "container_id"       ? l.container_id
                              : n == "correction"         ? l.correction
                              : n == "comment"            ? l.comment
                                                          : std::string();
        w.text(row, col++, v);
      }
    }
    ++row;
  }
  if (!r.notes.empty()) {
    ++row;
    w.text(row++, 0, "NOTES", w.bold);
    for (const std::string& note : r.notes) w.text(row++, 0, note);
  }
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return fail(ErrorCode::kStorage, path, std::string("XLSX not written: ") + lxw_strerror(err));
  return {};
}

}  // namespace leu::reports
