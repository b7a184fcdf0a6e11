#include "accountancy/balance_uncertainty.hpp"

#include <map>
#include <optional>

#include <fmt/format.h>

#include "accountancy/balance_period.hpp"
#include "domain/uf6.hpp"
#include "ledger/codec.hpp"
#include "ledger/event_types.hpp"
#include "ledger/projections.hpp"
#include "stats/balance_builder.hpp"

namespace leu {
namespace {

using Json = nlohmann::json;

double kg(Mass m) { return m.kg_approx(); }

// A method and its calibration period.
struct Calibrated {
  std::string method, calibration;
};

// Old-format measurements: the receiver's acceptance methods, one calibration per calendar year (the header).
Calibrated assumed(const char* method, Date on) { return {method, std::to_string(on.year())}; }

// A cylinder re-weighed at a taking: its net UF6 and, where the taking names them (version 2), the weighing's method
// and calibration period.
struct Reweighing {
  Mass net_uf6;
  std::optional<Calibrated> weighing;
};

// A booked loss or gain of U-235 (material.lost / material.gained).
struct Change {
  std::string item, mba;
  Date date;
  double u235_kg = 0;
  bool gain = false;
  std::int64_t seq = 0;
};

// What the journal says about the measurements behind the book values: the receipts' acceptance measurements, every
// recorded weighing (to name the method of a re-weighing at a taking), the losses and gains.
struct MeasurementRecords {
  std::map<std::string, Calibrated> receipt_weighing, receipt_enrichment;  // by item; absent: not recorded
  std::map<std::string, std::map<Date, Calibrated>> weighings;             // by item, then date (the last that day)
  std::vector<Change> changes;
};

Result<MeasurementRecords> read_records(Journal& journal) {
  MeasurementRecords r;
  Error failed;
  auto scanned = journal.scan(1, [&](const StoredEvent& e) {
    namespace t = event_type;
    if (e.type != t::kCylinderReceived && e.type != t::kCylinderMeasured && e.type != t::kMaterialLost &&
        e.type != t::kMaterialGained)
      return true;
    const Json p = Json::parse(e.payload, nullptr, false);
    const auto read = [&]() -> Result<void> {
      if (e.type == t::kCylinderReceived) {
        if (!p.contains("item")) return fail(ErrorCode::kIntegrity, "item", "missing");
        LEU_GET(item, decode_item(p["item"]));
        if (item.last_weighing && !item.last_weighing->calibration.empty())
          r.receipt_weighing[item.id] = {item.last_weighing->method, item.last_weighing->calibration};
        if (item.last_enrichment && !item.last_enrichment->calibration.empty())
          r.receipt_enrichment[item.id] = {item.last_enrichment->method, item.last_enrichment->calibration};
      } else if (e.type == t::kCylinderMeasured) {
        LEU_GET(kind, get_string(p, "kind"));
        LEU_GET(calibration, get_calibration(p));
        if (kind != "weighing" || calibration.empty()) return {};
        LEU_GET(item, get_string(p, "item"));
        LEU_GET(date, get_date(p, "date"));
        LEU_GET(method, get_string(p, "method"));
        r.weighings[item][date] = {method, calibration};
      } else {
        LEU_GET(item, get_string(p, "item"));
        LEU_GET(mba, get_string(p, "mba"));
        LEU_GET(date, get_date(p, "date"));
        LEU_GET(u235, get_mass(p, "u235_mg"));
        r.changes.push_back({item, mba, date, kg(u235), e.type == t::kMaterialGained, e.seq});
      }
      return {};
    };
    if (auto ok = read(); !ok) {
      failed = Error{ErrorCode::kIntegrity, "event " + std::to_string(e.seq), ok.error().describe()};
      return false;
    }
    return true;
  });
  if (!scanned) return std::unexpected(scanned.error());
  if (!failed.field.empty()) return std::unexpected(failed);
  return r;
}

class MeasurementList {
 public:
  explicit MeasurementList(const MeasurementRecords& records) : records_(records) {}

  // The receipt measurement of an item, carried as its book value (one random error wherever it enters).
  void book(const Item& item, stats::MeasuredKind kind, std::size_t index) {
    const Calibrated w = acceptance(records_.receipt_weighing, item, kReceiptWeighingMethod);
    const Calibrated e = acceptance(records_.receipt_enrichment, item, kReceiptEnrichmentMethod);
    add(item.id, kind, index, kg(item.u235), w, e, item.id + "@" + item.received_on.text(),
        kind == stats::MeasuredKind::kInventory ? "boundary" : "period");
  }

  // A cylinder re-weighed at a taking on `day`: a new weighing under the method and calibration period the taking
  // names (where it names none: the weighing recorded that day, else the assumption) times the receipt's enrichment.
  void reweighed(const Item& item, std::size_t index, Date day, const Reweighing& r) {
    Calibrated w = assumed(kReceiptWeighingMethod, day);
    if (r.weighing) {
      w = *r.weighing;
    } else if (auto it = records_.weighings.find(item.id); it != records_.weighings.end()) {
      if (auto d = it->second.find(day); d != it->second.end()) w = d->second;
    }
    const Calibrated e = acceptance(records_.receipt_enrichment, item, kReceiptEnrichmentMethod);
    add(item.id, stats::MeasuredKind::kInventory, index, kg(uranium_in_uf6(r.net_uf6, item.isotopics).u235), w, e,
        item.id + " re-weighed@" + day.text(), "boundary");  // never the receipt's id, even on its day
  }

  // A loss (an output) or a gain (an input): the weighed difference, under the item's acceptance methods (the
  // journal names none for a loss or gain).
  void change(const Item& item, const Change& c, std::size_t index) {
    const Calibrated w = acceptance(records_.receipt_weighing, item, kReceiptWeighingMethod);
    const Calibrated e = acceptance(records_.receipt_enrichment, item, kReceiptEnrichmentMethod);
    add(item.id, c.gain ? stats::MeasuredKind::kInput : stats::MeasuredKind::kOutput, index, c.u235_kg, w, e,
        item.id + "#" + std::to_string(c.seq), "period");
  }

  std::vector<stats::Measurement> take() { return std::move(ms_); }

 private:
  static Calibrated acceptance(const std::map<std::string, Calibrated>& recorded, const Item& item,
                               const char* fallback) {
    auto it = recorded.find(item.id);
    return it != recorded.end() ? it->second : assumed(fallback, item.received_on);
  }

  void add(const std::string& location, stats::MeasuredKind kind, std::size_t index, double value, const Calibrated& w,
           const Calibrated& e, std::string id, const char* source) {
    ms_.push_back({.location = location,
                   .kind = kind,
                   .index = index,
                   .value = value,
                   .method = w.method,
                   .calibration = w.calibration,
                   .also_method = e.method,
                   .also_calibration = e.calibration,
                   .id = std::move(id),
                   .row = index,
                   .source = source});
  }

  const MeasurementRecords& records_;
  std::vector<stats::Measurement> ms_;
};

}  // namespace

Result<DatabaseBalances> balance_sequence_of(Journal& journal, const std::string& mba,
                                             const stats::MethodTable& methods) {
  Periods periods(journal);
  LEU_GET(closed, periods.periods(mba));
  if (closed.empty()) return fail(ErrorCode::kNotFound, "mba", "no closed balance period for MBA " + mba);
  const std::size_t n = closed.size();
  std::vector<Date> boundary;
  LEU_GET(first, Date::parse(closed.front()["from"].get<std::string>(), "from"));
  boundary.push_back(first.plus_days(-1));
  DatabaseBalances out;
  std::vector<std::string> labels;
  for (const auto& p : closed) {
    LEU_GET(to, Date::parse(p["to"].get<std::string>(), "to"));
    boundary.push_back(to);
    labels.push_back(p["from"].get<std::string>() + " to " + p["to"].get<std::string>());
    double muf_mg = 0;
    for (const auto& c : p["categories"]) muf_mg += static_cast<double>(c["muf"]["u235_mg"].get<std::int64_t>());
    out.recorded_muf_kg.push_back(muf_mg / 1e6);
  }
  LEU_GET(records, read_records(journal));
  MeasurementList list(records);
  const auto in_period = [&](std::size_t k, Date d) { return k > 0 && d > boundary[k - 1] && d <= boundary[k]; };
  for (std::size_t k = 0; k <= n; ++k) {
    LEU_GET(book, journal.as_of(boundary[k]));
    // Cylinders re-weighed at this boundary's taking: a new measurement replaces the book value in PE.
    std::map<std::string, Reweighing> reweighed;
    if (k > 0) {
      LEU_GET(pit, book.document(kPitKind, mba + "/" + boundary[k].text()));
      if (pit)
        for (const auto& f : (*pit)["found"]) {
          if (!f.contains("net_uf6_mg") || !f["net_uf6_mg"].is_number_integer()) continue;
          Reweighing& r = reweighed[f["item"].get<std::string>()];
          r.net_uf6 = Mass::milligrams(f["net_uf6_mg"].get<std::int64_t>());
          if (f.contains("method") && f.contains("calibration"))
            r.weighing = Calibrated{f["method"].get<std::string>(), f["calibration"].get<std::string>()};
        }
    }
    std::map<std::string, Item> items;
    for (auto& item : book.items())
      if (item.mba == mba) items.emplace(item.id, std::move(item));
    for (const auto& [id, item] : items) {
      if (in_period(k, item.received_on)) list.book(item, stats::MeasuredKind::kInput, k);
      if (item.on_hand()) {
        if (auto r = reweighed.find(id); r != reweighed.end())
          list.reweighed(item, k, boundary[k], r->second);
        else
          list.book(item, stats::MeasuredKind::kInventory, k);
      } else if (item.status == ItemStatus::kShipped && in_period(k, item.last_date)) {
        list.book(item, stats::MeasuredKind::kOutput, k);
      }
    }
    for (const Change& c : records.changes)
      if (c.mba == mba && in_period(k, c.date))
        if (auto it = items.find(c.item); it != items.end()) list.change(it->second, c, k);
  }
  LEU_GET(seq, stats::build_balance_sequence(
                   list.take(), n, methods,
                   {.exact_starting_inventory = false, .labels = labels, .absent_inventory_is_empty = true}));
  out.sequence = std::move(seq);
  return out;
}

}  // namespace leu
