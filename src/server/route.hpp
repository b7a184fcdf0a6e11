// Routes of the HTTP API: what each one takes, who may call it, and its handler.
//
// A Route is declared once and serves three purposes: the dispatcher matches it,
// the access check reads its operation (deny by default: a principal must hold a
// role allowed for the operation, domain/roles.hpp), and the OpenAPI document is
// generated from it. Handlers are plain functions of a Call: they read the path
// parameters, the query and the body, call one service, and return a Reply or the
// service's Error (turned into a problem document by the dispatcher).
//
//   router.add({.method = "GET", .path = "/api/v1/items/{id}", .summary = "One cylinder",
//               .op = Operation::kReadInventory, .handler = get_item});
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/principal.hpp"
#include "domain/roles.hpp"
#include "ledger/journal.hpp"

namespace leu::server {

// One request as a handler sees it: authenticated, authorized, its body not yet parsed.
struct Call {
  Journal& journal;
  const Principal& who;
  std::map<std::string, std::string> params;  // path parameters, e.g. {"id": "DEMO-OR-01"}
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string content_type;
  Date today;
  std::string remote_addr;
  std::string session_id;  // the session the call came with ("" for a token or none)
  std::string if_match;    // the If-Match header: the record's last_seq the client last read ("" = none)

  const std::string& param(const std::string& name) const { return params.at(name); }
  // The query parameter, or "" when absent.
  std::string query_value(const std::string& name) const;
};

struct Reply {
  int status = 200;
  nlohmann::json body;       // sent as application/json unless `text` is set
  std::string text;          // a non-JSON body (a report file, CSV, ...)
  std::string content_type;  // for `text`
  std::vector<std::pair<std::string, std::string>> headers;
  // An access-log entry for the dispatcher to append once the read snapshot has ended (a snapshot cannot write):
  // a read route's record of what it did, e.g. a verification's outcome. The JSON body's "recorded" member then
  // says whether it could be appended (not on a read-only replica); the answer stands either way.
  std::optional<AccessRecord> record;

  static Reply json(nlohmann::json body, int status = 200) { return Reply{status, std::move(body)}; }
  static Reply no_content() { return Reply{204, nullptr}; }
};

using Handler = std::function<Result<Reply>(Call&)>;

struct QueryParam {
  std::string name;
  std::string description;
};

struct Route {
  std::string method;  // GET, POST, PUT, DELETE
  std::string path;    // with {name} path parameters
  std::string summary;
  std::string tag;  // OpenAPI tag: the group the route belongs to
  // The operation whose roles may call the route; nullopt: any signed-in user
  // (the handler or service narrows it further, e.g. to the user's own tokens).
  std::optional<Operation> op;
  bool is_public = false;  // no authentication at all (health, the API document, sign-in)
  bool writes = false;     // changes the books: serialised, CSRF-checked for cookie sessions
  bool sensitive = false;  // reads recorded in the access log
  // The answer depends only on the books, the path, the query and the day, not on
  // who asks: kept while the journal head stays put (head_cache.hpp).
  bool cacheable = false;
  std::string request_schema;  // components/schemas name of the JSON body ("" = no body); "csv" = text/csv
  int success = 200;           // the status of a successful call
  std::vector<QueryParam> query;
  Handler handler;
};

class Router {
 public:
  void add(Route route) { routes_.push_back(std::move(route)); }
  const std::vector<Route>& routes() const { return routes_; }

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;  // some route has this path, with another method (405)
  };
  Match match(const std::string& method, const std::string& path) const;

 private:
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a", "b", "c"}; percent-decoded segments.
std::vector<std::string> path_segments(const std::string& path);

}  // namespace leu::server
