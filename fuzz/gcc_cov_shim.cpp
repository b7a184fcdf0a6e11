// Coverage feedback for libFuzzer from GCC-instrumented code.
//
// GCC offers -fsanitize-coverage=trace-pc (a call at every basic block) but not
// clang's inline 8-bit counters, and libFuzzer 14 refuses trace-pc. fuzz/build.sh
// therefore renames GCC's __sanitizer_cov_trace_pc to leu_cov_trace_pc in the
// instrumented objects (objcopy), and this file turns those calls into AFL-style
// edge counters (previous block ^ this block) in one 64 Ki array that it hands to
// libFuzzer as a module of inline 8-bit counters. GCC's floating-point comparison
// hooks, which libFuzzer lacks, are accepted and ignored (the parsers hold no
// floating point). Compiled without coverage instrumentation.
#include <cstddef>
#include <cstdint>

extern "C" void __sanitizer_cov_8bit_counters_init(std::uint8_t* start, std::uint8_t* stop);

namespace {
constexpr std::size_t kCounters = 1 << 16;
std::uint8_t counters[kCounters];
thread_local std::uintptr_t previous = 0;

[[gnu::constructor]] void register_counters() { __sanitizer_cov_8bit_counters_init(counters, counters + kCounters); }
}  // namespace

extern "C" {
[[gnu::noinline]] void leu_cov_trace_pc() {
  const auto pc = reinterpret_cast<std::uintptr_t>(__builtin_return_address(0));
  const std::uintptr_t block = (pc ^ (pc >> 16)) * 0x9E3779B1u;
  ++counters[(block ^ previous) & (kCounters - 1)];
  previous = block >> 1;
}
void __sanitizer_cov_trace_cmpf(float, float) {}
void __sanitizer_cov_trace_cmpd(double, double) {}
}
