// The request pipeline: route, authenticate, authorize, guard, handle, answer, log.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <variant>

#include "access/credentials.hpp"
#include "server/problem.hpp"
#include "server/server_state.hpp"
#include "server/static_files.hpp"

namespace leu::server {
namespace {

Outgoing problem_reply(const Problem& p) { return Outgoing{p.status, kProblemJson, p.to_json().dump(), {}}; }

std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == ';')) ++i;
    const std::size_t end = header.find(';', i);
    const std::string pair = header.substr(i, end == std::string::npos ? std::string::npos : end - i);
    const std::size_t eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    if (end == std::string::npos) break;
    i = end + 1;
  }
  return "";
}

struct Authenticated {
  Principal who;
  std::string session_id;  // "" for a bearer token
  std::string csrf;
};

// The principal of the request, or the problem to answer with (401). Who a token
// or a session's user is stays the same while the head does (head_cache.hpp).
std::variant<Authenticated, Problem> authenticate(ServerState& state, Journal& journal, std::int64_t head,
                                                  const Incoming& in) {
  if (in.authorization.rfind("Bearer ", 0) == 0) {
    const std::string token = in.authorization.substr(7);
    const std::string key = "token:" + token;
    if (auto cached = state.principals.find(key, head)) return Authenticated{std::move(*cached), "", ""};
    auto who = authenticate_token(journal, token);
    if (!who) return make_problem(401, "Authorization", who.error().message);
    state.principals.put(key, head, *who);
    return Authenticated{std::move(*who), "", ""};
  }
  if (!in.authorization.empty())
    return make_problem(401, "Authorization", "only 'Bearer <token>' is accepted; sign in for a session instead");
  const std::string id = cookie_value(in.cookie, kSessionCookie);
  if (id.empty()) return make_problem(401, "", "sign in first (POST /api/v1/session) or send a bearer token");
  auto session = state.sessions.find(id);
  if (!session) return make_problem(401, kSessionCookie, "the session has expired or ended; sign in again");
  const std::string key = "user:" + session->user;
  if (auto cached = state.principals.find(key, head))
    return Authenticated{std::move(*cached), session->id, session->csrf};
  auto who = resolve_principal(journal, session->user);
  if (!who) {
    state.sessions.erase(id);
    return make_problem(401, kSessionCookie, "the session's user is no longer active");
  }
  state.principals.put(key, head, *who);
  return Authenticated{std::move(*who), session->id, session->csrf};
}

// The key of a cacheable answer: the request line and the day ("today" defaults).
std::string answer_key(const Incoming& in, Date today) {
  std::string key = in.method + " " + in.path + "?";
  for (const auto& [k, v] : in.query) key += k + "=" + v + "&";
  return key + "@" + today.text();
}

Outgoing to_outgoing(Reply reply) {
  Outgoing out{reply.status, "", "", std::move(reply.headers)};
  if (!reply.text.empty() || !reply.content_type.empty()) {
    out.content_type = std::move(reply.content_type);
    out.body = std::move(reply.text);
  } else if (reply.status != 204) {
    out.content_type = "application/json";
    out.body = reply.body.dump();
  }
  return out;
}

void log_request(const ServerState& state, std::uint64_t id, const Incoming& in, const std::string& user, int status,
                 double seconds, std::size_t bytes) {
  if (!state.options.log_requests) return;
  nlohmann::json line = {{"time", utc_timestamp(state.clock.now())},
                         {"request", id},
                         {"method", in.method},
                         {"path", in.path},
                         {"status", status},
                         {"user", user},
                         {"remote", in.remote_addr},
                         {"ms", std::round(seconds * 1e6) / 1e3},
                         {"bytes", bytes}};
  spdlog::info("{}", line.dump());
}

}  // namespace

Outgoing dispatch(ServerState& state, const Incoming& in) {
  const auto started = std::chrono::steady_clock::now();
  const std::uint64_t request_id = state.next_request++;
  std::string user;
  std::string route_label = "(unmatched)";

  const auto answer = [&]() -> Outgoing {
    const Router::Match m = state.router.match(in.method, in.path);
    if (!m.route && !m.path_known && (in.method == "GET" || in.method == "HEAD") && in.path.rfind("/api/", 0) != 0) {
      route_label = "(web)";
      if (auto file = static_file(state.options.web_dir, in.path)) return *file;
    }
    if (!m.route) {
      if (m.path_known) return problem_reply(make_problem(405, "", in.method + " is not allowed on " + in.path));
      return problem_reply(make_problem(404, "", "no such resource: " + in.path));
    }
    const Route& route = *m.route;
    route_label = route.path;
    auto journal = state.pool.journal();
    if (!journal) return problem_reply(problem_for(journal.error()));
    Journal& books = **journal;

    // A read sees one consistent state of the books from its first query to its last.
    std::unique_ptr<ReadSnapshot> snapshot;
    if (!route.writes) {
      auto taken = books.store().read_snapshot();
      if (!taken) return problem_reply(problem_for(taken.error()));
      snapshot = std::move(*taken);
    }
    auto head = books.head();
    if (!head) return problem_reply(problem_for(head.error()));

    Authenticated auth;
    if (!route.is_public) {
      auto a = authenticate(state, books, head->seq, in);
      if (auto* p = std::get_if<Problem>(&a)) return problem_reply(*p);
      auth = std::move(std::get<Authenticated>(a));
      user = auth.who.name;
      if (route.op) {
        if (auto allowed = authorize(auth.who, *route.op); !allowed) return problem_reply(problem_for(allowed.error()));
      }
      // Cookies ride along on cross-site requests; a change needs the page's CSRF token too.
      if (!auth.session_id.empty() && in.method != "GET" && in.method != "HEAD" && in.csrf != auth.csrf)
        return problem_reply(make_problem(403, kCsrfHeader, "missing or wrong CSRF token for a session change"));
    }
    if (!route.request_schema.empty() && !in.body.empty()) {
      const bool csv = route.request_schema == "csv";
      const std::string want = csv ? "text/csv" : "application/json";
      if (in.content_type.rfind(want, 0) != 0)
        return problem_reply(make_problem(415, "Content-Type", "send the body as " + want));
    }

    const Date today = Date::of(state.clock.now());
    const std::string key = route.cacheable ? answer_key(in, today) : std::string();
    if (route.cacheable) {
      if (auto hit = state.answers.find(key, head->seq)) return **hit;
    }
    Call call{books,           auth.who, m.params,       in.query,        in.body,
              in.content_type, today,    in.remote_addr, auth.session_id, in.if_match};
    Result<Reply> reply = [&] {
      if (!route.writes) return route.handler(call);
      std::lock_guard lock(state.writer);
      return route.handler(call);
    }();
    snapshot.reset();
    if (!reply) return problem_reply(problem_for(reply.error()));
    if (reply->record) reply->body["recorded"] = books.store().append_access(*reply->record).has_value();
    if (route.sensitive && reply->status < 300) {
      auto logged = books.store().append_access(
          AccessRecord{0, utc_timestamp(state.clock.now()), auth.who.name, in.method + " " + route.path, in.path});
      if (!logged) return problem_reply(problem_for(logged.error()));  // no unlogged sensitive read
    }
    Outgoing out = to_outgoing(std::move(*reply));
    if (route.cacheable && out.status == 200) state.answers.put(key, head->seq, std::make_shared<const Outgoing>(out));
    return out;
  };

  Outgoing out = answer();
  out.headers.emplace_back("X-Request-Id", std::to_string(request_id));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  state.metrics.observe(in.method, route_label, out.status, seconds);
  log_request(state, request_id, in, user, out.status, seconds, out.body.size());
  return out;
}

}  // namespace leu::server
