// The OpenAPI 3.0 document of the API, generated from the route table.
//
// Paths, methods, path and query parameters, request bodies, success statuses,
// the roles allowed (extension "x-roles", from the route's operation) and the
// problem responses all come from the same Route records the dispatcher serves,
// so the document cannot drift from the implementation; the request bodies'
// schemas are written out in openapi_schemas.cpp and enforced by the handlers
// (unknown members are refused: additionalProperties is false).
//
//   nlohmann::json doc = openapi_document(router);
#pragma once

#include <nlohmann/json.hpp>

#include "server/route.hpp"

namespace leu::server {

nlohmann::json openapi_document(const Router& router);
// components/schemas: every request body the routes name.
nlohmann::json request_schemas();

}  // namespace leu::server
