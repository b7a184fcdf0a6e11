// User administration (admin only; the admin cannot change material records).
#include "ledger/codec.hpp"
#include "server/json_body.hpp"
#include "server/server_state.hpp"

namespace leu::server {
namespace {

Result<std::vector<Role>> roles_of(Body& body) {
  LEU_GET(names, body.strings("roles"));
  std::vector<Role> roles;
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto role = parse_role(names[i]);
    if (!role) return invalid("roles[" + std::to_string(i) + "]", role.error().message);
    roles.push_back(*role);
  }
  return roles;
}

Result<Reply> user_reply(Call& c, const std::string& name, int status) {
  LEU_GET(user, c.journal.user(name));
  if (!user) return fail(ErrorCode::kNotFound, "name", "unknown user '" + name + "'");
  return Reply::json(encode(*user), status);
}

}  // namespace

void add_user_routes(ServerState& state) {
  Router& r = state.router;
  r.add({.method = "GET",
         .path = "/api/v1/users",
         .summary = "Every user with roles and status",
         .tag = "users",
         .op = Operation::kManageUsers,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(users, c.journal.users());
           nlohmann::json out = nlohmann::json::array();
           for (const UserRecord& u : users) out.push_back(encode(u));
           return Reply::json({{"items", out}});
         }});
  r.add({.method = "POST",
         .path = "/api/v1/users",
         .summary = "Add a user (a state_representative names its State)",
         .tag = "users",
         .op = Operation::kManageUsers,
         .writes = true,
         .request_schema = "NewUser",
         .success = 201,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(name, body.string("user"));
           LEU_GET(roles, roles_of(body));
           LEU_GET(state_code, body.optional_string("state"));
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_RETURN_IF_ERROR(add_user(c.journal, c.who, name, roles, state_code));
           return user_reply(c, name, 201);
         }});
  r.add({.method = "PUT",
         .path = "/api/v1/users/{name}/roles",
         .summary = "Replace a user's roles",
         .tag = "users",
         .op = Operation::kManageUsers,
         .writes = true,
         .request_schema = "Roles",
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(body, Body::parse(c.body));
           LEU_GET(roles, roles_of(body));
           LEU_RETURN_IF_ERROR(body.finish());
           LEU_RETURN_IF_ERROR(set_roles(c.journal, c.who, c.param("name"), roles));
           return user_reply(c, c.param("name"), 200);
         }});
  r.add({.method = "POST",
         .path = "/api/v1/users/{name}/disable",
         .summary = "Disable a user: sign-in, sessions and tokens stop working",
         .tag = "users",
         .op = Operation::kManageUsers,
         .writes = true,
         .handler = [&state](Call& c) -> Result<Reply> {
           LEU_RETURN_IF_ERROR(disable_user(c.journal, c.who, c.param("name")));
           state.sessions.erase_user(c.param("name"));
           return user_reply(c, c.param("name"), 200);
         }});
}

}  // namespace leu::server
