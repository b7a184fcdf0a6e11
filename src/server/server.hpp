// leubank serve: the HTTP JSON API over one database.
//
// Server binds a loopback or given address (optionally TLS), answers on a fixed
// thread pool, and passes every request through one pipeline (dispatch.cpp):
// find the route (404/405), authenticate (session cookie or bearer token: 401),
// check the route's operation against the principal's roles (403), check CSRF
// for cookie-authenticated changes (403), take the writer lock for changes, call
// the handler, turn its Error into a problem document, log one JSON line, count
// it in the metrics. stop() finishes the requests in flight (a write in progress
// commits or rolls back whole) and returns from run().
//
//   Server server(options, clock);
//   LEU_GET(port, server.bind());   // options.port 0 picks a free one
//   std::thread t([&] { server.run(); });  ... server.stop(); t.join();
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "server/route.hpp"

namespace httplib {
class Server;
}

namespace leu::server {

struct ServerOptions {
  std::string db;  // a file or a postgresql:// URL
  std::string host = "127.0.0.1";
  int port = 8080;       // 0: any free port
  std::string tls_cert;  // PEM files; both or neither
  std::string tls_key;
  std::size_t max_body_bytes = 1 << 20;  // larger bodies get 413
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds write_timeout{10};
  std::chrono::seconds session_idle{30 * 60};        // OWASP Session Management: 15-30 min idle
  std::chrono::seconds session_absolute{12 * 3600};  // one working day
  // The HTTP library serves a kept-alive connection on one thread until it closes,
  // so this is also how many clients are served at once.
  int threads = 64;
  bool log_requests = true;  // one JSON line per request on stderr
  std::string web_dir;       // the web UI's files, served at "/" ("" = none)
};

struct ServerState;

class Server {
 public:
  Server(ServerOptions options, const Clock& clock);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Checks the database and the TLS files, binds the address; returns the port.
  Result<int> bind();
  // Serves until stop(). REQUIRES: bind() succeeded.
  void run();
  // Safe from any thread; in-flight requests finish first.
  void stop();
  const Router& router() const;

 private:
  std::unique_ptr<ServerState> state_;
  std::unique_ptr<httplib::Server> http_;
};

}  // namespace leu::server
