#include "store/postgres_write_buffer.hpp"

#include <string_view>

namespace leu {
namespace {

// Rows per statement: big enough that round trips stop mattering, small enough
// that no statement grows past a few megabytes (payloads are a few hundred bytes).
constexpr std::size_t kRowsPerStatement = 500;

// Sends `rows` as INSERT statements of up to kRowsPerStatement rows each: `head`
// is the statement up to VALUES, `tail` what follows the rows (e.g. ON CONFLICT).
template <class Rows, class Values>
void insert_in_chunks(pqxx::transaction_base& tx, std::string_view head, std::string_view tail, const Rows& rows,
                      Values values) {
  auto it = rows.begin();
  while (it != rows.end()) {
    std::string sql{head};
    for (std::size_t n = 0; n < kRowsPerStatement && it != rows.end(); ++n, ++it) {
      if (n > 0) sql += ',';
      sql += '(';
      values(sql, *it);
      sql += ')';
    }
    sql += tail;
    tx.exec(sql);
  }
}

void add_text(std::string& sql, pqxx::transaction_base& tx, const std::string& s) { sql += tx.quote(s); }
void add_int(std::string& sql, std::int64_t v) { sql += std::to_string(v); }

}  // namespace

void PostgresWriteBuffer::add_event(const StoredEvent& e) { events_.push_back(e); }

void PostgresWriteBuffer::put_row(const ProjectionRow& row) {
  Key k{row.kind, row.key};
  erases_.erase(k);
  puts_.insert_or_assign(std::move(k), row.doc);
}

void PostgresWriteBuffer::erase_row(const std::string& kind, const std::string& key) {
  Key k{kind, key};
  puts_.erase(k);
  erases_.insert(std::move(k));
}

void PostgresWriteBuffer::add_line(const ChangeLine& line) { lines_.push_back(line); }

std::optional<std::optional<ProjectionRow>> PostgresWriteBuffer::pending_row(const std::string& kind,
                                                                             const std::string& key) const {
  const Key k{kind, key};
  if (const auto put = puts_.find(k); put != puts_.end())
    return std::optional<ProjectionRow>{ProjectionRow{kind, key, put->second}};
  if (erases_.contains(k)) return std::optional<ProjectionRow>{};
  return std::nullopt;
}

void PostgresWriteBuffer::discard_rows_and_lines() {
  puts_.clear();
  erases_.clear();
  lines_.clear();
}

void PostgresWriteBuffer::flush(pqxx::transaction_base& tx) {
  for (const Key& k : erases_)
    tx.exec("DELETE FROM projection WHERE kind = " + tx.quote(k.first) + " AND key = " + tx.quote(k.second));
  insert_in_chunks(tx, "INSERT INTO projection (kind, key, doc) VALUES ",
                   " ON CONFLICT (kind, key) DO UPDATE SET doc = excluded.doc", puts_,
                   [&](std::string& sql, const auto& put) {
                     add_text(sql, tx, put.first.first);
                     sql += ',';
                     add_text(sql, tx, put.first.second);
                     sql += ',';
                     add_text(sql, tx, put.second);
                   });
  insert_in_chunks(tx, "INSERT INTO journal (seq, time, actor, type, version, payload, hash) VALUES ", "", events_,
                   [&](std::string& sql, const StoredEvent& e) {
                     add_int(sql, e.seq);
                     for (const std::string* s : {&e.time, &e.actor, &e.type}) {
                       sql += ',';
                       add_text(sql, tx, *s);
                     }
                     sql += ',';
                     add_int(sql, e.version);
                     sql += ',';
                     add_text(sql, tx, e.payload);
                     sql += ',';
                     add_text(sql, tx, e.hash);
                   });
  insert_in_chunks(
      tx,
      "INSERT INTO change_line (seq, line, mba, date, code, category, batch, kmp, partner, uranium_mg, "
      "u235_mg, items) VALUES ",
      "", lines_, [&](std::string& sql, const ChangeLine& l) {
        add_int(sql, l.seq);
        sql += ',';
        add_int(sql, l.line);
        for (const std::string* s : {&l.mba, &l.date, &l.code, &l.category, &l.batch, &l.kmp, &l.partner}) {
          sql += ',';
          add_text(sql, tx, *s);
        }
        for (const std::int64_t v : {l.uranium_mg, l.u235_mg, l.items}) {
          sql += ',';
          add_int(sql, v);
        }
      });
  events_.clear();
  discard_rows_and_lines();
}

}  // namespace leu
