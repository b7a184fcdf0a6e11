#include "server/json_body.hpp"

namespace leu::server {
namespace {

std::unexpected<Error> unreadable(const std::string& field, const std::string& why) {
  return fail(ErrorCode::kUsage, field, why);
}

const char* type_name(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  return "an object";
}

}  // namespace

Result<Body> Body::parse(const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Body(nlohmann::json::object());
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return unreadable("body", "is not well-formed JSON");
  if (!j.is_object()) return unreadable("body", std::string("must be a JSON object, not ") + type_name(j));
  return Body(std::move(j));
}

const nlohmann::json* Body::member(const char* name) {
  known_.insert(name);
  auto it = j_.find(name);
  return it == j_.end() || it->is_null() ? nullptr : &*it;
}

Result<std::string> Body::string(const char* name) {
  const auto* v = member(name);
  if (!v) return unreadable(path(name), "is required");
  if (!v->is_string()) return unreadable(path(name), std::string("must be a string, not ") + type_name(*v));
  return v->get<std::string>();
}

Result<std::string> Body::optional_string(const char* name, const std::string& fallback) {
  if (!member(name)) return fallback;
  return string(name);
}

Result<bool> Body::optional_bool(const char* name, bool fallback) {
  LEU_GET(v, nullable_bool(name));
  return v.value_or(fallback);
}

Result<std::optional<bool>> Body::nullable_bool(const char* name) {
  const auto* v = member(name);
  if (!v) return std::optional<bool>();
  if (!v->is_boolean()) return unreadable(path(name), std::string("must be true or false, not ") + type_name(*v));
  return std::optional<bool>(v->get<bool>());
}

Result<std::vector<std::string>> Body::strings(const char* name) {
  const auto* v = member(name);
  if (!v) return unreadable(path(name), "is required");
  if (!v->is_array()) return unreadable(path(name), std::string("must be an array of strings, not ") + type_name(*v));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) return unreadable(path(name) + "[" + std::to_string(i) + "]", "must be a string");
    out.push_back((*v)[i].get<std::string>());
  }
  return out;
}

Result<std::vector<std::string>> Body::optional_strings(const char* name) {
  if (!member(name)) return std::vector<std::string>();
  return strings(name);
}

Result<std::int64_t> Body::integer(const char* name) {
  const auto* v = member(name);
  if (!v) return unreadable(path(name), "is required");
  if (!v->is_number_integer()) return unreadable(path(name), std::string("must be an integer, not ") + type_name(*v));
  return v->get<std::int64_t>();
}

Result<bool> Body::boolean(const char* name) {
  LEU_GET(v, nullable_bool(name));
  if (!v) return unreadable(path(name), "is required");
  return *v;
}

Result<Body> Body::object(const char* name) {
  const auto* v = member(name);
  if (!v) return unreadable(path(name), "is required");
  if (!v->is_object()) return unreadable(path(name), std::string("must be an object, not ") + type_name(*v));
  return Body(*v, path(name) + ".");
}

Result<Mass> Body::kilograms(const char* name) {
  const auto* v = member(name);
  if (!v) return unreadable(path(name), "is required");
  if (v->is_number_integer()) return Mass::parse_kg(std::to_string(v->get<std::int64_t>()), path(name));
  if (!v->is_string())
    return unreadable(path(name),
                      std::string("must be a decimal string of kilograms such as \"229.100\", not ") + type_name(*v));
  return Mass::parse_kg(v->get<std::string>(), path(name));
}

Result<std::optional<Mass>> Body::optional_kilograms(const char* name) {
  if (!member(name)) return std::optional<Mass>();
  LEU_GET(m, kilograms(name));
  return std::optional<Mass>(m);
}

Result<Fraction> Body::percent(const char* name) {
  const auto* v = member(name);
  if (!v) return unreadable(path(name), "is required");
  if (!v->is_string())
    return unreadable(path(name),
                      std::string("must be a decimal string of per cent such as \"4.950\", not ") + type_name(*v));
  return Fraction::parse_percent(v->get<std::string>(), path(name));
}

Result<Date> Body::date(const char* name) {
  LEU_GET(text, string(name));
  return Date::parse(text, path(name));
}

Result<Date> Body::optional_date(const char* name, Date fallback) {
  if (!member(name)) return fallback;
  return date(name);
}

Result<std::vector<Body>> Body::objects(const char* name, bool required) {
  const auto* v = member(name);
  std::vector<Body> out;
  if (!v) {
    if (required) return unreadable(path(name), "is required");
    return out;
  }
  if (!v->is_array()) return unreadable(path(name), std::string("must be an array of objects, not ") + type_name(*v));
  for (std::size_t i = 0; i < v->size(); ++i) {
    const std::string at = path(name) + "[" + std::to_string(i) + "]";
    if (!(*v)[i].is_object()) return unreadable(at, "must be an object");
    out.emplace_back((*v)[i], at + ".");
  }
  return out;
}

Result<void> Body::finish() const {
  for (const auto& [key, value] : j_.items())
    if (!known_.contains(key))  // an empty name is shown as "" so that the problem still names the member
      return unreadable(prefix_ + (key.empty() ? "\"\"" : key), "is not a member this request takes");
  return {};
}

}  // namespace leu::server
