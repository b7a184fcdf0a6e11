// The supply of last resort over HTTP, against a real server over a copy of the demo bank (REQ-0001 of the fictional
// Ruritania, XR, is allocated; REQ-0002 of Freedonia, XQ, is under assessment): a State representative sees and
// acts only on its own State's requests, even by guessing ids; release for shipment needs two different people;
// the shipment reaches the material books; reads of requests are access-logged.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_process.hpp"

namespace leu::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

json body_of(const Response& r) { return json::parse(r.body, nullptr, false); }

class SupplyOverHttp : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.running()) << server_.log(); }
  ServerProcess server_;
};

TEST_F(SupplyOverHttp, StateRepresentativeSeesOnlyItsOwnStatesRequests) {
  const ApiClient samir = server_.sign_in("samir");  // XR
  const json mine = body_of(samir.get("/api/v1/requests"));
  ASSERT_EQ(mine["items"].size(), 1u) << mine.dump();
  EXPECT_EQ(mine["items"][0]["state"], "XR");
  EXPECT_EQ(samir.get("/api/v1/requests/REQ-0001").status, 200);
  // Freedonia's request looks exactly like one that does not exist.
  const Response other = samir.get("/api/v1/requests/REQ-0002");
  const Response none = samir.get("/api/v1/requests/REQ-9999");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(body_of(other)["detail"].get<std::string>().find("XQ"), std::string::npos) << other.body;
  const Response filtered = samir.get("/api/v1/requests?state=XQ");
  EXPECT_TRUE(filtered.status == 404 || (filtered.status == 200 && body_of(filtered)["items"].empty()))
      << filtered.body;
  EXPECT_EQ(samir.get("/api/v1/requests/REQ-0002/notices").status, 404);
  EXPECT_EQ(samir.post("/api/v1/requests/REQ-0002/withdrawal", "{}").status, 404);
  EXPECT_EQ(samir.get("/api/v1/states/XQ").status, 404);
  // The bank sees both.
  EXPECT_EQ(body_of(server_.sign_in("bruno").get("/api/v1/requests"))["items"].size(), 2u);
  // And a representative reads no material books at all.
  EXPECT_EQ(samir.get("/api/v1/inventory").status, 403);
}

TEST_F(SupplyOverHttp, ReleaseNeedsTwoPeopleAndTheShipmentReachesTheBooks) {
  const ApiClient bruno = server_.sign_in("bruno"), olga = server_.sign_in("olga"), dg = server_.sign_in("dg");
  const json request = body_of(bruno.get("/api/v1/requests/REQ-0001"));
  ASSERT_EQ(request["status"], "allocated") << request.dump();
  json cylinders = json::array();
  int n = 0;
  for (const auto& id : request["allocation"]["cylinders"])
    cylinders.push_back({{"cylinder", id}, {"overpack", "UX-30 DEMO-OP-" + std::to_string(++n)}});
  const Response prepared = olga.post("/api/v1/requests/REQ-0001/preparation",
                                      json{{"cylinders", cylinders}, {"documents_ref", "DEMO/XR/papers"}}.dump());
  ASSERT_EQ(prepared.status, 201) << prepared.body;
  ASSERT_EQ(bruno.post("/api/v1/requests/REQ-0001/release-proposal", "{}").status, 201);

  const Response same_person = bruno.post("/api/v1/requests/REQ-0001/release-confirmation", "{}");
  EXPECT_EQ(same_person.status, 403) << same_person.body;  // this person may not: the proposer
  EXPECT_THAT(body_of(same_person)["detail"].get<std::string>(), HasSubstr("two-person rule"));
  const Response second = dg.post("/api/v1/requests/REQ-0001/release-confirmation", "{}");
  ASSERT_EQ(second.status, 201) << second.body;

  const int on_hand_before = body_of(olga.get("/api/v1/inventory"))["totals"]["items"].get<int>();
  const Response shipped = olga.post("/api/v1/requests/REQ-0001/shipment", "{}");
  ASSERT_EQ(shipped.status, 201) << shipped.body;
  EXPECT_EQ(body_of(shipped)["request"]["status"], "shipped");
  const json after = body_of(olga.get("/api/v1/inventory"));
  EXPECT_EQ(after["totals"]["items"].get<int>(), on_hand_before - static_cast<int>(cylinders.size()));
  const json item = body_of(olga.get("/api/v1/items/" + request["allocation"]["cylinders"][0].get<std::string>()));
  EXPECT_EQ(item["status"], "shipped");
  EXPECT_EQ(item["shipped_to"], "XR");
  EXPECT_TRUE(body_of(server_.sign_in("ingrid").post("/api/v1/verify", ""))["ok"].get<bool>());
}

TEST_F(SupplyOverHttp, ReadsOfRequestsAreInTheAccessLog) {
  ASSERT_EQ(server_.sign_in("samir").get("/api/v1/requests/REQ-0001").status, 200);
  const json log = body_of(server_.sign_in("audrey").get("/api/v1/access-log"));
  ASSERT_FALSE(log["items"].empty());
  EXPECT_EQ(log["items"].back()["actor"], "samir");
  EXPECT_EQ(log["items"].back()["target"], "/api/v1/requests/REQ-0001");
}

TEST_F(SupplyOverHttp, MalformedStepBodyIsRefusedAndChangesNothing) {
  const ApiClient bruno = server_.sign_in("bruno");
  const std::string before = body_of(server_.anonymous().get("/healthz"))["head"].dump();
  const Response r = bruno.post("/api/v1/requests/REQ-0002/assessment", R"({"criterion1_met":"yes"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body_of(r)["field"], "criterion1_met");
  const Response payment =
      bruno.post("/api/v1/requests/REQ-0001/payments", R"({"amount_cents":12.5,"currency":"USD","reference":"x"})");
  EXPECT_EQ(payment.status, 400);
  EXPECT_EQ(body_of(payment)["field"], "amount_cents");
  EXPECT_EQ(body_of(server_.anonymous().get("/healthz"))["head"].dump(), before);
}

TEST_F(SupplyOverHttp, ACriterionNumberBeyondIntIsRefusedNotWrappedToCriterionOne) {
  const ApiClient samir = server_.sign_in("samir");
  const Response filed = samir.post("/api/v1/requests", R"({"uranium_kg":"1000","enrichment_min_percent":"4.80",
      "enrichment_max_percent":"4.95","plant":"DEMO plant","disruption":"DEMO disruption"})");
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id = body_of(filed)["request"]["id"];
  const std::string before = body_of(server_.anonymous().get("/healthz"))["head"].dump();
  // 4294967297 = 2^32 + 1: narrowed to a 32-bit int it would read as criterion 1.
  const Response r = samir.post("/api/v1/requests/" + id + "/attestations",
                                R"({"criterion":4294967297,"statement":"DEMO","evidence":{"ref":"DEMO/1","sha256":")" +
                                    std::string(64, 'a') + R"("}})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(body_of(r)["field"], "criterion");
  EXPECT_EQ(body_of(server_.anonymous().get("/healthz"))["head"].dump(), before);
}

}  // namespace
}  // namespace leu::testing
