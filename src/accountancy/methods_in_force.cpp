#include "accountancy/methods_in_force.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/method_table_json.hpp"

namespace leu {
namespace {

using Json = nlohmann::json;

// The path of the first floating-point number in `j` ("methods[0].random_rsd"), "" if none; `at` is where j is.
std::string first_float(const Json& j, const std::string& at) {
  if (j.is_number_float()) return at;
  if (j.is_object())
    for (const auto& [key, value] : j.items())
      if (auto found = first_float(value, at.empty() ? key : at + "." + key); !found.empty()) return found;
  if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i)
      if (auto found = first_float(j[i], fmt::format("{}[{}]", at, i)); !found.empty()) return found;
  return "";
}

// A list of known names is worth reading up to this many (a facility's table has a handful of methods).
constexpr std::size_t kListedMethods = 8;

}  // namespace

Result<stats::MethodTable> facility_methods(const Facility& f) {
  if (f.methods.empty()) return sim::default_method_table();
  const std::string source(kFacilityMethodsField);
  const Json doc = Json::parse(f.methods, nullptr, false);
  if (doc.is_discarded()) return invalid(source, "is not valid JSON");
  if (const std::string at = first_float(doc, ""); !at.empty())
    return invalid(source + ": " + at,
                   "is a floating-point number; the journal holds integers and strings only, so write it as decimal "
                   "text (\"0.0005\")");
  return sim::parse_method_table(f.methods, source);
}

Result<stats::MethodTable> methods_in_force(Journal& journal) {
  LEU_GET(facility, journal.facility());
  if (!facility) return sim::default_method_table();
  auto table = facility_methods(*facility);
  if (!table)
    return fail(ErrorCode::kIntegrity, table.error().field,
                "the facility's methods table in the journal does not parse: " + table.error().message);
  return table;
}

Result<void> check_method_in_force(const stats::MethodTable& table, const std::string& method,
                                   const std::string& field) {
  for (const auto& m : table.methods)
    if (m.name == method) return {};
  std::string known;
  for (const auto& m : table.methods) known += fmt::format("{}\"{}\"", known.empty() ? "" : ", ", m.name);
  return invalid(field, fmt::format("\"{}\" is not a method of the methods table in force \"{} {}\" ({})", method,
                                    table.name, table.version,
                                    table.methods.size() <= kListedMethods
                                        ? "it knows " + known
                                        : fmt::format("{} methods; see the facility's table", table.methods.size())));
}

}  // namespace leu
