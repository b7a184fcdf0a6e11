// Test support: the books on a fresh database of the test's backend — the store (store_fixture.hpp), a fixed clock
// and a Journal on the store — empty, opened, or holding the demonstration bank, for ledger, accountancy, bank and
// cross-layer tests parameterised over SQLite and PostgreSQL.
//
// Contract: SetUp() does StoreFixture's, then makes `journal_` on `store_` with `clock_` (fixed at noon UTC of the
// day given to the constructor) and fills it as asked: Books::kEmpty leaves it empty; kOpened appends journal.opened
// with `facility_` (the default bank facility unless a derived constructor changes it) and the first user "admin"
// (access/principal.hpp); kDemo builds the demo bank (demo/demo_bank.hpp: its users, history and closed periods). An
// error there fails the test fatally, so a derived SetUp() calls BankFixture::SetUp() first and returns unless
// ready(). principal() is a user as the journal knows them now (a test failure and an empty Principal when unknown or
// disabled); staff() adds a user with one role, as "admin", and returns them.
//
//   class IssuedReportsTest : public testing::BankFixture {
//    protected:
//     IssuedReportsTest() : BankFixture(Date::from_ymd(2026, 11, 28), testing::Books::kDemo) {}
//   };
#pragma once

#include <memory>
#include <string>

#include "access/principal.hpp"
#include "domain/clock.hpp"
#include "domain/date.hpp"
#include "domain/facility.hpp"
#include "domain/roles.hpp"
#include "ledger/journal.hpp"
#include "testing/store_fixture.hpp"

namespace leu::testing {

enum class Books { kEmpty, kOpened, kDemo };

class BankFixture : public StoreFixture {
 protected:
  explicit BankFixture(Date today, Books books = Books::kEmpty)
      : clock_(today), facility_(default_bank_facility()), books_(books) {}

  void SetUp() override;
  Principal principal(const std::string& name);
  Principal staff(const std::string& name, Role role);

  FixedClock clock_;
  Facility facility_;
  std::unique_ptr<Journal> journal_;

 private:
  Books books_;
};

}  // namespace leu::testing
