// Integration tests of `leubank serve`: a real server process on a free loopback port over a real SQLite file (a
// copy of the demo bank), driven over HTTP. The role x route matrix is read from the server's own OpenAPI document,
// so a route added later is covered without editing this file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "server_process.hpp"

namespace leu::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// The demo users, one per role (src/demo/demo_bank.cpp).
const std::map<std::string, std::string> kUserOfRole = {{"admin", "admin"},        {"operator", "olga"},
                                                        {"accountant", "aigerim"}, {"inspector", "ingrid"},
                                                        {"bank_officer", "bruno"}, {"director_general", "dg"},
                                                        {"auditor", "audrey"},     {"state_representative", "samir"}};

json body_of(const Response& r) { return json::parse(r.body, nullptr, false); }

class Server : public ::testing::Test {
 protected:
  void SetUp() override {
    if (demo_database().empty()) GTEST_FAIL() << "could not create the demo database with $LEUBANK_BIN demo";
    ASSERT_TRUE(server_.running()) << "the server did not start:\n" << server_.log();
  }
  std::string head() { return body_of(server_.anonymous().get("/healthz"))["head"].dump(); }

  // A problem document with this status, naming `field` (when not empty).
  void ExpectProblem(const Response& r, int status, const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json") << r.body;
    const json p = body_of(r);
    EXPECT_EQ(p.value("status", 0), status);
    if (!field.empty()) {
      EXPECT_EQ(p.value("field", ""), field) << r.body;
    }
  }

  ServerProcess server_;
};

// ---- The role x route matrix ----

struct Probe {
  std::string method, path, body, content_type;
  bool is_public = false;
  std::set<std::string> roles;  // empty with any_user: every signed-in user
  bool any_user = false;
};

std::vector<Probe> probes_from(const json& doc) {
  std::vector<Probe> out;
  static const std::regex kParam("\\{([a-z_]+)\\}");
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      Probe p;
      p.method = method;
      for (char& ch : p.method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      // Ids that exist nowhere: an allowed call answers 400/404/422, never a change.
      p.path = std::regex_replace(path, std::regex("\\{to\\}"), "2099-01-01");
      p.path = std::regex_replace(p.path, kParam, "nobody-x");
      if (op.contains("requestBody")) {
        const bool csv = op["requestBody"]["content"].contains("text/csv");
        p.content_type = csv ? "text/csv" : "application/json";
        p.body = csv ? "cylinder_id\n" : "{}";
      } else {
        p.content_type = "application/json";
      }
      p.is_public = op.contains("security") && op["security"].empty();
      if (op.contains("x-roles")) {
        if (op["x-roles"].is_string())
          p.any_user = true;
        else
          for (const auto& r : op["x-roles"]) p.roles.insert(r.get<std::string>());
      }
      out.push_back(p);
    }
  }
  return out;
}

TEST_F(Server, EveryRoleOnEveryRouteIsAllowedOrRefusedAsDeclared) {
  const json doc = body_of(server_.anonymous().get("/api/v1/openapi.json"));
  ASSERT_TRUE(doc.contains("paths"));
  const std::string before = head();
  std::map<std::string, ApiClient> clients;
  for (const auto& [role, user] : kUserOfRole) {
    clients.emplace(role, server_.sign_in(user));
    ASSERT_FALSE(clients.at(role).cookie.empty()) << "could not sign in as " << user;
  }
  int allowed = 0, refused = 0, unauthenticated = 0;
  for (const Probe& p : probes_from(doc)) {
    if (p.method == "DELETE" && p.path == "/api/v1/session") continue;  // signs out: checked below
    const std::string what = p.method + " " + p.path;
    if (!p.is_public) {
      const Response anon = server_.anonymous().send(p.method, p.path, p.body, p.content_type);
      EXPECT_EQ(anon.status, 401) << what << " without a session: " << anon.body;
      ++unauthenticated;
    }
    for (const auto& [role, client] : clients) {
      const Response r = client.send(p.method, p.path, p.body, p.content_type);
      ASSERT_NE(r.status, 0) << what << " as " << role << ": no answer";
      const bool may = p.is_public || p.any_user || p.roles.contains(role);
      if (may) {
        EXPECT_NE(r.status, 401) << what << " as " << role << ": " << r.body;
        EXPECT_NE(r.status, 403) << what << " as " << role << " is declared allowed: " << r.body;
        EXPECT_LT(r.status, 500) << what << " as " << role << ": " << r.body;
        ++allowed;
      } else {
        EXPECT_EQ(r.status, 403) << what << " as " << role << " is not declared allowed: " << r.body;
        ++refused;
      }
    }
  }
  std::cout << "[ matrix   ] " << allowed << " allowed, " << refused << " refused (403), " << unauthenticated
            << " refused without a session (401)\n";
  EXPECT_GT(refused, 0);
  EXPECT_EQ(head(), before) << "a probe changed the books";
  for (auto& [role, client] : clients) {
    EXPECT_EQ(client.del("/api/v1/session").status, 204) << role;
    EXPECT_EQ(client.get("/api/v1/session").status, 401) << role << " is still signed in after signing out";
  }
}

TEST_F(Server, OpenApiDocumentListsExactlyTheRoutesServed) {
  const json doc = body_of(server_.anonymous().get("/api/v1/openapi.json"));
  EXPECT_EQ(doc.value("openapi", ""), "3.0.3");
  int operations = 0;
  const ApiClient admin = server_.sign_in("admin");
  for (const Probe& p : probes_from(doc)) {
    ++operations;
    if (p.method == "DELETE" && p.path == "/api/v1/session") continue;
    const Response r = admin.send(p.method, p.path, p.body, p.content_type);
    const std::string detail = body_of(r).is_object() ? body_of(r).value("detail", "") : "";
    EXPECT_THAT(detail, Not(HasSubstr("no such resource"))) << p.method << " " << p.path;
    EXPECT_NE(r.status, 405) << p.method << " " << p.path;
  }
  EXPECT_GE(operations, 40);
  // And what is not in the document is not served.
  EXPECT_EQ(admin.get("/api/v1/no-such-thing").status, 404);
  ExpectProblem(admin.send("PATCH", "/api/v1/items", "{}", "application/json"), 405, "");
}

TEST_F(Server, EveryRouteIsDocumentedInDocsApi) {
  std::ifstream in(LEUBANK_SOURCE_DIR "/docs/api.md");
  std::stringstream text;
  text << in.rdbuf();
  ASSERT_FALSE(text.str().empty()) << "docs/api.md is missing";
  const json doc = body_of(server_.anonymous().get("/api/v1/openapi.json"));
  std::vector<std::string> missing;
  for (const auto& [path, methods] : doc["paths"].items())
    for (const auto& [method, op] : methods.items()) {
      std::string upper = method;
      for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      const std::string route = "`" + upper + " " + path + "`";
      if (text.str().find(route) == std::string::npos) missing.push_back(route);
    }
  EXPECT_THAT(missing, ::testing::IsEmpty()) << "routes served but not listed in docs/api.md";
}

// ---- Sessions, tokens, throttling, CSRF ----

TEST(ServerSessions, IdleSessionExpires) {
  ServerProcess server({"--session-idle", "1"});
  ASSERT_TRUE(server.running()) << server.log();
  const ApiClient olga = server.sign_in("olga");
  ASSERT_EQ(olga.get("/api/v1/session").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  EXPECT_EQ(olga.get("/api/v1/session").status, 401);
}

TEST(ServerSessions, SessionExpiresAfterItsAbsoluteLifetimeEvenWhenUsed) {
  ServerProcess server({"--session-idle", "60", "--session-absolute", "2"});
  ASSERT_TRUE(server.running()) << server.log();
  const ApiClient olga = server.sign_in("olga");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(olga.get("/api/v1/session").status, 200) << "use " << i;
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(olga.get("/api/v1/session").status, 401);
}

TEST_F(Server, SessionCookieIsHttpOnlyAndSameSiteStrict) {
  const Response r = server_.anonymous().post("/api/v1/session", R"({"user":"olga","password":"leubank-demo-olga"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string cookie = r.header("Set-Cookie");
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("SameSite=Strict"));
  EXPECT_THAT(cookie, Not(HasSubstr("Secure")));  // plain HTTP here; see the TLS test
  EXPECT_THAT(r.body, Not(HasSubstr("leubank-demo-olga")));
}

TEST_F(Server, WrongPasswordIs401AndTellsNothing) {
  const ApiClient anon = server_.anonymous();
  const Response wrong = anon.post("/api/v1/session", R"({"user":"olga","password":"not-her-password"})");
  const Response unknown = anon.post("/api/v1/session", R"({"user":"nobody","password":"not-her-password"})");
  ExpectProblem(wrong, 401, "password");
  EXPECT_EQ(body_of(wrong)["detail"], body_of(unknown)["detail"]);
}

TEST_F(Server, FiveFailedSignInsLockTheUserOut) {
  const ApiClient anon = server_.anonymous();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(anon.post("/api/v1/session", R"({"user":"olga","password":"guess-number-x"})").status, 401) << i;
  const Response locked = anon.post("/api/v1/session", R"({"user":"olga","password":"leubank-demo-olga"})");
  ExpectProblem(locked, 429, "user");
  EXPECT_FALSE(locked.header("Retry-After").empty());
  // Another user from the same address is locked too: the address has failed five times.
  EXPECT_EQ(anon.post("/api/v1/session", R"({"user":"aigerim","password":"leubank-demo-aigerim"})").status, 429);
  EXPECT_THAT(server_.anonymous().get("/metrics").body, HasSubstr("leubank_login_failures_total 7"));
}

TEST_F(Server, CookieSessionChangesNeedTheCsrfToken) {
  ApiClient olga = server_.sign_in("olga");
  const std::string token = olga.csrf;
  olga.csrf.clear();
  const std::string before = head();
  ExpectProblem(olga.post("/api/v1/items/DEMO-KZ-01/moves", R"({"to":"R09-01"})"), 403, "X-CSRF-Token");
  olga.csrf = token;
  olga.csrf[0] = token[0] == '0' ? '1' : '0';  // one hex digit off
  ExpectProblem(olga.post("/api/v1/items/DEMO-KZ-01/moves", R"({"to":"R09-01"})"), 403, "X-CSRF-Token");
  EXPECT_EQ(head(), before);
  olga.csrf = token;
  EXPECT_EQ(olga.post("/api/v1/items/DEMO-KZ-01/moves", R"({"to":"R09-01"})").status, 201);
  EXPECT_NE(head(), before);
}

TEST_F(Server, ApiTokenWorksWithoutCsrfUntilRevoked) {
  const ApiClient olga = server_.sign_in("olga");
  const Response issued = olga.post("/api/v1/tokens", R"({"label":"rack scanner"})");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string secret = body_of(issued)["token"];
  const std::string id = body_of(issued)["id"];
  ApiClient machine = server_.anonymous();
  machine.bearer = secret;
  EXPECT_EQ(machine.post("/api/v1/items/DEMO-KZ-02/moves", R"({"to":"R09-02"})").status, 201);
  const Response listed = olga.get("/api/v1/tokens");
  EXPECT_THAT(listed.body, HasSubstr(id));
  EXPECT_THAT(listed.body, Not(HasSubstr(secret.substr(21))));
  EXPECT_EQ(olga.del("/api/v1/tokens/" + id).status, 204);
  ExpectProblem(machine.get("/api/v1/inventory"), 401, "Authorization");
}

TEST_F(Server, NoPasswordOrTokenSecretReachesTheLog) {
  const ApiClient olga = server_.sign_in("olga");
  const Response issued = olga.post("/api/v1/tokens", R"({"label":"log check"})");
  const std::string secret = body_of(issued)["token"];
  ApiClient machine = server_.anonymous();
  machine.bearer = secret;
  EXPECT_EQ(machine.get("/api/v1/inventory").status, 200);
  EXPECT_EQ(olga.put("/api/v1/users/olga/password", R"({"password":"a-brand-new-password"})").status, 200);
  const std::string log = server_.log();
  EXPECT_THAT(log, HasSubstr("\"path\":\"/api/v1/session\""));  // the log is there at all
  EXPECT_THAT(log, Not(HasSubstr("leubank-demo-olga")));
  EXPECT_THAT(log, Not(HasSubstr("a-brand-new-password")));
  EXPECT_THAT(log, Not(HasSubstr(secret.substr(21))));
  EXPECT_THAT(log, Not(HasSubstr("argon2id")));
}

// ---- Bad input changes nothing ----

TEST_F(Server, BadBodiesGetAProblemNamingTheFieldAndChangeNothing) {
  const ApiClient olga = server_.sign_in("olga");
  const std::string move = "/api/v1/items/DEMO-KZ-01/moves";
  const std::string before = head();
  ExpectProblem(olga.post(move, R"({"to":)"), 400, "body");
  ExpectProblem(olga.post(move, R"(["R09-01"])"), 400, "body");
  ExpectProblem(olga.post(move, R"({"to":7})"), 400, "to");
  ExpectProblem(olga.post(move, R"({"to":"R09-01","colour":"red"})"), 400, "colour");
  ExpectProblem(olga.post(move, R"({})"), 400, "to");
  ExpectProblem(olga.post(move, R"({"to":"R09-01","date":"2019-02-30"})"), 422, "date");
  ExpectProblem(olga.post(move, "to=R09-01", "application/x-www-form-urlencoded"), 415, "Content-Type");
  ExpectProblem(olga.post("/api/v1/items/NO-SUCH/moves", R"({"to":"R09-01"})"), 404, "");
  const Response huge = olga.post(move, R"({"to":")" + std::string(2 << 20, 'x') + R"("})");
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(head(), before);
  const ApiClient accountant = server_.sign_in("aigerim");
  ExpectProblem(accountant.post("/api/v1/losses", R"({"item":"DEMO-KZ-01","uf6_kg":2.5,"reason":"leak"})"), 400,
                "uf6_kg");
  ExpectProblem(accountant.post("/api/v1/losses", R"({"item":"DEMO-KZ-01","uf6_kg":"-2.5","reason":"leak"})"), 422,
                "uf6_kg");
  EXPECT_EQ(head(), before);
}

TEST_F(Server, ACylinderReweighedAtAnInventoryTakingNamesItsMethodAndCalibrationPeriod) {
  const ApiClient olga = server_.sign_in("olga");
  const std::string before = head();
  const std::string item = R"({"item":"DEMO-KZ-01","seal_intact":true,"net_uf6_kg":"2200.000")";
  ExpectProblem(olga.post("/api/v1/inventories", R"({"mba":"KZBK","found":[)" + item + "}]}"), 422, "found[0].method");
  ExpectProblem(olga.post("/api/v1/inventories", R"({"mba":"KZBK","found":[)" + item + R"(,"method":"load cells"}]})"),
                422, "found[0].calibration");
  EXPECT_EQ(head(), before);
  const Response taken = olga.post("/api/v1/inventories", R"({"mba":"KZBK","found":[)" + item +
                                                              R"(,"method":"load cells","calibration":"LC-2026"}]})");
  ASSERT_EQ(taken.status, 201) << taken.body;
  const json found = body_of(olga.get("/api/v1/inventories"))["items"].back()["found"][0];
  EXPECT_EQ(found["net_uf6_mg"], 2'200'000'000);
  EXPECT_EQ(found["method"], "load cells");
  EXPECT_EQ(found["calibration"], "LC-2026");
}

TEST_F(Server, TheAccountantIssuesAndCorrectsReportsAndReadersSeeThem) {
  const ApiClient aigerim = server_.sign_in("aigerim");
  const Response issued = aigerim.post("/api/v1/issued-reports", R"({"type":"ICR","mba":"KZBK","month":"2019-10"})");
  ASSERT_EQ(issued.status, 201) << issued.body;
  EXPECT_EQ(body_of(issued)["header"]["report_number"], 1);
  EXPECT_EQ(body_of(issued)["lines"].size(), 32u);
  const std::string before = head();
  ExpectProblem(aigerim.post("/api/v1/issued-reports", R"({"type":"ICR","mba":"KZBK","month":"2019-10"})"), 409,
                "month");
  ExpectProblem(aigerim.post("/api/v1/issued-reports/corrections",
                             R"({"type":"ICR","mba":"KZBK","report":1,"line":3,"reason":"wrong",)"
                             R"("set":[{"field":"batch","value":"X-1"}]})"),
                422, "batch");
  ExpectProblem(
      server_.sign_in("olga").post("/api/v1/issued-reports", R"({"type":"ICR","mba":"KZBK","month":"2019-12"})"), 403,
      "");
  EXPECT_EQ(head(), before);
  const Response fixed = aigerim.post("/api/v1/issued-reports/corrections",
                                      R"({"type":"ICR","mba":"KZBK","report":1,"line":2,"reason":"basis",)"
                                      R"("set":[{"field":"measurement_basis","value":"N"}]})");
  ASSERT_EQ(fixed.status, 201) << fixed.body;
  const json lines = body_of(fixed)["lines"];
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["correction"], "D");
  EXPECT_EQ(lines[1]["correction"], "A");
  EXPECT_EQ(lines[1]["previous_line"], 2);
  const ApiClient audrey = server_.sign_in("audrey");
  const json list = body_of(audrey.get("/api/v1/issued-reports?mba=KZBK&type=icr"))["items"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["deleted"]["2"]["report"], 2);
  const Response text = server_.sign_in("ingrid").get("/api/v1/issued-reports/KZBK/ICR/2?format=labelled");
  EXPECT_EQ(text.status, 200);
  EXPECT_THAT(text.body, ::testing::HasSubstr(";CORRECTION=A;PREVIOUS_REPORT=1;PREVIOUS_LINE=2;"));
  EXPECT_EQ(audrey.get("/api/v1/issued-reports/KZBK/ICR/3").status, 404);
}

TEST_F(Server, AnIssuedReportIsAnsweredAsAnXlsxWorkbookAndAnUnknownFormatIsRefused) {
  const Response issued =
      server_.sign_in("aigerim").post("/api/v1/issued-reports", R"({"type":"ICR","mba":"KZBK","month":"2019-10"})");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const ApiClient audrey = server_.sign_in("audrey");
  const Response xlsx = audrey.get("/api/v1/issued-reports/KZBK/ICR/1?format=xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  // A ZIP container (APPNOTE.TXT 4.3.7: a local file header starts "PK\x03\x04"), as every XLSX workbook is.
  ASSERT_GT(xlsx.body.size(), 4u);
  EXPECT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4));
  // The workbook names its one sheet after the report (reports/export.hpp), inside the zip's directory listing.
  if (std::system("command -v unzip > /dev/null 2>&1") == 0) {
    const std::string path = server_.db() + ".icr-1.xlsx";
    std::ofstream(path, std::ios::binary) << xlsx.body;
    const std::string listing = path + ".workbook.xml";
    ASSERT_EQ(std::system(("unzip -p '" + path + "' xl/workbook.xml > '" + listing + "'").c_str()), 0);
    std::ifstream in(listing);
    std::stringstream workbook;
    workbook << in.rdbuf();
    EXPECT_THAT(workbook.str(), HasSubstr(R"(name="ICR 1")"));
  }
  ExpectProblem(audrey.get("/api/v1/issued-reports/KZBK/ICR/1?format=pdf"), 422, "format");
  ExpectProblem(audrey.get("/api/v1/reports/icr?mba=KZBK&year=2019&month=10&format=pdf"), 422, "format");
}

// ---- Concurrency ----

TEST_F(Server, SecondOfTwoWritersOnTheSameCylinderGets409) {
  const ApiClient a = server_.sign_in("olga");
  const ApiClient b = server_.sign_in("olga");
  const Response read = a.get("/api/v1/items/DEMO-KZ-03");
  const std::string etag = read.header("ETag");
  ASSERT_FALSE(etag.empty());
  std::atomic<int> created{0}, conflicts{0};
  std::vector<std::thread> clients;
  for (const ApiClient* c : {&a, &b})
    clients.emplace_back([&, c] {
      const std::string to = c == &a ? "R10-01" : "R10-02";
      const Response r = c->send("POST", "/api/v1/items/DEMO-KZ-03/moves", R"({"to":")" + to + R"("})",
                                 "application/json", {{"If-Match", etag}});
      if (r.status == 201) ++created;
      if (r.status == 409) ++conflicts;
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(created, 1);
  EXPECT_EQ(conflicts, 1);
}

TEST_F(Server, OneCylinderShippedByManyClientsAtOnceLeavesOnce) {
  std::vector<ApiClient> clients;
  for (int i = 0; i < 6; ++i) clients.push_back(server_.sign_in("olga"));
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> threads;
  for (const ApiClient& c : clients)
    threads.emplace_back([&] {
      const Response r = c.post("/api/v1/shipments", R"({"items":["DEMO-KZ-04"],"to":"XR"})");
      if (r.status == 201) ++created;
      if (r.status == 409 || r.status == 422) ++refused;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(created, 1);
  EXPECT_EQ(refused, 5);
  const json verified = body_of(server_.sign_in("ingrid").post("/api/v1/verify", ""));
  EXPECT_TRUE(verified.value("ok", false)) << verified.dump();
}

// ---- Access log, roles in the services ----

TEST_F(Server, SensitiveReadsAreInTheAccessLog) {
  const ApiClient ingrid = server_.sign_in("ingrid");
  ASSERT_EQ(ingrid.get("/api/v1/journal?limit=5").status, 200);
  const Response log = server_.sign_in("audrey").get("/api/v1/access-log");
  ASSERT_EQ(log.status, 200) << log.body;
  const json items = body_of(log)["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items.back()["actor"], "ingrid");
  EXPECT_EQ(items.back()["action"], "GET /api/v1/journal");
}

TEST_F(Server, AdminCannotChangeMaterialRecords) {
  const ApiClient admin = server_.sign_in("admin");
  ExpectProblem(admin.post("/api/v1/items/DEMO-KZ-01/moves", R"({"to":"R09-01"})"), 403, "as");
  EXPECT_EQ(admin.post("/api/v1/users", R"({"user":"zhanar","roles":["operator"]})").status, 201);
}

TEST_F(Server, ListsArePagedAndFiltered) {
  const ApiClient olga = server_.sign_in("olga");
  const json page = body_of(olga.get("/api/v1/items?limit=10&offset=5&q=KZ"));
  EXPECT_EQ(page["total"], 28);  // the 28 Kazatomprom cylinders of December 2019
  EXPECT_EQ(page["items"].size(), 10u);
  EXPECT_EQ(page["items"][0]["id"], "DEMO-KZ-06");
  ExpectProblem(olga.get("/api/v1/items?limit=0"), 400, "limit");
  ExpectProblem(olga.get("/api/v1/items?offset=x"), 400, "offset");
}

// ---- TLS ----

TEST(ServerTls, ServesHttpsWithASecureSessionCookie) {
  TempDir dir;
  const std::string cert = dir.path("cert.pem"), key = dir.path("key.pem");
  // A throwaway self-signed certificate from the openssl command line (Debian's openssl package).
  const std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " + key +
                           " -out " + cert + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(make.c_str()), 0) << "openssl could not make a test certificate";
  ServerProcess server({"--tls-cert", cert, "--tls-key", key});
  ASSERT_TRUE(server.running()) << server.log();
  EXPECT_THAT(server.output(), HasSubstr("https://127.0.0.1:"));
  httplib::SSLClient tls("127.0.0.1", server.port());
  tls.enable_server_certificate_verification(false);  // self-signed: the test checks the channel, not the PKI
  const auto r = tls.Post("/api/v1/session", R"({"user":"olga","password":"leubank-demo-olga"})", "application/json");
  ASSERT_TRUE(r) << "no TLS answer";
  EXPECT_EQ(r->status, 201);
  EXPECT_THAT(r->get_header_value("Set-Cookie"), HasSubstr("; Secure"));
  // Plain HTTP to the TLS port gets no HTTP answer.
  EXPECT_EQ(server.anonymous().get("/healthz").status, 0);
}

TEST(ServerTls, RefusesAKeyWithoutACertificate) {
  TempDir dir;
  ServerProcess server({"--tls-key", dir.path("missing.pem")});
  EXPECT_FALSE(server.running());
  EXPECT_THAT(server.log(), HasSubstr("tls-cert"));
}

TEST_F(Server, StatisticsCoverEveryClosedPeriodOfTheDemo) {
  const json periods = body_of(server_.sign_in("aigerim").get("/api/v1/periods?mba=KZBK"))["items"];
  const json stats = body_of(server_.sign_in("aigerim").get("/api/v1/statistics?mba=KZBK"));
  ASSERT_TRUE(stats.contains("periods")) << stats.dump();
  EXPECT_EQ(stats["periods"].size(), periods.size());
  EXPECT_EQ(stats["recorded_muf_kg"].size(), periods.size());
  // The demo's facility has no methods table of its own: the methods in force are the default table, named.
  EXPECT_EQ(stats["methods"]["name"], "ITV2010-placeholder");
  // The demo's takings found every cylinder at its book value: MUF is zero in every period, and so is each alarm.
  for (const auto& p : stats["periods"]) {
    EXPECT_EQ(p["muf_kg"].get<double>(), 0.0) << p.dump();
    EXPECT_FALSE(p["muf_alarm"].get<bool>());
  }
  EXPECT_EQ(server_.sign_in("aigerim").get("/api/v1/statistics?mba=NOPE").status, 404);
}

TEST_F(Server, TheMethodsInForceAreTheDefaultTableForTheDemo) {
  const json t = body_of(server_.sign_in("ingrid").get("/api/v1/methods"));
  EXPECT_EQ(t["name"], "ITV2010-placeholder") << t.dump();
  std::map<std::string, json> by_name;
  for (const auto& m : t["methods"]) by_name[m["name"].get<std::string>()] = m;
  // data/methods/itv2010-placeholder-v1.json (leu-bank.md §11 placeholders): load cells 0.05 % random and systematic.
  ASSERT_TRUE(by_name.contains("load cells"));
  EXPECT_EQ(by_name["load cells"]["random_rsd"].get<double>(), 0.0005);
  EXPECT_EQ(by_name["load cells"]["systematic_rsd"].get<double>(), 0.0005);
  // The inspector's own instruments, which the demo records, are in force too.
  EXPECT_TRUE(by_name.contains("LCBWS load cells (IAEA)"));
  EXPECT_TRUE(by_name.contains("NDA gamma HPGe (IAEA)"));
  EXPECT_EQ(server_.sign_in("samir").get("/api/v1/methods").status, 403);
}

// ---- Lifecycle ----

TEST_F(Server, SigtermDuringWritesLosesNoAcknowledgedWriteAndLeavesNothingHalfWritten) {
  std::vector<ApiClient> clients;
  for (int i = 0; i < 4; ++i) clients.push_back(server_.sign_in("olga"));
  std::atomic<std::int64_t> highest_acknowledged{0};
  std::atomic<int> acknowledged{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      for (int i = 0; i < 200; ++i) {
        const std::string id = "DEMO-OR-" + std::string(w < 9 ? "0" : "") + std::to_string(w + 1);
        const Response r = clients[static_cast<std::size_t>(w)].post(
            "/api/v1/items/" + id + "/moves", R"({"to":"S)" + std::to_string(w) + "-" + std::to_string(i) + R"("})");
        if (r.status != 201) return;  // the server is going away
        const std::int64_t seq = body_of(r)["head"]["seq"].get<std::int64_t>();
        std::int64_t seen = highest_acknowledged.load();
        while (seq > seen && !highest_acknowledged.compare_exchange_weak(seen, seq)) {
        }
        ++acknowledged;
      }
    });
  while (acknowledged < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(server_.terminate(), 0);
  for (auto& t : writers) t.join();
  std::cout << "[ sigterm  ] " << acknowledged << " writes acknowledged before the server stopped\n";
  // Every acknowledged write is in the journal, and the journal and its projections verify.
  const std::string out = server_.db() + ".verify";
  const std::string cmd = std::string(std::getenv("LEUBANK_BIN")) + " --db " + server_.db() + " verify >" + out;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "verify failed after SIGTERM";
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  std::smatch m;
  const std::string report = text.str();
  ASSERT_TRUE(std::regex_search(report, m, std::regex("head event ([0-9]+)"))) << report;
  EXPECT_GE(std::stoll(m[1].str()), highest_acknowledged.load());
}

TEST_F(Server, SigtermStopsCleanly) {
  EXPECT_EQ(server_.terminate(), 0);
  EXPECT_THAT(server_.output(), HasSubstr("stopped"));
}

}  // namespace
}  // namespace leu::testing
