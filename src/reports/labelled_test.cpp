// The labelled text format: golden files, the write -> parse round trip, and every refusal of the parser with its
// line and field.
#include "reports/labelled.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "reports/sample_reports_test.hpp"

namespace leu::reports {
namespace {

using testing::sample_icr;
using testing::sample_mbr;
using testing::sample_pil;

const std::string kGoldenDir = std::string(LEUBANK_SOURCE_DIR) + "/data/golden/";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// LEUBANK_UPDATE_GOLDEN=1 rewrites the file; review the diff before checking it in.
void expect_golden(const Report& r, const std::string& name) {
  const std::string text = write_labelled(r, default_profile());
  if (std::getenv("LEUBANK_UPDATE_GOLDEN")) std::ofstream(kGoldenDir + name, std::ios::binary) << text;
  EXPECT_EQ(text, read(kGoldenDir + name)) << "golden file " << name;
  auto back = parse_labelled(read(kGoldenDir + name), default_profile());
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(*back, r);
}

TEST(LabelledGoldenTest, IcrWithCorrectionPairAndNotesMatchesItsGoldenFile) {
  expect_golden(sample_icr(), "icr-code10-labelled-v1.txt");
}
TEST(LabelledGoldenTest, PilMatchesItsGoldenFile) { expect_golden(sample_pil(), "pil-code10-labelled-v1.txt"); }
TEST(LabelledGoldenTest, MbrWorkedExampleMatchesItsGoldenFile) {
  expect_golden(sample_mbr(), "mbr-code10-labelled-v1.txt");
}

TEST(LabelledTest, CrcIsTheFirst16HexDigitsOfSha256OfTheRecordText) {
  // SHA-256("abc") = ba7816bf8f01cfea 414140de5dae2223 ... (FIPS 180-2, appendix B.1).
  EXPECT_EQ(line_crc("abc"), "ba7816bf8f01cfea");
}

TEST(LabelledTest, WeightsAreWrittenInTheElementUnitWithItsDecimals) {
  const std::string icr = write_labelled(sample_icr(), default_profile());
  EXPECT_NE(icr.find(";ELEMENT_WEIGHT=1512345.678;ISOTOPE=G;FISSILE_WEIGHT=74861.111;"), std::string::npos);
  Report natural = sample_mbr();
  natural.header.element_category = "N";
  for (auto& l : natural.lines) l.isotope.clear();
  const std::string mbr = write_labelled(natural, default_profile());
  EXPECT_NE(mbr.find(";IC_CODE=PB;ELEMENT_WEIGHT=24.000000;FISSILE_WEIGHT=1.200000;"), std::string::npos);
  auto back = parse_labelled(mbr, default_profile());
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(*back, natural);
}

TEST(LabelledTest, IsoDateProfileWritesIsoDates) {
  auto iso = overlay(default_profile(), nlohmann::json::parse(R"j({"rules": {"date_format": "YYYY-MM-DD"}})j"));
  ASSERT_TRUE(iso);
  const std::string text = write_labelled(sample_icr(), *iso);
  EXPECT_NE(text.find(";REPORT_DATE=2026-02-10;"), std::string::npos);
  auto back = parse_labelled(text, *iso);
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(*back, sample_icr());
}

// ---------------------------------------------------------------------------------------------------------------
// Round trip over random valid reports.

const std::string kSafe =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -_.,()'\"=+*!?@$%&<>[]{}|~^`\\";

rc::Gen<std::string> gen_text(int min_len, int max_len) {
  return rc::gen::map(rc::gen::container<std::vector<std::size_t>>(rc::gen::inRange<std::size_t>(0, kSafe.size())),
                      [=](const std::vector<std::size_t>& idx) {
                        std::string s;
                        for (std::size_t i : idx) {
                          if (static_cast<int>(s.size()) == max_len) break;
                          s += kSafe[i];
                        }
                        while (static_cast<int>(s.size()) < min_len) s += 'X';
                        while (!s.empty() && s.front() == ' ') s.front() = 'A';
                        while (!s.empty() && s.back() == ' ') s.back() = 'Z';
                        return s;
                      });
}

std::string gen_date() {
  const int y = *rc::gen::inRange(1990, 2100);
  const int m = *rc::gen::inRange(1, 13);
  const int d = *rc::gen::inRange(1, 29);
  char buf[11];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

template <class T>
std::string pick_code(const std::vector<T>& table) {
  return table[*rc::gen::inRange<std::size_t>(0, table.size())].code;
}

std::int64_t gen_weight(bool may_be_negative) {
  // Up to 10^15 mg (10^9 kg): 16 digits, within N(24).
  std::int64_t v = *rc::gen::oneOf(rc::gen::inRange<std::int64_t>(0, 1000),
                                   rc::gen::inRange<std::int64_t>(0, 1'000'000'000'000'000));
  if (may_be_negative && *rc::gen::arbitrary<bool>()) v = -v;
  return v;
}

Report gen_report(const Profile& p) {
  Report r;
  ReportHeader& h = r.header;
  h.type = *rc::gen::element(ReportType::kIcr, ReportType::kPil, ReportType::kMbr);
  h.mba = *gen_text(1, 4);
  h.report_date = gen_date();
  h.report_number = *rc::gen::inRange<std::int64_t>(1, 100'000'000);
  h.period_start = gen_date();
  h.period_end = h.type == ReportType::kPil ? h.period_start : gen_date();
  h.element_category = pick_code(p.elements);
  h.reporting_person = *gen_text(1, 30);
  const ElementCode* element = p.element(h.element_category);
  const std::size_t n = *rc::gen::inRange<std::size_t>(0, 8);
  for (std::size_t i = 0; i < n; ++i) {
    ReportLine l;
    l.line_number = static_cast<std::int64_t>(i + 1);
    bool signed_code = false;
    if (h.type == ReportType::kIcr) {
      l.code = pick_code(p.ic_codes);
      signed_code = p.ic_code(l.code)->direction == "±";
    } else if (h.type == ReportType::kMbr) {
      l.code = pick_code(p.mbr_lines);
      signed_code = p.mbr_line(l.code)->signed_value;
    }
    if (h.type != ReportType::kMbr) {
      l.batch = *gen_text(1, 16);
      l.kmp = *gen_text(1, 1);
      l.measurement_basis = pick_code(p.measurement_basis);
      l.material_form = pick_code(p.material_forms);
      l.material_container = pick_code(p.material_containers);
      l.material_state = pick_code(p.material_states);
      l.items = *rc::gen::inRange<std::int64_t>(0, 1'000'000);
    }
    if (h.type == ReportType::kIcr) {
      const bool receipt = l.code == "RD" || l.code == "RF", shipment = l.code == "SD" || l.code == "SF";
      l.mba_from = receipt || *rc::gen::arbitrary<bool>() ? *gen_text(1, 4) : "";
      l.mba_to = shipment || *rc::gen::arbitrary<bool>() ? *gen_text(1, 4) : "";
      l.accounting_date = gen_date();
    }
    if (h.type == ReportType::kPil && *rc::gen::arbitrary<bool>()) l.container_id = *gen_text(1, 20);
    l.element_weight_mg = gen_weight(signed_code);
    if (!element->isotopes.empty()) {
      l.isotope = element->isotopes[*rc::gen::inRange<std::size_t>(0, element->isotopes.size())];
      l.fissile_weight_mg = gen_weight(signed_code);
    } else if (*rc::gen::arbitrary<bool>()) {
      l.fissile_weight_mg = gen_weight(signed_code);
    }
    l.correction = *rc::gen::element<std::string>("", "", "D", "A", "L");
    if (l.correction == "D" || l.correction == "A" || *rc::gen::arbitrary<bool>()) {
      l.previous_report = *rc::gen::inRange<std::int64_t>(1, 100'000'000);
      l.previous_line = *rc::gen::inRange<std::int64_t>(1, 100'000'000);
    }
    if (*rc::gen::arbitrary<bool>()) l.comment = *gen_text(1, 256);
    r.lines.push_back(std::move(l));
  }
  h.line_count = static_cast<std::int64_t>(n);
  const std::size_t notes = *rc::gen::inRange<std::size_t>(0, 3);
  for (std::size_t i = 0; i < notes; ++i) r.notes.push_back(*gen_text(1, 300));
  return r;
}

RC_GTEST_PROP(LabelledPropertyTest, WriteThenParseGivesBackTheSameReport, ()) {
  const Report r = gen_report(default_profile());
  const std::string text = write_labelled(r, default_profile());
  auto back = parse_labelled(text, default_profile());
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == r);
  RC_ASSERT(write_labelled(*back, default_profile()) == text);
}

RC_GTEST_PROP(LabelledPropertyTest, RoundTripHoldsUnderAGainSignIsoDateProfile, ()) {
  static const Profile p =
      *overlay(default_profile(),
               nlohmann::json::parse(R"j({"rules": {"muf_sign": "positive_is_gain", "date_format": "YYYY-MM-DD"}})j"));
  const Report r = gen_report(p);
  auto back = parse_labelled(write_labelled(r, p), p);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == r);
}

// ---------------------------------------------------------------------------------------------------------------
// Refusals: each names the line of the text and the field.

struct Text {
  std::vector<std::string> lines;  // without their CRC

  explicit Text(const Report& r) {
    std::istringstream in(write_labelled(r, default_profile()));
    for (std::string l; std::getline(in, l);) lines.push_back(l.substr(0, l.rfind(";CRC=")));
  }
  // Replaces `from` by `to` in text line `n` (1-based).
  Text& replace(std::size_t n, const std::string& from, const std::string& to) {
    std::string& l = lines.at(n - 1);
    const auto pos = l.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) l.replace(pos, from.size(), to);
    return *this;
  }
  std::string str() const {
    std::string out;
    for (const auto& l : lines) out += l + ";CRC=" + line_crc(l) + "\n";
    return out;
  }
};

void expect_refused(const std::string& text, const std::string& field, const std::string& words) {
  auto r = parse_labelled(text, default_profile());
  ASSERT_FALSE(r) << "expected a refusal at " << field;
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, field) << r.error().describe();
  EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().describe();
}

TEST(LabelledParseTest, UnknownLabelIsRefusedWithItsLine) {
  expect_refused(Text(sample_icr()).replace(3, "KMP=", "KMZ=").str(), "line 3, field 'KMZ'", "not in this report");
}

TEST(LabelledParseTest, MissingRequiredFieldIsRefused) {
  expect_refused(Text(sample_icr()).replace(2, ";BATCH=KZ30B-0001", "").str(), "line 2, field 'batch'", "missing");
  // MBA_FROM is required for a receipt (RF) only.
  expect_refused(Text(sample_icr()).replace(2, ";MBA_FROM=FR", "").str(), "line 2, field 'mba_from'", "missing");
  // A D line must name the corrected report.
  expect_refused(Text(sample_icr()).replace(4, ";PREVIOUS_REPORT=2", "").str(), "line 4, field 'previous_report'",
                 "missing");
}

TEST(LabelledParseTest, WrongTypeOrTooLongValueIsRefused) {
  expect_refused(Text(sample_icr()).replace(2, "ITEMS=1", "ITEMS=1a").str(), "line 2, field 'items'", "not a number");
  expect_refused(Text(sample_icr()).replace(2, "BATCH=KZ30B-0001", "BATCH=KZ30B-0001-ABCDEFG").str(),
                 "line 2, field 'batch'", "longer than 16");
  expect_refused(Text(sample_icr()).replace(2, "ACCOUNTING_DATE=14012026", "ACCOUNTING_DATE=31022026").str(),
                 "line 2, field 'accounting_date'", "not a day");
  expect_refused(Text(sample_icr()).replace(2, "ELEMENT_WEIGHT=1512345.678", "ELEMENT_WEIGHT=1512345.67").str(),
                 "line 2, field 'element_weight'", "exactly 3 decimals");
  expect_refused(Text(sample_icr()).replace(2, "ELEMENT_WEIGHT=1512345.678", "ELEMENT_WEIGHT=-1512345.678").str(),
                 "line 2, field 'element_weight'", "negative");
  expect_refused(Text(sample_icr()).replace(1, "REPORT_NUMBER=3", "REPORT_NUMBER=123456789").str(),
                 "line 1, field 'report_number'", "more than 8 digits");
}

TEST(LabelledParseTest, ForbiddenCharacterIsRefused) {
  expect_refused(Text(sample_icr()).replace(3, "BATCH=KZ30B-0002", "BATCH=KZ30B/0002").str(), "line 3, field 'batch'",
                 "forbidden character '/'");
  expect_refused(Text(sample_icr()).replace(3, "COMMENT=Supply", "COMMENT=Note: Supply").str(),
                 "line 3, field 'comment'", "forbidden character ':'");
}

TEST(LabelledParseTest, UnknownCodesAreRefused) {
  expect_refused(Text(sample_icr()).replace(2, "IC_CODE=RF", "IC_CODE=XX").str(), "line 2, field 'code'",
                 "table ic_codes");
  expect_refused(Text(sample_icr()).replace(2, "MEASUREMENT=N", "MEASUREMENT=Z").str(),
                 "line 2, field 'measurement_basis'", "table measurement_basis");
  expect_refused(Text(sample_icr()).replace(1, "ELEMENT_CATEGORY=E", "ELEMENT_CATEGORY=X").str(),
                 "line 1, field 'element_category'", "table elements");
  expect_refused(Text(sample_icr()).replace(2, "ISOTOPE=G", "ISOTOPE=Q").str(), "line 2, field 'isotope'",
                 "table isotopes");
  expect_refused(Text(sample_icr()).replace(4, "CORRECTION=D", "CORRECTION=C").str(), "line 4, field 'correction'",
                 "table corrections");
  // MBR line codes come from mbr_lines: BE is one, LA-type ICR-only codes like L+ are not.
  expect_refused(Text(sample_mbr()).replace(3, "IC_CODE=RD", "IC_CODE=L+").str(), "line 3, field 'code'",
                 "table mbr_lines");
}

TEST(LabelledParseTest, LineCountThatDoesNotMatchIsRefused) {
  expect_refused(Text(sample_icr()).replace(1, "LINE_COUNT=4", "LINE_COUNT=5").str(), "line 1, field 'line_count'",
                 "says 5 but the report has 4 lines");
  Text dropped(sample_mbr());
  dropped.lines.erase(dropped.lines.begin() + 8);  // the MF line, the last report line
  expect_refused(dropped.str(), "line 1, field 'line_count'", "says 8 but the report has 7");
}

TEST(LabelledParseTest, LineNumbersWithAGapAreRefused) {
  Text t(sample_icr());
  t.lines.erase(t.lines.begin() + 2);  // report line 2
  t.replace(1, "LINE_COUNT=4", "LINE_COUNT=3");
  expect_refused(t.str(), "line 3, field 'line_number'", "is 3; expected 2");
}

TEST(LabelledParseTest, CrcThatDoesNotMatchIsRefused) {
  std::string text = write_labelled(sample_icr(), default_profile());
  text.replace(text.find("1512345.678"), 11, "1512346.678");  // one digit altered, CRC left
  expect_refused(text, "line 2, field 'crc'", "altered");
  std::string no_crc = Text(sample_pil()).str();
  no_crc.replace(no_crc.find(";CRC="), 21, "");  // ";CRC=" and 16 hex digits
  expect_refused(no_crc, "line 1, field 'crc'", "missing");
}

TEST(LabelledParseTest, UnknownProfileOrVersionIsRefused) {
  expect_refused(Text(sample_icr()).replace(1, "PROFILE=code10-labelled", "PROFILE=euratom-uk").str(),
                 "line 1, field 'profile'", "euratom-uk");
  expect_refused(Text(sample_icr()).replace(1, "PROFILE_VERSION=1", "PROFILE_VERSION=2").str(),
                 "line 1, field 'profile_version'", "is '2'");
  expect_refused(Text(sample_icr()).replace(1, "FORMAT=LEUBANK-LABELLED-1", "FORMAT=LEUBANK-LABELLED-9").str(),
                 "line 1, field 'format'", "LEUBANK-LABELLED-1");
}

TEST(LabelledParseTest, NoteCountAndRecordOrderAreChecked) {
  expect_refused(Text(sample_icr()).replace(1, "NOTE_COUNT=2", "NOTE_COUNT=1").str(), "line 1, field 'note_count'",
                 "says 1 but the report has 2 notes");
  Text t(sample_icr());
  std::swap(t.lines[4], t.lines[5]);  // a note before the last report line
  expect_refused(t.str(), "line 6", "after the notes");
  expect_refused("", "line 1", "empty");
  expect_refused(Text(sample_pil()).str() + "\n", "line 4", "is empty");
}

}  // namespace
}  // namespace leu::reports
