// Signed checkpoints and offline bundles, end to end: the leubank binary makes a
// demo bank (with its signing key), signs checkpoints, exports a bundle; then
// `leubank verify --bundle` and the independent tools/verify_bundle.py (Python,
// written from docs/formats/ alone) must both accept the good bundle and both
// reject each tampered copy at the same file and line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "ledger/event.hpp"
#include "testing/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using leu::testing::TempDir;
using ::testing::HasSubstr;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void spit(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string binary() {
  const char* bin = std::getenv("LEUBANK_BIN");
  return bin ? bin : "leubank";
}

const std::string kPythonVerifier = std::string(LEUBANK_SOURCE_DIR) + "/tools/verify_bundle.py";

// Debian's python3 (where python3-nacl installs), unless $LEUBANK_PYTHON names another;
// a python3 earlier on PATH (pyenv, a venv) may not see the Debian package.
std::string python_interpreter() {
  const char* chosen = std::getenv("LEUBANK_PYTHON");
  if (chosen && *chosen) return chosen;
  return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}
constexpr int kNoPyNacl = 77;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// What a forger with no key can do after editing lines: recompute every hash so
// that the chain holds again (journal.md §3).
std::vector<std::string> rechain(std::vector<std::string> lines) {
  constexpr std::size_t kSuffix = 75;  // ,"hash":"<64 hex>"}
  leu::Digest d = leu::genesis_digest();
  for (auto& l : lines) {
    const std::string bytes = l.substr(0, l.size() - kSuffix) + "}";
    d = leu::chain_digest(d, bytes);
    l = bytes.substr(0, bytes.size() - 1) + ",\"hash\":\"" + leu::to_hex(d) + "\"}";
  }
  return lines;
}

// The index (0-based) of the first journal line of a type, and of the last.
std::size_t first_of(const std::vector<std::string>& lines, const std::string& type) {
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].find("\"type\":\"" + type + "\"") != std::string::npos) return i;
  return lines.size();
}

class Bundle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_GE(sodium_init(), 0);
    dir_ = new TempDir;
    db_ = dir_->path("bank.db");
    Outcome r = run("demo");
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    // A checkpoint on demand, one made with a report, then the export's own.
    r = run("--as aigerim checkpoint");
    ASSERT_EQ(r.code, 0) << r.err;
    ASSERT_EQ(run("--as olga move --cylinder DEMO-OR-05 --to R10-01").code, 0);
    r = run("--as aigerim report mbr --mba KZBK --date 2019-12-31 --output " + dir_->path("mbr.txt"));
    ASSERT_EQ(r.code, 0) << r.err;
    report_stderr_ = r.err;
    ASSERT_EQ(run("--as olga move --cylinder DEMO-OR-05 --to R10-02").code, 0);
    r = run("--as aigerim export --bundle " + good());
    ASSERT_EQ(r.code, 0) << r.out << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }

  static Outcome run(const std::string& args) {
    const std::string out = dir_->path("stdout"), err = dir_->path("stderr");
    const std::string cmd = binary() + " --db " + db_ + " " + args + " >" + out + " 2>" + err + " </dev/null";
    const int status = std::system(cmd.c_str());
    return Outcome{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  }
  static Outcome python(const std::string& args) {
    const std::string out = dir_->path("pystdout");
    const std::string cmd = python_interpreter() + " " + kPythonVerifier + " " + args + " >" + out + " 2>&1 </dev/null";
    const int status = std::system(cmd.c_str());
    return Outcome{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), ""};
  }
  static std::string good() { return dir_->path("good"); }

  // A copy of the good bundle with journal.jsonl (or another file) changed.
  static std::string tampered(const std::string& name, const std::string& file,
                              const std::function<std::string(const std::string&)>& change) {
    const std::string copy = dir_->path(name);
    fs::remove_all(copy);
    fs::copy(good(), copy);
    spit(copy + "/" + file, change(slurp(good() + "/" + file)));
    return copy;
  }

  static std::string location(const std::string& out) {
    static const std::regex kAt("BUNDLE REJECTED at ([a-z.]+:[0-9]+)");
    std::smatch m;
    return std::regex_search(out, m, kAt) ? m[1].str() : "(none: " + out + ")";
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline std::string report_stderr_;
};

TEST_F(Bundle, TheDemoKeepsItsKeyInAPrivateFileAndPublishesTheSameKey) {
  struct stat st {};
  ASSERT_EQ(::stat((db_ + ".key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const Outcome shown = run("key show");
  ASSERT_EQ(shown.code, 0) << shown.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(shown.out, m, std::regex("key id ([0-9a-f]{16})")));
  const std::string keys = slurp(good() + "/keys.jsonl");
  EXPECT_THAT(keys, HasSubstr("\"key_id\":\"" + m[1].str() + "\""));
  EXPECT_EQ(split_lines(keys).size(), 1u);
  // The secret is not in the database file.
  EXPECT_EQ(slurp(db_).find(split_lines(slurp(db_ + ".key")).front()), std::string::npos);
}

TEST_F(Bundle, AReportSignsACheckpointAndASecondCheckpointAtTheSameHeadAddsNothing) {
  EXPECT_THAT(report_stderr_, HasSubstr("checkpoint event"));
  const Outcome first = run("--as aigerim checkpoint");
  ASSERT_EQ(first.code, 0) << first.err;
  const Outcome second = run("--as aigerim checkpoint");
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("the head already is a checkpoint"));
  EXPECT_EQ(run("verify").code, 0);
  // Three checkpoints in the good bundle: on demand, with the report, by the export.
  EXPECT_EQ(split_lines(slurp(good() + "/checkpoints.jsonl")).size(), 3u);
}

TEST_F(Bundle, ACheckpointNeedsAKnownUserAndTheKeyFile) {
  EXPECT_EQ(run("--as nobody checkpoint").code, 2);
  EXPECT_EQ(run("--as aigerim --key " + dir_->path("no-such.key") + " checkpoint").code, 2);
}

TEST_F(Bundle, BothVerifiersAcceptTheGoodBundleAndAgreeOnTheSignedHead) {
  const Outcome ours = run("verify --bundle " + good());
  ASSERT_EQ(ours.code, 0) << ours.out << ours.err;
  const Outcome theirs = python(good());
  if (theirs.code == kNoPyNacl) GTEST_SKIP() << "python3-nacl is not installed: " << theirs.out;
  ASSERT_EQ(theirs.code, 0) << theirs.out;
  std::smatch a, b;
  static const std::regex kSigned("signed head: event [0-9]+ [0-9a-f]{64} by key [0-9a-f]{16}");
  ASSERT_TRUE(std::regex_search(ours.out, a, kSigned)) << ours.out;
  ASSERT_TRUE(std::regex_search(theirs.out, b, kSigned)) << theirs.out;
  EXPECT_EQ(a[0].str(), b[0].str());
  std::cout << "good bundle: " << split_lines(slurp(good() + "/journal.jsonl")).size() << " events; " << a[0].str()
            << "\n";
  // Pinned to the right key it passes, to another it fails.
  std::smatch pk;
  const std::string shown = run("key show").out;
  ASSERT_TRUE(std::regex_search(shown, pk, std::regex("public key ([0-9a-f]{64})")));
  EXPECT_EQ(run("verify --bundle " + good() + " --public-key " + pk[1].str()).code, 0);
  EXPECT_EQ(python(good() + " --public-key " + pk[1].str()).code, 0);
  const std::string other(64, 'a');
  EXPECT_EQ(run("verify --bundle " + good() + " --public-key " + other).code, 3);
  EXPECT_EQ(python(good() + " --public-key " + other).code, 3);
}

TEST_F(Bundle, BothVerifiersRejectEachTamperedCopyAtTheSameLine) {
  if (python(good()).code == kNoPyNacl) GTEST_SKIP() << "python3-nacl is not installed";
  const auto lines = split_lines(slurp(good() + "/journal.jsonl"));
  const std::size_t receipt = first_of(lines, "cylinder.received");
  const std::size_t checkpoint = first_of(lines, "checkpoint.signed");
  ASSERT_LT(receipt, checkpoint);
  struct Case {
    std::string name, file, expected_at;
    std::function<std::string(const std::string&)> change;
  };
  const auto journal_at = [](std::size_t index) { return "journal.jsonl:" + std::to_string(index + 1); };
  const std::vector<Case> cases = {
      {"flipped-byte", "journal.jsonl", journal_at(receipt),
       [&](const std::string&) {
         auto l = lines;
         const std::size_t at = l[receipt].find("\"uranium_mg\":") + 13;
         l[receipt][at] = l[receipt][at] == '1' ? '2' : '1';
         return join_lines(l);
       }},
      {"dropped-line", "journal.jsonl", journal_at(receipt),
       [&](const std::string&) {
         auto l = lines;
         l.erase(l.begin() + static_cast<std::ptrdiff_t>(receipt));
         return join_lines(l);
       }},
      {"dropped-last-line", "journal.jsonl", journal_at(lines.size() - 2),
       [&](const std::string&) { return join_lines({lines.begin(), lines.end() - 1}); }},
      {"swapped-lines", "journal.jsonl", journal_at(receipt),
       [&](const std::string&) {
         auto l = lines;
         std::swap(l[receipt], l[receipt + 1]);
         return join_lines(l);
       }},
      {"edit-rechained-by-a-forger", "journal.jsonl", journal_at(checkpoint),
       [&](const std::string&) {
         auto l = lines;
         const std::size_t at = l[receipt].find("\"uranium_mg\":") + 13;
         l[receipt][at] = l[receipt][at] == '1' ? '2' : '1';
         return join_lines(rechain(l));
       }},
      {"bad-signature-rechained", "journal.jsonl", journal_at(checkpoint),
       [&](const std::string&) {
         auto l = lines;
         const std::size_t at = l[checkpoint].find("\"signature\":\"") + 13;
         l[checkpoint][at] = l[checkpoint][at] == '0' ? '1' : '0';
         return join_lines(rechain(l));
       }},
      {"bad-signature-in-extract", "checkpoints.jsonl", "checkpoints.jsonl:1",
       [&](const std::string& text) {
         std::string t = text;
         const std::size_t at = t.find("\"signature\":\"") + 13;
         t[at] = t[at] == '0' ? '1' : '0';
         return t;
       }},
      {"truncated-mid-line", "journal.jsonl", journal_at(lines.size() - 1),
       [&](const std::string& text) { return text.substr(0, text.size() - 20); }},
  };
  int rejected_by_both = 0;
  for (const auto& c : cases) {
    const std::string copy = tampered(c.name, c.file, c.change);
    const Outcome ours = run("verify --bundle " + copy), theirs = python(copy);
    EXPECT_EQ(ours.code, 3) << c.name << ": " << ours.out << ours.err;
    EXPECT_EQ(theirs.code, 3) << c.name << ": " << theirs.out;
    EXPECT_EQ(location(ours.out), c.expected_at) << c.name << ": " << ours.out;
    EXPECT_EQ(location(theirs.out), c.expected_at) << c.name << ": " << theirs.out;
    if (ours.code == 3 && theirs.code == 3 && location(ours.out) == location(theirs.out)) ++rejected_by_both;
    std::cout << c.name << ": leubank " << location(ours.out) << ", python " << location(theirs.out) << "\n";
  }
  std::cout << rejected_by_both << " of " << cases.size() << " tampered bundles rejected by both at the same line\n";
  EXPECT_EQ(rejected_by_both, static_cast<int>(cases.size()));
}

// A forger without the key who edits a checkpoint's signature in the database and
// recomputes every hash after it (and the head) is still caught: the fold checks
// the signature, so `leubank verify` names that event.
TEST_F(Bundle, VerifyOfTheDatabaseRejectsAForgedSignatureEvenWithTheChainRecomputed) {
  const std::string copy = dir_->path("forged.db");
  fs::copy_file(db_, copy, fs::copy_options::overwrite_existing);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(copy.c_str(), &db), SQLITE_OK);
  std::vector<leu::StoredEvent> events;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT seq, time, actor, type, version, payload, hash FROM journal ORDER BY seq", -1, &st,
                     nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    const auto text = [&](int c) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c))); };
    events.push_back({sqlite3_column_int64(st, 0), text(1), text(2), text(3), sqlite3_column_int(st, 4), text(5), text(6)});
  }
  sqlite3_finalize(st);
  std::int64_t forged = 0;
  leu::Digest d = leu::genesis_digest();
  for (auto& e : events) {
    if (forged == 0 && e.type == "checkpoint.signed") {
      forged = e.seq;
      const std::size_t at = e.payload.find("\"signature\":\"") + 13;
      e.payload[at] = e.payload[at] == '0' ? '1' : '0';
    }
    d = leu::chain_digest(d, leu::canonical_event_bytes(e));
    e.hash = leu::to_hex(d);
  }
  ASSERT_GT(forged, 0);
  for (const auto& e : events) {
    sqlite3_prepare_v2(db, "UPDATE journal SET payload = ?, hash = ? WHERE seq = ?", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, e.payload.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, e.hash.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, e.seq);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
  }
  const std::string head = "UPDATE head SET hash = '" + events.back().hash + "'";
  ASSERT_EQ(sqlite3_exec(db, head.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  const std::string out = dir_->path("forged.out");
  const int status = std::system((binary() + " --db " + copy + " verify >" + out + " 2>&1").c_str());
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 3);
  EXPECT_THAT(slurp(out), HasSubstr("INTEGRITY FAILURE at event " + std::to_string(forged)));
  EXPECT_THAT(slurp(out), HasSubstr("signature does not verify"));
}

TEST_F(Bundle, InitMakesAKeyAndRefusesToOverwriteOne) {
  TempDir here;
  const std::string db = here.path("new.db");
  spit(here.path("pw"), "correct horse battery staple\n");
  const auto init = [&](const std::string& db_path) {
    const std::string cmd = binary() + " --db " + db_path + " init --admin root --admin-password-file " +
                            here.path("pw") + " >/dev/null 2>" + here.path("err") + " </dev/null";
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  ASSERT_EQ(init(db), 0) << slurp(here.path("err"));
  EXPECT_TRUE(fs::exists(db + ".key"));
  // A second database at a path whose key file exists is refused before anything is made.
  spit(here.path("other.db.key"), "x\n");
  EXPECT_EQ(init(here.path("other.db")), 2);
  EXPECT_FALSE(fs::exists(here.path("other.db")));
  EXPECT_EQ(slurp(here.path("other.db.key")), "x\n");
}

}  // namespace
