// Building blocks of the request schemas (openapi_schemas.cpp, openapi_supply_schemas.cpp).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace leu::server {
namespace schema {

inline nlohmann::json str(const std::string& description) { return {{"type", "string"}, {"description", description}}; }
inline nlohmann::json boolean(const std::string& description) {
  return {{"type", "boolean"}, {"description", description}};
}
inline nlohmann::json integer(const std::string& description) {
  return {{"type", "integer"}, {"description", description}};
}
inline nlohmann::json date(const std::string& description) {
  return {{"type", "string"}, {"format", "date"}, {"description", description}};
}
inline nlohmann::json kg(const std::string& description) {
  return {{"type", "string"}, {"pattern", "^[0-9]+(\\.[0-9]{1,6})?$"}, {"description", description + " [kg]"}};
}
inline nlohmann::json percent(const std::string& description) {
  return {{"type", "string"}, {"pattern", "^[0-9]+(\\.[0-9]{1,7})?$"}, {"description", description + " [wt %]"}};
}
inline nlohmann::json object(nlohmann::json properties, std::vector<std::string> required) {
  return {{"type", "object"},
          {"properties", std::move(properties)},
          {"required", required},
          {"additionalProperties", false}};
}
inline nlohmann::json array_of(nlohmann::json items, const std::string& description) {
  return {{"type", "array"}, {"items", std::move(items)}, {"description", description}};
}
inline nlohmann::json strings(const std::string& description) { return array_of({{"type", "string"}}, description); }
inline nlohmann::json evidence() {
  return object({{"ref", str("document reference")}, {"sha256", str("SHA-256 of the document, 64 hex digits")}},
                {"ref", "sha256"});
}

}  // namespace schema

// Adds the supply of last resort's request bodies to `s`.
void add_supply_schemas(nlohmann::json& s);

}  // namespace leu::server
