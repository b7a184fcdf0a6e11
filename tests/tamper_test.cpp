// Tampering: 1,000 seeded random mutations of copies of the demo bank's SQLite
// file, made behind leubank's back with the raw sqlite3 API, each of which
// Journal::verify() must detect at the exact sequence number (journal mutations)
// or the exact projection row / change line (mutations of derived data).
//
// Kinds: a byte of a payload; a field (time, actor, type, version, hash); a
// deleted journal row; two journal rows swapped; a truncated journal; the head
// hash; a projection row edited, deleted, or added with no source; a change line
// edited. Counts per kind go to standard output. Seed: kSeed (reproducible).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "demo/demo_bank.hpp"
#include "ledger/journal.hpp"
#include "testing/temp_dir.hpp"

namespace leu {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr std::uint64_t kSeed = 20261128;
constexpr int kMutations = 1000;

// What verify must name.
struct Expected {
  Divergence::Kind kind = Divergence::Kind::kHash;
  std::int64_t seq = 0;   // journal mutations
  std::string row_kind;   // derived-data mutations
  std::string row_key;
};

class Db {
 public:
  // No fsync for the mutations: the copies are scratch files.
  explicit Db(const std::string& path) {
    sqlite3_open(path.c_str(), &db_);
    exec("PRAGMA synchronous = OFF");
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string message = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error(sql + ": " + message);
    }
  }
  // Every row of a query, columns as text.
  std::vector<std::vector<std::string>> rows(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) throw std::runtime_error(sql);
    std::vector<std::vector<std::string>> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const auto* text = sqlite3_column_text(st, c);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    return out;
  }
  // Runs a statement with text parameters bound in order.
  void run(const std::string& sql, const std::vector<std::string>& params) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) throw std::runtime_error(sql);
    for (std::size_t i = 0; i < params.size(); ++i)
      sqlite3_bind_text(st, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()),
                        SQLITE_TRANSIENT);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + std::to_string(rc));
  }

 private:
  sqlite3* db_ = nullptr;
};

nlohmann::json changed(const nlohmann::json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>() + 1;
  if (v.is_string()) return v.get<std::string>() + "x";
  if (v.is_boolean()) return !v.get<bool>();
  if (v.is_null()) return 0;
  return v.empty() ? nlohmann::json::array({0}) : nlohmann::json::array();
}

class Tampering : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    original_ = dir_->path("demo.db");
    FixedClock clock{Date::from_ymd(2026, 1, 15)};
    auto store = open_store(original_, OpenMode::kCreate);
    ASSERT_TRUE(store) << store.error().describe();
    Journal journal(**store, clock);
    ASSERT_TRUE(build_demo_bank(journal));
    auto report = journal.verify();
    ASSERT_TRUE(report && report->ok());
    store->reset();  // closes the file: the WAL is folded into it
    Db db(original_);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
  }
  static void TearDownTestSuite() { delete dir_; }

  static inline TempDir* dir_ = nullptr;
  static inline std::string original_;
};

TEST_F(Tampering, EveryOneOfAThousandRandomMutationsIsFoundAtTheExactEventOrRow) {
  std::mt19937_64 rng(kSeed);
  const auto pick = [&](std::int64_t lo, std::int64_t hi) {  // inclusive
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };

  std::int64_t head = 0;
  std::vector<std::vector<std::string>> projection_rows, lines;
  {
    Db db(original_);
    head = std::stoll(db.rows("SELECT seq FROM head")[0][0]);
    projection_rows = db.rows("SELECT kind, key, doc FROM projection ORDER BY kind, key");
    lines = db.rows("SELECT seq, line FROM change_line ORDER BY seq, line");
  }
  ASSERT_GT(head, 10);
  ASSERT_FALSE(projection_rows.empty());
  ASSERT_FALSE(lines.empty());
  std::cout << "demo database: " << head << " events, " << projection_rows.size() << " projection rows, "
            << lines.size() << " change lines; seed " << kSeed << "\n";

  using Mutation = std::function<Expected(Db&)>;
  using K = Divergence::Kind;
  const std::vector<std::pair<std::string, Mutation>> kinds = {
      {"payload byte",
       [&](Db& db) {
         const std::int64_t s = pick(1, head);
         std::string payload = db.rows("SELECT payload FROM journal WHERE seq = " + std::to_string(s))[0][0];
         const auto at = static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(payload.size()) - 1));
         char c;
         do c = static_cast<char>(pick(0x20, 0x7e));
         while (c == payload[at]);
         payload[at] = c;
         db.run("UPDATE journal SET payload = ? WHERE seq = " + std::to_string(s), {payload});
         return Expected{K::kHash, s};
       }},
      {"event field",
       [&](Db& db) {
         const std::int64_t s = pick(1, head);
         static const char* kFields[] = {"time", "actor", "type", "hash"};
         const std::int64_t f = pick(0, 4);
         if (f == 4) {
           db.exec("UPDATE journal SET version = version + 1 WHERE seq = " + std::to_string(s));
         } else {
           const std::string field = kFields[f];
           std::string value = db.rows("SELECT " + field + " FROM journal WHERE seq = " + std::to_string(s))[0][0];
           // A hash keeps its form (one hex digit changed); other fields change one character.
           const auto at = static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(value.size()) - 1));
           value[at] = field == "hash" ? (value[at] == '0' ? '1' : '0') : (value[at] == 'z' ? 'y' : 'z');
           db.run("UPDATE journal SET " + field + " = ? WHERE seq = " + std::to_string(s), {value});
         }
         return Expected{K::kHash, s};
       }},
      {"deleted event",
       [&](Db& db) {
         const std::int64_t s = pick(1, head);
         db.exec("DELETE FROM journal WHERE seq = " + std::to_string(s));
         return Expected{s == head ? K::kHead : K::kGap, s};
       }},
      {"swapped events",
       [&](Db& db) {
         const std::int64_t a = pick(1, head - 1), b = pick(a + 1, head);
         const std::string sa = std::to_string(a), sb = std::to_string(b);
         db.exec("UPDATE journal SET seq = -1 WHERE seq = " + sa + "; UPDATE journal SET seq = " + sa +
                 " WHERE seq = " + sb + "; UPDATE journal SET seq = " + sb + " WHERE seq = -1;");
         return Expected{K::kHash, a};
       }},
      {"truncated journal",
       [&](Db& db) {
         const std::int64_t s = pick(1, head);
         db.exec("DELETE FROM journal WHERE seq >= " + std::to_string(s));
         return Expected{K::kHead, s};
       }},
      {"head hash",
       [&](Db& db) {
         db.exec("UPDATE head SET hash = substr(hash, 1, 63) || CASE substr(hash, 64) WHEN '0' THEN '1' ELSE '0' END");
         return Expected{K::kHead, head};
       }},
      {"projection edited",
       [&](Db& db) {
         const auto& row = projection_rows[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(projection_rows.size()) - 1))];
         nlohmann::json doc = nlohmann::json::parse(row[2]);
         std::vector<std::string> members;
         for (const auto& [k, v] : doc.items()) members.push_back(k);
         const std::string member = members[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(members.size()) - 1))];
         // The document re-serialised (sorted keys, no whitespace) with one member changed.
         doc[member] = changed(doc[member]);
         const std::string text = doc.dump();
         db.run("UPDATE projection SET doc = ? WHERE kind = ? AND key = ?", {text, row[0], row[1]});
         return Expected{K::kProjection, 0, row[0], row[1]};
       }},
      {"projection deleted",
       [&](Db& db) {
         const auto& row = projection_rows[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(projection_rows.size()) - 1))];
         db.run("DELETE FROM projection WHERE kind = ? AND key = ?", {row[0], row[1]});
         return Expected{K::kProjection, 0, row[0], row[1]};
       }},
      {"projection with no source",
       [&](Db& db) {
         const auto& row = projection_rows[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(projection_rows.size()) - 1))];
         const std::string key = row[1] + "~forged" + std::to_string(pick(0, 999));
         db.run("INSERT INTO projection (kind, key, doc) VALUES (?, ?, ?)", {row[0], key, row[2]});
         return Expected{K::kProjection, 0, row[0], key};
       }},
      {"change line edited",
       [&](Db& db) {
         const auto& l = lines[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(lines.size()) - 1))];
         static const char* kSets[] = {"uranium_mg = uranium_mg + 1", "u235_mg = u235_mg - 1", "items = items + 1",
                                       "code = 'GA'||code",          "date = '1999-01-01'",    "partner = partner||'x'",
                                       "kmp = kmp||'x'",             "batch = batch||'x'",     "category = category||'x'",
                                       "mba = mba||'x'"};
         db.exec(std::string("UPDATE change_line SET ") + kSets[pick(0, 9)] + " WHERE seq = " + l[0] +
                 " AND line = " + l[1]);
         return Expected{K::kProjection, 0, "line", l[0] + "/" + l[1]};
       }},
  };

  std::map<std::string, std::pair<int, int>> counts;  // kind -> (made, found exactly)
  for (int i = 0; i < kMutations; ++i) {
    const auto& [name, mutate] = kinds[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(kinds.size()) - 1))];
    const std::string copy = dir_->path("copy.db");
    fs::copy_file(original_, copy, fs::copy_options::overwrite_existing);
    Expected expected;
    {
      Db db(copy);
      expected = mutate(db);
    }
    FixedClock clock{Date::from_ymd(2026, 1, 15)};
    auto store = open_store(copy, OpenMode::kExisting);
    ASSERT_TRUE(store) << store.error().describe();
    Journal journal(**store, clock);
    auto report = journal.verify();
    ASSERT_TRUE(report) << report.error().describe();
    auto& [made, found] = counts[name];
    ++made;
    if (!report->divergence) {
      ADD_FAILURE() << "mutation " << i << " (" << name << ") was not detected";
      continue;
    }
    const Divergence& d = *report->divergence;
    const bool exact = expected.kind == Divergence::Kind::kProjection
                           ? d.kind == expected.kind && d.row_kind == expected.row_kind && d.row_key == expected.row_key
                           : d.kind == expected.kind && d.seq == expected.seq;
    if (exact)
      ++found;
    else
      ADD_FAILURE() << "mutation " << i << " (" << name << "): expected at "
                    << (expected.row_kind.empty() ? "event " + std::to_string(expected.seq)
                                                  : expected.row_kind + " '" + expected.row_key + "'")
                    << ", verify says: " << d.message << " (seq " << d.seq << ", row " << d.row_kind << " '"
                    << d.row_key << "')";
  }
  int total = 0;
  for (const auto& [name, c] : counts) {
    std::cout << name << ": " << c.first << " mutations, " << c.second << " found at the exact place\n";
    total += c.second;
  }
  std::cout << total << " of " << kMutations << " mutations found at the exact event or row\n";
  EXPECT_EQ(total, kMutations);
}

}  // namespace
}  // namespace leu
