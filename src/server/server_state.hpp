// What the request pipeline and the route handlers share (private to server/).
#pragma once

#include <atomic>
#include <mutex>
#include <string>

#include "access/principal.hpp"
#include "server/head_cache.hpp"
#include "server/metrics.hpp"
#include "server/route.hpp"
#include "server/server.hpp"
#include "server/sessions.hpp"
#include "server/store_pool.hpp"
#include "server/throttle.hpp"

namespace leu::server {

inline constexpr const char* kSessionCookie = "leubank_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

struct Outgoing;

struct ServerState {
  ServerState(ServerOptions o, const Clock& c)
      : options(std::move(o)),
        clock(c),
        pool(options.db, clock),
        sessions(clock, options.session_idle, options.session_absolute),
        throttle(clock) {}

  ServerOptions options;
  const Clock& clock;
  StorePool pool;
  Sessions sessions;
  LoginThrottle throttle;
  Metrics metrics;
  Router router;
  std::mutex writer;                                   // one change of the books at a time within this process
  HeadCache<Principal> principals;                     // by "token:..." or "user:...": who a credential is, at a head
  HeadCache<std::shared_ptr<const Outgoing>> answers;  // cacheable routes' answers, by request
  std::atomic<std::uint64_t> next_request{1};
};

// A request as the pipeline sees it, independent of the HTTP library.
struct Incoming {
  std::string method;
  std::string path;
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string authorization;  // the Authorization header
  std::string cookie;         // the Cookie header
  std::string csrf;           // the X-CSRF-Token header
  std::string if_match;       // the If-Match header
  std::string remote_addr;
};

struct Outgoing {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The whole pipeline for one request (dispatch.cpp).
Outgoing dispatch(ServerState& state, const Incoming& in);

// Route groups (api_*.cpp).
void add_system_routes(ServerState& state);
void add_session_routes(ServerState& state);
void add_user_routes(ServerState& state);
void add_book_routes(ServerState& state);
void add_material_routes(ServerState& state);
void add_period_routes(ServerState& state);
void add_issued_report_routes(ServerState& state);
void add_supply_routes(ServerState& state);
void add_state_routes(ServerState& state);
void add_statistics_routes(ServerState& state);

}  // namespace leu::server
