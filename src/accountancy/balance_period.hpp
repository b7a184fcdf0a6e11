// Physical inventory taking and the material balance period.
//
// take_inventory() records what was found at the inventory KMP of an MBA on a
// date: each booked item seen (with its seal state and position), and anything
// found that the books do not hold. close_period() then closes the balance
// period ending on that date, per element category, for the element (U) and the
// isotope (U-235):
//
//   PB (the previous period's PE) + increases - decreases = BE (the book at the date)
//   SRD = shipper's (declared) - receiver's values of the period's receipts, kept per item either way
//   BA  = BE - SRD where the facility books receipts at the shipper's values (Facility::receipt_basis),
//         BE where it books them at the receiver's (the default)
//   PE  = the values of the items found: booked (the receiver's: for an item booked at the shipper's, from its
//         UF6 and isotopics), or from the UF6 re-weighed at the taking (uranium_in_uf6 of the item's isotopics),
//         which names its weighing method and calibration period like any measurement;
//         MUF = BA - PE (positive = apparent loss)
//
// and lists the anomalies of an item store: a booked item not found, an item
// found that is not booked, a broken seal, a non-zero MUF. Each anomaly must be
// explained (explain_anomaly) before the period can be signed off (sign_period).
//
//   Periods periods(journal);
//   periods.take_inventory(who, PitInput{.mba = "KZBK", .date = d, .all_found = true});
//   auto closed = periods.close_period(who, "KZBK", d);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/principal.hpp"
#include "ledger/journal.hpp"

namespace leu {

struct PitFinding {
  std::string item;
  std::optional<bool> seal_intact;  // nullopt: not checked
  std::string position;             // "" = as booked
  std::optional<Mass> net_uf6;      // re-weighed at the taking: PE uses it instead of the book value
  // The re-weighing's method and calibration period (format version 2, docs/formats/journal.md §4.3): required with
  // net_uf6, validated as cylinder.measured validates them; empty without it.
  std::string method;       // e.g. "load cells"
  std::string calibration;  // e.g. "LC-2019"
};

struct PitUnexpected {
  std::string id;    // what the item is marked as
  std::string note;  // what was found
};

struct PitInput {
  std::string mba;
  Date date;
  std::vector<PitFinding> found;
  std::vector<PitUnexpected> unexpected;
  bool all_found = false;  // every item on the book at the date seen, seals intact
  std::string note;
};

class Periods {
 public:
  explicit Periods(Journal& journal) : journal_(journal) {}

  Result<Head> take_inventory(const Principal& who, const PitInput& in);
  // Returns the closed period (the period.closed payload with its status).
  Result<nlohmann::json> close_period(const Principal& who, const std::string& mba, Date to);
  Result<Head> explain_anomaly(const Principal& who, const std::string& mba, Date to, const std::string& anomaly,
                               const std::string& explanation);
  Result<Head> sign_period(const Principal& who, const std::string& mba, Date to);

  // The closed periods of an MBA ("" = all), oldest first.
  Result<std::vector<nlohmann::json>> periods(const std::string& mba);
  Result<nlohmann::json> period(const std::string& mba, Date to);

 private:
  Result<const Mba*> mba_of(const Facility& f, const std::string& code);

  Journal& journal_;
};

}  // namespace leu
