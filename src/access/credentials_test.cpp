// Tests of passwords and API tokens on a real journal, on both backends: who may set what, that a wrong
// secret tells nothing, that secrets never reach the journal, and that revocation and disabling take effect.
#include "access/credentials.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include <memory>
#include <string>

#include "domain/facility.hpp"
#include "testing/test_database.hpp"

namespace leu {
namespace {

using testing::Backend;
using ::testing::HasSubstr;
using testing::TestDatabase;

constexpr const char* kOlgaPassword = "olga-rack-07-pass";

class CredentialsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    if (!db_.available()) GTEST_SKIP() << db_.unavailable_reason();
    auto store = open_store(db_.location(), OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().describe();
    store_ = std::move(*store);
    journal_ = std::make_unique<Journal>(*store_, clock_);
    ASSERT_TRUE(open_journal(*journal_, default_bank_facility(), "admin").has_value());
    admin_ = resolve_principal(*journal_, "admin").value();
    ASSERT_TRUE(add_user(*journal_, admin_, "olga", {Role::kOperator}).has_value());
    ASSERT_TRUE(add_user(*journal_, admin_, "aigerim", {Role::kAccountant}).has_value());
    olga_ = resolve_principal(*journal_, "olga").value();
    aigerim_ = resolve_principal(*journal_, "aigerim").value();
  }

  Head head() { return journal_->head().value(); }

  TestDatabase db_{GetParam()};
  FixedClock clock_{Date::from_ymd(2026, 11, 28)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Journal> journal_;
  Principal admin_, olga_, aigerim_;
};

TEST_P(CredentialsTest, OwnPasswordLogsIn) {
  ASSERT_TRUE(set_password(*journal_, olga_, "olga", kOlgaPassword).has_value());
  const auto who = login(*journal_, "olga", kOlgaPassword);
  ASSERT_TRUE(who.has_value()) << who.error().describe();
  EXPECT_EQ(who->name, "olga");
  EXPECT_EQ(who->roles, std::vector<Role>{Role::kOperator});
}

TEST_P(CredentialsTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  ASSERT_TRUE(set_password(*journal_, olga_, "olga", kOlgaPassword).has_value());
  const auto wrong = login(*journal_, "olga", "olga-rack-07-pasS");
  const auto unknown = login(*journal_, "nobody", kOlgaPassword);
  const auto never_set = login(*journal_, "aigerim", kOlgaPassword);
  ASSERT_FALSE(wrong.has_value());
  ASSERT_FALSE(unknown.has_value());
  ASSERT_FALSE(never_set.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(wrong.error().describe(), unknown.error().describe());
  EXPECT_EQ(wrong.error().describe(), never_set.error().describe());
}

TEST_P(CredentialsTest, ShortPasswordIsRefusedAndChangesNothing) {
  const Head before = head();
  const auto r = set_password(*journal_, olga_, "olga", "short");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().field, "password");
  EXPECT_EQ(head(), before);
  EXPECT_EQ(store_->get_credential(kPasswordCredential, "olga").value(), std::nullopt);
}

TEST_P(CredentialsTest, OnlyTheUserOrAnAdminSetsAPassword) {
  const auto r = set_password(*journal_, aigerim_, "olga", kOlgaPassword);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(set_password(*journal_, admin_, "olga", kOlgaPassword).has_value());
  EXPECT_TRUE(login(*journal_, "olga", kOlgaPassword).has_value());
}

TEST_P(CredentialsTest, JournalRecordsTheChangeButNeverTheSecret) {
  ASSERT_TRUE(set_password(*journal_, admin_, "olga", kOlgaPassword).has_value());
  const auto token = issue_token(*journal_, olga_, "nightly export");
  ASSERT_TRUE(token.has_value());
  const std::string stored_hash = store_->get_credential(kPasswordCredential, "olga").value()->doc;
  ASSERT_THAT(stored_hash, HasSubstr("$argon2id$"));
  std::string all;
  std::vector<std::string> types;
  ASSERT_TRUE(journal_
                  ->scan(1,
                         [&](const StoredEvent& e) {
                           all += e.payload;
                           types.push_back(e.type);
                           return true;
                         })
                  .has_value());
  EXPECT_THAT(types, ::testing::Contains("user.password_set"));
  EXPECT_THAT(types, ::testing::Contains("token.issued"));
  EXPECT_EQ(all.find("argon2id"), std::string::npos);
  EXPECT_EQ(all.find(kOlgaPassword), std::string::npos);
  EXPECT_EQ(all.find(token->secret.substr(21)), std::string::npos);
  // The credentials sit beside the journal: verification of the books is unaffected.
  EXPECT_TRUE(journal_->verify().value().ok());
}

TEST_P(CredentialsTest, DisabledUserCannotLogInOrUseATokenAnyMore) {
  ASSERT_TRUE(set_password(*journal_, olga_, "olga", kOlgaPassword).has_value());
  const auto token = issue_token(*journal_, olga_, "scanner");
  ASSERT_TRUE(token.has_value());
  ASSERT_TRUE(disable_user(*journal_, admin_, "olga").has_value());
  EXPECT_FALSE(login(*journal_, "olga", kOlgaPassword).has_value());
  EXPECT_FALSE(authenticate_token(*journal_, token->secret).has_value());
}

TEST_P(CredentialsTest, TokenAuthenticatesUntilRevoked) {
  const auto token = issue_token(*journal_, olga_, "scanner");
  ASSERT_TRUE(token.has_value()) << token.error().describe();
  EXPECT_THAT(token->secret, ::testing::MatchesRegex("lbk_[0-9a-f]{16}_[0-9a-f]{64}"));
  const auto who = authenticate_token(*journal_, token->secret);
  ASSERT_TRUE(who.has_value()) << who.error().describe();
  EXPECT_EQ(who->name, "olga");

  std::string tampered = token->secret;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(authenticate_token(*journal_, tampered).has_value());
  EXPECT_FALSE(authenticate_token(*journal_, "lbk_garbage").has_value());

  ASSERT_TRUE(revoke_token(*journal_, olga_, token->id).has_value());
  const auto after = authenticate_token(*journal_, token->secret);
  ASSERT_FALSE(after.has_value());
  EXPECT_EQ(after.error().code, ErrorCode::kForbidden);
  const auto twice = revoke_token(*journal_, olga_, token->id);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
}

TEST_P(CredentialsTest, OthersTokensAreInvisibleButAnAdminSeesAndRevokesThem) {
  const auto token = issue_token(*journal_, olga_, "scanner");
  ASSERT_TRUE(token.has_value());
  EXPECT_TRUE(list_tokens(*journal_, aigerim_).value().empty());
  const auto stranger = revoke_token(*journal_, aigerim_, token->id);
  ASSERT_FALSE(stranger.has_value());
  EXPECT_EQ(stranger.error().code, ErrorCode::kNotFound);
  const auto listed = list_tokens(*journal_, admin_).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].user, "olga");
  EXPECT_EQ(listed[0].label, "scanner");
  ASSERT_TRUE(revoke_token(*journal_, admin_, token->id).has_value());
  EXPECT_TRUE(list_tokens(*journal_, olga_).value().at(0).revoked);
}

INSTANTIATE_TEST_SUITE_P(Backends, CredentialsTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu
