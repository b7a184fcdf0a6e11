#include "server/sessions.hpp"

#include "access/random_hex.hpp"

namespace leu::server {

Session Sessions::create(const std::string& user) {
  const auto now = clock_.now();
  Session s{random_hex(32), user, random_hex(32), now, now};
  std::lock_guard lock(mutex_);
  sweep(now);
  by_id_[s.id] = s;
  return s;
}

std::optional<Session> Sessions::find(const std::string& id) {
  const auto now = clock_.now();
  std::lock_guard lock(mutex_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  if (expired(it->second, now)) {
    by_id_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = now;
  return it->second;
}

void Sessions::erase(const std::string& id) {
  std::lock_guard lock(mutex_);
  by_id_.erase(id);
}

void Sessions::erase_user(const std::string& user) {
  std::lock_guard lock(mutex_);
  std::erase_if(by_id_, [&](const auto& kv) { return kv.second.user == user; });
}

std::size_t Sessions::size() {
  std::lock_guard lock(mutex_);
  sweep(clock_.now());
  return by_id_.size();
}

bool Sessions::expired(const Session& s, std::chrono::system_clock::time_point now) const {
  return now - s.last_used >= idle_ || now - s.created >= absolute_;
}

void Sessions::sweep(std::chrono::system_clock::time_point now) {
  std::erase_if(by_id_, [&](const auto& kv) { return expired(kv.second, now); });
}

}  // namespace leu::server
