// Tests of the receipt-listing CSV parser: accepted forms and errors naming the line and column.
#include "accountancy/receipt_listing.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace leu {
namespace {

constexpr const char* kHeader =
    "cylinder_id,supplier,shipper_batch,shipper,gross_kg,tare_kg,u235_wt_pct,declared_u_kg,declared_u235_kg,"
    "recertified_on,received_on";
constexpr const char* kLine1 = "OR-001,Orano Cycle,B19-01,FR,2852.140,635.000,4.95,1499.5,74.2,2018-06-01,2019-10-17";
constexpr const char* kLine2 = "OR-002,Orano Cycle,B19-01,FR,2850.000,636.5,4.9,1498.25,73.4,2018-06-02,2019-10-17";

std::string listing(const std::vector<std::string>& lines, const std::string& eol = "\n") {
  std::string out;
  for (const std::string& l : lines) out += l + eol;
  return out;
}

// Parses `csv`, expecting a kInvalidInput error, and returns it.
Error parse_error(const std::string& csv) {
  auto result = parse_receipt_listing(csv);
  EXPECT_FALSE(result.has_value()) << "the listing was accepted:\n" << csv;
  if (result) return Error{};
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput) << result.error().describe();
  return result.error();
}

TEST(ReceiptListing, AValidListingWithOnlyU235GivesU238AsTheRest) {
  auto lines = parse_receipt_listing(listing({kHeader, kLine1, kLine2}));
  ASSERT_TRUE(lines.has_value()) << lines.error().describe();
  ASSERT_EQ(lines->size(), 2u);
  const ReceiptLine& l = (*lines)[0];
  EXPECT_EQ(l.line, 2);
  EXPECT_EQ(l.cylinder_id, "OR-001");
  EXPECT_EQ(l.supplier, "Orano Cycle");
  EXPECT_EQ(l.shipper_batch, "B19-01");
  EXPECT_EQ(l.shipper, "FR");
  EXPECT_EQ(l.cylinder_type, "");
  EXPECT_EQ(l.position, "");
  EXPECT_EQ(l.gross, Mass::milligrams(2'852'140'000));
  EXPECT_EQ(l.tare, Mass::kilograms(635));
  EXPECT_EQ(l.declared_uranium, Mass::milligrams(1'499'500'000));
  EXPECT_EQ(l.declared_u235, Mass::milligrams(74'200'000));
  EXPECT_EQ(l.isotopics.u235(), Fraction::from_parts(49'500'000));
  EXPECT_EQ(l.isotopics.u234(), Fraction());
  EXPECT_EQ(l.isotopics.u236(), Fraction());
  EXPECT_EQ(l.isotopics.u238(), Fraction::from_parts(950'500'000));
  EXPECT_EQ(l.recertified_on, Date::from_ymd(2018, 6, 1));
  EXPECT_EQ(l.received_on, Date::from_ymd(2019, 10, 17));
  EXPECT_FALSE(l.filled_on.has_value());

  const ReceiptLine& second = (*lines)[1];
  EXPECT_EQ(second.line, 3);
  EXPECT_EQ(second.cylinder_id, "OR-002");
  EXPECT_EQ(second.tare, Mass::milligrams(636'500'000));
  EXPECT_EQ(second.isotopics.u235(), Fraction::from_parts(49'000'000));
}

TEST(ReceiptListing, AllFourIsotopicsAndTheOptionalColumnsAreRead) {
  const std::string csv = listing({std::string(kHeader) + ",u234_wt_pct,u236_wt_pct,u238_wt_pct,filled_on,position,"
                                                          "cylinder_type",
                                   std::string(kLine1) + ",0.0440,0.0001,95.0059,2019-08-03,R01-02,30B"});
  auto lines = parse_receipt_listing(csv);
  ASSERT_TRUE(lines.has_value()) << lines.error().describe();
  ASSERT_EQ(lines->size(), 1u);
  const ReceiptLine& l = lines->front();
  EXPECT_EQ(l.isotopics.u234(), Fraction::from_parts(440'000));
  EXPECT_EQ(l.isotopics.u235(), Fraction::from_parts(49'500'000));
  EXPECT_EQ(l.isotopics.u236(), Fraction::from_parts(1'000));
  EXPECT_EQ(l.isotopics.u238(), Fraction::from_parts(950'059'000));
  ASSERT_TRUE(l.filled_on.has_value());
  EXPECT_EQ(*l.filled_on, Date::from_ymd(2019, 8, 3));
  EXPECT_EQ(l.position, "R01-02");
  EXPECT_EQ(l.cylinder_type, "30B");
}

TEST(ReceiptListing, AnEmptyOptionalFilledOnIsNoDate) {
  auto lines = parse_receipt_listing(listing({std::string(kHeader) + ",filled_on", std::string(kLine1) + ","}));
  ASSERT_TRUE(lines.has_value()) << lines.error().describe();
  EXPECT_FALSE(lines->front().filled_on.has_value());
}

TEST(ReceiptListing, TheAcceptanceMeasurementColumnsAreRead) {
  auto lines = parse_receipt_listing(
      listing({std::string(kHeader) + ",weighing_calibration,enrichment_method,enrichment_calibration",
               std::string(kLine1) + ",LC-2019,NDA gamma HPGe,HPGe-2019", std::string(kLine2) + ",,,"}));
  ASSERT_TRUE(lines) << lines.error().describe();
  EXPECT_EQ((*lines)[0].weighing_method, "");  // the operation supplies the default
  EXPECT_EQ((*lines)[0].weighing_calibration, "LC-2019");
  EXPECT_EQ((*lines)[0].enrichment_method, "NDA gamma HPGe");
  EXPECT_EQ((*lines)[0].enrichment_calibration, "HPGe-2019");
  EXPECT_EQ((*lines)[1].weighing_calibration, "");  // not measured by the receiver
  EXPECT_EQ((*lines)[1].enrichment_calibration, "");
}

TEST(ReceiptListing, ColumnOrderIsFree) {
  auto canonical = parse_receipt_listing(listing({kHeader, kLine1}));
  ASSERT_TRUE(canonical.has_value()) << canonical.error().describe();
  const std::string shuffled_header =
      "received_on,gross_kg,u235_wt_pct,cylinder_id,declared_u235_kg,shipper,tare_kg,supplier,recertified_on,"
      "declared_u_kg,shipper_batch";
  const std::string shuffled_line =
      "2019-10-17,2852.140,4.95,OR-001,74.2,FR,635.000,Orano Cycle,2018-06-01,1499.5,B19-01";
  auto shuffled = parse_receipt_listing(listing({shuffled_header, shuffled_line}));
  ASSERT_TRUE(shuffled.has_value()) << shuffled.error().describe();
  ASSERT_EQ(shuffled->size(), 1u);
  const ReceiptLine &a = canonical->front(), &b = shuffled->front();
  EXPECT_EQ(b.cylinder_id, a.cylinder_id);
  EXPECT_EQ(b.supplier, a.supplier);
  EXPECT_EQ(b.shipper_batch, a.shipper_batch);
  EXPECT_EQ(b.shipper, a.shipper);
  EXPECT_EQ(b.gross, a.gross);
  EXPECT_EQ(b.tare, a.tare);
  EXPECT_EQ(b.isotopics, a.isotopics);
  EXPECT_EQ(b.declared_uranium, a.declared_uranium);
  EXPECT_EQ(b.declared_u235, a.declared_u235);
  EXPECT_EQ(b.recertified_on, a.recertified_on);
  EXPECT_EQ(b.received_on, a.received_on);
}

TEST(ReceiptListing, QuotedFieldsMayHoldCommasAndDoubledQuotes) {
  const std::string line =
      "\"OR-001\",\"Orano Cycle, \"\"Tricastin\"\" site\",B19-01,FR,\"2852.140\",635.000,4.95,1499.5,74.2,2018-06-01,"
      "2019-10-17";
  auto lines = parse_receipt_listing(listing({kHeader, line}));
  ASSERT_TRUE(lines.has_value()) << lines.error().describe();
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ(lines->front().cylinder_id, "OR-001");
  EXPECT_EQ(lines->front().supplier, "Orano Cycle, \"Tricastin\" site");
  EXPECT_EQ(lines->front().gross, Mass::milligrams(2'852'140'000));
}

TEST(ReceiptListing, QuotedFieldsKeepTheirSpacesAndUnquotedOnesAreTrimmed) {
  auto fields = split_csv_record(" a , \" b \",c");
  ASSERT_TRUE(fields.has_value()) << fields.error().describe();
  EXPECT_EQ(*fields, (std::vector<std::string>{"a", " b ", "c"}));
}

TEST(ReceiptListing, CrlfLineEndingsAreAccepted) {
  auto lines = parse_receipt_listing(listing({kHeader, kLine1, kLine2}, "\r\n"));
  ASSERT_TRUE(lines.has_value()) << lines.error().describe();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].received_on, Date::from_ymd(2019, 10, 17));
  EXPECT_EQ((*lines)[1].line, 3);
  EXPECT_EQ((*lines)[1].cylinder_id, "OR-002");
}

TEST(ReceiptListing, CrlfLineEndingsAreAcceptedWhenTheLastFieldIsQuoted) {
  const std::string header =
      std::string(kHeader).replace(std::string(kHeader).rfind("received_on"), 11, "\"received_on\"");
  const std::string line = std::string(kLine1).replace(std::string(kLine1).rfind("2019-10-17"), 10, "\"2019-10-17\"");
  auto lines = parse_receipt_listing(listing({header, line}, "\r\n"));
  ASSERT_TRUE(lines.has_value()) << lines.error().describe();
  EXPECT_EQ(lines->front().received_on, Date::from_ymd(2019, 10, 17));
}

TEST(ReceiptListing, TrailingBlankLinesAreIgnored) {
  auto lines = parse_receipt_listing(listing({kHeader, kLine1, "", "  "}));
  ASSERT_TRUE(lines.has_value()) << lines.error().describe();
  EXPECT_EQ(lines->size(), 1u);
}

TEST(ReceiptListing, ANonNumericMassNamesTheLineAndColumn) {
  const std::string bad = std::string(kLine2).replace(std::string(kLine2).find("2850.000"), 8, "28x1");
  const Error e = parse_error(listing({kHeader, kLine1, bad}));
  EXPECT_EQ(e.field, "line 3, column 'gross_kg'");
  EXPECT_NE(e.message.find("'28x1' is not a decimal number"), std::string::npos) << e.message;
}

TEST(ReceiptListing, AMassWithMoreThanSixDecimalsIsRefused) {
  const std::string bad = std::string(kLine1).replace(std::string(kLine1).find("635.000"), 7, "635.0000001");
  const Error e = parse_error(listing({kHeader, bad}));
  EXPECT_EQ(e.field, "line 2, column 'tare_kg'");
  EXPECT_NE(e.message.find("more than 6 decimals"), std::string::npos) << e.message;
}

TEST(ReceiptListing, AMassOfExactlySixDecimalsIsKeptToTheMilligram) {
  const std::string ok = std::string(kLine1).replace(std::string(kLine1).find("635.000"), 7, "635.000001");
  auto lines = parse_receipt_listing(listing({kHeader, ok}));
  ASSERT_TRUE(lines.has_value()) << lines.error().describe();
  EXPECT_EQ(lines->front().tare, Mass::milligrams(635'000'001));
}

TEST(ReceiptListing, APercentageWithMoreThanSevenDecimalsIsRefused) {
  const std::string bad = std::string(kLine1).replace(std::string(kLine1).find(",4.95,"), 6, ",4.950000001,");
  const Error e = parse_error(listing({kHeader, bad}));
  EXPECT_EQ(e.field, "line 2, column 'u235_wt_pct'");
  EXPECT_NE(e.message.find("more than 7 decimals"), std::string::npos) << e.message;
}

TEST(ReceiptListing, APercentageAbove100IsRefused) {
  const std::string bad = std::string(kLine1).replace(std::string(kLine1).find(",4.95,"), 6, ",100.5,");
  const Error e = parse_error(listing({kHeader, bad}));
  EXPECT_EQ(e.field, "line 2, column 'u235_wt_pct'");
  EXPECT_NE(e.message.find("between 0 and 100"), std::string::npos) << e.message;
}

TEST(ReceiptListing, ADateNotInIsoFormIsRefused) {
  const std::string bad = std::string(kLine1).replace(std::string(kLine1).find("2019-10-17"), 10, "17.10.2019");
  const Error e = parse_error(listing({kHeader, bad}));
  EXPECT_EQ(e.field, "line 2, column 'received_on'");
  EXPECT_NE(e.message.find("'17.10.2019' is not a date in the form YYYY-MM-DD"), std::string::npos) << e.message;
}

TEST(ReceiptListing, ADateNotInTheCalendarIsRefused) {
  const std::string bad = std::string(kLine1).replace(std::string(kLine1).find("2018-06-01"), 10, "2018-02-30");
  const Error e = parse_error(listing({kHeader, bad}));
  EXPECT_EQ(e.field, "line 2, column 'recertified_on'");
  EXPECT_NE(e.message.find("'2018-02-30'"), std::string::npos) << e.message;
}

TEST(ReceiptListing, ABadOptionalFilledOnDateIsRefused) {
  const Error e = parse_error(listing({std::string(kHeader) + ",filled_on", std::string(kLine1) + ",2019-13-01"}));
  EXPECT_EQ(e.field, "line 2, column 'filled_on'");
  EXPECT_NE(e.message.find("'2019-13-01'"), std::string::npos) << e.message;
}

TEST(ReceiptListing, AnUnknownColumnIsRefused) {
  const Error e = parse_error(listing({std::string(kHeader) + ",colour", std::string(kLine1) + ",blue"}));
  EXPECT_EQ(e.field, "line 1, column 'colour'");
  EXPECT_NE(e.message.find("unknown column"), std::string::npos) << e.message;
}

TEST(ReceiptListing, AColumnNamedTwiceIsRefused) {
  const Error e = parse_error(listing({std::string(kHeader) + ",supplier", std::string(kLine1) + ",Orano"}));
  EXPECT_EQ(e.field, "line 1, column 'supplier'");
  EXPECT_NE(e.message.find("named twice"), std::string::npos) << e.message;
}

TEST(ReceiptListing, AMissingRequiredColumnIsNamed) {
  const std::string header = std::string(kHeader).replace(std::string(kHeader).find("tare_kg,"), 8, "");
  const std::string line = std::string(kLine1).replace(std::string(kLine1).find("635.000,"), 8, "");
  const Error e = parse_error(listing({header, line}));
  EXPECT_EQ(e.field, "line 1, column 'tare_kg'");
  EXPECT_NE(e.message.find("required column is missing"), std::string::npos) << e.message;
}

TEST(ReceiptListing, SomeButNotAllOfTheOtherIsotopeColumnsIsRefused) {
  const Error e = parse_error(listing({std::string(kHeader) + ",u234_wt_pct", std::string(kLine1) + ",0.044"}));
  EXPECT_EQ(e.field, "line 1, column 'u236_wt_pct'");
  EXPECT_NE(e.message.find("all four isotopic columns"), std::string::npos) << e.message;
}

TEST(ReceiptListing, ALineWithTooManyFieldsNamesTheLine) {
  const Error e = parse_error(listing({kHeader, kLine1, std::string(kLine2) + ",extra"}));
  EXPECT_EQ(e.field, "line 3");
  EXPECT_NE(e.message.find("has 12 fields, the header 11"), std::string::npos) << e.message;
}

TEST(ReceiptListing, ALineWithTooFewFieldsNamesTheLine) {
  const std::string short_line = std::string(kLine1).substr(0, std::string(kLine1).rfind(','));
  const Error e = parse_error(listing({kHeader, short_line}));
  EXPECT_EQ(e.field, "line 2");
  EXPECT_NE(e.message.find("has 10 fields, the header 11"), std::string::npos) << e.message;
}

TEST(ReceiptListing, ABlankLineBetweenCylindersIsAMalformedLine) {
  const Error e = parse_error(listing({kHeader, kLine1, "", kLine2}));
  EXPECT_EQ(e.field, "line 3");
}

TEST(ReceiptListing, AnUnclosedQuoteNamesTheLine) {
  const std::string bad = std::string(kLine2).replace(std::string(kLine2).find("Orano Cycle"), 11, "\"Orano Cycle");
  const Error e = parse_error(listing({kHeader, kLine1, bad}));
  EXPECT_EQ(e.field, "line 3");
  EXPECT_NE(e.message.find("not closed"), std::string::npos) << e.message;
  EXPECT_FALSE(split_csv_record("a,\"b").has_value());
}

TEST(ReceiptListing, AnEmptyFileIsRefused) {
  for (const std::string csv : {"", "\n", " \r\n\n"}) {
    const Error e = parse_error(csv);
    EXPECT_EQ(e.field, "line 1") << "for '" << csv << "'";
    EXPECT_NE(e.message.find("empty"), std::string::npos) << e.message;
  }
}

TEST(ReceiptListing, AHeaderWithoutCylindersIsRefused) {
  const Error e = parse_error(listing({kHeader}));
  EXPECT_EQ(e.field, "line 2");
  EXPECT_NE(e.message.find("no cylinders"), std::string::npos) << e.message;
}

TEST(ReceiptListing, IsotopicsNotSummingTo100PercentAreRefused) {
  const std::string header = std::string(kHeader) + ",u234_wt_pct,u236_wt_pct,u238_wt_pct";
  // 0.044 + 4.95 + 0 + 95.0 = 99.994 %.
  const Error e = parse_error(listing({header, std::string(kLine1) + ",0.044,0,95.0"}));
  EXPECT_EQ(e.field.rfind("line 2, column '", 0), 0u) << e.field;
  EXPECT_NE(e.message.find("99.9940000 %, not 100 %"), std::string::npos) << e.message;
}

TEST(ReceiptListing, IsotopicsWithinTheSumToleranceAreAccepted) {
  const std::string header = std::string(kHeader) + ",u234_wt_pct,u236_wt_pct,u238_wt_pct";
  // 0.044 + 4.95 + 0 + 95.0059 = 99.9999 %: off by exactly the 0.0001 % tolerance.
  auto lines = parse_receipt_listing(listing({header, std::string(kLine1) + ",0.044,0,95.0059"}));
  ASSERT_TRUE(lines.has_value()) << lines.error().describe();
  EXPECT_EQ(lines->front().isotopics.u238(), Fraction::from_parts(950'059'000));
}

TEST(ReceiptListing, AnEmptyRequiredFieldNamesTheLineAndColumn) {
  const std::string bad = std::string(kLine1).replace(0, 6, "");
  const Error e = parse_error(listing({kHeader, bad}));
  EXPECT_EQ(e.field, "line 2, column 'cylinder_id'");
  EXPECT_NE(e.message.find("empty"), std::string::npos) << e.message;

  const std::string no_mass = std::string(kLine1).replace(std::string(kLine1).find("1499.5"), 6, "");
  const Error m = parse_error(listing({kHeader, no_mass}));
  EXPECT_EQ(m.field, "line 2, column 'declared_u_kg'");
}

TEST(ReceiptListing, TheFirstBadLineIsReportedNotALaterOne) {
  const std::string bad2 = std::string(kLine1).replace(std::string(kLine1).find("2852.140"), 8, "abc");
  const std::string bad3 = std::string(kLine2).replace(std::string(kLine2).find("2850.000"), 8, "xyz");
  const Error e = parse_error(listing({kHeader, bad2, bad3}));
  EXPECT_EQ(e.field, "line 2, column 'gross_kg'");
}

}  // namespace
}  // namespace leu
