// Read snapshots on both backends: while one is open, a concurrent writer's commit is invisible to every read of
// the store holding it (head, journal, rows), and visible once it ends.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/store.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;

StoredEvent Event(std::int64_t seq) {
  return StoredEvent{seq, "2026-11-28T10:00:00Z", "olga", "test.event", 1, "{}", std::string(64, 'a')};
}

void Commit(Store& store, std::int64_t seq, const std::string& row_doc) {
  auto tx = store.begin_write();
  ASSERT_TRUE(tx.has_value()) << tx.error().describe();
  ASSERT_TRUE((*tx)->append(Event(seq)).has_value());
  ASSERT_TRUE((*tx)->put_row({"item", "C-1", row_doc}).has_value());
  ASSERT_TRUE((*tx)->commit().has_value());
}

class StoreSnapshot : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    auto reader = open_store(db_.location(), OpenMode::kCreate);
    ASSERT_TRUE(reader.has_value()) << reader.error().describe();
    reader_ = std::move(*reader);
    auto writer = open_store(db_.location(), OpenMode::kExisting);
    ASSERT_TRUE(writer.has_value()) << writer.error().describe();
    writer_ = std::move(*writer);
    Commit(*writer_, 1, "{1}");
  }

  TestDatabase db_{GetParam()};
  std::unique_ptr<Store> reader_, writer_;
};

TEST_P(StoreSnapshot, ConcurrentCommitIsInvisibleUntilTheSnapshotEnds) {
  {
    auto snapshot = reader_->read_snapshot();
    ASSERT_TRUE(snapshot.has_value()) << snapshot.error().describe();
    Commit(*writer_, 2, "{2}");
    EXPECT_EQ(reader_->head().value().seq, 1);
    EXPECT_EQ(reader_->journal_count().value(), 1);
    EXPECT_EQ(reader_->get_row("item", "C-1").value()->doc, "{1}");
    int scanned = 0;
    ASSERT_TRUE(reader_
                    ->scan_journal(1, 10,
                                   [&](const StoredEvent&) {
                                     ++scanned;
                                     return true;
                                   })
                    .has_value());
    EXPECT_EQ(scanned, 1);
  }
  EXPECT_EQ(reader_->head().value().seq, 2);
  EXPECT_EQ(reader_->get_row("item", "C-1").value()->doc, "{2}");
}

TEST_P(StoreSnapshot, NestedSnapshotJoinsTheOpenOne) {
  auto outer = reader_->read_snapshot();
  ASSERT_TRUE(outer.has_value()) << outer.error().describe();
  {
    auto inner = reader_->read_snapshot();
    ASSERT_TRUE(inner.has_value()) << inner.error().describe();
  }
  Commit(*writer_, 2, "{2}");
  EXPECT_EQ(reader_->head().value().seq, 1);  // the inner one ending did not end the outer one
}

TEST_P(StoreSnapshot, WithoutASnapshotEachReadSeesTheLatestCommit) {
  EXPECT_EQ(reader_->head().value().seq, 1);
  Commit(*writer_, 2, "{2}");
  EXPECT_EQ(reader_->head().value().seq, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSnapshot, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
