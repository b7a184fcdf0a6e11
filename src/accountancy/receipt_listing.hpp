// The receipt listing: the CSV a shipper's papers are typed into, one cylinder a line.
//
// The first line names the columns; their order is free. Required:
//   cylinder_id, supplier, shipper_batch, shipper, gross_kg, tare_kg, u235_wt_pct,
//   declared_u_kg, declared_u235_kg, recertified_on, received_on
// Optional:
//   u234_wt_pct, u236_wt_pct, u238_wt_pct   (all three, or none: then U-238 = rest)
//   filled_on, position, cylinder_type, mba (the receiving MBA; default: the facility's first)
//   weighing_method, weighing_calibration, enrichment_method, enrichment_calibration: the receiver's acceptance
//   measurements, when it made them (gross/tare and U-235 are then its values; the method defaults to
//   "load cells" / "NDA gamma HPGe"; a method needs its calibration period)
// Masses are decimal kilograms (at most 6 decimals = 1 mg), fractions decimal
// weight percent (at most 7 decimals), dates YYYY-MM-DD. Fields may be quoted
// with "..." (RFC 4180); a doubled quote inside stands for one.
//
//   auto lines = parse_receipt_listing(text);
//   // error: "line 3, column 'gross_kg': '28x1' is not a decimal number"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/isotopics.hpp"
#include "domain/quantity.hpp"

namespace leu {

struct ReceiptLine {
  int line = 0;  // 1-based line in the file, for messages
  std::string cylinder_id;
  std::string supplier;
  std::string shipper_batch;
  std::string shipper;        // ISO 3166 alpha-2 country or MBA code
  std::string cylinder_type;  // "" = the facility's type
  std::string position;       // "" = not yet assigned
  std::string mba;            // receiving MBA; "" = the facility's first MBA
  Mass gross, tare;
  Isotopics isotopics;
  Mass declared_uranium, declared_u235;
  Date recertified_on, received_on;
  std::optional<Date> filled_on;
  // The receiver's acceptance measurements: "" = none (the values are the shipper's papers).
  std::string weighing_method, weighing_calibration;
  std::string enrichment_method, enrichment_calibration;
};

// Parses the listing, checking form only (numbers, dates, isotopic sums); the
// receive operation checks the rules. Errors (kInvalidInput) name the line and
// the column.
Result<std::vector<ReceiptLine>> parse_receipt_listing(std::string_view csv);

// Splits one CSV record into fields (RFC 4180 quoting). Fails on an unclosed quote.
Result<std::vector<std::string>> split_csv_record(std::string_view record);

}  // namespace leu
