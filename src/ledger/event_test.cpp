// Tests of the journal's byte-level format: canonical JSON, canonical event bytes, the SHA-256 chain and hex.
#include "ledger/event.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace leu {
namespace {

using nlohmann::json;

std::string canonical(const json& value) {
  auto text = canonical_json(value);
  EXPECT_TRUE(text.has_value()) << (text ? "" : text.error().describe());
  return text ? *text : std::string();
}

// ---------------------------------------------------------------------------------------------------------------
// canonical_json

TEST(CanonicalJson, SortsObjectKeysInByteOrder) {
  // Byte order: 'B' (0x42) < '_' (0x5f) < 'a' (0x61) < 'b' < "\xc3\xa9" (UTF-8 of U+00E9, lead byte 0xc3).
  json value = {{"b", 1}, {"\xc3\xa9", 5}, {"a", 2}, {"_", 4}, {"B", 3}};
  EXPECT_EQ(canonical(value), "{\"B\":3,\"_\":4,\"a\":2,\"b\":1,\"\xc3\xa9\":5}");
}

TEST(CanonicalJson, SortsKeysOfNestedObjectsAndObjectsInsideArrays) {
  const json value = json::parse(R"({"z": {"y": 1, "x": {"w": 2, "v": 3}}, "a": [{"d": 4, "c": 5}]})");
  EXPECT_EQ(canonical(value), R"({"a":[{"c":5,"d":4}],"z":{"x":{"v":3,"w":2},"y":1}})");
}

TEST(CanonicalJson, WritesNoWhitespaceOutsideStrings) {
  const json value = json::parse("{ \"list\" : [ 1 , 2 , { \"k\" : \"two words\\tand a tab\" } ] ,\n \"t\" : true }");
  EXPECT_EQ(canonical(value), R"({"list":[1,2,{"k":"two words\tand a tab"}],"t":true})");
}

TEST(CanonicalJson, GivesTheSameTextForTheSameValueBuiltInAnyOrder) {
  const json built = {{"item", "DEMO-OR-01"}, {"date", "2019-10-17"}, {"to", "R02-07"}};
  const json parsed = json::parse(R"({"to":"R02-07","date":"2019-10-17","item":"DEMO-OR-01"})");
  EXPECT_EQ(canonical(built), canonical(parsed));
  EXPECT_EQ(canonical(built), R"({"date":"2019-10-17","item":"DEMO-OR-01","to":"R02-07"})");
}

TEST(CanonicalJson, WritesIntegersBooleansNullAndEmptyContainersAsIs) {
  const json value = {{"neg", -42},  {"zero", 0},       {"big", 9'007'199'254'740'993LL}, {"yes", true},
                      {"no", false}, {"none", nullptr}, {"arr", json::array()},           {"obj", json::object()}};
  EXPECT_EQ(canonical(value),
            R"({"arr":[],"big":9007199254740993,"neg":-42,"no":false,"none":null,"obj":{},"yes":true,"zero":0})");
}

TEST(CanonicalJson, EscapesStringsAsTheJournalFormatSpecifies) {
  // docs/formats/journal.md §2: short escapes for " \ \b \f \n \r \t, other control characters as \u00XX in
  // lowercase hex, '/' and non-ASCII characters written as is (Python json.dumps(..., ensure_ascii=False)).
  const json value = std::string("\x01\x1f\b\f\n\r\t\"\\/\xc3\xa9");
  EXPECT_EQ(canonical(value), "\"\\u0001\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\xc3\xa9\"");
}

TEST(CanonicalJson, RejectsAFloatAtTheTopLevel) {
  auto result = canonical_json(json(1.5));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
}

TEST(CanonicalJson, RejectsAFloatWithAnIntegralValue) {
  // "1.0" parses as a floating-point number: its bytes are ambiguous even though its value is whole.
  auto result = canonical_json(json::parse(R"({"mass_mg": 1.0})"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
}

TEST(CanonicalJson, RejectsAFloatNestedInObjectsAndArrays) {
  for (const char* text : {R"({"a":{"b":{"c":0.5}}})", R"([1,[2,[3,2.5]]])", R"({"a":[{"b":[1,{"c":1e3}]}]})",
                           R"({"ok":1,"list":[1,2,3],"deep":{"x":[true,null,"s",-0.0]}})"}) {
    auto result = canonical_json(json::parse(text));
    ASSERT_FALSE(result.has_value()) << text;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput) << text;
  }
}

TEST(CanonicalJson, RejectsInvalidUtf8WithAnErrorRatherThanAnException) {
  // A string from user input (say a storage position) may hold bytes that are not UTF-8. The journal format
  // requires UTF-8, so canonical_json must refuse it, and as a Result: exceptions are for bugs only
  // (domain/error.hpp), and Journal::append promises to fail cleanly when an event cannot be encoded.
  const json value = {{"to", std::string("R0\xff-01")}};
  Result<std::string> result;
  ASSERT_NO_THROW(result = canonical_json(value));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
}

// ---------------------------------------------------------------------------------------------------------------
// canonical_event_bytes

StoredEvent move_event() {
  return StoredEvent{7,
                     "2024-01-02T03:04:05Z",
                     "olga",
                     "cylinder.moved",
                     1,
                     R"({"date":"2024-01-02","from":"R01-01","item":"DEMO-OR-01","to":"R02-07"})",
                     "not part of the bytes"};
}

// The literal below was written by hand from docs/formats/journal.md §2 and checked against Python's
// json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).
constexpr const char* kMoveEventBytes =
    R"({"actor":"olga","payload":{"date":"2024-01-02","from":"R01-01","item":"DEMO-OR-01","to":"R02-07"},)"
    R"("seq":7,"time":"2024-01-02T03:04:05Z","type":"cylinder.moved","v":1})";

TEST(CanonicalEventBytes, HaveTheSixMembersInByteOrderWithoutWhitespace) {
  EXPECT_EQ(canonical_event_bytes(move_event()), kMoveEventBytes);
}

TEST(CanonicalEventBytes, DoNotIncludeTheHash) {
  StoredEvent a = move_event(), b = move_event();
  b.hash = std::string(64, 'f');
  EXPECT_EQ(canonical_event_bytes(a), canonical_event_bytes(b));
}

TEST(CanonicalEventBytes, EscapeTheStringMembers) {
  StoredEvent e{12, "t\"1", "o\\l\"ga", "ty\npe", 1, R"({})", ""};
  EXPECT_EQ(canonical_event_bytes(e),
            R"({"actor":"o\\l\"ga","payload":{},"seq":12,"time":"t\"1","type":"ty\npe","v":1})");
}

TEST(CanonicalEventBytes, AreThemselvesCanonicalJson) {
  StoredEvent e = move_event();
  e.actor = "ingrid \xc3\xa9/x";
  e.seq = 1'234'567'890'123;
  const std::string bytes = canonical_event_bytes(e);
  const json parsed = json::parse(bytes);
  EXPECT_EQ(parsed.size(), 6u);
  EXPECT_EQ(parsed["seq"], 1'234'567'890'123);
  EXPECT_EQ(parsed["actor"], "ingrid \xc3\xa9/x");
  EXPECT_EQ(parsed["v"], 1);
  EXPECT_EQ(canonical(parsed), bytes);
}

TEST(CanonicalEventBytes, ChangeWhenAnyMemberChanges) {
  const std::string base = canonical_event_bytes(move_event());
  std::vector<StoredEvent> changed(6, move_event());
  changed[0].seq = 8;
  changed[1].time = "2024-01-02T03:04:06Z";
  changed[2].actor = "olgA";
  changed[3].type = "cylinder.moveD";
  changed[4].version = 2;
  changed[5].payload = R"({"date":"2024-01-02","from":"R01-01","item":"DEMO-OR-01","to":"R02-08"})";
  for (std::size_t i = 0; i < changed.size(); ++i) EXPECT_NE(canonical_event_bytes(changed[i]), base) << i;
}

// ---------------------------------------------------------------------------------------------------------------
// The chain

TEST(ChainDigest, GenesisIsThirtyTwoZeroBytes) {
  const Digest g = genesis_digest();
  for (unsigned char byte : g) EXPECT_EQ(byte, 0);
  EXPECT_EQ(to_hex(g), std::string(64, '0'));
}

// The expected digests below were computed outside this program with GNU coreutils sha256sum:
//   head -c 32 /dev/zero | sha256sum
//   { head -c 32 /dev/zero; printf '%s' "$BYTES1"; } | sha256sum                       (BYTES1 = kMoveEventBytes)
//   { printf '%s' "$HASH1" | xxd -r -p; printf '%s' "$BYTES2"; } | sha256sum           (BYTES2 = kSealEventBytes)

TEST(ChainDigest, OfGenesisAndNoBytesIsTheSha256OfThirtyTwoZeroBytes) {
  EXPECT_EQ(to_hex(chain_digest(genesis_digest(), "")),
            "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
}

TEST(ChainDigest, OfGenesisAndAnEventEqualsAnIndependentlyComputedSha256) {
  EXPECT_EQ(to_hex(chain_digest(genesis_digest(), canonical_event_bytes(move_event()))),
            "2bf499fd64dbae6905be144df4b4f34f193be9ad27a0e9efde501fddc63bb199");
}

constexpr const char* kSealEventBytes =
    R"({"actor":"ingrid","payload":{"date":"2024-01-03","intact":true,"item":"DEMO-OR-01","note":"","seal":"S-1"},)"
    R"("seq":8,"time":"2024-01-03T10:00:00Z","type":"seal.verified","v":1})";

TEST(ChainDigest, ChainsThePreviousDigestAsRawBytes) {
  const StoredEvent second{
      8,        "2024-01-03T10:00:00Z",
      "ingrid", "seal.verified",
      1,        R"({"date":"2024-01-03","intact":true,"item":"DEMO-OR-01","note":"","seal":"S-1"})",
      ""};
  ASSERT_EQ(canonical_event_bytes(second), kSealEventBytes);
  const Digest first = chain_digest(genesis_digest(), kMoveEventBytes);
  EXPECT_EQ(to_hex(chain_digest(first, canonical_event_bytes(second))),
            "3670a921f5f4321c65007a78d99c0b37d1c9789902b51513427862477b3a668a");
}

TEST(ChainDigest, DependsOnThePreviousDigest) {
  Digest other = genesis_digest();
  other[31] = 1;
  EXPECT_NE(chain_digest(genesis_digest(), kMoveEventBytes), chain_digest(other, kMoveEventBytes));
}

// ---------------------------------------------------------------------------------------------------------------
// Hex

TEST(Hex, ToHexWritesSixtyFourLowercaseDigitsMostSignificantNibbleFirst) {
  Digest d;
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = static_cast<unsigned char>(i * 8 + 7);
  EXPECT_EQ(to_hex(d), "070f171f272f373f474f575f676f777f878f979fa7afb7bfc7cfd7dfe7eff7ff");
}

TEST(Hex, FromHexReadsWhatToHexWrote) {
  Digest d;
  ASSERT_TRUE(from_hex("070f171f272f373f474f575f676f777f878f979fa7afb7bfc7cfd7dfe7eff7ff", d));
  for (std::size_t i = 0; i < d.size(); ++i) EXPECT_EQ(d[i], i * 8 + 7) << i;
}

RC_GTEST_PROP(Hex, RoundTripsEveryDigest, (const std::vector<unsigned char>& bytes)) {
  Digest d{};
  for (std::size_t i = 0; i < d.size() && i < bytes.size(); ++i) d[i] = bytes[i];
  const std::string hex = to_hex(d);
  RC_ASSERT(hex.size() == 64u);
  Digest back{};
  back.fill(0x5a);
  RC_ASSERT(from_hex(hex, back));
  RC_ASSERT(back == d);
}

TEST(Hex, FromHexRejectsTheWrongLength) {
  const std::string good(64, 'a');
  Digest d;
  EXPECT_FALSE(from_hex("", d));
  EXPECT_FALSE(from_hex(good.substr(0, 63), d));
  EXPECT_FALSE(from_hex(good.substr(0, 62), d));
  EXPECT_FALSE(from_hex(good + "a", d));
  EXPECT_FALSE(from_hex(good + good, d));
  EXPECT_TRUE(from_hex(good, d));
}

TEST(Hex, FromHexRejectsCharactersThatAreNotLowercaseHexDigits) {
  // Hashes are stored as lowercase hex (docs/formats/journal.md §3); anything else is damage.
  const std::string good(64, '0');
  for (char bad : {'g', 'G', 'A', 'F', 'x', ' ', '-', '+', ':', '/', '@', '`', '\0'}) {
    for (std::size_t pos : {std::size_t{0}, std::size_t{1}, std::size_t{31}, std::size_t{62}, std::size_t{63}}) {
      std::string hex = good;
      hex[pos] = bad;
      Digest d;
      EXPECT_FALSE(from_hex(hex, d)) << "char " << static_cast<int>(bad) << " at " << pos;
    }
  }
}

}  // namespace
}  // namespace leu
