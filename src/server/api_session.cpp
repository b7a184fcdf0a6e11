// Sign-in, sign-out, passwords and API tokens.
#include <fmt/format.h>

#include "access/credentials.hpp"
#include "server/api_util.hpp"
#include "server/json_body.hpp"
#include "server/problem.hpp"
#include "server/server_state.hpp"

namespace leu::server {
namespace {

nlohmann::json principal_json(const Principal& who) {
  nlohmann::json roles = nlohmann::json::array();
  for (Role r : who.roles) roles.push_back(std::string(role_name(r)));
  nlohmann::json j = {{"user", who.name}, {"roles", roles}};
  if (!who.state.empty()) j["state"] = who.state;
  return j;
}

std::string session_cookie(const ServerState& state, const std::string& value, long max_age) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kSessionCookie, value, max_age,
                     state.options.tls_cert.empty() ? "" : "; Secure");
}

Result<Reply> sign_in(ServerState& state, Call& c) {
  LEU_GET(body, Body::parse(c.body));
  LEU_GET(user, body.string("user"));
  LEU_GET(password, body.string("password"));
  LEU_RETURN_IF_ERROR(body.finish());
  const std::vector<std::string> keys = {"user:" + user, "addr:" + c.remote_addr};
  if (auto wait = state.throttle.locked(keys)) {
    state.metrics.login_failed();
    Reply r = problem_as_reply(
        make_problem(429, "user", fmt::format("too many failed sign-ins; try again in {} s", wait->count())));
    r.headers.emplace_back("Retry-After", std::to_string(wait->count()));
    return r;
  }
  auto who = login(c.journal, user, password);
  if (!who) {
    state.throttle.failed(keys);
    state.metrics.login_failed();
    // 401 whatever the reason (unknown user, wrong password, disabled), so that it tells nothing.
    return problem_as_reply(make_problem(401, "password", who.error().message));
  }
  state.throttle.succeeded("user:" + user);
  const Session s = state.sessions.create(who->name);
  nlohmann::json out = principal_json(*who);
  out["csrf_token"] = s.csrf;
  out["expires_in"] = state.options.session_absolute.count();
  out["idle_timeout"] = state.options.session_idle.count();
  Reply r = Reply::json(out, 201);
  r.headers.emplace_back("Set-Cookie", session_cookie(state, s.id, state.options.session_absolute.count()));
  return r;
}

}  // namespace

void add_session_routes(ServerState& state) {
  Router& r = state.router;
  r.add({.method = "POST",
         .path = "/api/v1/session",
         .summary = "Sign in: a session cookie (HttpOnly, SameSite=Strict) and the CSRF token for changes",
         .tag = "session",
         .is_public = true,
         .request_schema = "SignIn",
         .success = 201,
         .handler = [&state](Call& c) { return sign_in(state, c); }});
  r.add({.method = "GET",
         .path = "/api/v1/session",
         .summary = "Who is signed in, with the session's CSRF token",
         .tag = "session",
         .handler = [&state](Call& c) -> Result<Reply> {
           nlohmann::json out = principal_json(c.who);
           if (auto s = state.sessions.find(c.session_id)) out["csrf_token"] = s->csrf;
           return Reply::json(out);
         }});
  r.add({.method = "DELETE",
         .path = "/api/v1/session",
         .summary = "Sign out: the session ends at once",
         .tag = "session",
         .success = 204,
         .handler = [&state](Call& c) -> Result<Reply> {
           state.sessions.erase(c.session_id);
           Reply out = Reply::no_content();
           out.headers.emplace_back("Set-Cookie", session_cookie(state, "", 0));
           return out;
         }});
  r.add({.method = "PUT",
         .path = "/api/v1/users/{name}/password",
         .summary = "Set a password (one's own; an admin may set anyone's). Ends that user's other sessions",
         .tag = "session",
         .writes = true,
         .request_schema = "Password",
         .success = 204,
         .handler = [&state](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(password, body.string("password"));
           LEU_RETURN_IF_ERROR(body.finish());
           const std::string& name = c.param("name");
           LEU_RETURN_IF_ERROR(set_password(c.journal, c.who, name, password));
           state.sessions.erase_user(name);
           if (name == c.who.name && !c.session_id.empty()) {
             // Keep the caller signed in: a fresh session replaces the ended one.
             const Session s = state.sessions.create(name);
             Reply out = Reply::json({{"csrf_token", s.csrf}}, 200);
             out.headers.emplace_back("Set-Cookie",
                                      session_cookie(state, s.id, state.options.session_absolute.count()));
             return out;
           }
           return Reply::no_content();
         }});
  r.add({.method = "GET",
         .path = "/api/v1/tokens",
         .summary = "API tokens: one's own (an admin sees all); never the secret",
         .tag = "session",
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(tokens, list_tokens(c.journal, c.who));
           nlohmann::json out = nlohmann::json::array();
           for (const TokenInfo& t : tokens)
             out.push_back(
                 {{"id", t.id}, {"user", t.user}, {"label", t.label}, {"issued", t.issued}, {"revoked", t.revoked}});
           return Reply::json({{"items", out}});
         }});
  r.add({.method = "POST",
         .path = "/api/v1/tokens",
         .summary = "Issue an API token for oneself; the secret is in this answer only",
         .tag = "session",
         .writes = true,
         .request_schema = "TokenRequest",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(label, body.string("label"));
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_GET(issued, issue_token(c.journal, c.who, label));
           return Reply::json({{"id", issued.id}, {"token", issued.secret}, {"label", label}}, 201);
         }});
  r.add({.method = "DELETE",
         .path = "/api/v1/tokens/{id}",
         .summary = "Revoke an API token (one's own; an admin may revoke any)",
         .tag = "session",
         .writes = true,
         .success = 204,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_RETURN_IF_ERROR(revoke_token(c.journal, c.who, c.param("id")));
           return Reply::no_content();
         }});
}

}  // namespace leu::server
