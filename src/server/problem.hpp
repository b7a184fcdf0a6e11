// RFC 7807 problem documents: how an Error becomes an HTTP answer.
//
// Statuses: 400 a request the server cannot read (malformed JSON, a wrong type,
// an unknown field, a bad query parameter), 401 no valid session or token, 403
// the principal may not do this (or a CSRF check failed), 404 no such route or
// record, 409 the state changed or forbids it (a conflict: the second of two
// writers), 413 a body over the limit, 415 not JSON, 422 well-formed input that
// breaks a rule, 429 too many failed logins, 500 the journal does not verify,
// 503 the database cannot be reached. The document names the field at fault in
// the extension member "field".
//
//   Problem p = problem_for(error);            // from a service Error
//   reply.body = p.to_json(); reply.status = p.status;
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/error.hpp"

namespace leu::server {

inline constexpr const char* kProblemJson = "application/problem+json";

struct Problem {
  int status = 500;
  std::string title;   // short, the same for every problem of its kind
  std::string detail;  // this occurrence, in words
  std::string field;   // the input at fault, "" when none

  nlohmann::json to_json() const;
};

// The reason phrase of a status code ("Unprocessable Content", ...).
std::string status_title(int status);
// A service error: kUsage 400, kInvalidInput 422, kNotFound 404, kForbidden 403,
// kConflict 409, kIntegrity 500, kStorage 503.
Problem problem_for(const Error& e);
// A request that could not be read (always 400).
Problem bad_request(const std::string& field, const std::string& detail);
Problem make_problem(int status, const std::string& field, const std::string& detail);

}  // namespace leu::server
