// The source of "now", passed explicitly so that tests can fix time.
//
//   FixedClock clock(Date::from_ymd(2026, 1, 1));   // in tests
//   Date today = Date::of(clock.now());
#pragma once

#include <chrono>

#include "domain/date.hpp"

namespace leu {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
};

// Always the same instant: noon UTC of the given day unless set otherwise.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Date day) : now_(day.days() + std::chrono::hours(12)) {}
  std::chrono::system_clock::time_point now() const override { return now_; }
  void set(std::chrono::system_clock::time_point t) { now_ = t; }

 private:
  std::chrono::system_clock::time_point now_;
};

}  // namespace leu
