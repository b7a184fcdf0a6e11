// A progress bar on standard error, drawn only when standard error is a terminal (never in logs or pipes).
//
// Contract: update(done) may be called from one thread at any rate; it redraws at most every 1 % of the total.
// finish() ends the line. Silent when stderr is not a TTY or when disabled.
//
//   Progress bar(total, "simulating");
//   bar.update(done);  ...  bar.finish();
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdio>

namespace leu::sim {

class Progress {
 public:
  Progress(std::size_t total, const char* label, bool enabled = true)
      : total_(total), label_(label), on_(enabled && total > 0 && isatty(STDERR_FILENO)) {}
  void update(std::size_t done) {
    if (!on_) return;
    const std::size_t pct = done * 100 / total_;
    if (pct == last_) return;
    last_ = pct;
    constexpr int kWidth = 40;
    const int fill = static_cast<int>(pct * kWidth / 100);
    std::fprintf(stderr, "\r%s [%.*s%*s] %3zu%%", label_, fill, "########################################",
                 kWidth - fill, "", pct);
    std::fflush(stderr);
  }
  void finish() {
    if (on_) std::fprintf(stderr, "\n");
    on_ = false;
  }

 private:
  std::size_t total_;
  const char* label_;
  bool on_;
  std::size_t last_ = static_cast<std::size_t>(-1);
};

}  // namespace leu::sim
