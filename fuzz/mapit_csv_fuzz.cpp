// libFuzzer target: the MAPIT CSV reader (mapit/mapit_reader.hpp, read_csv_series)
// on any bytes, written to a temporary file (the reader takes a path). It must
// return a series or an error naming the row, never crash or hit undefined
// behaviour; a series has as many times as values, one per non-empty line.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "mapit/mapit_reader.hpp"
#include "scratch_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& file = write_scratch_file(data, size, ".csv");
  auto series = leu::mapit::read_csv_series(file);
  if (series) {
    if (series->time.size() != series->value.size()) std::abort();
    const auto lines = static_cast<std::size_t>(std::count(data, data + size, '\n')) + 1;
    if (series->time.size() > lines) std::abort();  // at most one sample per line
  }
  return 0;
}
