#include "server/problem.hpp"

namespace leu::server {

nlohmann::json Problem::to_json() const {
  nlohmann::json j = {{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
  if (!field.empty()) j["field"] = field;
  return j;
}

std::string status_title(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

Problem make_problem(int status, const std::string& field, const std::string& detail) {
  return Problem{status, status_title(status), detail, field};
}

Problem bad_request(const std::string& field, const std::string& detail) { return make_problem(400, field, detail); }

Problem problem_for(const Error& e) {
  int status = 500;
  switch (e.code) {
    case ErrorCode::kUsage: status = 400; break;
    case ErrorCode::kInvalidInput: status = 422; break;
    case ErrorCode::kNotFound: status = 404; break;
    case ErrorCode::kForbidden: status = 403; break;
    case ErrorCode::kConflict: status = 409; break;
    case ErrorCode::kIntegrity: status = 500; break;
    case ErrorCode::kStorage: status = 503; break;
  }
  return make_problem(status, e.field, e.message);
}

}  // namespace leu::server
