// libFuzzer target: the MAPIT .mat reader (mapit/mapit_reader.hpp, read_mat_series
// through libmatio) on any bytes, written to a temporary file (libmatio reads files
// only). It must return series or an error, never crash, leak or hit undefined
// behaviour in our code; series it returns have as many times as values.
// Seeds (fuzz/corpus/mapit_mat/): MAT5 struct arrays `in` with fields data and time
// written by libmatio 1.5 (double, int32 and zlib-compressed variants), and the two
// findings, now refused (found-*.mat; src/mapit/mat_bounds_test.cpp).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "mapit/mapit_reader.hpp"
#include "scratch_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& file = write_scratch_file(data, size, ".mat");
  auto series = leu::mapit::read_mat_series(file, "in");
  if (series)
    for (const auto& s : *series)
      if (s.time.size() != s.value.size()) std::abort();
  return 0;
}
