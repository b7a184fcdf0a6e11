// Regression tests of the strict request body (server/json_body.hpp) for what fuzz/json_body_fuzz.cpp found: a
// member with an empty name was refused with an empty field, so the problem named no member.
#include "server/json_body.hpp"

#include <gtest/gtest.h>

#include <string>

namespace leu::server {
namespace {

// The fuzz finding itself (fuzz/corpus/json_body/found-empty-member-name.json).
TEST(JsonBody, AMemberWithAnEmptyNameIsRefusedNamingIt) {
  auto body =
      Body::parse(R"({"mba":"KZBK","date":"2026-06-30","all_found":false,"":[{"id":"X-1","note":"unlabelled"}]})");
  ASSERT_TRUE(body.has_value());
  ASSERT_TRUE(body->string("mba").has_value());
  ASSERT_TRUE(body->optional_date("date", Date::from_ymd(2026, 1, 1)).has_value());
  ASSERT_TRUE(body->optional_bool("all_found", true).has_value());
  auto finished = body->finish();
  ASSERT_FALSE(finished.has_value());
  EXPECT_EQ(finished.error().code, ErrorCode::kUsage);
  EXPECT_EQ(finished.error().field, R"("")");
  EXPECT_EQ(finished.error().message, "is not a member this request takes");
}

TEST(JsonBody, AnEmptyNameInsideAnArrayOfObjectsIsNamedWithItsPath) {
  auto body = Body::parse(R"({"found":[{"item":"DEMO-OR-01","":1}]})");
  ASSERT_TRUE(body.has_value());
  auto found = body->objects("found", true);
  ASSERT_TRUE(found.has_value());
  ASSERT_TRUE((*found)[0].string("item").has_value());
  auto finished = (*found)[0].finish();
  ASSERT_FALSE(finished.has_value());
  EXPECT_EQ(finished.error().field, R"(found[0]."")");
}

TEST(JsonBody, AnUnknownNamedMemberIsStillNamedAsItIs) {
  auto body = Body::parse(R"({"to":"R01-01","tO":"x"})");
  ASSERT_TRUE(body.has_value());
  ASSERT_TRUE(body->string("to").has_value());
  auto finished = body->finish();
  ASSERT_FALSE(finished.has_value());
  EXPECT_EQ(finished.error().field, "tO");
}

}  // namespace
}  // namespace leu::server
