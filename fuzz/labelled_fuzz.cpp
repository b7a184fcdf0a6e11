// libFuzzer target: the labelled report parser (reports/labelled.hpp) on any bytes.
// It must return a report or an error, never crash, leak or hit undefined
// behaviour; a report it accepts must write back to text it accepts again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "reports/labelled.hpp"
#include "reports/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace leu::reports;
  const Profile& profile = default_profile();
  auto report = parse_labelled(std::string_view(reinterpret_cast<const char*>(data), size), profile);
  if (report) {
    const std::string again = write_labelled(*report, profile);
    if (!parse_labelled(again, profile)) std::abort();  // the writer's output must parse back
  }
  return 0;
}
