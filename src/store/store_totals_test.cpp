// The every-MBA sums over the change lines (all_book_totals, all_change_totals)
// on both backends: exact figures for a hand-made set of lines over three MBAs,
// grouping by date prefix, the documented order, agreement with the one-MBA
// queries (book_totals, change_totals) for each MBA, and an empty store.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "testing/store_fixture.hpp"

namespace leu {
namespace {

using testing::Backend;

class StoreTotals : public testing::StoreFixture {
 protected:
  // One event per line; the store keeps both verbatim and does not read the payload.
  void add(const std::vector<ChangeLine>& lines) {
    auto tx = store_->begin_write();
    ASSERT_TRUE(tx);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::int64_t seq = static_cast<std::int64_t>(i) + 1;
      ASSERT_TRUE((*tx)->append(StoredEvent{seq, "2026-01-01T00:00:00Z", "t", "x", 1, "{}", std::string(64, 'a')}));
      ChangeLine l = lines[i];
      l.seq = seq;
      ASSERT_TRUE((*tx)->add_line(l));
    }
    ASSERT_TRUE((*tx)->commit());
  }

  static ChangeLine line(const char* mba, const char* date, const char* code, const char* category, std::int64_t u,
                         std::int64_t items) {
    return ChangeLine{0, 0, mba, date, code, category, "B", "K", "", u, u / 100, items};
  }
};

TEST_P(StoreTotals, EmptyStoreHasNoTotals) {
  EXPECT_TRUE(store_->all_book_totals("2025-12-31").value().empty());
  EXPECT_TRUE(store_->all_change_totals("2025-01-01", "2025-12-31", 7).value().empty());
}

TEST_P(StoreTotals, SumsEveryMbaPerCategoryAndPerPeriodCodeAndDirection) {
  add({line("M2", "2025-01-10", "RF", "enriched", 1'000'000, 1), line("M1", "2025-01-15", "RF", "enriched", 500'000, 1),
       line("M1", "2025-01-20", "LA", "enriched", -3'000, 0), line("M1", "2025-02-01", "GA", "enriched", 2'000, 0),
       line("M1", "2025-02-03", "LA", "enriched", -1'000, 0), line("M3", "2025-02-28", "RD", "natural", 700'000, 1),
       line("M1", "2025-03-01", "SF", "enriched", -498'000, -1),
       line("M2", "2026-01-01", "LA", "enriched", -5'000, 0)});

  const std::vector<MbaBookTotal> book = store_->all_book_totals("2025-02-28").value();
  const std::vector<MbaBookTotal> expected_book = {
      {"M1", {"enriched", 500'000 - 3'000 + 2'000 - 1'000, 5'000 - 30 + 20 - 10, 1}},
      {"M2", {"enriched", 1'000'000, 10'000, 1}},
      {"M3", {"natural", 700'000, 7'000, 1}}};
  EXPECT_EQ(book, expected_book);

  const std::vector<PeriodCodeTotal> monthly = store_->all_change_totals("2025-01-12", "2025-12-31", 7).value();
  const std::vector<PeriodCodeTotal> expected_monthly = {
      {"M1", "2025-01", {"enriched", "RF", true, 500'000, 5'000, 1, 1}},
      {"M1", "2025-01", {"enriched", "LA", false, -3'000, -30, 0, 1}},
      {"M1", "2025-02", {"enriched", "GA", true, 2'000, 20, 0, 1}},
      {"M1", "2025-02", {"enriched", "LA", false, -1'000, -10, 0, 1}},
      {"M1", "2025-03", {"enriched", "SF", false, -498'000, -4'980, -1, 1}},
      {"M3", "2025-02", {"natural", "RD", true, 700'000, 7'000, 1, 1}}};
  EXPECT_EQ(monthly, expected_monthly);

  const std::vector<PeriodCodeTotal> whole = store_->all_change_totals("2025-01-01", "2025-02-03", 0).value();
  const std::vector<PeriodCodeTotal> expected_whole = {{"M1", "", {"enriched", "GA", true, 2'000, 20, 0, 1}},
                                                       {"M1", "", {"enriched", "RF", true, 500'000, 5'000, 1, 1}},
                                                       {"M1", "", {"enriched", "LA", false, -4'000, -40, 0, 2}},
                                                       {"M2", "", {"enriched", "RF", true, 1'000'000, 10'000, 1, 1}}};
  EXPECT_EQ(whole, expected_whole);

  const std::vector<PeriodCodeTotal> yearly = store_->all_change_totals("2025-01-01", "2026-12-31", 4).value();
  ASSERT_EQ(yearly.size(), 7u);
  EXPECT_EQ(yearly[5], (PeriodCodeTotal{"M2", "2026", {"enriched", "LA", false, -5'000, -50, 0, 1}}));
  EXPECT_EQ(yearly[6], (PeriodCodeTotal{"M3", "2025", {"natural", "RD", true, 700'000, 7'000, 1, 1}}));

  // Each MBA's share is what the one-MBA queries answer.
  for (const char* mba : {"M1", "M2", "M3"}) {
    SCOPED_TRACE(mba);
    std::vector<BookTotal> mine;
    const std::vector<MbaBookTotal> books = store_->all_book_totals("2025-12-31").value();
    for (const auto& b : books)
      if (b.mba == mba) mine.push_back(b.total);
    EXPECT_EQ(mine, store_->book_totals(mba, "2025-12-31").value());
    std::vector<CodeTotal> changes;
    const std::vector<PeriodCodeTotal> all = store_->all_change_totals("2025-01-01", "2025-12-31", 0).value();
    for (const auto& c : all)
      if (c.mba == mba) changes.push_back(c.total);
    EXPECT_EQ(changes, store_->change_totals(mba, "2025-01-01", "2025-12-31").value());
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTotals, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
