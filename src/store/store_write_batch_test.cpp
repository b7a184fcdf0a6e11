// One write transaction seen from inside and after commit, on both backends. The
// PostgreSQL store holds writes back and sends them in bulk (postgres_write_buffer);
// these cases pin the behaviour that must not change with that: a transaction reads
// its own puts and erasures, the last write of a key wins, text of any kind arrives
// byte for byte, clear_rows drops what was pending, a transaction larger than the
// buffer flushes part-way and still reads correctly, and a dropped transaction
// leaves nothing behind.
#include <gtest/gtest.h>

#include <string>

#include "store/store.hpp"
#include "testing/store_fixture.hpp"

namespace leu {
namespace {

using testing::Backend;

class StoreWriteBatch : public testing::StoreFixture {
 protected:
  static StoredEvent event(std::int64_t seq, std::string payload = "{}") {
    return StoredEvent{seq, "2026-01-01T00:00:00Z", "t", "x", 1, std::move(payload), std::string(64, 'a')};
  }

  static ChangeLine line(std::int64_t seq, std::int64_t u) {
    return ChangeLine{seq, 0, "M1", "2026-01-01", "RF", "enriched", "B", "K", "", u, u / 100, 1};
  }

  std::optional<std::string> doc(const std::string& kind, const std::string& key) {
    auto row = store_->get_row(kind, key);
    EXPECT_TRUE(row) << row.error().describe();
    if (!row || !*row) return std::nullopt;
    return (*row)->doc;
  }
};

TEST_P(StoreWriteBatch, ATransactionReadsItsOwnPutsAndErasuresAndTheLastWriteWins) {
  {
    auto tx = store_->begin_write().value();
    ASSERT_TRUE(tx->append(event(1)));
    ASSERT_TRUE(tx->put_row({"item", "C1", "{\"v\":1}"}));
    ASSERT_TRUE(tx->put_row({"item", "C2", "{\"v\":2}"}));
    ASSERT_TRUE(tx->commit());
  }
  auto tx = store_->begin_write().value();
  ASSERT_TRUE(tx->append(event(2)));
  ASSERT_TRUE(tx->put_row({"item", "C1", "{\"v\":10}"}));
  EXPECT_EQ(tx->get_row("item", "C1").value()->doc, "{\"v\":10}");
  ASSERT_TRUE(tx->erase_row("item", "C2"));
  EXPECT_FALSE(tx->get_row("item", "C2").value().has_value());
  ASSERT_TRUE(tx->put_row({"item", "C3", "{\"v\":3}"}));
  ASSERT_TRUE(tx->erase_row("item", "C3"));
  ASSERT_TRUE(tx->put_row({"item", "C3", "{\"v\":30}"}));
  EXPECT_EQ(tx->get_row("item", "C3").value()->doc, "{\"v\":30}");
  ASSERT_TRUE(tx->put_row({"item", "C1", "{\"v\":100}"}));
  ASSERT_TRUE(tx->commit());

  EXPECT_EQ(doc("item", "C1"), "{\"v\":100}");
  EXPECT_EQ(doc("item", "C2"), std::nullopt);
  EXPECT_EQ(doc("item", "C3"), "{\"v\":30}");
  EXPECT_EQ(store_->head().value().seq, 2);
}

TEST_P(StoreWriteBatch, TextOfAnyKindArrivesByteForByte) {
  const std::string awkward =
      "{\"note\":\"O'Brien said \\\"100%\\\" \\\\ back\\\\slash; -- DROP TABLE journal; "
      "\xD0\x9E\xD1\x81\xD0\xBA\xD0\xB5\xD0\xBC\xD0\xB5\xD0\xBD $1 $$ \\n\"}";
  auto tx = store_->begin_write().value();
  ASSERT_TRUE(tx->append(event(1, awkward)));
  ASSERT_TRUE(tx->put_row({"note", "it's", awkward}));
  ASSERT_TRUE(tx->commit());

  EXPECT_EQ(doc("note", "it's"), awkward);
  std::string payload;
  ASSERT_TRUE(store_->scan_journal(1, 1, [&](const StoredEvent& e) {
    payload = e.payload;
    return true;
  }));
  EXPECT_EQ(payload, awkward);
}

TEST_P(StoreWriteBatch, ClearRowsDropsWhatThisTransactionPutBeforeIt) {
  auto tx = store_->begin_write().value();
  ASSERT_TRUE(tx->append(event(1)));
  ASSERT_TRUE(tx->put_row({"item", "C1", "{}"}));
  ASSERT_TRUE(tx->add_line(line(1, 5)));
  ASSERT_TRUE(tx->clear_rows());
  EXPECT_FALSE(tx->get_row("item", "C1").value().has_value());
  ASSERT_TRUE(tx->put_row({"item", "C2", "{}"}));
  ASSERT_TRUE(tx->commit());

  EXPECT_EQ(doc("item", "C1"), std::nullopt);
  EXPECT_EQ(doc("item", "C2"), "{}");
  int lines = 0;
  ASSERT_TRUE(store_->scan_lines(1, 1, [&](const ChangeLine&) {
    ++lines;
    return true;
  }));
  EXPECT_EQ(lines, 0);
  EXPECT_EQ(store_->journal_count().value(), 1);
}

// 12,000 events, rows and lines in one transaction: more than the PostgreSQL buffer
// holds (5,000 writes), so part is sent before commit and read back from the database.
TEST_P(StoreWriteBatch, ATransactionLargerThanTheBufferIsWholeAndReadsCorrectlyThroughout) {
  constexpr std::int64_t kEvents = 4'000;
  auto tx = store_->begin_write().value();
  for (std::int64_t seq = 1; seq <= kEvents; ++seq) {
    ASSERT_TRUE(tx->append(event(seq)));
    ASSERT_TRUE(tx->put_row({"item", "C" + std::to_string(seq), std::to_string(seq)}));
    ASSERT_TRUE(tx->add_line(line(seq, seq)));
    if (seq % 997 == 0) {  // an early row, by now either sent or still held
      auto early = tx->get_row("item", "C" + std::to_string(seq / 2));
      ASSERT_TRUE(early && *early);
      ASSERT_EQ((*early)->doc, std::to_string(seq / 2));
    }
  }
  ASSERT_TRUE(tx->commit());

  EXPECT_EQ(store_->journal_count().value(), kEvents);
  EXPECT_EQ(store_->head().value().seq, kEvents);
  std::int64_t rows = 0;
  ASSERT_TRUE(store_->scan_rows("item", [&](const ProjectionRow&) {
    ++rows;
    return true;
  }));
  EXPECT_EQ(rows, kEvents);
  const auto book = store_->book_totals("M1", "2026-12-31").value();
  ASSERT_EQ(book.size(), 1u);
  EXPECT_EQ(book[0].uranium_mg, kEvents * (kEvents + 1) / 2);  // 1 + 2 + ... + 4,000
  EXPECT_EQ(book[0].items, kEvents);
}

TEST_P(StoreWriteBatch, ADroppedTransactionLeavesNothingEvenAfterAPartialSend) {
  {
    auto tx = store_->begin_write().value();
    for (std::int64_t seq = 1; seq <= 3'000; ++seq) {
      ASSERT_TRUE(tx->append(event(seq)));
      ASSERT_TRUE(tx->add_line(line(seq, 1)));
    }
    // dropped without commit
  }
  EXPECT_EQ(store_->journal_count().value(), 0);
  EXPECT_EQ(store_->head().value().seq, 0);
  EXPECT_TRUE(store_->book_totals("M1", "2026-12-31").value().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreWriteBatch, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
