#include "cli/render.hpp"

#include <fmt/format.h>

#include "domain/decimal.hpp"
#include "ledger/event.hpp"

namespace leu::cli {
namespace {

std::string seals_text(const Item& it) {
  std::string s;
  for (const auto& id : it.seals) s += (s.empty() ? "" : " ") + id;
  return s.empty() ? "-" : s;
}

std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

void print_inventory_table(std::ostream& out, const Inventory& inv) {
  out << fmt::format("{}\n{} as of {} (UTC){}\n", inv.facility.name,
                     inv.as_of_today ? "Book inventory" : "Book inventory rebuilt from the journal", inv.as_of.text(),
                     inv.as_of_today ? "" : ", end of day");
  out << fmt::format("{:<14} {:<12} {:<10} {:<8} {:>11} {:>11} {:>9} {:>8} {:<9} {}\n", "cylinder", "supplier",
                     "received", "position", "UF6 net kg", "U kg", "U-235 kg", "U-235 %", "status", "seals");
  for (const auto& it : inv.items)
    out << fmt::format("{:<14} {:<12} {:<10} {:<8} {:>11} {:>11} {:>9} {:>8} {:<9} {}\n", it.id,
                       it.supplier.substr(0, 12), it.received_on.text(), it.position.empty() ? "-" : it.position,
                       it.net_uf6.kg_text(3), it.uranium.kg_text(3), it.u235.kg_text(3),
                       it.isotopics.u235().percent_text(4), item_status_name(it.status), seals_text(it));
  out << '\n';
  for (const auto& b : inv.balances)
    out << fmt::format("MBA {} {}: {} items, U {} kg, U-235 {} kg\n", b.mba, category_name(b.category), b.items,
                       b.uranium.kg_text(6), b.u235.kg_text(6));
  out << fmt::format("Total: {} cylinders, {} t U, {} kg U-235 = {:.2f} SQ (75 kg U-235 per SQ of LEU)\n",
                     inv.totals.items, format_scaled(inv.totals.uranium.mg(), 9, 3),  // 1 t = 10^9 mg
                     inv.totals.u235.kg_text(3), inv.totals.significant_quantities);
  if (inv.facility.max_full_cylinders > 0)
    out << fmt::format("Capacity: {} of {} cylinders (Host State Agreement)\n", inv.totals.items,
                       inv.facility.max_full_cylinders);
  if (!inv.consistent) out << "WARNING: the items listed do not add up to the balances; run 'leubank verify'\n";
}

void print_inventory_csv(std::ostream& out, const Inventory& inv) {
  out << "cylinder_id,batch,supplier,shipper_batch,shipper,mba,position,status,received_on,gross_kg,tare_kg,"
         "net_uf6_kg,uranium_kg,u235_kg,u234_wt_pct,u235_wt_pct,u236_wt_pct,u238_wt_pct,declared_u_kg,"
         "declared_u235_kg,recertified_on,seals\n";
  for (const auto& it : inv.items) {
    std::string seals;
    for (const auto& s : it.seals) seals += (seals.empty() ? "" : " ") + s;
    out << fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(it.id), csv_field(it.batch),
        csv_field(it.supplier), csv_field(it.shipper_batch), it.shipper, it.mba, csv_field(it.position),
        item_status_name(it.status), it.received_on.text(), it.gross.kg_text(6), it.tare.kg_text(6),
        it.net_uf6.kg_text(6), it.uranium.kg_text(6), it.u235.kg_text(6), it.isotopics.u234().percent_text(7),
        it.isotopics.u235().percent_text(7), it.isotopics.u236().percent_text(7), it.isotopics.u238().percent_text(7),
        it.declared_uranium.kg_text(6), it.declared_u235.kg_text(6), it.recertified_on.text(), csv_field(seals));
  }
}

void print_verify_report(std::ostream& out, const VerifyReport& r) {
  if (r.ok()) {
    out << fmt::format("journal verified: {} events, hash chain intact, head event {} {}\n", r.events, r.head.seq,
                       r.head.hash);
    out << fmt::format(
        "projections verified: {} rows and {} change lines rebuilt from the journal match the database\n", r.rows,
        r.lines);
    return;
  }
  const Divergence& d = *r.divergence;
  if (d.kind == Divergence::Kind::kProjection)
    out << fmt::format("INTEGRITY FAILURE in projection {} '{}' (last changed by event {}): {}\n", d.row_kind,
                       d.row_key, d.seq, d.message);
  else
    out << fmt::format("INTEGRITY FAILURE at event {}: {}\n", d.seq, d.message);
  out << fmt::format("{} events verified before the failure\n", r.events);
}

void print_event_line(std::ostream& out, const StoredEvent& e) {
  out << fmt::format("{:>7} {} {:<10} {:<18} {}\n", e.seq, e.time, e.actor, e.type, e.payload);
}

void print_event_json(std::ostream& out, const StoredEvent& e) {
  const std::string bytes = canonical_event_bytes(e);
  // The canonical event with its hash appended as the last member.
  out << bytes.substr(0, bytes.size() - 1) << ",\"hash\":\"" << e.hash << "\"}\n";
}

}  // namespace leu::cli
