// Test support: small hand-written reports of the LEU bank (one ICR, one PIL, one MBR) for golden-file and error
// tests. The MBR is the worked example of accounting-reports.md §9 (g U-235) as fissile weights, with element
// weights 20 times larger; the cylinders are 30B cylinders of about 1 540 kg U (leu-bank.md).
//
//   Report icr = sample_icr();
#pragma once

#include "reports/report.hpp"

namespace leu::reports::testing {

inline ReportLine cylinder_line(std::int64_t n, std::string code, std::string batch) {
  ReportLine l;
  l.line_number = n;
  l.code = std::move(code);
  l.batch = std::move(batch);
  l.kmp = "1";
  l.measurement_basis = "N";
  l.material_form = "U6";
  l.material_container = "C";
  l.material_state = "F";
  l.items = 1;
  l.isotope = "G";
  return l;
}

inline Report sample_icr() {
  Report r;
  r.header = {ReportType::kIcr, "LEUB", "2026-02-10", 3, "2026-01-01", "2026-01-31", "E", "A. Accountant", 4};
  ReportLine rf = cylinder_line(1, "RF", "KZ30B-0001");
  rf.mba_from = "FR";
  rf.accounting_date = "2026-01-14";
  rf.element_weight_mg = 1512345678;  // 1 512 345.678 g U
  rf.fissile_weight_mg = 74861111;    //    74 861.111 g U-235 (4.95 wt %)
  ReportLine sf = cylinder_line(2, "SF", "KZ30B-0002");
  sf.kmp = "2";
  sf.measurement_basis = "T";
  sf.mba_to = "AR";
  sf.accounting_date = "2026-01-28";
  sf.element_weight_mg = 1498000500;
  sf.fissile_weight_mg = 74151025;
  sf.comment = "Supply to the recipient State under the supply agreement";
  // A D/A pair correcting line 1 of report 2 (the weight was 1 000 g too high).
  ReportLine del = cylinder_line(3, "RF", "KZ30B-0000");
  del.mba_from = "FR";
  del.accounting_date = "2025-12-17";
  del.element_weight_mg = 1510000000;
  del.fissile_weight_mg = 74745000;
  del.correction = "D";
  del.previous_report = 2;
  del.previous_line = 1;
  ReportLine add = del;
  add.line_number = 4;
  add.element_weight_mg = 1509000000;
  add.fissile_weight_mg = 74695500;
  add.correction = "A";
  add.comment = "Weight corrected after re-weighing";
  r.lines = {rf, sf, del, add};
  r.notes = {"One 30B cylinder received from the supplier and one shipped to the recipient State in January 2026.",
             "Next physical inventory taking planned for 31 December 2026."};
  return r;
}

inline Report sample_pil() {
  Report r;
  r.header = {ReportType::kPil, "LEUB", "2027-01-12", 1, "2026-12-31", "2026-12-31", "E", "A. Accountant", 2};
  ReportLine a = cylinder_line(1, "", "KZ30B-0001");
  a.code.clear();
  a.measurement_basis = "T";
  a.element_weight_mg = 1512345678;
  a.fissile_weight_mg = 74861111;
  a.container_id = "30B-ULBA-0001";
  ReportLine b = a;
  b.line_number = 2;
  b.batch = "KZ30B-0003";
  b.measurement_basis = "L";
  b.element_weight_mg = 1520000000;
  b.fissile_weight_mg = 75240000;
  b.container_id = "30B-ULBA-0003";
  b.comment = "Supplier values, acceptance measurement pending";
  r.lines = {a, b};
  return r;
}

inline Report sample_mbr() {
  Report r;
  r.header = {ReportType::kMbr, "LEUB", "2027-01-20", 1, "2026-01-01", "2026-12-31", "E", "A. Accountant", 8};
  const struct {
    const char* code;
    std::int64_t u235_mg;
  } rows[] = {{"PB", 1200000}, {"RD", 400000},  {"SD", 300000},  {"BE", 1300000},
              {"DI", 500},     {"BA", 1299500}, {"PE", 1299200}, {"MF", 300}};
  std::int64_t n = 0;
  for (const auto& row : rows) {
    ReportLine l;
    l.line_number = ++n;
    l.code = row.code;
    l.element_weight_mg = 20 * row.u235_mg;
    l.isotope = "G";
    l.fissile_weight_mg = row.u235_mg;
    r.lines.push_back(l);
  }
  r.notes = {"MUF 0.300 g U-235, an apparent loss within the measurement uncertainty."};
  return r;
}

}  // namespace leu::reports::testing
