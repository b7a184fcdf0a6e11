// One open store and journal per server thread.
//
// A Store is used by one thread at a time (store/store.hpp), and the server
// answers on a fixed pool of threads, so each thread opens its own connection on
// first use and keeps it. Writers are still serialised: by the database (SQLite's
// lock, PostgreSQL's locked head row) and, within this process, by the server's
// writer mutex. Thread-safe.
//
//   StorePool pool("var/demo.db", clock);
//   LEU_GET(journal, pool.journal());   // this thread's
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "domain/clock.hpp"
#include "ledger/journal.hpp"
#include "store/store.hpp"

namespace leu::server {

class StorePool {
 public:
  StorePool(std::string location, const Clock& clock) : location_(std::move(location)), clock_(clock) {}

  // This thread's journal, opened on first use (kExisting).
  Result<Journal*> journal();

 private:
  struct Open {
    std::unique_ptr<Store> store;
    std::unique_ptr<Journal> journal;
  };
  std::string location_;
  const Clock& clock_;
  std::mutex mutex_;
  std::map<std::thread::id, Open> open_;
};

}  // namespace leu::server
