#include "server/store_pool.hpp"

namespace leu::server {

Result<Journal*> StorePool::journal() {
  const auto id = std::this_thread::get_id();
  {
    std::lock_guard lock(mutex_);
    auto it = open_.find(id);
    if (it != open_.end()) return it->second.journal.get();
  }
  LEU_GET(store, open_store(location_, OpenMode::kExisting));
  auto journal = std::make_unique<Journal>(*store, clock_);
  Journal* out = journal.get();
  std::lock_guard lock(mutex_);
  open_[id] = Open{std::move(store), std::move(journal)};
  return out;
}

}  // namespace leu::server
