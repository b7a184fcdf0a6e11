#include "accountancy/report_builder.hpp"

#include <chrono>
#include <cstdlib>
#include <map>

#include "accountancy/balance_period.hpp"
#include "accountancy/profile_in_force.hpp"
#include "domain/inventory_change_codes.hpp"
#include "domain/uf6.hpp"

namespace leu {
namespace {

using reports::Report;
using reports::ReportLine;
using reports::ReportType;
using Json = nlohmann::json;

std::int64_t magnitude(std::int64_t v) { return v < 0 ? -v : v; }

void number_lines(Report& r) {
  for (std::size_t i = 0; i < r.lines.size(); ++i) r.lines[i].line_number = static_cast<std::int64_t>(i) + 1;
  r.header.line_count = static_cast<std::int64_t>(r.lines.size());
}

Result<Json> closed_period(Journal& journal, const std::string& mba, Date to, std::int64_t& number) {
  Periods periods(journal);
  LEU_GET(all, periods.periods(mba));
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i]["to"] == to.text()) {
      number = static_cast<std::int64_t>(i) + 1;
      return all[i];
    }
  return fail(
      ErrorCode::kNotFound, "date",
      "no closed balance period of " + mba + " ends on " + to.text() + "; close it first ('leubank period close')");
}

Result<void> known_mba(Journal& journal, const std::string& mba) {
  LEU_GET(facility, journal.facility());
  if (!facility || !facility->find_mba(mba)) return fail(ErrorCode::kNotFound, "mba", "unknown MBA '" + mba + "'");
  return {};
}

// The profile's measurement basis code (accounting-reports.md §4) of a value measured in `where` ("this" or "other"
// MBA), new to this MBA or already reported by it ("new", "previous"); "" if the profile has none, which the writer
// then refuses naming the field.
std::string measured_basis(const reports::Profile& profile, std::string_view where, std::string_view value) {
  for (const auto& b : profile.measurement_basis)
    if (b.where == where && b.value == value && b.kind == "measured") return b.code;
  return "";
}

char category_code(const std::string& category) {
  auto c = parse_category(category);
  return c ? category_element_code(*c) : '?';
}

}  // namespace

ReportLine icr_line(const ChangeLine& l, const reports::Profile& profile, ReceiptBasis basis) {
  ReportLine line;
  line.code = l.code;
  line.batch = l.batch;
  line.kmp = l.kmp.empty() ? "&" : l.kmp;  // "&" when no KMP applies (Euratom)
  // Receipts carry the values they were booked at: the shipper's (measured in another MBA) or the receiver's
  // acceptance measurement; shipments the values this MBA reported before; the rest (DI, losses, gains) this MBA's.
  const reports::IcCode* ic = profile.ic_code(l.code);
  const bool receipt = ic && !ic->internal && ic->direction == "+";
  const bool shipment = ic && !ic->internal && ic->direction == "-";
  line.measurement_basis = measured_basis(profile, receipt && basis == ReceiptBasis::kShipper ? "other" : "this",
                                          shipment ? "previous" : "new");
  line.material_form = "U6", line.material_container = "C", line.material_state = "F";
  if (l.code == "RF" || l.code == "RD") line.mba_from = l.partner;
  if (l.code == "SF" || l.code == "SD") line.mba_to = l.partner;
  line.accounting_date = l.date;
  line.items = l.items == 0 ? 1 : magnitude(l.items);
  // DI is reported with its sign, shipper - receiver: the opposite of its effect on the book.
  const bool difference = l.code == kShipperReceiverDifferenceCode;
  line.element_weight_mg = difference ? -l.uranium_mg : magnitude(l.uranium_mg);
  line.isotope = "G";
  line.fissile_weight_mg = difference ? -l.u235_mg : magnitude(l.u235_mg);
  return line;
}

std::string change_line_key(const ChangeLine& l) { return std::to_string(l.seq) + "/" + std::to_string(l.line); }

Result<Report> build_icr(Journal& journal, const std::string& mba, int year, unsigned month,
                         const std::string& reporting_person, std::vector<std::string>* sources) {
  LEU_RETURN_IF_ERROR(known_mba(journal, mba));
  if (month < 1 || month > 12) return invalid("month", "must be 1 to 12");
  const Date first = Date::from_ymd(year, month, 1);
  const Date last = (month == 12 ? Date::from_ymd(year + 1, 1, 1) : Date::from_ymd(year, month + 1, 1)).plus_days(-1);
  const Date today = Date::of(journal.clock().now());
  if (first > today) return invalid("month", first.text().substr(0, 7) + " has not begun");
  LEU_GET(profile, profile_in_force(journal));
  LEU_GET(facility, journal.facility());
  const ReceiptBasis basis = facility ? facility->receipt_basis : ReceiptBasis::kReceiver;

  Report r;
  r.header = {ReportType::kIcr, mba, today.text(), 0, first.text(), last.text(), "E", reporting_person, 0};
  std::string first_month;
  auto scanned = journal.store().scan_lines(INT64_MIN, INT64_MAX, [&](const ChangeLine& l) {
    if (l.mba != mba) return true;
    if (first_month.empty() || l.date.substr(0, 7) < first_month) first_month = l.date.substr(0, 7);
    if (l.date < first.text() || l.date > last.text()) return true;
    ReportLine line = icr_line(l, profile, basis);
    if (sources) sources->push_back(change_line_key(l));
    r.header.element_category = std::string(1, category_code(l.category));
    r.lines.push_back(std::move(line));
    return true;
  });
  if (!scanned) return std::unexpected(scanned.error());
  // Number: months since the MBA's first month with a change.
  if (!first_month.empty()) {
    const int y0 = std::atoi(first_month.substr(0, 4).c_str()), m0 = std::atoi(first_month.substr(5, 2).c_str());
    r.header.report_number = std::max<std::int64_t>(1, (year - y0) * 12 + (static_cast<int>(month) - m0) + 1);
  } else {
    r.header.report_number = 1;
  }
  number_lines(r);
  if (r.lines.empty()) r.notes.push_back("No inventory changes in " + first.text().substr(0, 7) + ".");
  return r;
}

Result<Report> build_pil(Journal& journal, const std::string& mba, Date pit_date, const std::string& reporting_person) {
  LEU_RETURN_IF_ERROR(known_mba(journal, mba));
  std::int64_t number = 0;
  LEU_GET(period, closed_period(journal, mba, pit_date, number));
  LEU_GET(pit, journal.document(kPitKind, mba + "/" + pit_date.text()));
  LEU_GET(book, journal.as_of(pit_date));
  LEU_GET(profile, profile_in_force(journal));
  Report r;
  r.header = {
      ReportType::kPil, mba, Date::of(journal.clock().now()).text(), number, pit_date.text(), pit_date.text(), "E",
      reporting_person, 0};
  for (const auto& f : (*pit)["found"]) {
    LEU_GET(item, book.item(f["item"].get<std::string>()));
    if (!item)
      return fail(ErrorCode::kIntegrity, "pil", "item " + f["item"].get<std::string>() + " is not in the books");
    ReportLine line;
    line.batch = item->batch;
    line.kmp = (*pit)["kmp"].get<std::string>();
    line.material_form = "U6", line.material_container = "C", line.material_state = "F";
    line.items = 1;
    line.isotope = "G";
    line.container_id = item->id;
    if (f.contains("net_uf6_mg") && f["net_uf6_mg"].is_number_integer()) {
      const UraniumContent c = uranium_in_uf6(Mass::milligrams(f["net_uf6_mg"].get<std::int64_t>()), item->isotopics);
      line.measurement_basis = measured_basis(profile, "this", "new");
      line.element_weight_mg = c.uranium.mg();
      line.fissile_weight_mg = c.u235.mg();
    } else {
      line.measurement_basis = measured_basis(profile, "this", "previous");  // the book value: the receiver's
      line.element_weight_mg = item->uranium.mg();
      line.fissile_weight_mg = item->u235.mg();
    }
    r.header.element_category = std::string(1, category_element_code(item->category()));
    r.lines.push_back(std::move(line));
  }
  number_lines(r);
  return r;
}

Result<Report> build_mbr(Journal& journal, const std::string& mba, Date pit_date, const std::string& reporting_person) {
  LEU_RETURN_IF_ERROR(known_mba(journal, mba));
  std::int64_t number = 0;
  LEU_GET(period, closed_period(journal, mba, pit_date, number));
  // The codes of the balance's fixed lines are the profile's, by role (a Facility Attachment may rename them); a
  // valid profile has each role (profile_from_json).
  LEU_GET(profile, profile_in_force(journal));
  std::map<std::string, std::string> role_code;
  for (std::string_view role : reports::kMbrBalanceRoles)
    role_code[std::string(role)] = profile.mbr_line_with_role(role)->code;
  Report r;
  r.header = {ReportType::kMbr, mba, Date::of(journal.clock().now()).text(), number, period["from"], period["to"], "E",
              reporting_person, 0};
  for (const auto& c : period["categories"]) {
    r.header.element_category = std::string(1, category_code(c["category"]));
    const auto add = [&](const std::string& code, const Json& w, bool keep_sign) {
      ReportLine line;
      line.code = code;
      line.isotope = "G";
      const std::int64_t u = w["uranium_mg"], u235 = w["u235_mg"];
      line.element_weight_mg = keep_sign ? u : magnitude(u);
      line.fissile_weight_mg = keep_sign ? u235 : magnitude(u235);
      r.lines.push_back(std::move(line));
    };
    add(role_code["PB"], c["pb"], false);
    for (const auto& [ic, w] : c["increases"].items()) add(ic, w, false);
    for (const auto& [ic, w] : c["decreases"].items()) add(ic, w, false);
    add(role_code["BE"], c["be"], false);
    add(role_code["SRD"], c["srd"], true);
    add(role_code["BA"], c["ba"], false);
    add(role_code["PE"], c["pe"], false);
    add(role_code["MUF"], c["muf"], true);
  }
  number_lines(r);
  std::string anomalies;
  for (const auto& a : period["anomalies"])
    anomalies += " " + a["id"].get<std::string>() + ": " + a["detail"].get<std::string>() + ".";
  if (!anomalies.empty()) r.notes.push_back("Anomalies of the period (explained before sign-off):" + anomalies);
  return r;
}

}  // namespace leu
