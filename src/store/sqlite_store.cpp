#include "store/sqlite_store.hpp"

#include <filesystem>
#include <span>

#include "store/sqlite_db.hpp"

namespace leu {
namespace {

using sqlite::Statement;

// Migration i brings a file from schema version i to i + 1.
constexpr const char* kMigrations[] = {
    // 0 -> 1: the journal, its head and the projection rows.
    R"sql(
    CREATE TABLE journal (
      seq     INTEGER PRIMARY KEY,
      time    TEXT    NOT NULL,
      actor   TEXT    NOT NULL,
      type    TEXT    NOT NULL,
      version INTEGER NOT NULL,
      payload TEXT    NOT NULL,
      hash    TEXT    NOT NULL
    );
    CREATE TABLE head (
      id   INTEGER PRIMARY KEY CHECK (id = 1),
      seq  INTEGER NOT NULL,
      hash TEXT    NOT NULL
    );
    INSERT INTO head (id, seq, hash) VALUES (1, 0, '');
    CREATE TABLE projection (
      kind TEXT NOT NULL,
      key  TEXT NOT NULL,
      doc  TEXT NOT NULL,
      PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    )sql",
    // 1 -> 2: inventory change lines, indexed for the book of an MBA at a date.
    // A database brought forward from version 1 has no lines until 'leubank rebuild'.
    R"sql(
    CREATE TABLE change_line (
      seq        INTEGER NOT NULL,
      line       INTEGER NOT NULL,
      mba        TEXT    NOT NULL,
      date       TEXT    NOT NULL,
      code       TEXT    NOT NULL,
      category   TEXT    NOT NULL,
      batch      TEXT    NOT NULL,
      kmp        TEXT    NOT NULL,
      partner    TEXT    NOT NULL,
      uranium_mg INTEGER NOT NULL,
      u235_mg    INTEGER NOT NULL,
      items      INTEGER NOT NULL,
      PRIMARY KEY (seq, line)
    ) WITHOUT ROWID;
    CREATE INDEX change_line_book ON change_line (mba, date, category, uranium_mg, u235_mg, items);
    )sql",
    // 2 -> 3: credentials (never in the journal) and the append-only access log.
    R"sql(
    CREATE TABLE credential (
      kind TEXT NOT NULL,
      key  TEXT NOT NULL,
      doc  TEXT NOT NULL,
      PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE TABLE access_log (
      seq    INTEGER PRIMARY KEY,
      time   TEXT NOT NULL,
      actor  TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT NOT NULL
    );
    CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
      BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
    CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
      BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
    )sql",
    // 3 -> 4: the newest entry of an action (the last verification) in one index seek.
    R"sql(
    CREATE INDEX access_log_action ON access_log (action, seq);
    )sql",
};
static_assert(std::size(kMigrations) == kSqliteSchemaVersion);

// The MBAs that have change lines, found by one index seek each (a loose index
// scan), so that a query joined to it reads each MBA's date range from the
// (MBA, date) index instead of scanning every line.
constexpr const char* kEveryMba =
    "WITH RECURSIVE m(mba) AS (SELECT min(mba) FROM change_line UNION ALL "
    "SELECT (SELECT min(mba) FROM change_line WHERE mba > m.mba) FROM m WHERE m.mba IS NOT NULL) ";

struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { sqlite3_close_v2(db); }
};

class SqliteStore;

class SqliteTransaction final : public WriteTransaction {
 public:
  SqliteTransaction(SqliteStore& store, Head head) : store_(store), head_(std::move(head)) {}
  ~SqliteTransaction() override;
  Head head() const override { return head_; }
  Result<void> append(const StoredEvent& event) override;
  Result<std::optional<ProjectionRow>> get_row(const std::string& kind, const std::string& key) override;
  Result<void> put_row(const ProjectionRow& row) override;
  Result<void> erase_row(const std::string& kind, const std::string& key) override;
  Result<void> add_line(const ChangeLine& line) override;
  Result<void> clear_rows() override;
  Result<void> put_credential(const ProjectionRow& row) override;
  Result<void> commit() override;

 private:
  SqliteStore& store_;
  Head head_;
  bool open_ = true;
};

// A deferred transaction that has read once holds its WAL snapshot until it ends.
class SqliteSnapshot final : public ReadSnapshot {
 public:
  explicit SqliteSnapshot(sqlite3* db) : db_(db) {}
  ~SqliteSnapshot() override { (void)sqlite::exec(db_, "COMMIT"); }

 private:
  sqlite3* db_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> conn, std::string path) : conn_(std::move(conn)), path_(std::move(path)) {
    sqlite3* db = conn_->db;
    insert_event_ = Statement(db,
                              "INSERT INTO journal (seq, time, actor, type, version, payload, hash) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    set_head_ = Statement(db, "UPDATE head SET seq = ?1, hash = ?2 WHERE id = 1");
    get_head_ = Statement(db, "SELECT seq, hash FROM head WHERE id = 1");
    get_row_ = Statement(db, "SELECT doc FROM projection WHERE kind = ?1 AND key = ?2");
    put_row_ = Statement(db,
                         "INSERT INTO projection (kind, key, doc) VALUES (?1, ?2, ?3) "
                         "ON CONFLICT (kind, key) DO UPDATE SET doc = excluded.doc");
    erase_row_ = Statement(db, "DELETE FROM projection WHERE kind = ?1 AND key = ?2");
    add_line_ = Statement(db,
                          "INSERT INTO change_line (seq, line, mba, date, code, category, batch, kmp, partner, "
                          "uranium_mg, u235_mg, items) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  }

  std::string describe() const override { return "sqlite:" + path_; }

  Result<std::unique_ptr<WriteTransaction>> begin_write() override {
    LEU_RETURN_IF_ERROR(sqlite::exec(db(), "BEGIN IMMEDIATE"));
    auto h = head();
    if (!h) {
      (void)sqlite::exec(db(), "ROLLBACK");
      return std::unexpected(h.error());
    }
    return std::make_unique<SqliteTransaction>(*this, *h);
  }

  Result<std::unique_ptr<ReadSnapshot>> read_snapshot() override {
    if (!sqlite3_get_autocommit(db())) return std::make_unique<ReadSnapshot>();  // joins the open one
    LEU_RETURN_IF_ERROR(sqlite::exec(db(), "BEGIN DEFERRED"));
    auto snapshot = std::make_unique<SqliteSnapshot>(db());
    LEU_RETURN_IF_ERROR(head());  // the first read fixes the snapshot
    return std::unique_ptr<ReadSnapshot>(std::move(snapshot));
  }

  Result<Head> head() override {
    auto row = get_head_.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) {
      get_head_.reset();
      return fail(ErrorCode::kIntegrity, "head", "the head record is missing from " + describe());
    }
    Head h{get_head_.int64(0), get_head_.text(1)};
    get_head_.reset();
    return h;
  }

  Result<void> scan_journal(std::int64_t from_seq, std::int64_t to_seq, const EventVisitor& visit) override {
    Statement s(db(),
                "SELECT seq, time, actor, type, version, payload, hash FROM journal "
                "WHERE seq >= ?1 AND seq <= ?2 ORDER BY seq");
    s.bind(1, from_seq).bind(2, to_seq);
    for (;;) {
      auto row = s.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      StoredEvent e{s.int64(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.int64(4)), s.text(5), s.text(6)};
      if (!visit(e)) return {};
    }
  }

  Result<std::int64_t> journal_count() override {
    Statement s(db(), "SELECT count(*) FROM journal");
    auto row = s.step();
    if (!row) return std::unexpected(row.error());
    return s.int64(0);
  }

  Result<std::optional<ProjectionRow>> get_row(const std::string& kind, const std::string& key) override {
    get_row_.bind(1, kind).bind(2, key);
    auto row = get_row_.step();
    if (!row) return std::unexpected(row.error());
    std::optional<ProjectionRow> out;
    if (*row) out = ProjectionRow{kind, key, get_row_.text(0)};
    get_row_.reset();
    return out;
  }

  Result<void> scan_rows(const std::string& kind, const RowVisitor& visit) override {
    Statement s(db(), kind.empty() ? "SELECT kind, key, doc FROM projection ORDER BY kind, key"
                                   : "SELECT kind, key, doc FROM projection WHERE kind = ?1 ORDER BY key");
    if (!kind.empty()) s.bind(1, kind);
    for (;;) {
      auto row = s.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      if (!visit(ProjectionRow{s.text(0), s.text(1), s.text(2)})) return {};
    }
  }

  Result<void> scan_lines(std::int64_t from_seq, std::int64_t to_seq, const LineVisitor& visit) override {
    Statement s(db(),
                "SELECT seq, line, mba, date, code, category, batch, kmp, partner, uranium_mg, u235_mg, items "
                "FROM change_line WHERE seq >= ?1 AND seq <= ?2 ORDER BY seq, line");
    s.bind(1, from_seq).bind(2, to_seq);
    for (;;) {
      auto row = s.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      ChangeLine l{s.int64(0),  static_cast<int>(s.int64(1)),
                   s.text(2),   s.text(3),
                   s.text(4),   s.text(5),
                   s.text(6),   s.text(7),
                   s.text(8),   s.int64(9),
                   s.int64(10), s.int64(11)};
      if (!visit(l)) return {};
    }
  }

  Result<std::vector<BookTotal>> book_totals(const std::string& mba, const std::string& date) override {
    Statement s(db(),
                "SELECT category, sum(uranium_mg), sum(u235_mg), sum(items) FROM change_line "
                "WHERE mba = ?1 AND date <= ?2 GROUP BY category ORDER BY category");
    s.bind(1, mba).bind(2, date);
    std::vector<BookTotal> out;
    for (;;) {
      auto row = s.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return out;
      out.push_back(BookTotal{s.text(0), s.int64(1), s.int64(2), s.int64(3)});
    }
  }

  Result<std::vector<CodeTotal>> change_totals(const std::string& mba, const std::string& from,
                                               const std::string& to) override {
    Statement s(db(),
                "SELECT category, code, uranium_mg >= 0 AS inc, sum(uranium_mg), sum(u235_mg), sum(items), "
                "count(*) FROM change_line WHERE mba = ?1 AND date >= ?2 AND date <= ?3 "
                "GROUP BY category, code, inc ORDER BY category, inc DESC, code");
    s.bind(1, mba).bind(2, from).bind(3, to);
    std::vector<CodeTotal> out;
    for (;;) {
      auto row = s.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return out;
      out.push_back(CodeTotal{s.text(0), s.text(1), s.int64(2) != 0, s.int64(3), s.int64(4), s.int64(5), s.int64(6)});
    }
  }

  Result<std::vector<MbaBookTotal>> all_book_totals(const std::string& date) override {
    Statement s(db(), std::string(kEveryMba) +
                          "SELECT c.mba, c.category, sum(c.uranium_mg), sum(c.u235_mg), sum(c.items) "
                          "FROM m CROSS JOIN change_line c ON c.mba = m.mba AND c.date <= ?1 "
                          "GROUP BY c.mba, c.category ORDER BY c.mba, c.category");
    s.bind(1, date);
    std::vector<MbaBookTotal> out;
    for (;;) {
      auto row = s.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return out;
      out.push_back(MbaBookTotal{s.text(0), BookTotal{s.text(1), s.int64(2), s.int64(3), s.int64(4)}});
    }
  }

  Result<std::vector<PeriodCodeTotal>> all_change_totals(const std::string& from, const std::string& to,
                                                         int prefix) override {
    Statement s(db(),
                std::string(kEveryMba) +
                    "SELECT c.mba, substr(c.date, 1, ?3) AS period, c.category, c.code, c.uranium_mg >= 0 AS inc, "
                    "sum(c.uranium_mg), sum(c.u235_mg), sum(c.items), count(*) "
                    "FROM m CROSS JOIN change_line c ON c.mba = m.mba AND c.date >= ?1 AND c.date <= ?2 "
                    "GROUP BY c.mba, period, c.category, c.code, inc "
                    "ORDER BY c.mba, period, c.category, inc DESC, c.code");
    s.bind(1, from).bind(2, to).bind(3, static_cast<std::int64_t>(prefix));
    std::vector<PeriodCodeTotal> out;
    for (;;) {
      auto row = s.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return out;
      out.push_back(PeriodCodeTotal{
          s.text(0), s.text(1),
          CodeTotal{s.text(2), s.text(3), s.int64(4) != 0, s.int64(5), s.int64(6), s.int64(7), s.int64(8)}});
    }
  }

  Result<std::optional<ProjectionRow>> get_credential(const std::string& kind, const std::string& key) override {
    Statement s(db(), "SELECT doc FROM credential WHERE kind = ?1 AND key = ?2");
    s.bind(1, kind).bind(2, key);
    auto row = s.step();
    if (!row) return std::unexpected(row.error());
    std::optional<ProjectionRow> out;
    if (*row) out = ProjectionRow{kind, key, s.text(0)};
    return out;
  }

  Result<void> scan_credentials(const std::string& kind, const RowVisitor& visit) override {
    Statement s(db(), "SELECT kind, key, doc FROM credential WHERE ?1 = '' OR kind = ?1 ORDER BY kind, key");
    s.bind(1, kind);
    for (;;) {
      auto row = s.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      if (!visit(ProjectionRow{s.text(0), s.text(1), s.text(2)})) return {};
    }
  }

  Result<std::int64_t> append_access(const AccessRecord& r) override {
    LEU_RETURN_IF_ERROR(sqlite::exec(db(), "BEGIN IMMEDIATE"));
    Statement s(db(),
                "INSERT INTO access_log (seq, time, actor, action, target) "
                "SELECT coalesce(max(seq), 0) + 1, ?1, ?2, ?3, ?4 FROM access_log RETURNING seq");
    s.bind(1, r.time).bind(2, r.actor).bind(3, r.action).bind(4, r.target);
    auto row = s.step();
    if (!row) {
      (void)sqlite::exec(db(), "ROLLBACK");
      return std::unexpected(row.error());
    }
    const std::int64_t seq = s.int64(0);
    s.reset();
    if (auto done = sqlite::exec(db(), "COMMIT"); !done) {
      (void)sqlite::exec(db(), "ROLLBACK");
      return std::unexpected(done.error());
    }
    return seq;
  }

  Result<void> scan_access(std::int64_t from_seq, const AccessVisitor& visit) override {
    Statement s(db(), "SELECT seq, time, actor, action, target FROM access_log WHERE seq >= ?1 ORDER BY seq");
    s.bind(1, from_seq);
    for (;;) {
      auto row = s.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      if (!visit(AccessRecord{s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)})) return {};
    }
  }

  Result<std::optional<AccessRecord>> last_access(const std::string& action) override {
    Statement s(db(),
                "SELECT seq, time, actor, action, target FROM access_log WHERE action = ?1 ORDER BY seq DESC LIMIT 1");
    s.bind(1, action);
    auto row = s.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<AccessRecord>();
    return AccessRecord{s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)};
  }

  sqlite3* db() const { return conn_->db; }
  Statement insert_event_, set_head_, get_head_, get_row_, put_row_, erase_row_, add_line_;

 private:
  std::unique_ptr<Connection> conn_;
  std::string path_;
};

SqliteTransaction::~SqliteTransaction() {
  if (open_) (void)sqlite::exec(store_.db(), "ROLLBACK");
}

Result<void> SqliteTransaction::append(const StoredEvent& e) {
  if (e.seq != head_.seq + 1)
    return fail(ErrorCode::kConflict, "seq",
                "event " + std::to_string(e.seq) + " does not follow the head " + std::to_string(head_.seq));
  auto& ins = store_.insert_event_;
  ins.bind(1, e.seq).bind(2, e.time).bind(3, e.actor).bind(4, e.type).bind(5, std::int64_t{e.version});
  ins.bind(6, e.payload).bind(7, e.hash);
  LEU_RETURN_IF_ERROR(ins.run());
  head_ = Head{e.seq, e.hash};  // the head row is written once, at commit
  return {};
}

Result<std::optional<ProjectionRow>> SqliteTransaction::get_row(const std::string& kind, const std::string& key) {
  return store_.get_row(kind, key);
}

Result<void> SqliteTransaction::put_row(const ProjectionRow& row) {
  return store_.put_row_.bind(1, row.kind).bind(2, row.key).bind(3, row.doc).run();
}

Result<void> SqliteTransaction::erase_row(const std::string& kind, const std::string& key) {
  return store_.erase_row_.bind(1, kind).bind(2, key).run();
}

Result<void> SqliteTransaction::add_line(const ChangeLine& l) {
  auto& ins = store_.add_line_;
  ins.bind(1, l.seq).bind(2, std::int64_t{l.line}).bind(3, l.mba).bind(4, l.date).bind(5, l.code);
  ins.bind(6, l.category).bind(7, l.batch).bind(8, l.kmp).bind(9, l.partner).bind(10, l.uranium_mg);
  ins.bind(11, l.u235_mg).bind(12, l.items);
  return ins.run();
}

Result<void> SqliteTransaction::clear_rows() {
  return sqlite::exec(store_.db(), "DELETE FROM projection; DELETE FROM change_line;");
}

Result<void> SqliteTransaction::put_credential(const ProjectionRow& row) {
  Statement s(store_.db(),
              "INSERT INTO credential (kind, key, doc) VALUES (?1, ?2, ?3) "
              "ON CONFLICT (kind, key) DO UPDATE SET doc = excluded.doc");
  return s.bind(1, row.kind).bind(2, row.key).bind(3, row.doc).run();
}

Result<void> SqliteTransaction::commit() {
  auto done = store_.set_head_.bind(1, head_.seq).bind(2, head_.hash).run();
  if (done) done = sqlite::exec(store_.db(), "COMMIT");
  if (!done) {
    (void)sqlite::exec(store_.db(), "ROLLBACK");
    open_ = false;
    return done;
  }
  open_ = false;
  return {};
}

Result<int> pragma_int(sqlite3* db, const char* name) {
  Statement s(db, std::string("PRAGMA ") + name);
  auto row = s.step();
  if (!row) return std::unexpected(row.error());
  return static_cast<int>(s.int64(0));
}

Result<bool> has_tables(sqlite3* db) {
  Statement s(db, "SELECT count(*) FROM sqlite_schema");
  auto row = s.step();
  if (!row) return std::unexpected(row.error());
  return s.int64(0) > 0;
}

Result<void> migrate(sqlite3* db, int from) {
  LEU_RETURN_IF_ERROR(sqlite::exec(db, "BEGIN IMMEDIATE"));
  for (int v = from; v < kSqliteSchemaVersion; ++v) {
    if (auto r = sqlite::exec(db, kMigrations[v]); !r) {
      (void)sqlite::exec(db, "ROLLBACK");
      return r;
    }
  }
  const std::string mark = "PRAGMA application_id = " + std::to_string(kSqliteApplicationId) +
                           "; PRAGMA user_version = " + std::to_string(kSqliteSchemaVersion) + ";";
  if (auto r = sqlite::exec(db, mark); !r) {
    (void)sqlite::exec(db, "ROLLBACK");
    return r;
  }
  return sqlite::exec(db, "COMMIT");
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, OpenMode mode) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (mode == OpenMode::kExisting && !exists)
    return fail(ErrorCode::kNotFound, "db", "no database at '" + path + "' (create one with 'leubank init')");
  if (mode == OpenMode::kCreate && exists && fs::file_size(path, ec) > 0)
    return fail(ErrorCode::kConflict, "db", "'" + path + "' already exists; refusing to overwrite it");

  auto conn = std::make_unique<Connection>();
  const int flags = SQLITE_OPEN_READWRITE | (mode == OpenMode::kCreate ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &conn->db, flags, nullptr) != SQLITE_OK)
    return std::unexpected(sqlite::storage_error(conn->db, "opening '" + path + "'"));
  sqlite3_extended_result_codes(conn->db, 1);
  sqlite3_busy_timeout(conn->db, 5000);

  const auto not_ours = [&](const std::string& why) {
    return fail(ErrorCode::kInvalidInput, "db", "'" + path + "' is not a leubank database (" + why + ")");
  };
  auto app_id = pragma_int(conn->db, "application_id");
  if (!app_id) return not_ours("not an SQLite file");
  auto version = pragma_int(conn->db, "user_version");
  if (!version) return std::unexpected(version.error());
  auto tables = has_tables(conn->db);
  if (!tables) return not_ours("not an SQLite file");

  const bool fresh = *app_id == 0 && *version == 0 && !*tables;
  if (!fresh && *app_id != kSqliteApplicationId) return not_ours("it belongs to another application");
  if (fresh && mode == OpenMode::kExisting) return not_ours("the file is empty; run 'leubank init'");
  if (*version > kSqliteSchemaVersion)
    return fail(ErrorCode::kInvalidInput, "db",
                "'" + path + "' has schema version " + std::to_string(*version) + ", newer than this program's " +
                    std::to_string(kSqliteSchemaVersion) + "; upgrade leubank");

  LEU_RETURN_IF_ERROR(sqlite::exec(conn->db,
                                   "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                                   "PRAGMA foreign_keys = ON;"));
  if (*version < kSqliteSchemaVersion) LEU_RETURN_IF_ERROR(migrate(conn->db, *version));
  return std::make_unique<SqliteStore>(std::move(conn), path);
}

}  // namespace leu
