// POST /api/v1/verify is a read: it verifies inside the request's read snapshot without the server's writer lock,
// so it never holds up a change of the books, and the dispatcher still records its outcome in the access log once
// the snapshot has ended (GET /api/v1/journal/last-verification returns it). On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "domain/date.hpp"
#include "server/server_state.hpp"
#include "testing/bank_fixture.hpp"

namespace leu::server {
namespace {

using testing::Backend;

class VerifyRoute : public testing::BankFixture {
 protected:
  VerifyRoute() : BankFixture(Date::from_ymd(2026, 11, 28), testing::Books::kOpened) {}

  void SetUp() override {
    BankFixture::SetUp();
    if (!ready()) return;
    opened_head_ = journal_->head().value().seq;
    state_ = std::make_unique<ServerState>(ServerOptions{.db = db_.location(), .log_requests = false}, clock_);
    add_book_routes(*state_);
    session_ = state_->sessions.create("admin");
  }

  Incoming request(const std::string& method, const std::string& path) const {
    Incoming in;
    in.method = method;
    in.path = path;
    in.cookie = std::string(kSessionCookie) + "=" + session_.id;
    in.csrf = session_.csrf;
    return in;
  }

  std::int64_t opened_head_ = 0;
  std::unique_ptr<ServerState> state_;
  Session session_;
};

TEST_P(VerifyRoute, IsRegisteredAsARead) {
  const Router::Match m = state_->router.match("POST", "/api/v1/verify");
  ASSERT_NE(m.route, nullptr);
  EXPECT_FALSE(m.route->writes);
}

TEST_P(VerifyRoute, CompletesWhileAWriterHoldsTheLockAndIsRecordedAfterwards) {
  Outgoing verified;
  {
    // A change of the books in progress: the writer lock is held until the verification has answered. Were verify
    // serialised with the writers, the thread would wait for this lock and join() would never return.
    std::lock_guard writer(state_->writer);
    std::thread verifier([&] { verified = dispatch(*state_, request("POST", "/api/v1/verify")); });
    verifier.join();
  }
  ASSERT_EQ(verified.status, 200) << verified.body;
  const nlohmann::json out = nlohmann::json::parse(verified.body);
  EXPECT_EQ(out["ok"], true);
  EXPECT_EQ(out["recorded"], true);
  EXPECT_EQ(out["head"]["seq"], opened_head_);

  const Outgoing last = dispatch(*state_, request("GET", "/api/v1/journal/last-verification"));
  ASSERT_EQ(last.status, 200) << last.body;
  const nlohmann::json v = nlohmann::json::parse(last.body)["verification"];
  EXPECT_EQ(v["actor"], "admin");
  EXPECT_EQ(v["via"], "api");
  EXPECT_EQ(v["ok"], true);
  EXPECT_EQ(v["head"]["seq"], opened_head_);
  EXPECT_EQ(v["head"]["hash"], out["head"]["hash"]);
  EXPECT_EQ(v["time"], "2026-11-28T12:00:00.000000Z");  // the server's clock: noon of the fixed day
}

INSTANTIATE_TEST_SUITE_P(Backends, VerifyRoute, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu::server
