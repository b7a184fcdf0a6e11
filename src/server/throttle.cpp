#include "server/throttle.hpp"

namespace leu::server {

void LoginThrottle::prune(std::deque<std::chrono::system_clock::time_point>& times,
                          std::chrono::system_clock::time_point now) {
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
}

std::optional<std::chrono::seconds> LoginThrottle::locked(const std::vector<std::string>& keys) {
  const auto now = clock_.now();
  std::lock_guard lock(mutex_);
  std::optional<std::chrono::seconds> wait;
  for (const std::string& key : keys) {
    auto it = failures_.find(key);
    if (it == failures_.end()) continue;
    prune(it->second, now);
    if (static_cast<int>(it->second.size()) < limit_) continue;
    // Open again when enough failures have left the window to drop below the limit.
    const auto opens = it->second[it->second.size() - static_cast<std::size_t>(limit_)] + window_;
    const auto left = std::chrono::ceil<std::chrono::seconds>(opens - now);
    if (!wait || left > *wait) wait = left;
  }
  return wait;
}

void LoginThrottle::failed(const std::vector<std::string>& keys) {
  const auto now = clock_.now();
  std::lock_guard lock(mutex_);
  for (const std::string& key : keys) {
    auto& times = failures_[key];
    prune(times, now);
    times.push_back(now);
  }
  if (failures_.size() > 100'000) std::erase_if(failures_, [&](auto& kv) { return kv.second.empty(); });
}

void LoginThrottle::succeeded(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

}  // namespace leu::server
