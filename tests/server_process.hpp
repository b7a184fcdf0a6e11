// Test support: a real `leubank serve` process on a free loopback port, over a
// copy of a demo database, and HTTP clients signed in as the demo users.
//
//   ServerProcess server({"--session-idle", "1"});     // starts it, waits until it listens
//   auto olga = server.sign_in("olga");                  // a client with olga's session cookie
//   auto r = olga.post("/api/v1/items/DEMO-KZ-01/moves", R"({"to":"R09-01"})");
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include "testing/temp_dir.hpp"

namespace leu::testing {

// The demo database, made once per test binary with `leubank demo`; each server gets a copy.
const std::string& demo_database();

struct Response {
  int status = 0;  // 0: no answer at all
  std::string body;
  httplib::Headers headers;
  std::string header(const std::string& name) const;
};

// A client with an optional session cookie and CSRF token, or a bearer token.
class ApiClient {
 public:
  ApiClient(std::string host, int port) : host_(std::move(host)), port_(port) {}
  Response get(const std::string& path) const;
  Response post(const std::string& path, const std::string& body,
                const std::string& content_type = "application/json") const;
  Response put(const std::string& path, const std::string& body) const;
  Response del(const std::string& path) const;
  Response send(const std::string& method, const std::string& path, const std::string& body,
                const std::string& content_type, const httplib::Headers& extra = {}) const;

  std::string cookie;  // "leubank_session=..."
  std::string csrf;
  std::string bearer;

 private:
  httplib::Headers headers() const;
  std::string host_;
  int port_;
};

class ServerProcess {
 public:
  // `db`: serve that database (e.g. one a killed server left) instead of a fresh demo copy.
  explicit ServerProcess(std::vector<std::string> extra_args = {}, std::string db = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool running() const { return port_ > 0; }
  int port() const { return port_; }
  ApiClient anonymous() const { return ApiClient("127.0.0.1", port_); }
  // Signs in with the demo password; the client carries the cookie and CSRF token.
  ApiClient sign_in(const std::string& user) const;
  // SIGTERM, then the exit status (-1 when it did not exit by itself).
  int terminate();
  // SIGKILL, as a crash or a power cut would end it (tests/crash_server_test.cpp).
  void kill_now();
  std::string log() const;     // what the server wrote on stderr
  std::string output() const;  // and on stdout
  const std::string& db() const { return db_; }

 private:
  TempDir dir_;
  std::string db_;
  int pid_ = -1;
  int port_ = 0;
};

}  // namespace leu::testing
