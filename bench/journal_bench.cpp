// leubank_bench: what durability and verification cost, measured on real SQLite files.
//
//   BM_JournalAppend/N      durable Journal::append calls of N cylinder.moved events each (one transaction per
//                           call), on a copy of the demonstration bank
//   BM_PlainSqliteInsert/N  the baseline: plain prepared INSERTs of the same row bytes into an identical `journal`
//                           table, N rows per BEGIN IMMEDIATE ... COMMIT, same pragmas (WAL, synchronous=FULL)
//   BM_Verify               Journal::verify over a 1,000,000-event journal
//
// items_per_second is events (rows) per second. The append benchmarks are run side by side, 1 and 1,000 events per
// transaction. What the baseline includes: binding the seven columns and inserting the row, plus BEGIN IMMEDIATE
// and a durable COMMIT. What the journal does on top: canonical JSON of the payload, the canonical event bytes and
// their SHA-256 chain hash, reading the head, loading and decoding the projection rows the events touch, applying
// each event to them, updating the head row after every event and writing the changed projection rows back.
//
// Files live in a scratch directory beside the cached data (build/bench-data, or $LEUBANK_BENCH_DATA), so on the
// same disk as the project, never on a tmpfs /tmp. The 1,000,000-event journal is built once (1,000 events per
// append, about 20 s on 2 cores) and cached there under a name keyed by the event format, the SQLite schema and this
// file's data version; delete it to rebuild. Run with scripts/run-bench (`make bench`); this is never a test.
#include <signal.h>
#include <sqlite3.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "demo/demo_bank.hpp"
#include "domain/clock.hpp"
#include "ledger/event.hpp"
#include "ledger/event_types.hpp"
#include "ledger/journal.hpp"
#include "store/sqlite_store.hpp"
#include "store/store.hpp"

namespace leu {
namespace {

namespace fs = std::filesystem;

// Bump when the generated journal changes, so that a stale cached file is not reused.
constexpr int kBenchDataVersion = 1;
constexpr std::int64_t kVerifyEvents = 1'000'000;
constexpr std::int64_t kVerifyBatch = 1'000;
constexpr const char* kActor = "olga";  // the demo operator

fs::path data_dir() {
  if (const char* env = std::getenv("LEUBANK_BENCH_DATA"); env && *env) return env;
  return fs::path(LEUBANK_SOURCE_DIR) / "build" / "bench-data";
}

// The same schema as the store's (src/store/sqlite_store.cpp), for the plain baseline.
constexpr const char* kJournalTable = R"sql(
    CREATE TABLE journal (
      seq     INTEGER PRIMARY KEY,
      time    TEXT    NOT NULL,
      actor   TEXT    NOT NULL,
      type    TEXT    NOT NULL,
      version INTEGER NOT NULL,
      payload TEXT    NOT NULL,
      hash    TEXT    NOT NULL
    );)sql";

// The bytes a journal row holds, counted the same way for both append benchmarks.
std::int64_t row_bytes(const StoredEvent& e) {
  return static_cast<std::int64_t>(2 * sizeof(std::int64_t) + e.time.size() + e.actor.size() + e.type.size() +
                                   e.payload.size() + e.hash.size());
}

// The event stream: event i moves demo cylinder i % n away from its home position to a spare one on even rounds
// and back on odd rounds, so every move is valid and the stream repeats every 2n events.
class MoveCycle {
 public:
  MoveCycle() = default;
  MoveCycle(const std::vector<Item>& items, std::string date) : date_(std::move(date)) {
    for (const Item& item : items) {
      if (!item.on_hand()) continue;
      std::string spare = item.position;
      spare[0] = spare[0] == 'S' ? 'T' : 'S';  // same length as the home position
      cylinders_.push_back({item.id, item.position, spare});
    }
  }

  std::int64_t period() const { return 2 * static_cast<std::int64_t>(cylinders_.size()); }

  NewEvent event(std::int64_t i) const {
    const auto n = static_cast<std::int64_t>(cylinders_.size());
    const Cylinder& c = cylinders_[static_cast<std::size_t>(i % n)];
    const bool away = (i / n) % 2 == 0;
    return NewEvent{
        event_type::kCylinderMoved,
        {{"date", date_}, {"item", c.id}, {"from", away ? c.home : c.spare}, {"to", away ? c.spare : c.home}}};
  }

  // The `n` events from index `first` on; built once per (first % period) and kept.
  const std::vector<NewEvent>& batch(std::int64_t first, std::int64_t n) {
    auto& slot = batches_[{first % period(), n}];
    if (slot.empty())
      for (std::int64_t i = 0; i < n; ++i) slot.push_back(event(first + i));
    return slot;
  }

 private:
  struct Cylinder {
    std::string id, home, spare;
  };
  std::string date_;
  std::vector<Cylinder> cylinders_;
  std::map<std::pair<std::int64_t, std::int64_t>, std::vector<NewEvent>> batches_;
};

// Closing the last connection checkpoints the WAL, so the .db file alone can be copied or renamed.
void remove_db(const fs::path& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix, ec);
}

// Built once per process: the demo bank as a template file, the move cycle and a sample of real journal rows.
struct Shared {
  fs::path scratch;
  fs::path template_db;
  std::int64_t demo_events = 0;
  MoveCycle cycle;
  std::vector<StoredEvent> sample_rows;  // one period of the cycle, as the journal stored it
  std::string error;

  SystemClock clock;

  Shared() {
    scratch = data_dir() / fmt::format("scratch-{}", ::getpid());
    std::error_code ec;
    fs::create_directories(data_dir(), ec);
    remove_stale_scratch();
    fs::remove_all(scratch, ec);
    fs::create_directories(scratch);
    if (struct statfs st; ::statfs(scratch.c_str(), &st) == 0 && st.f_type == 0x01021994 /* TMPFS_MAGIC */)
      std::fprintf(stderr, "warning: %s is on tmpfs; fsync costs nothing there\n", scratch.c_str());
    if (auto built = build(); !built) error = built.error().describe();
  }
  ~Shared() {
    std::error_code ec;
    fs::remove_all(scratch, ec);
  }

  // Scratch directories left by runs that were killed (their process is gone).
  static void remove_stale_scratch() {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(data_dir(), ec)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_directory() || !name.starts_with("scratch-")) continue;
      const pid_t pid = static_cast<pid_t>(std::atoll(name.c_str() + 8));
      if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
    }
  }

  Result<void> build() {
    template_db = scratch / "template.db";
    {
      auto store = open_store(template_db.string(), OpenMode::kCreate);
      if (!store) return std::unexpected(store.error());
      Journal journal(**store, clock);
      auto head = build_demo_bank(journal);
      if (!head) return std::unexpected(head.error());
      demo_events = head->seq;
      auto items = journal.items();
      if (!items) return std::unexpected(items.error());
      cycle = MoveCycle(*items, Date::of(clock.now()).text());
    }
    // Capture one period of real rows for the plain baseline.
    const fs::path sample = scratch / "sample.db";
    fs::copy_file(template_db, sample);
    auto store = open_store(sample.string(), OpenMode::kExisting);
    if (!store) return std::unexpected(store.error());
    Journal journal(**store, clock);
    std::vector<NewEvent> events;
    for (std::int64_t i = 0; i < cycle.period(); ++i) events.push_back(cycle.event(i));
    LEU_RETURN_IF_ERROR(journal.append(kActor, events));
    return journal.scan(demo_events + 1, [&](const StoredEvent& e) {
      sample_rows.push_back(e);
      return true;
    });
  }

  // A fresh copy of the demo bank at `name` in the scratch directory.
  fs::path copy_template(const std::string& name) const {
    const fs::path path = scratch / name;
    remove_db(path);
    fs::copy_file(template_db, path);
    return path;
  }
};

Shared& shared() {
  static Shared instance;
  return instance;
}

void BM_JournalAppend(benchmark::State& state) {
  Shared& s = shared();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  const std::int64_t per_tx = state.range(0);
  const fs::path path = s.copy_template(fmt::format("append-{}.db", per_tx));
  auto store = open_store(path.string(), OpenMode::kExisting);
  if (!store) return state.SkipWithError(store.error().describe().c_str());
  Journal journal(**store, s.clock);
  std::int64_t next = 0;
  for (auto _ : state) {
    const auto& events = s.cycle.batch(next, per_tx);
    if (auto head = journal.append(kActor, events); !head) return state.SkipWithError(head.error().describe().c_str());
    next += per_tx;
  }
  state.SetItemsProcessed(next);
  std::int64_t bytes = 0;
  for (std::int64_t i = 0; i < next; ++i)
    bytes += row_bytes(s.sample_rows[static_cast<std::size_t>(i % s.cycle.period())]);
  state.SetBytesProcessed(bytes);
  state.counters["per_tx"] = static_cast<double>(per_tx);
  store->reset();
  remove_db(path);
}

struct Db {
  sqlite3* db = nullptr;
  sqlite3_stmt* insert = nullptr;
  ~Db() {
    sqlite3_finalize(insert);
    sqlite3_close_v2(db);
  }
  bool exec(const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
};

void BM_PlainSqliteInsert(benchmark::State& state) {
  Shared& s = shared();
  if (!s.error.empty()) return state.SkipWithError(s.error.c_str());
  const std::int64_t per_tx = state.range(0);
  const fs::path path = s.scratch / fmt::format("plain-{}.db", per_tx);
  remove_db(path);
  Db d;
  // As open_sqlite_store() opens its files.
  if (sqlite3_open_v2(path.c_str(), &d.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK)
    return state.SkipWithError("cannot create the plain SQLite file");
  sqlite3_extended_result_codes(d.db, 1);
  sqlite3_busy_timeout(d.db, 5000);
  if (!d.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;") ||
      !d.exec(kJournalTable))
    return state.SkipWithError(sqlite3_errmsg(d.db));
  const char* sql =
      "INSERT INTO journal (seq, time, actor, type, version, payload, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  if (sqlite3_prepare_v3(d.db, sql, -1, SQLITE_PREPARE_PERSISTENT, &d.insert, nullptr) != SQLITE_OK)
    return state.SkipWithError(sqlite3_errmsg(d.db));

  const auto bind_text = [&](int index, const std::string& text) {
    sqlite3_bind_text(d.insert, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  };
  const auto period = static_cast<std::int64_t>(s.sample_rows.size());
  std::int64_t next = 0, bytes = 0;
  for (auto _ : state) {
    if (!d.exec("BEGIN IMMEDIATE")) return state.SkipWithError(sqlite3_errmsg(d.db));
    for (std::int64_t i = 0; i < per_tx; ++i, ++next) {
      const StoredEvent& e = s.sample_rows[static_cast<std::size_t>(next % period)];
      sqlite3_bind_int64(d.insert, 1, next + 1);
      bind_text(2, e.time);
      bind_text(3, e.actor);
      bind_text(4, e.type);
      sqlite3_bind_int64(d.insert, 5, e.version);
      bind_text(6, e.payload);
      bind_text(7, e.hash);
      if (sqlite3_step(d.insert) != SQLITE_DONE) return state.SkipWithError(sqlite3_errmsg(d.db));
      sqlite3_reset(d.insert);
      bytes += row_bytes(e);
    }
    if (!d.exec("COMMIT")) return state.SkipWithError(sqlite3_errmsg(d.db));
  }
  state.SetItemsProcessed(next);
  state.SetBytesProcessed(bytes);
  state.counters["per_tx"] = static_cast<double>(per_tx);
}

// Builds the 1,000,000-event journal at `path`: the demo bank, then the move cycle, 1,000 events per append.
Result<void> build_verify_journal(const fs::path& path) {
  Shared& s = shared();
  if (!s.error.empty()) return fail(ErrorCode::kStorage, "bench", s.error);
  const fs::path partial = s.scratch / "verify-journal.partial.db";  // same file system as `path`: rename is atomic
  remove_db(partial);
  fs::copy_file(s.template_db, partial);
  {
    auto store = open_store(partial.string(), OpenMode::kExisting);
    if (!store) return std::unexpected(store.error());
    Journal journal(**store, s.clock);
    for (std::int64_t next = 0, left = kVerifyEvents - s.demo_events; left > 0;) {
      const std::int64_t n = std::min(left, kVerifyBatch);
      std::vector<NewEvent> events;
      events.reserve(static_cast<std::size_t>(n));
      for (std::int64_t i = 0; i < n; ++i) events.push_back(s.cycle.event(next + i));
      LEU_RETURN_IF_ERROR(journal.append(kActor, events));
      next += n;
      left -= n;
    }
  }
  fs::rename(partial, path);
  return {};
}

void BM_Verify(benchmark::State& state) {
  const fs::path path = data_dir() / fmt::format("verify-journal-f{}-s{}-b{}-{}.db", kEventFormatVersion,
                                                 kSqliteSchemaVersion, kBenchDataVersion, kVerifyEvents);
  const auto verify_once = [&]() -> Result<VerifyReport> {
    auto store = open_store(path.string(), OpenMode::kExisting);
    if (!store) return std::unexpected(store.error());
    Journal journal(**store, shared().clock);
    return journal.verify();
  };
  bool built = false;
  if (!fs::exists(path)) {
    const auto start = std::chrono::steady_clock::now();
    std::fprintf(stderr, "building the %lld-event journal once, cached at %s ...\n",
                 static_cast<long long>(kVerifyEvents), path.c_str());
    if (auto done = build_verify_journal(path); !done) return state.SkipWithError(done.error().describe().c_str());
    std::fprintf(stderr, "built in %.1f s\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    built = true;
  }
  // Untimed warm-up: fills the page cache and checks the cached file; a stale one is rebuilt once.
  auto warm = verify_once();
  if (!built && (!warm || !warm->ok() || warm->events != kVerifyEvents)) {
    std::fprintf(stderr, "the cached journal %s does not verify; rebuilding it\n", path.c_str());
    remove_db(path);
    if (auto done = build_verify_journal(path); !done) return state.SkipWithError(done.error().describe().c_str());
  }

  std::int64_t events = 0;
  for (auto _ : state) {
    auto report = verify_once();
    if (!report) return state.SkipWithError(report.error().describe().c_str());
    if (!report->ok())
      return state.SkipWithError(("the journal does not verify: " + report->divergence->message).c_str());
    if (report->events != kVerifyEvents)
      return state.SkipWithError(fmt::format("verified {} events, expected {}", report->events, kVerifyEvents).c_str());
    events += report->events;
  }
  state.SetItemsProcessed(events);
}

// Side by side: the journal and its plain baseline at each transaction size. fsync latency drifts on a shared
// machine, so each runs three times (scripts/run-bench interleaves the repetitions at random) and the median counts.
void AppendRuns(benchmark::internal::Benchmark* b) {
  b->UseRealTime()->MinTime(1.0)->Repetitions(3)->DisplayAggregatesOnly(true);
}
BENCHMARK(BM_JournalAppend)->Arg(1)->Apply(AppendRuns)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PlainSqliteInsert)->Arg(1)->Apply(AppendRuns)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_JournalAppend)->Arg(1000)->Apply(AppendRuns)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlainSqliteInsert)->Arg(1000)->Apply(AppendRuns)->Unit(benchmark::kMillisecond);
// One untimed warm-up, then three timed runs of about 3-5 s each.
BENCHMARK(BM_Verify)->UseRealTime()->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace leu

BENCHMARK_MAIN();
