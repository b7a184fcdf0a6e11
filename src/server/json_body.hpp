// Strict reading of a JSON request body.
//
// A Body hands out its members by name and type; asking for a member records it
// as known, and finish() refuses any member that was never asked for, so a typo
// in a field name is an error instead of a silently ignored input. Every failure
// is a kUsage Error naming the member (HTTP 400): the request could not be read.
// Rules about the values themselves (a date in the future, an unknown cylinder)
// are the services' to check (HTTP 422).
//
//   LEU_GET(body, Body::parse(request_text));
//   LEU_GET(to, body.string("to"));
//   LEU_GET(date, body.optional_date("date", today));
//   LEU_RETURN_IF_ERROR(body.finish());
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/quantity.hpp"

namespace leu::server {

class Body {
 public:
  // The text must be one JSON object ("" is an empty object).
  static Result<Body> parse(const std::string& text);
  explicit Body(nlohmann::json object, std::string prefix = "") : j_(std::move(object)), prefix_(std::move(prefix)) {}

  Result<std::string> string(const char* name);
  Result<std::string> optional_string(const char* name, const std::string& fallback = "");
  Result<bool> optional_bool(const char* name, bool fallback);
  Result<std::optional<bool>> nullable_bool(const char* name);
  Result<std::vector<std::string>> strings(const char* name);
  // An optional array of strings: empty when absent.
  Result<std::vector<std::string>> optional_strings(const char* name);
  Result<std::int64_t> integer(const char* name);
  Result<bool> boolean(const char* name);
  // A member that is itself an object, as a Body of its own ("evidence.ref").
  Result<Body> object(const char* name);
  // A decimal number of kilograms or per cent, given as a JSON string ("229.100")
  // so that no binary floating point touches an accounting quantity.
  Result<Mass> kilograms(const char* name);
  Result<std::optional<Mass>> optional_kilograms(const char* name);
  Result<Fraction> percent(const char* name);
  Result<Date> date(const char* name);
  Result<Date> optional_date(const char* name, Date fallback);
  // The members of an array of objects, each a Body of its own ("found[2].item").
  Result<std::vector<Body>> objects(const char* name, bool required);
  // kUsage naming the first member never asked for.
  Result<void> finish() const;

 private:
  const nlohmann::json* member(const char* name);
  std::string path(const char* name) const { return prefix_ + name; }

  nlohmann::json j_;
  std::string prefix_;
  std::set<std::string> known_;
};

}  // namespace leu::server
