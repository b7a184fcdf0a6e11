// Calendar dates (accounting dates are calendar days, UTC) and UTC instants.
//
//   Result<Date> d = Date::parse("2019-10-17", "received_on");
//   d->text();                    // "2019-10-17"
//   d->plus_years(5) > other;
#pragma once

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace leu {

class Date {
 public:
  Date() = default;
  explicit Date(std::chrono::sys_days days) : days_(days) {}
  static Date from_ymd(int y, unsigned m, unsigned d);
  // Strict ISO 8601 calendar date "YYYY-MM-DD" that exists in the calendar.
  static Result<Date> parse(std::string_view text, std::string_view field);
  // The UTC calendar day of an instant.
  static Date of(std::chrono::system_clock::time_point t);

  std::string text() const;  // "YYYY-MM-DD"
  std::chrono::sys_days days() const { return days_; }
  // Same day and month `n` years later; 29 Feb becomes 28 Feb in a common year.
  Date plus_years(int n) const;
  Date plus_days(int n) const { return Date(days_ + std::chrono::days(n)); }
  int year() const;
  unsigned month() const;

  auto operator<=>(const Date&) const = default;

 private:
  std::chrono::sys_days days_{};
};

// RFC 3339 UTC time with microseconds: "2026-11-28T15:51:12.123456Z".
std::string utc_timestamp(std::chrono::system_clock::time_point t);

}  // namespace leu
