// Fault injection: real services (a user added, an API token issued with its
// credential, a move, a shipment, a receipt, a period close, a supply request) on
// the demo bank, each run through a FaultStore (testing/fault_store.hpp) that fails
// one chosen call with a disk full, an I/O error or a lock timeout. Every call of
// every store operation the command makes before its commit, and the commit, is
// failed in turn with each fault that can strike it; every such run must return an
// Error naming the operation, leave the journal, head, projection rows, change
// lines and credentials exactly as they were, and the same command must succeed
// once the fault clears, with `verify` passing. Both backends. Counts go to
// standard output. (Calls a command makes after its commit, to answer, are not
// failed here: the write is durable by then.)
//
// Then SQLite fails for real: a database capped with PRAGMA max_page_count
// (installed on the store's connection by an SQLite auto-extension) gives a true
// SQLITE_FULL, and a second connection holding the write lock a true busy
// timeout (the store's 5 s busy timeout, store/sqlite_store.cpp).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "access/credentials.hpp"
#include "access/principal.hpp"
#include "accountancy/balance_period.hpp"
#include "accountancy/operations.hpp"
#include "bank/supply.hpp"
#include "demo/demo_bank.hpp"
#include "store/store.hpp"
#include "testing/bank_fixture.hpp"
#include "testing/fault_store.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::BankFixture;
using testing::Books;
using testing::Fault;
using testing::FaultStore;
using testing::TestDatabase;

// The demo bank closes every year before the clock's; its last closed period ends on 2025-12-31.
const Date kToday = Date::from_ymd(2026, 6, 30);

// Everything a failed command must leave alone.
struct StoreState {
  Head head;
  std::int64_t events = 0;
  std::vector<ProjectionRow> rows;
  std::vector<ChangeLine> lines;
  std::vector<ProjectionRow> credentials;

  bool operator==(const StoreState&) const = default;
};

StoreState state_of(Store& store) {
  StoreState s;
  s.head = store.head().value();
  s.events = store.journal_count().value();
  EXPECT_TRUE(store.scan_rows("", [&](const ProjectionRow& r) { return s.rows.push_back(r), true; }));
  EXPECT_TRUE(store.scan_lines(1, INT64_MAX, [&](const ChangeLine& l) { return s.lines.push_back(l), true; }));
  EXPECT_TRUE(store.scan_credentials("", [&](const ProjectionRow& r) { return s.credentials.push_back(r), true; }));
  return s;
}

// The faults that can strike an operation: reads time out or hit an I/O error; writes also find the disk full.
std::vector<Fault> faults_for(const std::string& op) {
  if (op == "tx.commit") return {Fault::kDiskFull, Fault::kIoError, Fault::kBusy};
  if (op == "begin_write") return {Fault::kBusy, Fault::kIoError};
  if (op == "tx.get_row") return {Fault::kIoError};
  if (op.starts_with("tx.")) return {Fault::kDiskFull, Fault::kIoError};
  return {Fault::kIoError, Fault::kBusy};
}

ErrorCode code_of(Fault f) { return f == Fault::kBusy ? ErrorCode::kConflict : ErrorCode::kStorage; }

Principal who(Journal& journal, const std::string& name) {
  auto p = resolve_principal(journal, name);
  EXPECT_TRUE(p.has_value()) << name << ": " << p.error().describe();
  return p.value_or(Principal{});
}

template <class T>
Result<void> done(const Result<T>& r) {
  if (!r) return std::unexpected(r.error());
  return {};
}

// A service command, run on a journal over the FaultStore.
struct Command {
  std::string name;
  std::function<Result<void>(Journal&)> run;
};

// The demo users the commands act as, resolved before any fault is armed.
struct People {
  Principal admin, olga, aigerim, freya;
};

std::vector<Command> commands(const People& p) {
  const Fraction min = Fraction::from_parts(48'000'000), max = Fraction::from_parts(49'500'000);  // 4.80-4.95 %
  return {
      {"user added", [&p](Journal& j) { return done(add_user(j, p.admin, "fred", {Role::kOperator})); }},
      {"API token issued (event and credential)",
       [&p](Journal& j) { return done(issue_token(j, p.olga, "fault test")); }},
      {"move",
       [&p](Journal& j) {
         return done(Operations(j).move(p.olga, {"DEMO-OR-01", "R10-02", kToday}));
       }},
      {"shipment (making room for the receipt: the store holds 60)",
       [&p](Journal& j) {
         return done(Operations(j).ship(p.olga, {{"DEMO-OR-30"}, "FR", "SF", kToday}));
       }},
      {"receipt",
       [&p](Journal& j) {
         ReceiptLine l = demo_receipts().front();
         l.cylinder_id = "FAULT-01";
         l.position = "R10-01";
         l.received_on = kToday;
         return done(Operations(j).receive(p.olga, {l}));
       }},
      {"period close", [&p](Journal& j) { return done(Periods(j).close_period(p.aigerim, "KZBK", kToday)); }},
      {"supply request",
       [&p, min, max](Journal& j) {
         return done(bank::file_request(j, p.freya,
                                        {"XQ", Mass::kilograms(1'000), min, max, "Fault NPP Unit 3",
                                         "supplier stopped deliveries (test)", kToday}));
       }},
  };
}

class FaultInjectionTest : public BankFixture {
 protected:
  FaultInjectionTest() : BankFixture(kToday, Books::kDemo) {}

  void SetUp() override {
    BankFixture::SetUp();
    if (!ready()) return;
    // The period close needs an inventory taken on its date.
    auto pit = Periods(*journal_).take_inventory(principal("olga"), PitInput{"KZBK", kToday, {}, {}, true, "test PIT"});
    ASSERT_TRUE(pit.has_value()) << pit.error().describe();
    people_ = People{principal("admin"), principal("olga"), principal("aigerim"), principal("freya")};
  }

  People people_;
};

TEST_P(FaultInjectionTest, EveryInjectedFaultFailsTheCommandNamingTheOperationAndWritesNothing) {
  FaultStore faulty(*store_);
  Journal journal(faulty, clock_);
  int total = 0;
  for (const Command& command : commands(people_)) {
    SCOPED_TRACE(command.name);
    const StoreState before = state_of(*store_);
    // A failed sync first: it also counts the calls the command makes up to its commit.
    faulty.arm("tx.commit", 1, Fault::kIoError);
    auto first = command.run(journal);
    ASSERT_FALSE(first.has_value()) << "the commit fault did not surface";
    ASSERT_TRUE(faulty.fired()) << "the command failed before its commit: " << first.error().describe();
    const std::map<std::string, int> calls = faulty.calls();
    ASSERT_EQ(state_of(*store_), before);
    int injected = 1;
    for (const auto& [op, n] : calls) {
      for (int nth = 1; nth <= n; ++nth) {
        for (Fault fault : faults_for(op)) {
          SCOPED_TRACE(op + " call " + std::to_string(nth) + ": " + std::string(testing::fault_name(fault)));
          faulty.arm(op, nth, fault);
          auto r = command.run(journal);
          ASSERT_TRUE(faulty.fired()) << "the command made fewer calls than the first run";
          ASSERT_FALSE(r.has_value()) << "the fault was swallowed: the command succeeded";
          EXPECT_EQ(r.error().code, code_of(fault)) << r.error().describe();
          EXPECT_NE(r.error().message.find(op + " on " + store_->describe() + " failed"), std::string::npos)
              << r.error().describe();
          ASSERT_EQ(state_of(*store_), before) << "something was written";
          ++injected;
        }
      }
    }
    faulty.clear();
    auto cleared = command.run(journal);
    ASSERT_TRUE(cleared.has_value()) << cleared.error().describe();
    EXPECT_GT(store_->head()->seq, before.head.seq);
    std::string ops;
    for (const auto& [op, n] : calls) ops += " " + op + "x" + std::to_string(n);
    std::cout << "[ faults ] " << command.name << ": " << injected << " injected faults, each refused cleanly;"
              << " then succeeded. Calls:" << ops << "\n";
    total += injected;
  }
  auto report = Journal(*store_, clock_).verify();
  ASSERT_TRUE(report.has_value()) << report.error().describe();
  EXPECT_TRUE(report->ok()) << report->divergence->message;
  std::cout << "[ faults ] " << testing::backend_name(GetParam()) << ": " << total
            << " injected faults over 7 commands, verify passes (" << report->events << " events)\n";
}

INSTANTIATE_TEST_SUITE_P(Backends, FaultInjectionTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

// ---- Real SQLite failures ----

// The page cap the auto-extension puts on every connection opened while it is registered (0: none).
int g_max_pages = 0;

int cap_pages(sqlite3* db, const char**, const struct sqlite3_api_routines*) {
  const std::string sql = "PRAGMA max_page_count = " + std::to_string(g_max_pages);
  return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

std::int64_t page_count(const std::string& path) {
  sqlite3* db = nullptr;
  std::int64_t pages = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
      pages = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return pages;
}

class RealSqliteFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_store(db_.location(), OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().describe();
    Journal journal(**store, clock_);
    auto built = build_demo_bank(journal);
    ASSERT_TRUE(built.has_value()) << built.error().describe();
  }

  TestDatabase db_{Backend::kSqlite};
  FixedClock clock_{kToday};
};

TEST_F(RealSqliteFaultTest, AFullDiskFailsTheCommandNamingTheStatementAndWritesNothing) {
  const std::int64_t pages = page_count(db_.location());
  ASSERT_GT(pages, 0);
  g_max_pages = static_cast<int>(pages);  // no room to grow
  ASSERT_EQ(sqlite3_auto_extension(reinterpret_cast<void (*)()>(cap_pages)), SQLITE_OK);
  auto capped = open_store(db_.location(), OpenMode::kExisting);
  ASSERT_TRUE(capped.has_value()) << capped.error().describe();
  Journal journal(**capped, clock_);
  // Users are added until the file would have to grow; the free pages inside it may take a few.
  int added = 0;
  std::string name;
  Result<Head> r;
  StoreState before;
  for (; added < 500; ++added) {
    name = "user" + std::to_string(added);
    before = state_of(**capped);
    r = add_user(journal, who(journal, "admin"), name, {Role::kAuditor});
    if (!r) break;
  }
  ASSERT_FALSE(r.has_value()) << "the capped database never filled up";
  EXPECT_EQ(r.error().code, ErrorCode::kStorage) << r.error().describe();
  EXPECT_NE(r.error().message.find("database or disk is full"), std::string::npos) << r.error().describe();
  // The failing statement is named: an insert, an update or the commit.
  const bool named = r.error().message.find("running '") != std::string::npos ||
                     r.error().message.find("executing 'COMMIT'") != std::string::npos;
  EXPECT_TRUE(named) << r.error().describe();
  EXPECT_EQ(state_of(**capped), before);
  std::cout << "[ faults ] SQLite capped at " << pages << " pages: full after " << added
            << " users added; error: " << r.error().describe() << "\n";
  capped->reset();
  ASSERT_EQ(sqlite3_cancel_auto_extension(reinterpret_cast<void (*)()>(cap_pages)), 1);

  auto roomy = open_store(db_.location(), OpenMode::kExisting);
  ASSERT_TRUE(roomy.has_value()) << roomy.error().describe();
  Journal again(**roomy, clock_);
  auto retried = add_user(again, who(again, "admin"), name, {Role::kAuditor});
  ASSERT_TRUE(retried.has_value()) << retried.error().describe();
  auto report = again.verify();
  ASSERT_TRUE(report.has_value()) << report.error().describe();
  EXPECT_TRUE(report->ok()) << report->divergence->message;
}

TEST_F(RealSqliteFaultTest, AWriteLockHeldElsewhereTimesOutNamingTheStatementAndTheCommandThenSucceeds) {
  auto store = open_store(db_.location(), OpenMode::kExisting);
  ASSERT_TRUE(store.has_value()) << store.error().describe();
  Journal journal(**store, clock_);
  const StoreState before = state_of(**store);

  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.location().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto r = Operations(journal).move(who(journal, "olga"), {"DEMO-OR-01", "R10-02", kToday});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict) << r.error().describe();
  EXPECT_NE(r.error().message.find("executing 'BEGIN IMMEDIATE' failed: database is locked"), std::string::npos)
      << r.error().describe();
  EXPECT_EQ(state_of(**store), before);
  std::cout << "[ faults ] SQLite write lock held by another connection: " << r.error().describe() << "\n";
  ASSERT_EQ(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);

  auto retried = Operations(journal).move(who(journal, "olga"), {"DEMO-OR-01", "R10-02", kToday});
  ASSERT_TRUE(retried.has_value()) << retried.error().describe();
  auto report = journal.verify();
  ASSERT_TRUE(report.has_value()) << report.error().describe();
  EXPECT_TRUE(report->ok()) << report->divergence->message;
}

}  // namespace
}  // namespace leu
