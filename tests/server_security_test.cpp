// Security review of `leubank serve`, each point tried against a real server process: session fixation, a token in
// the URL, header injection, an oversized and a slow request, and the timing of a failed sign-in (an unknown user
// must cost what a wrong password costs, or the answer time would tell which user names exist).
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "server_process.hpp"

namespace leu::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class Security : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.running()) << server_.log(); }
  ServerProcess server_{{"--read-timeout", "1"}};
};

TEST_F(Security, SignInIssuesAFreshSessionWhateverCookieWasPresented) {
  ApiClient c = server_.anonymous();
  const std::string planted = std::string(64, 'a');
  c.cookie = "leubank_session=" + planted;  // an attacker-chosen id
  const Response r = c.post("/api/v1/session", R"({"user":"olga","password":"leubank-demo-olga"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_THAT(r.header("Set-Cookie"), Not(HasSubstr(planted)));
  EXPECT_EQ(c.get("/api/v1/session").status, 401) << "the planted id must not have become a session";
}

TEST_F(Security, TokenInTheUrlIsNotAccepted) {
  const ApiClient olga = server_.sign_in("olga");
  const std::string token = json::parse(olga.post("/api/v1/tokens", R"({"label":"url"})").body)["token"];
  const ApiClient anon = server_.anonymous();
  EXPECT_EQ(anon.get("/api/v1/inventory?access_token=" + token).status, 401);
  EXPECT_EQ(anon.get("/api/v1/inventory?token=" + token).status, 401);
  EXPECT_THAT(server_.log(), Not(HasSubstr(token.substr(21)))) << "a token sent in a URL must not be logged either";
}

TEST_F(Security, CrLfInAPathOrQueryCannotInjectAHeader) {
  const ApiClient ingrid = server_.sign_in("ingrid");
  for (const std::string path : {"/api/v1/items/X%0D%0ASet-Cookie:%20evil=1",
                                 "/api/v1/reports/icr?mba=KZBK%0D%0ASet-Cookie:%20evil=1&year=2019&month=10",
                                 "/api/v1/items?q=%0D%0AX-Evil:%201"}) {
    const Response r = ingrid.get(path);
    EXPECT_NE(r.status, 0) << path;
    EXPECT_LT(r.status, 500) << path << ": " << r.body;
    for (const auto& [name, value] : r.headers) {
      EXPECT_THAT(name, Not(HasSubstr("Evil"))) << path;
      EXPECT_THAT(value, Not(HasSubstr("evil"))) << path;
    }
  }
}

TEST_F(Security, OversizedBodyIsRefusedBeforeItIsRead) {
  const ApiClient olga = server_.sign_in("olga");
  const Response r = olga.post("/api/v1/items/DEMO-KZ-01/moves", std::string(3 << 20, ' '));
  EXPECT_EQ(r.status, 413);
}

TEST(SecurityStatic, PathTraversalCannotReadOutsideTheWebDirectory) {
  TempDir dir;
  std::filesystem::create_directories(dir.path("web"));
  std::ofstream(dir.path("web/index.html")) << "<!doctype html><title>leubank</title>";
  std::ofstream(dir.path("secret.txt")) << "the-secret-content";
  std::filesystem::create_symlink(dir.path("secret.txt"), dir.path("web/link.txt"));
  ServerProcess server({"--web", dir.path("web")});
  ASSERT_TRUE(server.running()) << server.log();
  const ApiClient c = server.anonymous();
  const Response index = c.get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_THAT(index.header("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  for (const std::string path : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%5csecret.txt",
                                 "/link.txt", "/.hidden", "/web/../../secret.txt"}) {
    const Response r = c.get(path);
    EXPECT_TRUE(r.status == 403 || r.status == 404 || r.status == 400) << path << " answered " << r.status;
    EXPECT_THAT(r.body, Not(HasSubstr("the-secret-content"))) << path;
  }
}

// Opens a raw connection to the server.
int connect_to(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

TEST_F(Security, SlowRequestIsCutOffAfterTheReadTimeout) {
  const int fd = connect_to(server_.port());
  ASSERT_GE(fd, 0);
  const std::string partial = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";  // the blank line never comes
  ASSERT_EQ(send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  timeval wait{5, 0};  // a bound for the test only; the server's timeout is 1 s
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  // The server gives up after its read timeout: it closes the connection, or answers 4xx (and may then keep the
  // connection for a next request, as keep-alive allows). What it must not do is wait for the request's end.
  std::string answer;
  char buf[512];
  ssize_t n = 0;
  while (answer.find("\r\n") == std::string::npos && (n = recv(fd, buf, sizeof buf, 0)) > 0)
    answer.append(buf, static_cast<std::size_t>(n));
  const bool closed = n == 0;
  close(fd);
  EXPECT_TRUE(closed || !answer.empty()) << "no answer and no close within 5 s: the server kept waiting";
  if (!answer.empty()) {
    EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 4")) << answer;
  }
  EXPECT_EQ(server_.anonymous().get("/healthz").status, 200) << "and it still serves others";
}

// Median wall time of a failed sign-in.
double median_ms(const ApiClient& c, const std::string& body) {
  std::vector<double> ms;
  for (int i = 0; i < 4; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(c.post("/api/v1/session", body).status, 401);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return (ms[1] + ms[2]) / 2;
}

// Not a speed test: it compares two failure paths with each other. Without the dummy Argon2id check an unknown user
// answers in well under a millisecond while a wrong password costs the whole hash (tens of ms), a ratio of 100 or
// more; with it the two cost the same hash, and a factor of 3 either way leaves room for a busy machine.
TEST_F(Security, UnknownUserAndWrongPasswordTakeTheSameTime) {
  const ApiClient a = server_.anonymous();
  // Different users so that throttling (5 per user) never applies; the address limit is 5 too, so two servers.
  ServerProcess other{{}};
  ASSERT_TRUE(other.running());
  const double wrong = median_ms(a, R"({"user":"olga","password":"not-the-password"})");
  const double unknown = median_ms(other.anonymous(), R"({"user":"nobody-at-all","password":"not-the-password"})");
  std::cout << "[ timing   ] failed sign-in, median: wrong password " << wrong << " ms, unknown user " << unknown
            << " ms\n";
  EXPECT_LT(unknown, wrong * 3);
  EXPECT_GT(unknown, wrong / 3);
}

}  // namespace
}  // namespace leu::testing
