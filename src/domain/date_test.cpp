// Tests for Date (strict ISO 8601 parsing, text, plus_years, of) and utc_timestamp.
#include "domain/date.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "domain/clock.hpp"

namespace leu {
namespace {

namespace chr = std::chrono;

void ExpectRejected(std::string_view text) {
  SCOPED_TRACE(std::string(text));
  const auto r = Date::parse(text, "received_on");
  ASSERT_FALSE(r.has_value()) << r->text();
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, "received_on");
  EXPECT_NE(r.error().message.find(std::string(text)), std::string::npos) << r.error().message;
}

TEST(DateParse, AcceptsStrictIsoDate) {
  const auto d = Date::parse("2019-10-17", "received_on");
  ASSERT_TRUE(d.has_value()) << d.error().describe();
  EXPECT_EQ(*d, Date::from_ymd(2019, 10, 17));
  EXPECT_EQ(d->year(), 2019);
  EXPECT_EQ(d->month(), 10u);
}

TEST(DateParse, AcceptsLeapDayOnlyInLeapYears) {
  EXPECT_TRUE(Date::parse("2020-02-29", "d").has_value());
  EXPECT_TRUE(Date::parse("2000-02-29", "d").has_value());  // divisible by 400
  ExpectRejected("2019-02-29");
  ExpectRejected("1900-02-29");  // divisible by 100, not by 400
}

TEST(DateParse, RejectsSingleDigitMonthOrDay) {
  ExpectRejected("2019-2-01");
  ExpectRejected("2019-02-1");
  ExpectRejected("2019-2-1");
}

TEST(DateParse, RejectsDaysNotInTheCalendar) {
  ExpectRejected("2019-02-30");
  ExpectRejected("2019-04-31");
  ExpectRejected("2019-13-01");
  ExpectRejected("2019-00-10");
  ExpectRejected("2019-01-00");
  ExpectRejected("2019-01-32");
}

TEST(DateParse, RejectsBasicFormatWithoutHyphens) { ExpectRejected("20190201"); }

TEST(DateParse, RejectsLettersAndOtherSeparators) {
  ExpectRejected("2019-0a-01");
  ExpectRejected("abcd-ef-gh");
  ExpectRejected("2019/02/01");
  ExpectRejected("2019-02-01T00:00:00Z");
  ExpectRejected(" 2019-02-01");
  ExpectRejected("2019-02-01 ");
  ExpectRejected("+019-02-01");
  ExpectRejected("2019-+2-01");
  ExpectRejected("");
}

TEST(DateText, RoundTripsThroughParse) {
  for (const char* text : {"2019-10-17", "2000-02-29", "1970-01-01", "0999-12-31", "9999-12-31"}) {
    SCOPED_TRACE(text);
    const auto d = Date::parse(text, "d");
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->text(), text);
  }
}

TEST(DateText, PadsMonthAndDayWithZeros) { EXPECT_EQ(Date::from_ymd(2026, 1, 5).text(), "2026-01-05"); }

TEST(DatePlusYears, KeepsDayAndMonth) {
  EXPECT_EQ(Date::from_ymd(2019, 10, 17).plus_years(5), Date::from_ymd(2024, 10, 17));
  EXPECT_EQ(Date::from_ymd(2019, 10, 17).plus_years(-5), Date::from_ymd(2014, 10, 17));
  EXPECT_EQ(Date::from_ymd(2019, 10, 17).plus_years(0), Date::from_ymd(2019, 10, 17));
}

TEST(DatePlusYears, LeapDayBecomesTwentyEighthInCommonYear) {
  EXPECT_EQ(Date::from_ymd(2020, 2, 29).plus_years(1), Date::from_ymd(2021, 2, 28));
  EXPECT_EQ(Date::from_ymd(2020, 2, 29).plus_years(5), Date::from_ymd(2025, 2, 28));
}

TEST(DatePlusYears, LeapDayStaysInLeapYear) {
  EXPECT_EQ(Date::from_ymd(2020, 2, 29).plus_years(4), Date::from_ymd(2024, 2, 29));
}

TEST(DatePlusDays, CrossesMonthAndYearEnds) {
  EXPECT_EQ(Date::from_ymd(2019, 12, 31).plus_days(1), Date::from_ymd(2020, 1, 1));
  EXPECT_EQ(Date::from_ymd(2020, 3, 1).plus_days(-1), Date::from_ymd(2020, 2, 29));
}

TEST(DateOrdering, FollowsTheCalendar) {
  EXPECT_LT(Date::from_ymd(2019, 12, 31), Date::from_ymd(2020, 1, 1));
  EXPECT_GT(Date::from_ymd(2020, 2, 1), Date::from_ymd(2020, 1, 31));
}

TEST(DateOf, TakesTheUtcCalendarDay) {
  const chr::sys_days day = Date::from_ymd(2026, 11, 28).days();
  EXPECT_EQ(Date::of(day), Date::from_ymd(2026, 11, 28));
  EXPECT_EQ(Date::of(day + chr::hours(23) + chr::minutes(59) + chr::seconds(59) + chr::microseconds(999'999)),
            Date::from_ymd(2026, 11, 28));
  EXPECT_EQ(Date::of(day + chr::hours(24)), Date::from_ymd(2026, 11, 29));
  EXPECT_EQ(Date::of(day - chr::microseconds(1)), Date::from_ymd(2026, 11, 27));
}

TEST(DateOf, HandlesInstantsBeforeTheEpoch) {
  // 1969-12-31T23:00:00Z is one hour before the epoch: floor, not truncation toward zero.
  EXPECT_EQ(Date::of(chr::system_clock::time_point(-chr::hours(1))), Date::from_ymd(1969, 12, 31));
}

TEST(DateOf, FixedClockGivesItsDay) {
  const FixedClock clock(Date::from_ymd(2026, 1, 1));
  EXPECT_EQ(Date::of(clock.now()), Date::from_ymd(2026, 1, 1));
}

TEST(UtcTimestamp, HasMicrosecondsAndZulu) {
  // 2026-11-28T15:51:12.123456Z, the example in date.hpp.
  const auto t = Date::from_ymd(2026, 11, 28).days() + chr::hours(15) + chr::minutes(51) + chr::seconds(12) +
                 chr::microseconds(123'456);
  EXPECT_EQ(utc_timestamp(t), "2026-11-28T15:51:12.123456Z");
}

TEST(UtcTimestamp, PadsEveryFieldWithZeros) {
  const auto t =
      Date::from_ymd(2026, 1, 2).days() + chr::hours(3) + chr::minutes(4) + chr::seconds(5) + chr::microseconds(6);
  EXPECT_EQ(utc_timestamp(t), "2026-01-02T03:04:05.000006Z");
  EXPECT_EQ(utc_timestamp(Date::from_ymd(2026, 1, 2).days()), "2026-01-02T00:00:00.000000Z");
}

TEST(UtcTimestamp, TruncatesBelowAMicrosecond) {
  // Sub-microsecond digits are dropped (floor), not rounded up into the next microsecond.
  const auto t = chr::time_point_cast<chr::system_clock::duration>(Date::from_ymd(2026, 1, 2).days() + chr::hours(23) +
                                                                   chr::minutes(59) + chr::seconds(59) +
                                                                   chr::microseconds(999'999) + chr::nanoseconds(999));
  EXPECT_EQ(utc_timestamp(t), "2026-01-02T23:59:59.999999Z");
}

TEST(UtcTimestamp, HasTheFixedLength) {
  // "YYYY-MM-DDTHH:MM:SS.ffffffZ" is 27 characters.
  EXPECT_EQ(utc_timestamp(std::chrono::system_clock::now()).size(), 27u);
}

}  // namespace
}  // namespace leu
