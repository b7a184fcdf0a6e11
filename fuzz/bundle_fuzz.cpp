// libFuzzer target: the offline bundle reader (ledger/bundle.hpp) on any
// journal.jsonl text, with the checkpoint and key extracts empty. It must report
// valid or a fault, never crash or hit undefined behaviour.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "ledger/bundle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) return 0;
  const std::string journal(reinterpret_cast<const char*>(data), size);
  (void)leu::verify_bundle_files(journal, "", "");
  return 0;
}
