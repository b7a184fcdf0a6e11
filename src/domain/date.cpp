#include "domain/date.hpp"

#include <fmt/format.h>

namespace leu {

namespace chr = std::chrono;

Date Date::from_ymd(int y, unsigned m, unsigned d) {
  return Date(chr::sys_days(chr::year_month_day(chr::year(y), chr::month(m), chr::day(d))));
}

Result<Date> Date::parse(std::string_view text, std::string_view field) {
  const auto bad = [&] {
    return invalid(std::string(field), "'" + std::string(text) + "' is not a date in the form YYYY-MM-DD");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lens[p]; ++i) {
      const char c = text[static_cast<std::size_t>(starts[p] + i)];
      if (c < '0' || c > '9') return bad();
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  const chr::year_month_day ymd{chr::year(parts[0]), chr::month(static_cast<unsigned>(parts[1])),
                                chr::day(static_cast<unsigned>(parts[2]))};
  if (!ymd.ok()) return invalid(std::string(field), "'" + std::string(text) + "' is not a day of the calendar");
  return Date(chr::sys_days(ymd));
}

Date Date::of(chr::system_clock::time_point t) { return Date(chr::floor<chr::days>(t)); }

std::string Date::text() const {
  const chr::year_month_day ymd(days_);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Date Date::plus_years(int n) const {
  const chr::year_month_day ymd(days_);
  chr::year_month_day next = ymd + chr::years(n);
  if (!next.ok()) next = chr::year_month_day(next.year(), next.month(), chr::day(28));
  return Date(chr::sys_days(next));
}

int Date::year() const { return static_cast<int>(chr::year_month_day(days_).year()); }
unsigned Date::month() const { return static_cast<unsigned>(chr::year_month_day(days_).month()); }

std::string utc_timestamp(chr::system_clock::time_point t) {
  const auto day = chr::floor<chr::days>(t);
  const chr::year_month_day ymd(day);
  const chr::hh_mm_ss hms(chr::floor<chr::microseconds>(t - day));
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(), hms.subseconds().count());
}

}  // namespace leu
