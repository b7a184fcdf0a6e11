// Measurement methods as data: what a method measures and its relative standard uncertainties.
//
// Contract: a MethodTable is a versioned list of methods, each with a random and a systematic relative standard
// uncertainty (fractions: 0.0005 = 0.05 %) and the source of those values. Lookup of an unknown method is an
// error naming the input field, never a silent default. The table is plain data; loading it from JSON lives in
// sim/method_table_json.hpp (this folder does no I/O).
//
//   MethodTable t{"placeholder", "1", {{"load cells", "UF6 gross mass", 0.0005, 0.0005, "leu-bank.md §11"}}};
//   LEU_GET(m, t.find("load cells", "measurement 3: method"));   // m->random_rsd == 0.0005
#pragma once

#include <string>
#include <vector>

#include "domain/error.hpp"

namespace leu::stats {

struct MeasurementMethod {
  std::string name;           // as recorded in the journal ("load cells", "NDA gamma HPGe")
  std::string measures;       // what the method gives ("UF6 gross mass", "U-235 enrichment")
  double random_rsd = 0;      // δR, relative standard uncertainty of one measurement [fraction]
  double systematic_rsd = 0;  // δS, shared by all measurements of one calibration period [fraction]
  std::string source;         // where the two values come from
};

struct MethodTable {
  std::string name;     // "ITV2010-placeholder"
  std::string version;  // the table's own version
  std::vector<MeasurementMethod> methods;
  std::string status;  // e.g. "placeholder: to be confirmed against ITV 2010 (STR-368)"

  // The method called `method`; `field` names the input that asked for it, for the error.
  Result<const MeasurementMethod*> find(const std::string& method, const std::string& field) const;
  // Every value finite, 0 <= rsd < 1, names unique and non-empty.
  Result<void> validate() const;
};

}  // namespace leu::stats
