// An item: one individually identifiable unit of nuclear material. At the bank an
// item is one 30B cylinder, and one item is one batch (batch name = cylinder id,
// accounting-reports.md §1), unless a facility says otherwise.
//
// Items are values. Their quantities change only through the named operations
// of the accountancy layer, each recorded as a journal event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/isotopics.hpp"
#include "domain/quantity.hpp"

namespace leu {

enum class ItemStatus { kOnHand, kShipped, kLost };
std::string_view item_status_name(ItemStatus s);  // "on_hand" | "shipped" | "lost"
Result<ItemStatus> parse_item_status(std::string_view name);

// A weighing on the facility's scale: gross with the tare in force [mg].
struct Weighing {
  Date date;
  Mass gross;
  Mass tare;
  std::string method;       // e.g. "load cells"
  std::string calibration;  // calibration period id, e.g. "LC-2019"; "" = not recorded (journal format version 1)
};

// A U-235 enrichment measurement (NDA or destructive analysis).
struct EnrichmentMeasurement {
  Date date;
  Fraction u235;
  std::string method;       // e.g. "NDA gamma HPGe", "GSMS"
  std::string calibration;  // calibration period id, e.g. "HPGe-2019"; "" = not recorded (format version 1)
};

struct Item {
  std::string id;             // cylinder serial number
  std::string batch;          // accounting batch name
  std::string cylinder_type;  // "30B"
  std::string supplier;
  std::string shipper_batch;  // the shipper's batch name
  std::string shipper;        // country (ISO alpha-2) or MBA code it came from
  std::string mba;
  std::string position;  // storage position inside the MBA
  ItemStatus status = ItemStatus::kOnHand;
  Isotopics isotopics;
  Mass tare, gross, net_uf6;             // as received, less booked losses/gains of UF6
  Mass uranium, u235;                    // book values (element and isotope weights)
  Mass declared_uranium, declared_u235;  // the shipper's declared values
  // The receiver's values at receipt where the receipt was booked at the shipper's (Facility::receipt_basis,
  // journal format version 2); nullopt: booked at the receiver's, which `uranium`, `u235` then are as received.
  std::optional<Mass> receiver_uranium, receiver_u235;
  Date received_on;
  Date recertified_on;
  std::optional<Date> filled_on;
  Date last_date;                  // accounting date of the item's latest event
  std::vector<std::string> seals;  // seal ids currently applied
  std::optional<Weighing> last_weighing;
  std::optional<EnrichmentMeasurement> last_enrichment;
  std::string shipped_to;     // country or MBA, once shipped
  std::int64_t last_seq = 0;  // journal event that last changed it

  UraniumCategory category() const { return isotopics.category(); }
  bool on_hand() const { return status == ItemStatus::kOnHand; }
};

}  // namespace leu
