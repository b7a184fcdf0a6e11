// Login throttling: too many failed sign-ins for one user name, or from one
// address, lock further attempts out for a while.
//
// Each key ("user:olga", "addr:127.0.0.1") keeps the times of its recent
// failures. When `limit` failures fall within `window`, the key is locked until
// the oldest of them leaves the window; a locked attempt is refused before the
// password is even checked (HTTP 429 with Retry-After). A success clears the
// user's failures. The defaults (5 in 15 minutes) follow OWASP's Authentication
// Cheat Sheet ("account lockout" after a small number of attempts). Thread-safe.
//
//   if (auto wait = throttle.locked({"user:olga", "addr:1.2.3.4"})) return 429 after *wait;
//   throttle.failed({"user:olga", "addr:1.2.3.4"});
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"

namespace leu::server {

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, int limit = 5, std::chrono::seconds window = std::chrono::minutes(15))
      : clock_(clock), limit_(limit), window_(window) {}

  // How long until the first locked key opens; nullopt when none is locked.
  std::optional<std::chrono::seconds> locked(const std::vector<std::string>& keys);
  void failed(const std::vector<std::string>& keys);
  void succeeded(const std::string& key);

 private:
  void prune(std::deque<std::chrono::system_clock::time_point>& times, std::chrono::system_clock::time_point now);

  const Clock& clock_;
  int limit_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::chrono::system_clock::time_point>> failures_;
};

}  // namespace leu::server
