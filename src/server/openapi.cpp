#include "server/openapi.hpp"

namespace leu::server {
namespace {

nlohmann::json problem_response(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

}  // namespace

nlohmann::json openapi_document(const Router& router) {
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& r : router.routes()) {
    nlohmann::json op = {{"summary", r.summary}, {"tags", {r.tag}}, {"operationId", r.method + " " + r.path}};
    nlohmann::json params = nlohmann::json::array();
    for (const std::string& seg : path_segments(r.path))
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "string"}}}});
    for (const QueryParam& q : r.query)
      params.push_back(
          {{"name", q.name}, {"in", "query"}, {"description", q.description}, {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = params;
    if (r.request_schema == "csv") {
      op["requestBody"] = {{"required", true}, {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}};
    } else if (!r.request_schema.empty()) {
      op["requestBody"] = {
          {"required", true},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + r.request_schema}}}}}}}};
    }
    nlohmann::json responses = {{std::to_string(r.success), {{"description", "success"}}}};
    responses["400"] = problem_response("the request cannot be read (malformed JSON, wrong type, unknown member)");
    if (!r.is_public) {
      responses["401"] = problem_response("no valid session or token");
      responses["403"] = problem_response("the principal's roles do not allow it, or the CSRF token is wrong");
    }
    responses["404"] = problem_response("no such record");
    if (r.writes) {
      responses["409"] = problem_response("the state forbids it or changed meanwhile; nothing was changed");
      responses["422"] = problem_response("the input breaks a rule; nothing was changed");
    }
    op["responses"] = responses;
    if (r.is_public) {
      op["security"] = nlohmann::json::array();
    } else {
      nlohmann::json roles = nlohmann::json::array();
      if (r.op)
        for (Role role : roles_allowed(*r.op)) roles.push_back(std::string(role_name(role)));
      op["x-roles"] = r.op ? roles : nlohmann::json("any signed-in user");
    }
    if (r.sensitive) op["x-access-logged"] = true;
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[r.path][method] = op;
  }
  nlohmann::json schemas = request_schemas();
  schemas["Problem"] = {{"type", "object"},
                        {"description", "RFC 7807 problem details; 'field' names the input at fault"},
                        {"properties",
                         {{"type", {{"type", "string"}}},
                          {"title", {{"type", "string"}}},
                          {"status", {{"type", "integer"}}},
                          {"detail", {{"type", "string"}}},
                          {"field", {{"type", "string"}}}}}};
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "leubank API"},
            {"version", "1"},
            {"description",
             "The IAEA LEU Bank's nuclear material accountancy and supply of last resort. Quantities are integer "
             "milligrams (_mg) and parts per 10^9 (_ppb); inputs take decimal strings of kg or per cent."}}},
          {"servers", {{{"url", "/"}}}},
          {"paths", paths},
          {"components",
           {{"schemas", schemas},
            {"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "leubank_session"}}},
              {"token", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
          {"security", {{{"session", nlohmann::json::array()}}, {{"token", nlohmann::json::array()}}}}};
}

}  // namespace leu::server
