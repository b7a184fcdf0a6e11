#include "testing/bank_fixture.hpp"

#include "demo/demo_bank.hpp"
#include "domain/facility.hpp"

namespace leu::testing {

void BankFixture::SetUp() {
  StoreFixture::SetUp();
  if (!ready()) return;
  journal_ = std::make_unique<Journal>(*store_, clock_);
  if (books_ == Books::kOpened) {
    auto opened = open_journal(*journal_, facility_, "admin");
    ASSERT_TRUE(opened.has_value()) << opened.error().describe();
  } else if (books_ == Books::kDemo) {
    auto built = build_demo_bank(*journal_);
    ASSERT_TRUE(built.has_value()) << built.error().describe();
  }
}

Principal BankFixture::principal(const std::string& name) {
  auto who = resolve_principal(*journal_, name);
  EXPECT_TRUE(who.has_value()) << name << ": " << who.error().describe();
  return who.value_or(Principal{});
}

Principal BankFixture::staff(const std::string& name, Role role) {
  auto added = add_user(*journal_, principal("admin"), name, {role});
  EXPECT_TRUE(added.has_value()) << name << ": " << added.error().describe();
  return principal(name);
}

}  // namespace leu::testing
