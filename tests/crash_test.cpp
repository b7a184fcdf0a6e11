// Crash safety: 10,000 appends through the Journal API by child processes
// (crash_appender), killed with SIGKILL 50 times at random points: after a
// random number of acknowledged appends (0-300) plus a random delay (0-3 ms), so
// that the kill lands anywhere, inside a transaction too; a last child, not
// killed, appends what remains of the 10,000. After each kill the database is
// reopened and must hold every acknowledged event (the right one at the right
// seq), nothing half there (`verify` passes: chain, head, projections, change
// lines) and at most one event committed but not yet acknowledged (the one the
// child was printing). Seeded (kSeed); counts go to standard output.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <thread>

#include "access/principal.hpp"
#include "domain/facility.hpp"
#include "ledger/journal.hpp"
#include "testing/temp_dir.hpp"

namespace leu {
namespace {

constexpr std::uint64_t kSeed = 1126;
constexpr int kKills = 50;
constexpr std::int64_t kAppends = 10000;
constexpr int kMaxAcksBeforeKill = 300;

struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;
};

Child spawn(const std::string& db, int round, std::int64_t count) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    const std::string r = std::to_string(round), n = std::to_string(count);
    ::execl(CRASH_APPENDER, CRASH_APPENDER, db.c_str(), r.c_str(), n.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  return Child{pid, ::fdopen(fds[0], "r")};
}

TEST(CrashSafety, EveryAcknowledgedAppendSurvivesSigkillAndNothingIsHalfWritten) {
  testing::TempDir dir;
  const std::string db = dir.path("crash.db");
  SystemClock clock;
  std::int64_t start_seq = 0;
  {
    auto store = open_store(db, OpenMode::kCreate);
    ASSERT_TRUE(store) << store.error().describe();
    Journal journal(**store, clock);
    auto opened = open_journal(journal, default_bank_facility(), "admin");
    ASSERT_TRUE(opened);
    start_seq = opened->seq;
  }
  std::mt19937_64 rng(kSeed);
  std::int64_t acknowledged = 0, committed_unacknowledged = 0, killed_mid_stream = 0, finished = 0;
  std::int64_t last_acked_seq = start_seq;  // the committed head before each round
  std::string last_acked_user;
  for (int round = 0; round <= kKills; ++round) {
    const bool last = round == kKills;  // not killed: completes the 10,000
    const std::int64_t remaining = kAppends - (last_acked_seq - start_seq);
    if (remaining <= 0) break;
    Child child = spawn(db, round, remaining);
    ASSERT_GT(child.pid, 0);
    ASSERT_NE(child.out, nullptr);
    const int kill_after = last ? INT32_MAX : std::uniform_int_distribution<int>(0, kMaxAcksBeforeKill)(rng);
    const int delay_us = std::uniform_int_distribution<int>(0, 3000)(rng);
    int acked_this_round = 0;
    char line[256];
    // An acknowledgement is a line the child printed after its commit; those read
    // after the kill count too.
    const auto read_ack = [&]() -> bool {
      if (!std::fgets(line, sizeof line, child.out)) return false;
      long long seq = 0;
      char user[200] = {};
      EXPECT_EQ(std::sscanf(line, "%lld %199s", &seq, user), 2) << line;
      EXPECT_EQ(seq, last_acked_seq + 1) << "acknowledged events come in order, after the committed head";
      last_acked_seq = seq;
      last_acked_user = user;
      ++acked_this_round;
      return true;
    };
    while (acked_this_round < kill_after && read_ack()) {
    }
    if (!last) {
      std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
      ::kill(child.pid, SIGKILL);
    }
    int status = 0;
    ::waitpid(child.pid, &status, 0);
    while (read_ack()) {
    }
    std::fclose(child.out);
    if (WIFSIGNALED(status))
      ++killed_mid_stream;
    else
      ++finished;
    acknowledged += acked_this_round;

    auto store = open_store(db, OpenMode::kExisting);
    ASSERT_TRUE(store) << store.error().describe();
    Journal journal(**store, clock);
    auto report = journal.verify();
    ASSERT_TRUE(report) << report.error().describe();
    ASSERT_TRUE(report->ok()) << "round " << round << ": " << report->divergence->message;
    auto head = journal.head();
    ASSERT_TRUE(head);
    ASSERT_GE(head->seq, last_acked_seq) << "round " << round << ": an acknowledged event is missing";
    ASSERT_LE(head->seq, last_acked_seq + 1) << "round " << round << ": more than one unacknowledged event";
    if (acked_this_round > 0) {
      std::string stored_user;
      ASSERT_TRUE(journal.scan(last_acked_seq, [&](const StoredEvent& e) {
        stored_user = nlohmann::json::parse(e.payload).value("user", "");
        return false;
      }));
      EXPECT_EQ(stored_user, last_acked_user) << "round " << round;
    }
    if (head->seq == last_acked_seq + 1) {
      std::string stored_user;
      ASSERT_TRUE(journal.scan(head->seq, [&](const StoredEvent& e) {
        stored_user = nlohmann::json::parse(e.payload).value("user", "");
        return false;
      }));
      EXPECT_EQ(stored_user, "crash-" + std::to_string(round) + "-" + std::to_string(acked_this_round))
          << "the unacknowledged event is the one the child was appending";
      ++committed_unacknowledged;
      last_acked_seq = head->seq;  // the next round continues after it
    }
  }
  const std::int64_t committed = last_acked_seq - start_seq;
  std::cout << committed << " appends committed (" << acknowledged << " acknowledged, " << committed_unacknowledged
            << " committed but killed before acknowledging); " << killed_mid_stream
            << " children killed by SIGKILL mid-stream, " << finished
            << " finished; every acknowledged event present and verify passed after each\n";
  EXPECT_EQ(committed, kAppends);
  EXPECT_EQ(killed_mid_stream, kKills);
  EXPECT_EQ(acknowledged + committed_unacknowledged, committed);
}

}  // namespace
}  // namespace leu
