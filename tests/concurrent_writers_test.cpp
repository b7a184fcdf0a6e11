// One chain under concurrent writers, on both backends: several processes append
// at once; afterwards the chain verifies, there is no gap or fork, and the event
// count is exact. When writers compete for the same cylinder, exactly one wins
// and the others are refused with a conflict — no lost update.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "access/principal.hpp"
#include "accountancy/operations.hpp"
#include "demo/demo_bank.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;

constexpr int kWriters = 6;
constexpr int kMovesPerWriter = 40;

class ConcurrentWriters : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    auto store = open_store(db_.location(), OpenMode::kCreate);
    ASSERT_TRUE(store) << store.error().describe();
    Journal journal(**store, clock_);
    ASSERT_TRUE(build_demo_bank(journal));
    initial_ = (*store)->journal_count().value();
  }

  // Runs `body(ops, olga, writer)` in kWriters child processes at once, each with its
  // own connection; returns how many exited 0.
  template <class Body>
  int run_writers(Body body) {
    const std::string location = db_.location();
    const auto child = [&](int w) {
      auto store = open_store(location, OpenMode::kExisting);
      if (!store) return 2;
      Journal journal(**store, clock_);
      Operations ops(journal);
      const auto who = resolve_principal(journal, "olga");
      if (!who) return 3;
      return body(ops, *who, w);
    };
    std::vector<pid_t> children;
    for (int w = 0; w < kWriters; ++w) {
      const pid_t pid = fork();
      if (pid == 0) _exit(child(w));
      children.push_back(pid);
    }
    int succeeded = 0;
    for (pid_t pid : children) {
      int status = 0;
      waitpid(pid, &status, 0);
      succeeded += WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    return succeeded;
  }

  TestDatabase db_{GetParam()};
  FixedClock clock_{Date::from_ymd(2026, 1, 15)};
  std::int64_t initial_ = 0;
};

TEST_P(ConcurrentWriters, ParallelAppendsKeepOneChainWithAnExactCount) {
  const std::string location = db_.location();
  const int ok = run_writers([&](Operations& ops, const Principal& olga, int w) {
    const std::string cylinder = fmt::format("DEMO-OR-{:02}", w + 1);
    for (int i = 0; i < kMovesPerWriter; ++i) {
      const std::string to = fmt::format("W{}-{}", w, i);
      if (!ops.move(olga, MoveInput{cylinder, to, Date::from_ymd(2025, 1, 1)})) return 4;
    }
    return 0;
  });
  EXPECT_EQ(ok, kWriters);
  auto store = open_store(location, OpenMode::kExisting);
  ASSERT_TRUE(store);
  EXPECT_EQ((*store)->journal_count().value(), initial_ + kWriters * kMovesPerWriter);
  Journal journal(**store, clock_);
  const auto report = journal.verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->divergence->message;
  EXPECT_EQ(report->events, initial_ + kWriters * kMovesPerWriter);
}

TEST_P(ConcurrentWriters, OnlyOneOfSeveralShipmentsOfTheSameCylinderSucceeds) {
  const std::string location = db_.location();
  const int ok = run_writers([&](Operations& ops, const Principal& olga, int w) {
    const auto shipped =
        ops.ship(olga, ShipmentInput{{"DEMO-KZ-07"}, w % 2 ? "AM" : "BY", "", Date::from_ymd(2026, 1, 10)});
    if (shipped) return 0;
    return shipped.error().code == ErrorCode::kConflict ? 10 : 11;
  });
  EXPECT_EQ(ok, 1);
  auto store = open_store(location, OpenMode::kExisting);
  ASSERT_TRUE(store);
  EXPECT_EQ((*store)->journal_count().value(), initial_ + 1);
  Journal journal(**store, clock_);
  EXPECT_TRUE(journal.verify()->ok());
  EXPECT_EQ(journal.item("DEMO-KZ-07").value()->status, ItemStatus::kShipped);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrentWriters, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
