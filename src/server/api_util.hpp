// Helpers the route handlers share: paging, query parameters, cookies.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "server/problem.hpp"
#include "server/route.hpp"

namespace leu::server {

struct Page {
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

// ?limit= (1..1000, default 100) and ?offset= (>= 0); kUsage naming the parameter.
Result<Page> page_of(const Call& call);
// {"items": the slice of `all`, "total", "limit", "offset"}.
nlohmann::json paged(const nlohmann::json& all, const Page& page);
// An integer query parameter, or `fallback` when absent; kUsage when not an integer.
Result<std::int64_t> query_int(const Call& call, const std::string& name, std::int64_t fallback);
// {"seq", "hash"} of a journal head: what a change answers with.
nlohmann::json head_json(const Head& head);
// A problem document as a handler's reply (for statuses no service Error maps to, e.g. 429).
Reply problem_as_reply(const Problem& p);
// ?name=YYYY-MM-DD, or `fallback` when absent.
Result<Date> query_date(const Call& call, const std::string& name, Date fallback);

}  // namespace leu::server
