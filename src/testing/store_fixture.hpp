// Test support: a fresh, empty store on the test's backend, for store tests parameterised over SQLite and PostgreSQL
// (bank_fixture.hpp adds a clock and a journal on it).
//
// Contract: SetUp() skips the test, saying why, when the backend is unavailable (test_database.hpp); else it opens a
// new leubank database there (OpenMode::kCreate) as `store_`, or fails the test fatally. A derived SetUp() calls it
// first and returns at once unless ready().
//
//   class StoreTotals : public testing::StoreFixture {};
//   TEST_P(StoreTotals, ...) { store_->all_book_totals("2025-12-31"); }
//   INSTANTIATE_TEST_SUITE_P(Backends, StoreTotals, ::testing::ValuesIn(testing::all_backends()),
//                            testing::backend_test_name<::testing::TestParamInfo<testing::Backend>>);
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "store/store.hpp"
#include "testing/test_database.hpp"

namespace leu::testing {

class StoreFixture : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    auto store = open_store(db_.location(), OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().describe();
    store_ = std::move(*store);
  }

  // SetUp went through: the test is neither skipped nor failed fatally.
  bool ready() const { return !IsSkipped() && !HasFatalFailure(); }

  TestDatabase db_{GetParam()};
  std::unique_ptr<Store> store_;
};

}  // namespace leu::testing
