// Inventory change lines: the indexed book of an MBA at any date agrees with the
// journal replayed to that date and with the balances; verify finds a line
// edited, deleted or added behind the journal's back, at its sequence number.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "accountancy/operations.hpp"
#include "demo/demo_bank.hpp"
#include "testing/bank_fixture.hpp"

namespace leu {
namespace {

using testing::Backend;
using ::testing::HasSubstr;

class ChangeLines : public testing::BankFixture {
 protected:
  ChangeLines() : BankFixture(Date::from_ymd(2026, 1, 15), testing::Books::kDemo) {}

  void SetUp() override {
    BankFixture::SetUp();
    if (!ready()) return;
    // Some decreases too: a shipment and a partial loss in January 2026, after the last closed period.
    Operations ops(*journal_);
    const Principal olga = principal("olga");
    const Principal aigerim = principal("aigerim");
    ASSERT_TRUE(ops.ship(olga, ShipmentInput{{"DEMO-OR-03", "DEMO-KZ-04"}, "AM", "", Date::from_ymd(2026, 1, 5)}));
    ASSERT_TRUE(ops.book_loss(
        aigerim, LossGainInput{"DEMO-OR-05", Mass::grams(1234), "valve leak", Date::from_ymd(2026, 1, 10)}));
  }

  // The balance of the MBA's enriched uranium as a replay to `day` gives it.
  Balance replayed(Date day) {
    auto p = journal_->as_of(day);
    EXPECT_TRUE(p);
    for (const auto& b : p->balances())
      if (b.mba == "KZBK" && b.category == UraniumCategory::kEnriched) return b;
    return Balance{"KZBK", UraniumCategory::kEnriched};
  }
};

TEST_P(ChangeLines, BookAtAnyDateEqualsTheJournalReplayedToThatDate) {
  for (const Date day : {Date::from_ymd(2019, 10, 16), Date::from_ymd(2019, 10, 17), Date::from_ymd(2019, 12, 9),
                         Date::from_ymd(2019, 12, 10), Date::from_ymd(2026, 1, 5), Date::from_ymd(2026, 1, 9),
                         Date::from_ymd(2026, 1, 10), Date::from_ymd(2026, 1, 15)}) {
    SCOPED_TRACE(day.text());
    const auto book = journal_->book_at("KZBK", day);
    ASSERT_TRUE(book);
    const Balance expected = replayed(day);
    if (expected.items == 0 && expected.uranium == Mass()) {
      EXPECT_TRUE(book->empty());
      continue;
    }
    ASSERT_EQ(book->size(), 1u);
    EXPECT_EQ(book->front(), (BookTotal{"enriched", expected.uranium.mg(), expected.u235.mg(), expected.items}));
  }
}

TEST_P(ChangeLines, TodaysBookEqualsTheBalanceProjection) {
  const auto book = journal_->book_at("KZBK", Date::from_ymd(2026, 1, 15));
  const auto balances = journal_->balances();
  ASSERT_TRUE(book && balances);
  ASSERT_EQ(balances->size(), 1u);
  const Balance& b = balances->front();
  EXPECT_EQ(book->front(), (BookTotal{"enriched", b.uranium.mg(), b.u235.mg(), b.items}));
  EXPECT_EQ(b.items, 58);
}

TEST_P(ChangeLines, EachInventoryChangeMakesOneLineWithItsReportFields) {
  std::vector<ChangeLine> lines;
  ASSERT_TRUE(store_->scan_lines(INT64_MIN, INT64_MAX, [&](const ChangeLine& l) {
    lines.push_back(l);
    return true;
  }));
  ASSERT_EQ(lines.size(), 60u + 2u + 1u);  // 60 receipts, 2 shipments, 1 loss
  const ChangeLine& first = lines.front();
  EXPECT_EQ(first.code, "RF");
  EXPECT_EQ(first.partner, "FR");
  EXPECT_EQ(first.kmp, "A");
  EXPECT_EQ(first.date, "2019-10-17");
  EXPECT_EQ(first.items, 1);
  const ChangeLine& shipped = lines[60];
  EXPECT_EQ(shipped.code, "SF");
  EXPECT_EQ(shipped.partner, "AM");
  EXPECT_EQ(shipped.kmp, "B");
  EXPECT_LT(shipped.uranium_mg, 0);
  EXPECT_EQ(shipped.items, -1);
  const ChangeLine& lost = lines.back();
  EXPECT_EQ(lost.code, "LA");
  EXPECT_EQ(lost.batch, "DEMO-OR-05");
  EXPECT_LT(lost.uranium_mg, 0);
  EXPECT_EQ(lost.items, 0);  // the cylinder still holds UF6
}

INSTANTIATE_TEST_SUITE_P(Backends, ChangeLines, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

// Tampering with the SQLite file directly; the PostgreSQL tables are the same.
class ChangeLineTampering : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path("bank.db");
    auto store = open_store(path_, OpenMode::kCreate);
    ASSERT_TRUE(store);
    Journal journal(**store, clock_);
    ASSERT_TRUE(build_demo_bank(journal));
  }
  void exec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    EXPECT_EQ(sqlite3_changes(db), 1);
    sqlite3_close(db);
  }
  VerifyReport verify() {
    auto store = open_store(path_, OpenMode::kExisting);
    EXPECT_TRUE(store);
    Journal journal(**store, clock_);
    return journal.verify().value();
  }
  testing::TempDir dir_;
  std::string path_;
  FixedClock clock_{Date::from_ymd(2026, 1, 15)};
};

TEST_F(ChangeLineTampering, AnEditedLineIsReportedAtItsSequenceNumber) {
  exec("UPDATE change_line SET uranium_mg = uranium_mg + 1 WHERE seq = 25");
  const VerifyReport r = verify();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.divergence->kind, Divergence::Kind::kProjection);
  EXPECT_EQ(r.divergence->row_kind, "line");
  EXPECT_EQ(r.divergence->row_key, "25/0");
  EXPECT_EQ(r.divergence->seq, 25);
  EXPECT_THAT(r.divergence->message, HasSubstr("field 'uranium_mg'"));
}

TEST_F(ChangeLineTampering, ADeletedLineIsReportedAsMissing) {
  exec("DELETE FROM change_line WHERE seq = 80");
  const VerifyReport r = verify();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.divergence->row_key, "80/0");
  EXPECT_THAT(r.divergence->message, HasSubstr("is missing from the database"));
}

TEST_F(ChangeLineTampering, AnAddedLineIsReportedAsHavingNoSource) {
  exec("INSERT INTO change_line VALUES (5, 0, 'KZBK', '2019-01-01', 'GA', 'enriched', 'X', '', '', 1000, 50, 1)");
  const VerifyReport r = verify();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.divergence->row_key, "5/0");
  EXPECT_THAT(r.divergence->message, HasSubstr("has no source in the journal"));
}

TEST_F(ChangeLineTampering, RebuildRestoresTheLines) {
  exec("DELETE FROM change_line WHERE seq = 80");
  {
    auto store = open_store(path_, OpenMode::kExisting);
    ASSERT_TRUE(store);
    Journal journal(**store, clock_);
    ASSERT_TRUE(journal.rebuild());
  }
  EXPECT_TRUE(verify().ok());
}

}  // namespace
}  // namespace leu
