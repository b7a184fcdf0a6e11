// Reads a MAPIT-layout dataset (statistics.md §2.1): MATLAB v5 .mat files through libmatio, CSV otherwise.
//
// Contract: `dir` is MAPIT's data root (holding API_data/) or API_data itself. For each kind (input, inventory,
// output) the reader takes API_data/mat/<kind>/<name>.mat (struct array with fields `data` and `time`, variable
// `in`, `invn` or `out`) when present, else the CSV files of API_data/csv/<kind>/ (no header, `time,value`), ordered
// by the number in their name (invn2 before invn10; MAPIT itself uses directory order). A missing kind is empty.
// Values stored as integers in the .mat file are converted to double. Errors name the file (and the row for CSV):
// unreadable file, wrong variable layout, mismatched lengths, a malformed line. Nothing is written.
//
//   LEU_GET(data, read_mapit_dataset("../shared/peer-data/mapit"));
//   data.inputs.size();   // 2
#pragma once

#include <string>

#include "domain/error.hpp"
#include "stats/mapit_balances.hpp"

namespace leu::mapit {

enum class Source { kAuto, kMat, kCsv };

Result<stats::MapitDataset> read_mapit_dataset(const std::string& dir, Source source = Source::kAuto);
// One struct-array variable of one .mat file, each element a series named `<variable><index>`.
Result<std::vector<stats::TimeSeries>> read_mat_series(const std::string& file, const std::string& variable);
// One CSV file of `time,value` lines.
Result<stats::TimeSeries> read_csv_series(const std::string& file);

}  // namespace leu::mapit
