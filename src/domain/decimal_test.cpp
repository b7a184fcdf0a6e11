// Tests for parse_scaled / format_scaled: exact decimal text <-> scaled int64, rounding and limits.
#include "domain/decimal.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace leu {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// Expects `r` to be a kInvalidInput error naming `field`.
template <class T>
void ExpectInvalid(const Result<T>& r, const std::string& field) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, field);
  EXPECT_FALSE(r.error().message.empty());
}

TEST(ParseScaled, ReadsKilogramsExactlyAsMilligrams) {
  // Example of decimal.hpp: "2219.431" kg with 6 decimals is 2,219,431,000 mg exactly.
  EXPECT_EQ(parse_scaled("2219.431", 6, "net_kg"), 2'219'431'000);
  EXPECT_EQ(parse_scaled("0.000001", 6, "net_kg"), 1);
  EXPECT_EQ(parse_scaled("12", 6, "net_kg"), 12'000'000);
  EXPECT_EQ(parse_scaled("0", 6, "net_kg"), 0);
  EXPECT_EQ(parse_scaled("007.5", 2, "x"), 750);
}

TEST(ParseScaled, ReadsDecimalsThatBinaryFloatingPointCannotHold) {
  // 0.1 and 4.95 have no exact binary representation; the result must still be exact.
  EXPECT_EQ(parse_scaled("0.1", 9, "x"), 100'000'000);
  EXPECT_EQ(parse_scaled("4.95", 7, "u235"), 49'500'000);
  EXPECT_EQ(parse_scaled("4.9500000", 7, "u235"), 49'500'000);
}

TEST(ParseScaled, AcceptsExactlyAsManyDecimalsAsTheScale) {
  EXPECT_EQ(parse_scaled("1.123456", 6, "x"), 1'123'456);
  EXPECT_EQ(parse_scaled("5", 0, "x"), 5);
}

TEST(ParseScaled, RejectsMoreDecimalsThanTheScaleHolds) {
  ExpectInvalid(parse_scaled("1.1234567", 6, "gross_kg"), "gross_kg");
  // Even trailing zeros: the text claims a precision finer than the unit kept.
  ExpectInvalid(parse_scaled("1.0000000", 6, "gross_kg"), "gross_kg");
  ExpectInvalid(parse_scaled("5.0", 0, "count"), "count");
}

TEST(ParseScaled, HonoursLeadingSigns) {
  EXPECT_EQ(parse_scaled("-0.5", 3, "x"), -500);
  EXPECT_EQ(parse_scaled("+0.5", 3, "x"), 500);
  EXPECT_EQ(parse_scaled("-12", 0, "x"), -12);
  EXPECT_EQ(parse_scaled("-0", 3, "x"), 0);
}

TEST(ParseScaled, RejectsMisplacedOrRepeatedSigns) {
  ExpectInvalid(parse_scaled("--1", 3, "x"), "x");
  ExpectInvalid(parse_scaled("+-1", 3, "x"), "x");
  ExpectInvalid(parse_scaled("1-", 3, "x"), "x");
  ExpectInvalid(parse_scaled("-", 3, "x"), "x");
  ExpectInvalid(parse_scaled("+", 3, "x"), "x");
}

TEST(ParseScaled, AcceptsTheLargestInt64AndRejectsOneMore) {
  // INT64_MAX = 9223372036854775807.
  EXPECT_EQ(parse_scaled("9223372036854775807", 0, "x"), kMax);
  EXPECT_EQ(parse_scaled("9223372036854.775807", 6, "x"), kMax);
  EXPECT_EQ(parse_scaled("-9223372036854775807", 0, "x"), -kMax);
  ExpectInvalid(parse_scaled("9223372036854775808", 0, "huge"), "huge");
  ExpectInvalid(parse_scaled("99999999999999999999999", 0, "huge"), "huge");
}

TEST(ParseScaled, RejectsValuesThatOverflowOnlyAfterScaling) {
  // 9,223,372,036,855 kg = 9.223372036855e18 mg > INT64_MAX, though the digits fit.
  ExpectInvalid(parse_scaled("9223372036855", 6, "net_kg"), "net_kg");
  ExpectInvalid(parse_scaled("9223372036854.78", 6, "net_kg"), "net_kg");
  EXPECT_EQ(parse_scaled("9223372036854", 6, "net_kg"), 9'223'372'036'854'000'000);
}

TEST(ParseScaled, RejectsEmptyTextNamingTheField) {
  const auto r = parse_scaled("", 6, "tare_kg");
  ExpectInvalid(r, "tare_kg");
  EXPECT_EQ(r.error().describe().rfind("tare_kg: ", 0), 0u) << r.error().describe();
}

TEST(ParseScaled, RejectsGarbageNamingTheField) {
  for (const char* text : {"abc", "1.2.3", "1,5", " 1", "1 ", "1e3", "0x10", ".", "12kg", "NaN", "inf"}) {
    SCOPED_TRACE(text);
    ExpectInvalid(parse_scaled(text, 6, "gross_kg"), "gross_kg");
  }
}

TEST(ParseScaled, ErrorMessageQuotesTheOffendingText) {
  const auto r = parse_scaled("12kg", 6, "gross_kg");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("12kg"), std::string::npos) << r.error().message;
}

TEST(FormatScaled, WritesAllDecimalsWhenShownEqualsScale) {
  EXPECT_EQ(format_scaled(2'219'431'000, 6, 3), "2219.431");  // decimal.hpp example
  EXPECT_EQ(format_scaled(2'219'431'000, 6, 6), "2219.431000");
  EXPECT_EQ(format_scaled(1, 6, 6), "0.000001");
  EXPECT_EQ(format_scaled(-1, 6, 6), "-0.000001");
  EXPECT_EQ(format_scaled(0, 6, 3), "0.000");
  EXPECT_EQ(format_scaled(42, 0, 0), "42");
}

TEST(FormatScaled, PadsFractionWithLeadingZeros) {
  EXPECT_EQ(format_scaled(1'005, 3, 3), "1.005");
  EXPECT_EQ(format_scaled(-2'050, 3, 3), "-2.050");
}

TEST(FormatScaled, RoundsHalfAwayFromZero) {
  // 0.0005 -> 0.001 and -0.0005 -> -0.001 (away from zero, not to even).
  EXPECT_EQ(format_scaled(5, 4, 3), "0.001");
  EXPECT_EQ(format_scaled(-5, 4, 3), "-0.001");
  EXPECT_EQ(format_scaled(25, 2, 1), "0.3");  // 0.25 -> 0.3, not the even 0.2
  EXPECT_EQ(format_scaled(-25, 2, 1), "-0.3");
  EXPECT_EQ(format_scaled(15, 1, 0), "2");  // 1.5 -> 2
  EXPECT_EQ(format_scaled(25, 1, 0), "3");  // 2.5 -> 3, not the even 2
  EXPECT_EQ(format_scaled(-25, 1, 0), "-3");
}

TEST(FormatScaled, RoundsBelowHalfTowardZero) {
  EXPECT_EQ(format_scaled(4, 4, 3), "0.000");
  EXPECT_EQ(format_scaled(1'539'394'999, 6, 1), "1539.4");
  EXPECT_EQ(format_scaled(1'539'449'999, 6, 1), "1539.4");
  EXPECT_EQ(format_scaled(1'539'450'000, 6, 1), "1539.5");
}

TEST(FormatScaled, RoundingCarriesIntoTheIntegerPart) {
  EXPECT_EQ(format_scaled(9'999'999, 6, 3), "10.000");
  EXPECT_EQ(format_scaled(-9'999'999, 6, 3), "-10.000");
}

TEST(FormatScaled, NegativeValueRoundingToZeroHasNoMinusSign) {
  EXPECT_EQ(format_scaled(-4, 4, 3), "0.000");
  EXPECT_EQ(format_scaled(-499'999, 6, 0), "0");
}

TEST(FormatScaled, FormatsInt64MinWithoutOverflow) {
  // INT64_MIN = -9223372036854775808, which has no positive int64 counterpart.
  EXPECT_EQ(format_scaled(kMin, 0, 0), "-9223372036854775808");
  EXPECT_EQ(format_scaled(kMin, 6, 6), "-9223372036854.775808");
  EXPECT_EQ(format_scaled(kMin, 6, 3), "-9223372036854.776");  // .775808 rounds half away from zero
  EXPECT_EQ(format_scaled(kMin, 18, 18), "-9.223372036854775808");
}

TEST(FormatScaled, FormatsInt64Max) {
  EXPECT_EQ(format_scaled(kMax, 0, 0), "9223372036854775807");
  EXPECT_EQ(format_scaled(kMax, 6, 0), "9223372036855");
}

TEST(DecimalRoundTrip, ParsedTextFormatsBackIdentically) {
  for (const char* text : {"2219.431000", "-0.500000", "0.000001", "1539.400000", "9223372036854.775807"}) {
    SCOPED_TRACE(text);
    const auto v = parse_scaled(text, 6, "x");
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(format_scaled(*v, 6, 6), text);
  }
}

}  // namespace
}  // namespace leu
