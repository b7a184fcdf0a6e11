#include "reports/facility_profile.hpp"

#include <string>

namespace leu::reports {
namespace {

using nlohmann::json;

std::unexpected<Error> refused(const std::string& pointer, const std::string& why) {
  return invalid(std::string(kFacilityProfileField) + pointer, why);
}

// The JSON pointer of the first floating-point number in `j`, or "" when there is none.
std::string first_float(const json& j, const std::string& path) {
  if (j.is_number_float()) return path.empty() ? "/" : path;
  if (j.is_object()) {
    for (const auto& [key, value] : j.items())
      if (auto found = first_float(value, path + "/" + key); !found.empty()) return found;
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      if (auto found = first_float(j[i], path + "/" + std::to_string(i)); !found.empty()) return found;
  }
  return "";
}

// The pointer of the first member of `patch` that `base` does not have, through nested objects (not into arrays,
// whose entries an overlay may add); the members of rules/decimals_per_unit are unit names, which may be new.
std::string first_unknown(const json& patch, const json& base, const std::string& path) {
  if (!patch.is_object() || !base.is_object() || path == "/rules/decimals_per_unit") return "";
  for (const auto& [key, value] : patch.items()) {
    const std::string at = path + "/" + key;
    if (!base.contains(key)) return at;
    if (auto found = first_unknown(value, base[key], at); !found.empty()) return found;
  }
  return "";
}

}  // namespace

Result<Profile> facility_profile(const Facility& f) {
  if (f.report_profile.empty()) return default_profile();
  const json doc = json::parse(f.report_profile, nullptr, false);
  if (doc.is_discarded()) return refused("", "is not valid JSON");
  if (!doc.is_object()) return refused("", std::string("is ") + doc.type_name() + "; an object is required");
  if (const std::string at = first_unknown(doc, profile_to_json(default_profile()), ""); !at.empty())
    return refused(at, "is not a member of a report profile");
  if (const std::string at = first_float(doc, ""); !at.empty())
    return refused(at, "is a floating-point number; a profile holds integers and strings only");
  auto p = overlay(default_profile(), doc);
  if (!p) return refused(p.error().field, p.error().message);
  return p;
}

}  // namespace leu::reports
