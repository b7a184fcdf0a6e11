#include "sim/method_table_json.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace leu::sim {

extern const std::string_view kEmbeddedMethodsJson;
extern const std::string_view kEmbeddedMethodsFile;

namespace {

Result<std::string> text_member(const nlohmann::json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || !j[key].is_string()) return invalid(where + "." + key, "a text member is required");
  return j[key].get<std::string>();
}

// A JSON number, or the same as decimal text ("0.0005"): a journal holds no floating-point numbers, so a table kept in
// a facility's journal.opened event writes its uncertainties as text.
Result<double> number_member(const nlohmann::json& j, const char* key, const std::string& where) {
  if (j.contains(key) && j[key].is_number()) return j[key].get<double>();
  if (!j.contains(key) || !j[key].is_string())
    return invalid(where + "." + key, "a number (or decimal text such as \"0.0005\") is required");
  const std::string text = j[key].get<std::string>();
  const bool decimal = !text.empty() && text.find_first_not_of("0123456789.") == std::string::npos &&
                       std::ranges::count(text, '.') <= 1 && text.front() != '.' && text.back() != '.';
  double value = 0;
  if (!decimal || std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc())
    return invalid(where + "." + key, "\"" + text + "\" is not decimal text such as \"0.0005\"");
  return value;
}

}  // namespace

Result<stats::MethodTable> parse_method_table(const std::string& json_text, const std::string& source) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return invalid(source, "not a JSON object");
  if (j.value("format", "") != "leubank-methods") return invalid(source + ".format", "expected \"leubank-methods\"");
  stats::MethodTable t;
  LEU_GET(name, text_member(j, "name", source));
  LEU_GET(version, text_member(j, "version", source));
  LEU_GET(status, text_member(j, "status", source));
  t.name = name;
  t.version = version;
  t.status = status;
  if (!j.contains("methods") || !j["methods"].is_array()) return invalid(source + ".methods", "an array is required");
  for (std::size_t i = 0; i < j["methods"].size(); ++i) {
    const auto& m = j["methods"][i];
    const std::string where = fmt::format("{}: methods[{}]", source, i);
    if (!m.is_object()) return invalid(where, "an object is required");
    LEU_GET(mname, text_member(m, "name", where));
    LEU_GET(measures, text_member(m, "measures", where));
    LEU_GET(r, number_member(m, "random_rsd", where));
    LEU_GET(s, number_member(m, "systematic_rsd", where));
    LEU_GET(src, text_member(m, "source", where));
    t.methods.push_back({mname, measures, r, s, src});
  }
  if (auto ok = t.validate(); !ok) return invalid(source + ": " + ok.error().field, ok.error().message);
  return t;
}

const stats::MethodTable& default_method_table() {
  static const stats::MethodTable table = [] {
    auto t = parse_method_table(std::string(kEmbeddedMethodsJson), std::string(kEmbeddedMethodsFile));
    if (!t) throw std::logic_error("the compiled-in methods table is invalid: " + t.error().describe());
    return *t;
  }();
  return table;
}

}  // namespace leu::sim
