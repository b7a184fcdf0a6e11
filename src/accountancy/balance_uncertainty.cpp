#include "accountancy/balance_uncertainty.hpp"

#include <map>

#include <fmt/format.h>

#include "accountancy/balance_period.hpp"
#include "domain/uf6.hpp"
#include "ledger/projections.hpp"
#include "stats/balance_builder.hpp"

namespace leu {
namespace {

using Json = nlohmann::json;

double kg(Mass m) { return m.kg_approx(); }

stats::Measurement book_measurement(const Item& item, stats::MeasuredKind kind, std::size_t index) {
  const std::string year = std::to_string(item.received_on.year());
  return {.location = item.id,
          .kind = kind,
          .index = index,
          .value = kg(item.u235),
          .method = kReceiptWeighingMethod,
          .calibration = year,
          .also_method = kReceiptEnrichmentMethod,
          .also_calibration = year,
          .id = item.id + "@" + item.received_on.text(),
          .row = index,
          .source = kind == stats::MeasuredKind::kInventory ? "boundary" : "period"};
}

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
  std::vector<stats::Measurement> ms;
  for (std::size_t k = 0; k <= n; ++k) {
    LEU_GET(book, journal.as_of(boundary[k]));
    // Cylinders re-weighed at this boundary's taking: a new measurement replaces the book value in PE.
    std::map<std::string, Mass> reweighed;
    if (k > 0) {
      LEU_GET(pit, book.document(kPitKind, mba + "/" + boundary[k].text()));
      if (pit)
        for (const auto& f : (*pit)["found"])
          if (f.contains("net_uf6_mg") && f["net_uf6_mg"].is_number_integer())
            reweighed[f["item"].get<std::string>()] = Mass::milligrams(f["net_uf6_mg"].get<std::int64_t>());
    }
    for (const auto& item : book.items()) {
      if (item.mba != mba) continue;
      const bool received_here = k > 0 && item.received_on > boundary[k - 1] && item.received_on <= boundary[k];
      if (received_here) ms.push_back(book_measurement(item, stats::MeasuredKind::kInput, k));
      if (item.on_hand()) {
        auto m = book_measurement(item, stats::MeasuredKind::kInventory, k);
        if (auto r = reweighed.find(item.id); r != reweighed.end()) {
          const std::string year = std::to_string(boundary[k].year());
          m.value = kg(uranium_in_uf6(r->second, item.isotopics).u235);
          m.calibration = m.also_calibration = year;
          m.id = item.id + "@" + boundary[k].text();
        }
        ms.push_back(std::move(m));
      } else if (k > 0 && item.last_date > boundary[k - 1] && item.last_date <= boundary[k]) {
        ms.push_back(book_measurement(item, stats::MeasuredKind::kOutput, k));  // shipped or lost in this period
      }
    }
  }
  LEU_GET(seq, stats::build_balance_sequence(
                   ms, n, methods,
                   {.exact_starting_inventory = false, .labels = labels, .absent_inventory_is_empty = true}));
  out.sequence = std::move(seq);
  return out;
}

}  // namespace leu
