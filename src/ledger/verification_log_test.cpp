// verification_log: every verification lands in the access log with who, when, through which door, the head and the
// outcome, and the last one is found again, on SQLite and PostgreSQL.
#include "ledger/verification_log.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

#include "access/principal.hpp"
#include "domain/clock.hpp"
#include "domain/date.hpp"
#include "domain/facility.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using testing::TestDatabase;

template <class T>
T must(Result<T> r) {
  if (!r) throw std::runtime_error(r.error().describe());
  return std::move(*r);
}

class VerificationLog : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    store_ = must(open_store(db_.location(), OpenMode::kCreate));
    journal_ = std::make_unique<Journal>(*store_, clock_);
    must(open_journal(*journal_, default_bank_facility(), "admin"));
  }

  TestDatabase db_{GetParam()};
  FixedClock clock_{Date::from_ymd(2026, 11, 28)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;
};

TEST_P(VerificationLog, NoneBeforeTheFirstVerification) { EXPECT_FALSE(must(last_verification(*store_)).has_value()); }

TEST_P(VerificationLog, EachVerificationIsRecordedAndTheLastOneIsFoundAmongOtherEntries) {
  const RecordedVerification first = must(verify_and_record(*journal_, "ingrid", "cli"));
  EXPECT_TRUE(first.report.ok());
  EXPECT_FALSE(first.not_recorded.has_value());
  must(store_->append_access({0, "2026-11-28T12:00:01.000000Z", "olga", "GET /api/v1/journal", "journal"}));
  clock_.set(clock_.now() + std::chrono::minutes(5));
  must(verify_and_record(*journal_, "audrey", "api"));
  must(store_->append_access({0, "2026-11-28T12:06:00.000000Z", "olga", "GET /api/v1/journal", "journal"}));

  const auto last = must(last_verification(*store_));
  ASSERT_TRUE(last.has_value());
  const Head head = must(journal_->head());
  EXPECT_EQ(last->actor, "audrey");
  EXPECT_EQ(last->via, "api");
  EXPECT_EQ(last->time, "2026-11-28T12:05:00.000000Z");  // the journal's clock: noon of the fixed day + 5 min
  EXPECT_EQ(last->head_seq, head.seq);
  EXPECT_EQ(last->head_hash, head.hash);
  EXPECT_TRUE(last->ok);
  EXPECT_EQ(last->divergence_seq, 0);
  EXPECT_EQ(last->log_seq, 3);  // the entries so far: verify, read, verify, read
}

TEST_P(VerificationLog, AnEntryIsRecordedOnlyWhenItsCallerAppendsIt) {
  // The server's verify route builds the entry inside its read snapshot; its dispatcher appends it afterwards.
  const VerifyReport report = must(journal_->verify());
  const AccessRecord entry = verification_entry(*journal_, report, "audrey", "api");
  EXPECT_FALSE(must(last_verification(*store_)).has_value());
  EXPECT_EQ(entry.action, "verify");
  EXPECT_EQ(entry.time, "2026-11-28T12:00:00.000000Z");
  EXPECT_EQ(must(store_->append_access(entry)), 1);

  const auto last = must(last_verification(*store_));
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->actor, "audrey");
  EXPECT_EQ(last->via, "api");
  EXPECT_EQ(last->head_seq, report.head.seq);
  EXPECT_EQ(last->head_hash, report.head.hash);
  EXPECT_TRUE(last->ok);
}

TEST_P(VerificationLog, AVerifyEntryThatIsNotAnObjectIsADamagedLogNotAnOlderVerification) {
  must(verify_and_record(*journal_, "ingrid", "cli"));
  must(store_->append_access({0, "2026-11-28T12:01:00.000000Z", "mallory", "verify", "not json"}));
  const auto last = last_verification(*store_);
  ASSERT_FALSE(last.has_value());
  EXPECT_EQ(last.error().code, ErrorCode::kIntegrity);
  EXPECT_EQ(last.error().field, "access_log");
}

INSTANTIATE_TEST_SUITE_P(Backends, VerificationLog, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
