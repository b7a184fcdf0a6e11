// Answers and principals remembered for as long as the journal head stays put.
//
// Every change of the books, the users, their roles or their tokens is a journal
// event, so anything computed from the projections at head N is still right
// while the head is N. An entry is kept with the head it was computed at and
// found only under that same head: nothing is ever served from older books, and
// no invalidation rule is needed besides the head itself. Bounded; thread-safe.
//
//   if (auto hit = cache.find(key, head.seq)) return *hit;
//   cache.put(key, head.seq, value);
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace leu::server {

template <class T>
class HeadCache {
 public:
  explicit HeadCache(std::size_t capacity = 4096) : capacity_(capacity) {}

  std::optional<T> find(const std::string& key, std::int64_t head) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.first != head) return std::nullopt;
    return it->second.second;
  }

  void put(const std::string& key, std::int64_t head, T value) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.insert_or_assign(key, std::pair{head, std::move(value)});
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::pair<std::int64_t, T>> entries_;
};

}  // namespace leu::server
