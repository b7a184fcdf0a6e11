#include "server/api_util.hpp"

#include <charconv>

namespace leu::server {

Result<std::int64_t> query_int(const Call& call, const std::string& name, std::int64_t fallback) {
  const std::string text = call.query_value(name);
  if (text.empty()) return fallback;
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size())
    return fail(ErrorCode::kUsage, name, "'" + text + "' is not an integer");
  return v;
}

Result<Page> page_of(const Call& call) {
  LEU_GET(limit, query_int(call, "limit", 100));
  LEU_GET(offset, query_int(call, "offset", 0));
  if (limit < 1 || limit > 1000) return fail(ErrorCode::kUsage, "limit", "must be 1 to 1000");
  if (offset < 0) return fail(ErrorCode::kUsage, "offset", "may not be negative");
  return Page{limit, offset};
}

nlohmann::json paged(const nlohmann::json& all, const Page& page) {
  nlohmann::json items = nlohmann::json::array();
  const auto total = static_cast<std::int64_t>(all.size());
  for (std::int64_t i = page.offset; i < total && i < page.offset + page.limit; ++i)
    items.push_back(all[static_cast<std::size_t>(i)]);
  return {{"items", items}, {"total", total}, {"limit", page.limit}, {"offset", page.offset}};
}

nlohmann::json head_json(const Head& head) { return {{"seq", head.seq}, {"hash", head.hash}}; }

Reply problem_as_reply(const Problem& p) {
  Reply r;
  r.status = p.status;
  r.text = p.to_json().dump();
  r.content_type = kProblemJson;
  return r;
}

Result<Date> query_date(const Call& call, const std::string& name, Date fallback) {
  const std::string text = call.query_value(name);
  if (text.empty()) return fallback;
  auto d = Date::parse(text, name);
  if (!d) return fail(ErrorCode::kUsage, name, d.error().message);
  return d;
}

}  // namespace leu::server
