#include "store/postgres_store.hpp"

#include "store/postgres_write_buffer.hpp"

#include <optional>
#include <pqxx/pqxx>

namespace leu {
namespace {

constexpr std::int64_t kPageSize = 10'000;  // journal rows fetched per round trip

// Migration i brings a database from schema version i to i + 1.
constexpr const char* kMigrations[] = {
    R"sql(
    CREATE TABLE leubank_meta (key text PRIMARY KEY, value text NOT NULL);
    INSERT INTO leubank_meta (key, value) VALUES ('application', 'leubank');
    CREATE TABLE journal (
      seq     bigint  PRIMARY KEY,
      time    text    NOT NULL,
      actor   text    NOT NULL,
      type    text    NOT NULL,
      version integer NOT NULL,
      payload text    NOT NULL,
      hash    text    NOT NULL
    );
    CREATE TABLE head (
      id   integer PRIMARY KEY CHECK (id = 1),
      seq  bigint  NOT NULL,
      hash text    NOT NULL
    );
    INSERT INTO head (id, seq, hash) VALUES (1, 0, '');
    CREATE TABLE projection (
      kind text COLLATE "C" NOT NULL,
      key  text COLLATE "C" NOT NULL,
      doc  text NOT NULL,
      PRIMARY KEY (kind, key)
    );
    )sql",
    // 1 -> 2: inventory change lines, indexed for the book of an MBA at a date.
    R"sql(
    CREATE TABLE change_line (
      seq        bigint  NOT NULL,
      line       integer NOT NULL,
      mba        text COLLATE "C" NOT NULL,
      date       text COLLATE "C" NOT NULL,
      code       text    NOT NULL,
      category   text COLLATE "C" NOT NULL,
      batch      text    NOT NULL,
      kmp        text    NOT NULL,
      partner    text    NOT NULL,
      uranium_mg bigint  NOT NULL,
      u235_mg    bigint  NOT NULL,
      items      bigint  NOT NULL,
      PRIMARY KEY (seq, line)
    );
    CREATE INDEX change_line_book ON change_line (mba, date) INCLUDE (category, uranium_mg, u235_mg, items);
    )sql",
    // 2 -> 3: credentials (never in the journal) and the append-only access log.
    R"sql(
    CREATE TABLE credential (
      kind text COLLATE "C" NOT NULL,
      key  text COLLATE "C" NOT NULL,
      doc  text NOT NULL,
      PRIMARY KEY (kind, key)
    );
    CREATE TABLE access_log (
      seq    bigint PRIMARY KEY,
      time   text NOT NULL,
      actor  text NOT NULL,
      action text NOT NULL,
      target text NOT NULL
    );
    CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$;
    CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
    )sql",
    // 3 -> 4: the newest entry of an action (the last verification) in one index seek.
    R"sql(
    CREATE INDEX access_log_action ON access_log (action, seq);
    )sql",
};
static_assert(std::size(kMigrations) == kPostgresSchemaVersion);

using ReadTx = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

// Turns a libpqxx exception into an Error naming the operation and the database.
Error pg_error(const std::exception& e, const std::string& operation, const std::string& where) {
  std::string what = e.what();
  while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string state = sql->sqlstate();
    if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014")
      return Error{ErrorCode::kConflict, "", operation + " on " + where + " conflicted with another writer: " + what};
  }
  return Error{ErrorCode::kStorage, "", operation + " on " + where + " failed: " + what};
}

StoredEvent event_of(const pqxx::row& r) {
  return StoredEvent{r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                     r[4].as<int>(),          r[5].as<std::string>(), r[6].as<std::string>()};
}

// The MBAs that have change lines, found by one index seek each (a loose index
// scan), so that a query joined to it reads each MBA's date range from the
// (MBA, date) index instead of scanning every line.
constexpr const char* kEveryMba =
    "WITH RECURSIVE m(mba) AS ((SELECT mba FROM change_line ORDER BY mba LIMIT 1) UNION ALL "
    "SELECT (SELECT c.mba FROM change_line c WHERE c.mba > m.mba ORDER BY c.mba LIMIT 1) FROM m "
    "WHERE m.mba IS NOT NULL) ";

class PostgresStore;

class PostgresTransaction final : public WriteTransaction {
 public:
  PostgresTransaction(std::unique_ptr<pqxx::work> work, Head head, std::string where)
      : work_(std::move(work)), head_(std::move(head)), where_(std::move(where)) {}
  ~PostgresTransaction() override {
    if (work_) {
      try {
        work_->abort();
      } catch (...) {
      }
    }
  }
  Head head() const override { return head_; }

  Result<void> append(const StoredEvent& e) override {
    if (e.seq != head_.seq + 1)
      return fail(ErrorCode::kConflict, "seq",
                  "event " + std::to_string(e.seq) + " does not follow the head " + std::to_string(head_.seq));
    return guarded("appending event " + std::to_string(e.seq), [&] {
      pending_.add_event(e);
      head_ = Head{e.seq, e.hash};  // the head row is written once, at commit
      if (pending_.full()) pending_.flush(*work_);
    });
  }

  Result<std::optional<ProjectionRow>> get_row(const std::string& kind, const std::string& key) override {
    if (auto mine = pending_.pending_row(kind, key)) return *mine;
    std::optional<ProjectionRow> out;
    auto done = guarded("reading a projection row", [&] {
      const pqxx::result r = work_->exec_prepared("get_row", kind, key);
      if (!r.empty()) out = ProjectionRow{kind, key, r[0][0].as<std::string>()};
    });
    if (!done) return std::unexpected(done.error());
    return out;
  }

  Result<void> put_row(const ProjectionRow& row) override {
    return guarded("writing a projection row", [&] {
      pending_.put_row(row);
      if (pending_.full()) pending_.flush(*work_);
    });
  }

  Result<void> erase_row(const std::string& kind, const std::string& key) override {
    return guarded("erasing a projection row", [&] {
      pending_.erase_row(kind, key);
      if (pending_.full()) pending_.flush(*work_);
    });
  }

  Result<void> add_line(const ChangeLine& l) override {
    return guarded("writing a change line", [&] {
      pending_.add_line(l);
      if (pending_.full()) pending_.flush(*work_);
    });
  }

  Result<void> clear_rows() override {
    return guarded("clearing the projections", [&] {
      pending_.discard_rows_and_lines();
      work_->exec("DELETE FROM projection");
      work_->exec("DELETE FROM change_line");
    });
  }

  Result<void> put_credential(const ProjectionRow& row) override {
    return guarded("writing a credential", [&] {
      work_->exec_params(
          "INSERT INTO credential (kind, key, doc) VALUES ($1, $2, $3) "
          "ON CONFLICT (kind, key) DO UPDATE SET doc = excluded.doc",
          row.kind, row.key, row.doc);
    });
  }

  Result<void> commit() override {
    auto done = guarded("committing", [&] {
      pending_.flush(*work_);
      work_->exec_prepared("set_head", head_.seq, head_.hash);
      work_->commit();
    });
    work_.reset();
    return done;
  }

 private:
  template <class F>
  Result<void> guarded(const std::string& operation, F&& f) {
    if (!work_) return fail(ErrorCode::kStorage, "", operation + ": the transaction is already closed");
    try {
      f();
      return {};
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, operation, where_));
    }
  }

  std::unique_ptr<pqxx::work> work_;
  Head head_;
  std::string where_;
  PostgresWriteBuffer pending_;  // sent in bulk at commit (see postgres_write_buffer.hpp)
};

// A repeatable-read, read-only transaction that every read of the store uses while it lives.
class PostgresSnapshot final : public ReadSnapshot {
 public:
  PostgresSnapshot(pqxx::connection& conn, pqxx::transaction_base*& slot)
      : tx_(std::make_unique<ReadTx>(conn)), slot_(slot) {
    slot_ = tx_.get();
  }
  ~PostgresSnapshot() override {
    slot_ = nullptr;
    try {
      tx_->commit();
    } catch (...) {
    }
  }

 private:
  std::unique_ptr<ReadTx> tx_;
  pqxx::transaction_base*& slot_;
};

class PostgresStore final : public Store {
 public:
  PostgresStore(std::unique_ptr<pqxx::connection> conn, std::string where)
      : conn_(std::move(conn)), where_(std::move(where)) {
    conn_->prepare("set_head", "UPDATE head SET seq = $1, hash = $2 WHERE id = 1");
    conn_->prepare("lock_head", "SELECT seq, hash FROM head WHERE id = 1 FOR UPDATE");
    conn_->prepare("get_head", "SELECT seq, hash FROM head WHERE id = 1");
    conn_->prepare("get_row", "SELECT doc FROM projection WHERE kind = $1 AND key = $2");
    conn_->prepare("line_page",
                   "SELECT seq, line, mba, date, code, category, batch, kmp, partner, uranium_mg, u235_mg, items "
                   "FROM change_line WHERE (seq, line) > ($1, $2) AND seq <= $3 ORDER BY seq, line LIMIT $4");
    conn_->prepare("book_totals",
                   "SELECT category, sum(uranium_mg)::bigint, sum(u235_mg)::bigint, sum(items)::bigint "
                   "FROM change_line WHERE mba = $1 AND date <= $2 GROUP BY category ORDER BY category");
    conn_->prepare("page",
                   "SELECT seq, time, actor, type, version, payload, hash FROM journal "
                   "WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3");
  }

  std::string describe() const override { return where_; }

  Result<std::unique_ptr<WriteTransaction>> begin_write() override {
    try {
      auto work = std::make_unique<pqxx::work>(*conn_);
      work->exec("SET LOCAL lock_timeout = '30s'");
      const pqxx::result r = work->exec_prepared("lock_head");
      if (r.empty()) return fail(ErrorCode::kIntegrity, "head", "the head record is missing from " + where_);
      Head head{r[0][0].as<std::int64_t>(), r[0][1].as<std::string>()};
      return std::make_unique<PostgresTransaction>(std::move(work), std::move(head), where_);
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "starting a write transaction", where_));
    }
  }

  Result<std::unique_ptr<ReadSnapshot>> read_snapshot() override {
    if (snapshot_) return std::make_unique<ReadSnapshot>();  // joins the open one
    try {
      auto snapshot = std::make_unique<PostgresSnapshot>(*conn_, snapshot_);
      (void)snapshot_->exec("SELECT 1 FROM head");  // the first query fixes the snapshot
      return std::unique_ptr<ReadSnapshot>(std::move(snapshot));
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "starting a read snapshot", where_));
    }
  }

  Result<Head> head() override {
    try {
      std::optional<pqxx::nontransaction> own;
      pqxx::transaction_base& tx = reader(own);
      const pqxx::result r = tx.exec_prepared("get_head");
      if (r.empty()) return fail(ErrorCode::kIntegrity, "head", "the head record is missing from " + where_);
      return Head{r[0][0].as<std::int64_t>(), r[0][1].as<std::string>()};
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "reading the head", where_));
    }
  }

  Result<void> scan_journal(std::int64_t from_seq, std::int64_t to_seq, const EventVisitor& visit) override {
    try {
      std::optional<ReadTx> own;
      pqxx::transaction_base& tx = reader(own);
      for (std::int64_t next = from_seq;;) {
        const pqxx::result page = tx.exec_prepared("page", next, to_seq, kPageSize);
        for (const auto& row : page) {
          const StoredEvent e = event_of(row);
          if (!visit(e)) return {};
          next = e.seq + 1;
        }
        if (page.size() < static_cast<std::size_t>(kPageSize)) return {};
      }
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "reading the journal", where_));
    }
  }

  Result<void> scan_lines(std::int64_t from_seq, std::int64_t to_seq, const LineVisitor& visit) override {
    try {
      std::optional<ReadTx> own;
      pqxx::transaction_base& tx = reader(own);
      std::int64_t last_seq = from_seq;
      int last_line = -1;  // so that line 0 of from_seq is the first one taken
      for (;;) {
        const pqxx::result page = tx.exec_prepared("line_page", last_seq, last_line, to_seq, kPageSize);
        for (const auto& r : page) {
          ChangeLine l{r[0].as<std::int64_t>(), r[1].as<int>(),           r[2].as<std::string>(),
                       r[3].as<std::string>(),  r[4].as<std::string>(),   r[5].as<std::string>(),
                       r[6].as<std::string>(),  r[7].as<std::string>(),   r[8].as<std::string>(),
                       r[9].as<std::int64_t>(), r[10].as<std::int64_t>(), r[11].as<std::int64_t>()};
          last_seq = l.seq;
          last_line = l.line;
          if (!visit(l)) return {};
        }
        if (page.size() < static_cast<std::size_t>(kPageSize)) return {};
      }
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "reading the change lines", where_));
    }
  }

  Result<std::vector<BookTotal>> book_totals(const std::string& mba, const std::string& date) override {
    try {
      std::optional<pqxx::nontransaction> own;
      pqxx::transaction_base& tx = reader(own);
      std::vector<BookTotal> out;
      for (const auto& r : tx.exec_prepared("book_totals", mba, date))
        out.push_back(BookTotal{r[0].as<std::string>(), r[1].as<std::int64_t>(), r[2].as<std::int64_t>(),
                                r[3].as<std::int64_t>()});
      return out;
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "summing the book", where_));
    }
  }

  Result<std::vector<CodeTotal>> change_totals(const std::string& mba, const std::string& from,
                                               const std::string& to) override {
    try {
      std::optional<pqxx::nontransaction> own;
      pqxx::transaction_base& tx = reader(own);
      std::vector<CodeTotal> out;
      const pqxx::result r = tx.exec_params(
          "SELECT category, code, uranium_mg >= 0 AS inc, sum(uranium_mg)::bigint, sum(u235_mg)::bigint, "
          "sum(items)::bigint, count(*)::bigint FROM change_line WHERE mba = $1 AND date >= $2 AND date <= $3 "
          "GROUP BY category, code, inc ORDER BY category, inc DESC, code COLLATE \"C\"",
          mba, from, to);
      for (const auto& row : r)
        out.push_back(CodeTotal{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<bool>(),
                                row[3].as<std::int64_t>(), row[4].as<std::int64_t>(), row[5].as<std::int64_t>(),
                                row[6].as<std::int64_t>()});
      return out;
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "summing the change lines", where_));
    }
  }

  Result<std::vector<MbaBookTotal>> all_book_totals(const std::string& date) override {
    try {
      std::optional<pqxx::nontransaction> own;
      pqxx::transaction_base& tx = reader(own);
      std::vector<MbaBookTotal> out;
      const pqxx::result r = tx.exec_params(std::string(kEveryMba) +
                                                "SELECT c.mba, c.category, sum(c.uranium_mg)::bigint, "
                                                "sum(c.u235_mg)::bigint, sum(c.items)::bigint "
                                                "FROM m JOIN change_line c ON c.mba = m.mba AND c.date <= $1 "
                                                "GROUP BY c.mba, c.category ORDER BY c.mba, c.category",
                                            date);
      for (const auto& row : r)
        out.push_back(
            MbaBookTotal{row[0].as<std::string>(), BookTotal{row[1].as<std::string>(), row[2].as<std::int64_t>(),
                                                             row[3].as<std::int64_t>(), row[4].as<std::int64_t>()}});
      return out;
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "summing every MBA's book", where_));
    }
  }

  Result<std::vector<PeriodCodeTotal>> all_change_totals(const std::string& from, const std::string& to,
                                                         int prefix) override {
    try {
      std::optional<pqxx::nontransaction> own;
      pqxx::transaction_base& tx = reader(own);
      std::vector<PeriodCodeTotal> out;
      const pqxx::result r = tx.exec_params(
          std::string(kEveryMba) +
              "SELECT c.mba, substr(c.date, 1, $3) AS period, c.category, c.code, c.uranium_mg >= 0 AS inc, "
              "sum(c.uranium_mg)::bigint, sum(c.u235_mg)::bigint, sum(c.items)::bigint, count(*)::bigint "
              "FROM m JOIN change_line c ON c.mba = m.mba AND c.date >= $1 AND c.date <= $2 "
              "GROUP BY c.mba, period, c.category, c.code, inc "
              "ORDER BY c.mba, period, c.category, inc DESC, c.code COLLATE \"C\"",
          from, to, prefix);
      for (const auto& row : r)
        out.push_back(PeriodCodeTotal{
            row[0].as<std::string>(), row[1].as<std::string>(),
            CodeTotal{row[2].as<std::string>(), row[3].as<std::string>(), row[4].as<bool>(), row[5].as<std::int64_t>(),
                      row[6].as<std::int64_t>(), row[7].as<std::int64_t>(), row[8].as<std::int64_t>()}});
      return out;
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "summing every MBA's change lines", where_));
    }
  }

  Result<std::int64_t> journal_count() override {
    try {
      std::optional<pqxx::nontransaction> own;
      pqxx::transaction_base& tx = reader(own);
      return tx.exec("SELECT count(*) FROM journal")[0][0].as<std::int64_t>();
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "counting the journal", where_));
    }
  }

  Result<std::optional<ProjectionRow>> get_row(const std::string& kind, const std::string& key) override {
    try {
      std::optional<pqxx::nontransaction> own;
      pqxx::transaction_base& tx = reader(own);
      const pqxx::result r = tx.exec_prepared("get_row", kind, key);
      if (r.empty()) return std::optional<ProjectionRow>();
      return std::optional<ProjectionRow>(ProjectionRow{kind, key, r[0][0].as<std::string>()});
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "reading a projection row", where_));
    }
  }

  Result<void> scan_rows(const std::string& kind, const RowVisitor& visit) override {
    try {
      std::optional<ReadTx> own;
      pqxx::transaction_base& tx = reader(own);
      // Keyset pages over (kind, key), so memory stays bounded.
      std::string last_kind = kind, last_key;
      bool first = true;
      for (;;) {
        pqxx::result page;
        if (kind.empty())
          page = tx.exec_params(
              "SELECT kind, key, doc FROM projection WHERE $3 OR (kind, key) > ($1, $2) ORDER BY kind, key LIMIT $4",
              last_kind, last_key, first, kPageSize);
        else
          page = tx.exec_params(
              "SELECT kind, key, doc FROM projection WHERE kind = $1 AND ($3 OR key > $2) ORDER BY key LIMIT $4", kind,
              last_key, first, kPageSize);
        first = false;
        for (const auto& r : page) {
          ProjectionRow row{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()};
          last_kind = row.kind;
          last_key = row.key;
          if (!visit(row)) return {};
        }
        if (page.size() < static_cast<std::size_t>(kPageSize)) return {};
      }
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "reading the projections", where_));
    }
  }

  Result<std::optional<ProjectionRow>> get_credential(const std::string& kind, const std::string& key) override {
    try {
      std::optional<pqxx::nontransaction> own;
      pqxx::transaction_base& tx = reader(own);
      const pqxx::result r = tx.exec_params("SELECT doc FROM credential WHERE kind = $1 AND key = $2", kind, key);
      if (r.empty()) return std::optional<ProjectionRow>();
      return std::optional<ProjectionRow>(ProjectionRow{kind, key, r[0][0].as<std::string>()});
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "reading a credential", where_));
    }
  }

  Result<void> scan_credentials(const std::string& kind, const RowVisitor& visit) override {
    try {
      std::optional<pqxx::nontransaction> own;
      pqxx::transaction_base& tx = reader(own);
      for (const auto& r :
           tx.exec_params("SELECT kind, key, doc FROM credential WHERE $1 = '' OR kind = $1 ORDER BY kind, key", kind))
        if (!visit(ProjectionRow{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()})) return {};
      return {};
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "reading the credentials", where_));
    }
  }

  Result<std::int64_t> append_access(const AccessRecord& rec) override {
    try {
      pqxx::work tx(*conn_);
      // The table lock numbers concurrent appenders one after the other.
      tx.exec("LOCK TABLE access_log IN SHARE ROW EXCLUSIVE MODE");
      const auto seq = tx.exec_params(
                             "INSERT INTO access_log (seq, time, actor, action, target) "
                             "SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4 FROM access_log RETURNING seq",
                             rec.time, rec.actor, rec.action, rec.target)[0][0]
                           .as<std::int64_t>();
      tx.commit();
      return seq;
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "appending to the access log", where_));
    }
  }

  Result<void> scan_access(std::int64_t from_seq, const AccessVisitor& visit) override {
    try {
      std::optional<ReadTx> own;
      pqxx::transaction_base& tx = reader(own);
      for (const auto& r : tx.exec_params(
               "SELECT seq, time, actor, action, target FROM access_log WHERE seq >= $1 ORDER BY seq", from_seq))
        if (!visit(AccessRecord{r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(),
                                r[3].as<std::string>(), r[4].as<std::string>()}))
          return {};
      return {};
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "reading the access log", where_));
    }
  }

  Result<std::optional<AccessRecord>> last_access(const std::string& action) override {
    try {
      std::optional<ReadTx> own;
      pqxx::transaction_base& tx = reader(own);
      const auto rows = tx.exec_params(
          "SELECT seq, time, actor, action, target FROM access_log WHERE action = $1 ORDER BY seq DESC LIMIT 1",
          action);
      if (rows.empty()) return std::optional<AccessRecord>();
      const auto r = rows[0];
      return AccessRecord{r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(),
                          r[3].as<std::string>(), r[4].as<std::string>()};
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "reading the access log", where_));
    }
  }

 private:
  // The open snapshot's transaction, or a new one of type T in `own`.
  template <class T>
  pqxx::transaction_base& reader(std::optional<T>& own) {
    if (snapshot_) return *snapshot_;
    return own.emplace(*conn_);
  }

  std::unique_ptr<pqxx::connection> conn_;
  std::string where_;
  pqxx::transaction_base* snapshot_ = nullptr;
};

Result<void> migrate(pqxx::connection& conn, int from, const std::string& where) {
  try {
    pqxx::work tx(conn);
    // One migrator at a time across processes.
    tx.exec("SELECT pg_advisory_xact_lock(1279610178)");  // "LEUB"
    for (int v = from; v < kPostgresSchemaVersion; ++v) tx.exec(kMigrations[v]);
    tx.exec_params(
        "INSERT INTO leubank_meta (key, value) VALUES ('schema_version', $1) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        std::to_string(kPostgresSchemaVersion));
    tx.commit();
    return {};
  } catch (const std::exception& e) {
    return std::unexpected(pg_error(e, "creating the leubank tables", where));
  }
}

}  // namespace

std::string redact_url(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

Result<void> check_postgres_database_empty(const std::string& url) {
  const std::string where = redact_url(url);
  try {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    const auto tables =
        tx.exec("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")[0][0]
            .as<std::int64_t>();
    if (tables > 0)
      return fail(ErrorCode::kConflict, "db",
                  where + " is not empty (" + std::to_string(tables) + " tables); refusing to restore into it");
    return {};
  } catch (const std::exception& e) {
    return std::unexpected(pg_error(e, "connecting", where));
  }
}

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url, OpenMode mode) {
  const std::string where = redact_url(url);
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    std::string what = e.what();
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
    // libpq's own message; it never contains the password.
    // libpqxx 6 gives no SQLSTATE for connection failures: the message tells.
    const bool credentials =
        what.find("authentication failed") != std::string::npos || what.find("password") != std::string::npos;
    const bool missing = what.find("does not exist") != std::string::npos;
    const ErrorCode code = credentials ? ErrorCode::kInvalidInput
                           : missing   ? ErrorCode::kNotFound
                                       : ErrorCode::kStorage;
    return fail(code, "db", "cannot connect to " + where + ": " + what);
  }

  const auto not_ours = [&](const std::string& why) {
    return fail(ErrorCode::kInvalidInput, "db", where + " is not a leubank database (" + why + ")");
  };
  int version = 0;
  try {
    pqxx::nontransaction tx(*conn);
    const bool has_meta = !tx.exec("SELECT to_regclass('leubank_meta')")[0][0].is_null();
    if (!has_meta) {
      const auto tables =
          tx.exec("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")[0][0]
              .as<std::int64_t>();
      if (tables > 0) return not_ours("it holds " + std::to_string(tables) + " tables of another application");
      if (mode == OpenMode::kExisting) return not_ours("the database is empty; run 'leubank init'");
    } else {
      const pqxx::result meta = tx.exec("SELECT key, value FROM leubank_meta");
      std::string application;
      for (const auto& r : meta) {
        if (r[0].as<std::string>() == "application") application = r[1].as<std::string>();
        if (r[0].as<std::string>() == "schema_version") version = std::stoi(r[1].as<std::string>());
      }
      if (application != "leubank") return not_ours("its leubank_meta names another application");
      if (mode == OpenMode::kCreate)
        return fail(ErrorCode::kConflict, "db", where + " already holds a leubank journal; refusing to overwrite it");
    }
  } catch (const std::exception& e) {
    return std::unexpected(pg_error(e, "inspecting the database", where));
  }
  if (version > kPostgresSchemaVersion)
    return fail(ErrorCode::kInvalidInput, "db",
                where + " has schema version " + std::to_string(version) + ", newer than this program's " +
                    std::to_string(kPostgresSchemaVersion) + "; upgrade leubank");
  if (version < kPostgresSchemaVersion) LEU_RETURN_IF_ERROR(migrate(*conn, version, where));
  try {
    return std::make_unique<PostgresStore>(std::move(conn), where);
  } catch (const std::exception& e) {
    return std::unexpected(pg_error(e, "preparing statements", where));
  }
}

}  // namespace leu
