// Helper of crash_test: appends events to an existing leubank database through
// the Journal API, one transaction each, and prints each acknowledged sequence
// number on its own line (flushed) only after the append has committed.
//
//   crash_appender DB ROUND COUNT
//
// Event i of round R is user.added {"user": "crash-R-i", "roles": ["auditor"]}, so
// that the test can tell which acknowledged event must be where. It is killed
// with SIGKILL by the test at random points.
#include <sodium.h>

#include <cstdio>
#include <string>

#include "domain/clock.hpp"
#include "ledger/journal.hpp"

int main(int argc, char** argv) {
  using namespace leu;
  if (argc != 4 || sodium_init() < 0) return 1;
  const std::string round = argv[2];
  const int count = std::stoi(argv[3]);
  auto store = open_store(argv[1], OpenMode::kExisting);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().describe().c_str());
    return 4;
  }
  SystemClock clock;
  Journal journal(**store, clock);
  for (int i = 0; i < count; ++i) {
    const std::string user = "crash-" + round + "-" + std::to_string(i);
    auto head = journal.append("admin", {NewEvent{"user.added", {{"user", user}, {"roles", {"auditor"}}}}});
    if (!head) {
      std::fprintf(stderr, "%s\n", head.error().describe().c_str());
      return 4;
    }
    std::printf("%lld %s\n", static_cast<long long>(head->seq), user.c_str());
    std::fflush(stdout);
  }
  return 0;
}
