#include "server/metrics.hpp"

#include <fmt/format.h>

namespace leu::server {
namespace {

// Label values escape backslash, double quote and newline (exposition format 0.0.4).
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  Series& s = requests_[{method, route, status}];
  ++s.count;
  s.seconds += seconds;
}

void Metrics::login_failed() {
  std::lock_guard lock(mutex_);
  ++login_failures_;
}

std::string Metrics::render(const std::vector<Gauge>& gauges) {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP leubank_http_requests_total HTTP requests answered, by route template, method and status.\n";
  out += "# TYPE leubank_http_requests_total counter\n";
  for (const auto& [key, s] : requests_)
    out += fmt::format("leubank_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       label(std::get<0>(key)), label(std::get<1>(key)), std::get<2>(key), s.count);
  out += "# HELP leubank_http_request_seconds_sum Time spent answering, by route template and method.\n";
  out += "# TYPE leubank_http_request_seconds_sum counter\n";
  std::map<std::pair<std::string, std::string>, double> by_route;
  for (const auto& [key, s] : requests_) by_route[{std::get<0>(key), std::get<1>(key)}] += s.seconds;
  for (const auto& [key, seconds] : by_route)
    out += fmt::format("leubank_http_request_seconds_sum{{method=\"{}\",route=\"{}\"}} {:.6f}\n", label(key.first),
                       label(key.second), seconds);
  out += "# HELP leubank_login_failures_total Failed sign-ins (wrong name or password, or throttled).\n";
  out += "# TYPE leubank_login_failures_total counter\n";
  out += fmt::format("leubank_login_failures_total {}\n", login_failures_);
  for (const Gauge& g : gauges) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", g.name, g.help, g.name);
    out += fmt::format("{} {}\n", g.name, g.value);
  }
  return out;
}

}  // namespace leu::server
