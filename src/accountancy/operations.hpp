// The named, conserving operations on nuclear material.
//
// Each operation takes the acting principal, checks the role, validates every
// input against the facility's rules and the current books, and only then
// appends its events (one transaction). A refused operation changes nothing and
// says which input broke which rule. There is no setter for a quantity: mass
// enters by receive or gain, leaves by ship or loss, and a measurement is
// recorded beside the book value without changing it. A change of the book may
// not be dated in a balance period already closed.
//
//   Operations ops(journal);
//   auto head = ops.move(who, {.cylinder = "DEMO-OR-01", .to = "R02-07", .date = today});
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/principal.hpp"
#include "accountancy/receipt_listing.hpp"
#include "ledger/journal.hpp"

namespace leu {

struct WeighingInput {
  std::string cylinder;
  Mass gross;
  std::optional<Mass> tare;           // default: the tare in the books
  std::string method = "load cells";  // a method of the methods in force (methods_in_force.hpp)
  Date date;
  std::string calibration;  // the calibration period of the scale, e.g. "LC-2019" (required; see validate_calibration)
};

struct EnrichmentInput {
  std::string cylinder;
  Fraction u235;
  std::string method = "NDA gamma HPGe";  // a method of the methods in force (methods_in_force.hpp)
  Date date;
  std::string calibration;  // the calibration period of the instrument, e.g. "HPGe-2019" (required)
};

struct MoveInput {
  std::string cylinder;
  std::string to;  // storage position
  Date date;
};

struct SealInput {
  std::string seal;
  std::string cylinder;
  std::string seal_type = "metal cap";  // apply only
  bool intact = true;                   // verify only
  std::string note;                     // verify: remark; remove: the reason (required)
  Date date;
};

struct ShipmentInput {
  std::vector<std::string> cylinders;
  std::string to;    // ISO 3166 alpha-2 country or MBA code
  std::string code;  // "SF" or "SD"; "" = from the destination
  Date date;
};

struct LossGainInput {
  std::string cylinder;
  Mass uf6;  // UF6 lost or found [mg], > 0
  std::string reason;
  Date date;
};

class Operations {
 public:
  explicit Operations(Journal& journal) : journal_(journal) {}

  Result<Head> receive(const Principal& who, const std::vector<ReceiptLine>& lines);
  Result<Head> weigh(const Principal& who, const WeighingInput& in);
  Result<Head> measure_enrichment(const Principal& who, const EnrichmentInput& in);
  Result<Head> move(const Principal& who, const MoveInput& in);
  Result<Head> apply_seal(const Principal& who, const SealInput& in);
  Result<Head> verify_seal(const Principal& who, const SealInput& in);
  Result<Head> remove_seal(const Principal& who, const SealInput& in);
  Result<Head> ship(const Principal& who, const ShipmentInput& in);
  Result<Head> book_loss(const Principal& who, const LossGainInput& in);
  Result<Head> book_gain(const Principal& who, const LossGainInput& in);

 private:
  Result<Facility> facility();
  // The item, on hand, and `date` neither in the future nor before its last event.
  Result<Item> item_for_event(const std::string& id, Date date, const char* date_field = "date");
  Result<Head> loss_or_gain(const Principal& who, const LossGainInput& in, bool loss);
  // Changes of the book (receipts, shipments, losses, gains) may not be dated in a
  // closed balance period of their MBA: its reports would no longer hold (kConflict).
  Result<void> check_period_open(const std::string& mba, Date date, const std::string& field);

  Journal& journal_;
};

// Cylinder ids and batch names: 1 to 16 characters, none of  : / ; #  (forbidden in
// report labels, accounting-reports.md §7), no spaces or control characters.
Result<void> validate_batch_name(const std::string& name, const std::string& field);

// A calibration period id (docs/formats/journal.md §4, format version 2): the facility's own name for one calibration
// of one instrument, e.g. "LC-2019" or "HPGe-2024-03"; 1 to 32 printable ASCII characters (0x20-0x7E).
// Measurements with the same method and id share one systematic error (docs/statistics.md).
Result<void> validate_calibration(const std::string& id, const std::string& field);

}  // namespace leu
