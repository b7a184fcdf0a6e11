// Request counters and durations in the Prometheus text exposition format
// (https://prometheus.io/docs/instrumenting/exposition_formats/, version 0.0.4).
//
// Labels are the route's path template (never the raw path, so cylinder ids do
// not multiply the series), the method and the status. Thread-safe.
//
//   metrics.observe("GET", "/api/v1/items/{id}", 200, 0.0012);
//   std::string text = metrics.render({{"leubank_journal_head_seq", 7, "..."}});
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace leu::server {

struct Gauge {
  std::string name;
  double value = 0;
  std::string help;
};

class Metrics {
 public:
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  void login_failed();
  std::string render(const std::vector<Gauge>& gauges);

 private:
  struct Series {
    std::uint64_t count = 0;
    double seconds = 0;
  };
  std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, Series> requests_;
  std::uint64_t login_failures_ = 0;
};

}  // namespace leu::server
