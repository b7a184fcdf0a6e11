// libFuzzer target: the receipt listing CSV parser (accountancy/receipt_listing.hpp).
// Any bytes: a list of lines or an error, never a crash or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "accountancy/receipt_listing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)leu::parse_receipt_listing(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
