// Integration tests of the routes the web UI's Statistics page and dashboard added (issue #7): the
// detection-probability planner over HTTP agrees with `leubank simulate --bank --amount` for the same seed, refuses
// a bad body naming the member; and every verification, through the API or the CLI, is recorded and is the
// dashboard's "last verification". Real `leubank serve` processes over copies of the demo database.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "server_process.hpp"

namespace leu::testing {
namespace {

using nlohmann::json;

json body_of(const Response& r) { return json::parse(r.body, nullptr, false); }

// Runs the leubank binary with `args`; its standard output.
std::string leubank(const std::string& args) {
  const char* bin = std::getenv("LEUBANK_BIN");
  if (!bin) return "";
  std::string out;
  FILE* p = popen((std::string(bin) + " " + args + " 2>/dev/null").c_str(), "r");
  if (!p) return "";
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  return out;
}

class ServerUi : public ::testing::Test {
 protected:
  void SetUp() override {
    if (demo_database().empty()) GTEST_FAIL() << "could not create the demo database with $LEUBANK_BIN demo";
    ASSERT_TRUE(server_.running()) << "the server did not start:\n" << server_.log();
  }
  ServerProcess server_;
};

constexpr const char* kPlan =
    R"({"scenario":"abrupt","amount_kg":"40","periods":12,"iterations":2000,"seed":7,"false_alarm_percent":"5"})";

TEST_F(ServerUi, PlannerAgreesWithTheCliForTheSameSeed) {
  const Response r = server_.sign_in("aigerim").post("/api/v1/statistics/plan", kPlan);
  ASSERT_EQ(r.status, 200) << r.body;
  const json api = body_of(r);
  const json cli = json::parse(leubank("simulate --bank --amount 40 --diversion abrupt --periods 12 --iterations 2000 "
                                       "--seed 7 --false-alarm 0.05 --format json --no-progress"),
                               nullptr, false);
  ASSERT_TRUE(cli.is_object()) << "leubank simulate gave no JSON";
  // The same code on the same seed: every figure equal, no tolerance.
  EXPECT_EQ(api["report"], cli["report"]);
  EXPECT_EQ(api["sigma_muf"], cli["sigma_muf"]);
  EXPECT_EQ(api["bank"], cli["bank"]);
  const json& tests = api["report"]["tests"];
  ASSERT_EQ(tests.size(), 4u);
  const double evaluated = api["report"]["evaluated"].get<double>();
  EXPECT_EQ(evaluated, 1000.0);  // the odd-numbered half of 2,000 iterations measures
  for (const auto& t : tests) {
    // Calibrated to 5 % on the even half: on the odd half within 4 binomial standard errors (√(.05·.95/1000)).
    EXPECT_NEAR(t["false_alarm"].get<double>(), 0.05, 4 * std::sqrt(0.05 * 0.95 / evaluated)) << t.dump();
    const double p = t["detection"].get<double>();
    EXPECT_NEAR(t["detection_se"].get<double>(), std::sqrt(p * (1 - p) / evaluated), 1e-12) << t.dump();
    EXPECT_EQ(t["detection_by_period"].size(), 12u);
  }
  // The amount each test detects with probability 0.95, checked by asking the CLI for that amount.
  ASSERT_EQ(api["amount_for_target"].size(), 4u);
  EXPECT_EQ(api["target_detection"], 0.95);
  for (const auto& a : api["amount_for_target"]) {
    const double kg = a["amount"].get<double>();
    EXPECT_NEAR(a["significant_quantities"].get<double>(), kg / 75.0, 1e-12);  // 1 SQ of LEU = 75 kg U-235
    const json at = json::parse(leubank("simulate --bank --amount " + std::to_string(kg) +
                                        " --diversion abrupt --periods 12 --iterations 2000 --seed 7 "
                                        "--false-alarm 0.05 --format json --no-progress"),
                                nullptr, false);
    ASSERT_TRUE(at.is_object());
    for (const auto& t : at["report"]["tests"])
      if (t["test"] == a["test"]) {
        // Bisection to within its bracket: the detection probability at the amount is 0.95 within 0.01.
        EXPECT_NEAR(t["detection"].get<double>(), 0.95, 0.01) << a.dump();
      }
  }
}

TEST_F(ServerUi, PlannerRefusesABadBodyNamingTheMember) {
  const ApiClient aigerim = server_.sign_in("aigerim");
  const auto field_of = [&](const std::string& body) {
    const Response r = aigerim.post("/api/v1/statistics/plan", body);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
    return body_of(r).value("field", "");
  };
  EXPECT_EQ(field_of(R"({"scenario":"sideways","amount_kg":"40","periods":12,"iterations":2000,"seed":7,)"
                     R"("false_alarm_percent":"5"})"),
            "scenario");
  EXPECT_EQ(field_of(R"({"scenario":"abrupt","amount_kg":"40","periods":12,"iterations":20001,"seed":7,)"
                     R"("false_alarm_percent":"5"})"),
            "iterations");
  EXPECT_EQ(field_of(R"({"scenario":"abrupt","amount_kg":"40","periods":0,"iterations":2000,"seed":7,)"
                     R"("false_alarm_percent":"5"})"),
            "periods");
  EXPECT_EQ(field_of(R"({"scenario":"abrupt","amount_kg":"0","periods":12,"iterations":2000,"seed":7,)"
                     R"("false_alarm_percent":"5"})"),
            "amount_kg");
  EXPECT_EQ(field_of(R"({"scenario":"abrupt","amount_kg":"40","periods":12,"iterations":2000,"seed":7,)"
                     R"("false_alarm_percent":"50"})"),
            "false_alarm_percent");
  EXPECT_EQ(field_of(R"({"scenario":"abrupt","amount_kg":"40","periods":12,"iterations":2000,"seed":7,)"
                     R"("false_alarm_percent":"5","threads":64})"),
            "threads");
  // A State representative may not run it.
  EXPECT_EQ(server_.sign_in("samir").post("/api/v1/statistics/plan", kPlan).status, 403);
}

TEST_F(ServerUi, EveryVerificationIsRecordedAndTheLastOneIsShown) {
  const ApiClient audrey = server_.sign_in("audrey");
  EXPECT_EQ(body_of(audrey.get("/api/v1/journal/last-verification"))["verification"], nullptr);
  const json head = body_of(audrey.get("/api/v1/journal/head"));
  const Response verified = audrey.post("/api/v1/verify", "{}");
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(body_of(verified)["recorded"], true);
  json last = body_of(audrey.get("/api/v1/journal/last-verification"))["verification"];
  EXPECT_EQ(last["actor"], "audrey");
  EXPECT_EQ(last["via"], "api");
  EXPECT_EQ(last["ok"], true);
  EXPECT_EQ(last["head"]["seq"], head["seq"]);
  EXPECT_EQ(last["head"]["hash"], head["hash"]);
  EXPECT_EQ(last["divergence_seq"], 0);
  // RFC 3339 UTC with microseconds, as every access-log entry.
  EXPECT_TRUE(
      std::regex_match(last["time"].get<std::string>(), std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)")))
      << last.dump();
  // The CLI's verify of the same database is recorded too, and is now the last.
  EXPECT_NE(leubank("--db " + server_.db() + " --as ingrid verify"), "");
  last = body_of(server_.sign_in("olga").get("/api/v1/journal/last-verification"))["verification"];
  EXPECT_EQ(last["actor"], "ingrid");
  EXPECT_EQ(last["via"], "cli");
  EXPECT_EQ(last["head"]["seq"], head["seq"]);
  // And it is in the append-only access log for the auditor.
  const json log = body_of(audrey.get("/api/v1/access-log?limit=1000"))["items"];
  int verifications = 0;
  for (const auto& e : log) verifications += e["action"] == "verify";
  EXPECT_EQ(verifications, 2);
}

}  // namespace
}  // namespace leu::testing
