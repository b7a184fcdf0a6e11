// Tests of the supply of last resort on a real journal, on both backends: the
// state machine, the five criteria, the two-person rule, State isolation, payment,
// allocation, shipment into the books, restocking; refusals change nothing and
// the journal verifies after a full history.
#include "bank/supply.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "accountancy/operations.hpp"
#include "accountancy/report_builder.hpp"
#include "bank/allocation.hpp"
#include "bank/member_states.hpp"
#include "domain/uf6.hpp"
#include "ledger/event_types.hpp"
#include "ledger/supply_events.hpp"
#include "reports/labelled.hpp"
#include "reports/profile.hpp"
#include "store/store.hpp"
#include "testing/bank_fixture.hpp"

namespace leu::bank {
namespace {

using leu::testing::Backend;

const Date kToday = Date::from_ymd(2026, 6, 15);
const Date kReceived = Date::from_ymd(2025, 6, 2);
const Date kFactDate = Date::from_ymd(2026, 1, 10);
const std::string kSha(64, 'a');
const std::string kSha2(64, 'b');
const Fraction kMin = Fraction::from_parts(40'000'000);  // 4.00 %
const Fraction kMax = Fraction::from_parts(49'500'000);  // 4.95 %

// Net UF6 of the test reserve [kg]; at 4.9 % U-235 each holds about 0.676 kg U per kg UF6.
const std::vector<std::pair<std::string, std::int64_t>> kCylinders = {{"T-01", 2200}, {"T-02", 2210}, {"T-03", 2150},
                                                                      {"T-04", 2100}, {"T-05", 2000}, {"T-06", 1900}};

struct BooksState {
  Head head;
  std::int64_t events = 0;
  std::vector<ProjectionRow> rows;
  bool operator==(const BooksState&) const = default;
};

class SupplyTest : public leu::testing::BankFixture {
 protected:
  SupplyTest() : BankFixture(kToday, leu::testing::Books::kOpened) {}

  void SetUp() override {
    BankFixture::SetUp();
    if (!ready()) return;
    const Principal admin = principal("admin");
    must(add_user(*journal_, admin, "olga", {Role::kOperator}));
    must(add_user(*journal_, admin, "ingrid", {Role::kInspector}));
    must(add_user(*journal_, admin, "bruno", {Role::kBankOfficer}));
    must(add_user(*journal_, admin, "bea", {Role::kBankOfficer}));
    must(add_user(*journal_, admin, "dg", {Role::kDirectorGeneral}));
    must(add_user(*journal_, admin, "samir", {Role::kStateRepresentative}, "XR"));
    must(add_user(*journal_, admin, "yara", {Role::kStateRepresentative}, "XY"));
    op_ = principal("olga"), inspector_ = principal("ingrid"), bruno_ = principal("bruno");
    bea_ = principal("bea"), dg_ = principal("dg"), samir_ = principal("samir"), yara_ = principal("yara");

    Operations ops(*journal_);
    std::vector<ReceiptLine> lines;
    for (const auto& [id, net] : kCylinders) lines.push_back(line(id, Mass::kilograms(net), kReceived));
    must(ops.receive(op_, lines));
    int seal = 1;
    for (const auto& [id, net] : kCylinders)
      must(ops.apply_seal(inspector_, SealInput{"S-" + std::to_string(seal++), id, "metal cap", true, "", kReceived}));

    for (const char* code : {"XR", "XY"}) {
      must(register_state(*journal_, bruno_, {code, std::string("Republic ") + code + " (fiction)", kFactDate}));
      record_good_facts(code);
    }
  }

  template <class T>
  T must(Result<T> r) {
    EXPECT_TRUE(r.has_value()) << r.error().describe();
    if (!r) throw std::runtime_error(r.error().describe());
    return std::move(*r);
  }
  void must(Result<void> r) {
    EXPECT_TRUE(r.has_value()) << r.error().describe();
    if (!r) throw std::runtime_error(r.error().describe());
  }

  static ReceiptLine line(const std::string& id, Mass net, Date received) {
    ReceiptLine l;
    l.line = 2;
    l.cylinder_id = id;
    l.supplier = "Orano Cycle";
    l.shipper_batch = "B25-01";
    l.shipper = "FR";
    l.tare = Mass::kilograms(635);
    l.gross = l.tare + net;
    l.isotopics = Isotopics::from_u235(Fraction::from_parts(49'000'000)).value();
    const UraniumContent c = uranium_in_uf6(net, l.isotopics);
    l.declared_uranium = c.uranium;
    l.declared_u235 = c.u235;
    l.recertified_on = received.plus_days(-200);
    l.filled_on = received.plus_days(-30);
    l.received_on = received;
    return l;
  }

  StateFactInput fact(const std::string& state, StateFact kind, Date as_of = kFactDate) {
    StateFactInput f;
    f.state = state;
    f.fact = kind;
    f.as_of = as_of;
    f.evidence = {"DOC/" + state + "/" + std::string(state_fact_name(kind)), kSha};
    f.member = true;
    f.csa_in_force = true;
    f.csa_reference = "INFCIRC/9" + state;
    f.csa_in_force_since = Date::from_ymd(2001, 3, 1);
    f.covers_supplied_leu = true;
    f.sir_year = 2025;
    f.no_diversion = true;
    f.issue_under_consideration = false;
    return f;
  }
  void record_good_facts(const std::string& state, Date as_of = kFactDate) {
    for (StateFact k : {StateFact::kMembership, StateFact::kCsa, StateFact::kSir, StateFact::kBoardIssues})
      must(record_state_fact(*journal_, bruno_, fact(state, k, as_of)));
  }

  std::string file(const Principal& who = Principal{}, Mass uranium = Mass::kilograms(3000)) {
    const Principal& rep = who.name.empty() ? samir_ : who;
    return must(file_request(*journal_, rep,
                             {"", uranium, kMin, kMax, "Fictional NPP Unit 1",
                              "fuel fabricator's supply contract terminated by force majeure", kToday}))
        .id;
  }

  AgreementInput agreement(const std::string& id, Mass uranium = Mass::kilograms(3000)) {
    AgreementInput a;
    a.request = id;
    a.reference = "SA/" + id;
    a.evidence = {"SA/" + id + " signed", kSha2};
    a.uranium = uranium;
    a.enrichment_min = kMin;
    a.enrichment_max = kMax;
    a.delivery_point = "Fictional Fuel Plant";
    a.route = {{"Ulba (Oskemen)", "Border station A", "", ""},
               {"Border station A", "Border station B", "RU", "transit agreement 2015-06-18"},
               {"Border station B", "Fictional Fuel Plant", "", ""}};
    a.price = {"USD",
               {{"feed", 10'000'000, "kgU", 15'000},
                {"conversion", 10'000'000, "kgU", 1'200},
                {"enrichment", 6'000'000, "SWU", 15'000},
                {"transport", 1'000, "lot", 50'000'000}},
               500};
    a.date = kToday;
    return a;
  }
  // 10,000 x 150 + 10,000 x 12 + 6,000 x 150 + 500,000 = 3,020,000 USD; +5 % = 3,171,000.00 USD.
  static constexpr std::int64_t kTotalCents = 317'100'000;

  // Drives request `id` forward to `target` by the happy path.
  void advance(const std::string& id, const std::string& target) {
    namespace s = request_status;
    const std::vector<std::string> order = {s::kFiled,   s::kUnderAssessment, s::kApproved, s::kAgreementConcluded,
                                            s::kPaid,    s::kAllocated,       s::kPrepared, s::kReleased,
                                            s::kShipped, s::kReceived};
    const auto at = [&](const std::string& st) { return std::find(order.begin(), order.end(), st) - order.begin(); };
    const auto now = at(status(id));
    // A step is taken when it lies after the request's current status and not beyond the target.
    const auto reach = [&](const std::string& st) { return at(st) > now && at(st) <= at(target); };
    if (reach(s::kUnderAssessment)) {
      for (int c : {1, 2})
        must(attest_criterion(*journal_, samir_,
                              {id, c, "attestation of criterion " + std::to_string(c), {"NOTE/" + id, kSha}, kToday}));
      must(start_assessment(*journal_, bruno_, {id, kToday, ""}));
    }
    if (reach(s::kApproved)) {
      must(assess_request(*journal_, bruno_, {id, kToday, true, "disruption documented", true, "market closed"}));
      must(propose_determination(*journal_, dg_, {id, true, "all five criteria met", kToday}));
      must(confirm_determination(*journal_, bruno_, {id, kToday, ""}));
    }
    if (reach(s::kAgreementConcluded)) must(conclude_agreement(*journal_, bruno_, agreement(id)));
    if (reach(s::kPaid)) must(record_payment(*journal_, bruno_, {id, kTotalCents, "USD", "TT-1", kToday}));
    if (reach(s::kAllocated)) must(allocate_cylinders(*journal_, bruno_, {id, kToday, {}}));
    if (reach(s::kPrepared)) must(prepare_shipment(*journal_, op_, prepare_input(id)));
    if (reach(s::kReleased)) {
      must(propose_release(*journal_, bruno_, {id, kToday, ""}));
      must(confirm_release(*journal_, dg_, {id, kToday, ""}));
    }
    if (reach(s::kShipped)) must(ship_request(*journal_, op_, {id, kToday, ""}));
    if (reach(s::kReceived)) must(confirm_receipt(*journal_, samir_, receipt_input(id)));
  }

  PrepareInput prepare_input(const std::string& id) {
    PrepareInput p{id, kToday, {}, "SHIP/" + id};
    const Json doc = request(id);  // kept alive: the loop below refers into it
    for (const auto& c : doc["allocation"]["cylinders"])
      p.cylinders.push_back({c.get<std::string>(), "UX-30 OP-" + c.get<std::string>()});
    return p;
  }
  ReceiptInput receipt_input(const std::string& id) {
    ReceiptInput r{id, kToday, "Fictional Fuel Plant", {}, {"RECEIPT/" + id, kSha}};
    const Json doc = request(id);
    for (const auto& c : doc["preparation"]["cylinders"]) {
      // The receiver measures 100 g less U and 5 g less U-235 per cylinder.
      r.cylinders.push_back({c["item"].get<std::string>(), Mass::milligrams(c["net_uf6_mg"].get<std::int64_t>()),
                             Mass::milligrams(c["uranium_mg"].get<std::int64_t>()) - Mass::grams(100),
                             Mass::milligrams(c["u235_mg"].get<std::int64_t>()) - Mass::grams(5)});
    }
    return r;
  }

  Json request(const std::string& id) { return must(get_request(*journal_, bruno_, id)); }
  std::string status(const std::string& id) { return request(id)["status"].get<std::string>(); }

  BooksState books() {
    BooksState s;
    s.head = must(journal_->head());
    s.events = must(store_->journal_count());
    must(store_->scan_rows("", [&](const ProjectionRow& r) {
      s.rows.push_back(r);
      return true;
    }));
    return s;
  }

  // Expects `r` to fail with `code` and a message holding each of `words`, and the books unchanged.
  template <class T>
  void expect_refused(const BooksState& before, const Result<T>& r, ErrorCode code,
                      const std::vector<std::string>& words) {
    ASSERT_FALSE(r.has_value()) << "expected a refusal";
    EXPECT_EQ(r.error().code, code) << r.error().describe();
    for (const auto& w : words) EXPECT_NE(r.error().describe().find(w), std::string::npos) << r.error().describe();
    EXPECT_EQ(books(), before);
  }

  void expect_verifies() {
    auto report = must(journal_->verify());
    EXPECT_TRUE(report.ok()) << report.divergence->message;
  }

  Principal op_, inspector_, bruno_, bea_, dg_, samir_, yara_;
};

TEST_P(SupplyTest, AFullSupplyFromFilingToClosingShipsIntoTheBooksAndVerifies) {
  const std::string id = file();
  EXPECT_EQ(id, "REQ-0001");
  advance(id, request_status::kPaid);
  const Mass book_before = Mass::milligrams(must(journal_->book_at("KZBK", kToday)).front().uranium_mg);

  must(allocate_cylinders(*journal_, bruno_, {id, kToday, {}}));
  Json r = request(id);
  // The allocation covers the agreed 3,000 kg U with whole cylinders, with the least excess over all subsets.
  const Mass allocated = Mass::milligrams(r["allocation"]["uranium_mg"].get<std::int64_t>());
  EXPECT_GE(allocated, Mass::kilograms(3000));
  EXPECT_TRUE(r["allocation"]["optimal"].get<bool>());
  std::vector<Candidate> reserve;
  for (const auto& [cid, net] : kCylinders) {
    const Item it = *must(journal_->item(cid));
    reserve.push_back({cid, it.uranium, it.u235});
  }
  EXPECT_EQ(allocated, choose_cylinders(reserve, Mass::kilograms(3000)).uranium);
  EXPECT_NE(r["allocation"]["explanation"].get<std::string>().find("Reserve left"), std::string::npos);
  const ReserveStatus reserve_now = must(reserve_status(*journal_, bruno_));
  EXPECT_EQ(reserve_now.allocated, static_cast<std::int64_t>(r["allocation"]["cylinders"].size()));

  advance(id, request_status::kShipped);
  // The shipment is in the material books: the book decreases by the allocated uranium, with SF lines to XR.
  const Mass book_after = Mass::milligrams(must(journal_->book_at("KZBK", kToday)).front().uranium_mg);
  EXPECT_EQ(book_before - book_after, allocated);
  int sf_lines = 0;
  must(store_->scan_lines(1, INT64_MAX, [&](const ChangeLine& l) {
    if (l.code == "SF" && l.partner == "XR") ++sf_lines;
    return true;
  }));
  EXPECT_EQ(sf_lines, static_cast<int>(r["allocation"]["cylinders"].size()));
  // ... and in the month's inventory change report, one SF line per cylinder to XR.
  const auto icr = must(build_icr(*journal_, "KZBK", kToday.year(), kToday.month(), "bruno"));
  const std::string text = reports::write_labelled(icr, reports::default_profile());
  int icr_lines = 0;
  for (std::size_t at = 0; (at = text.find("IC_CODE=SF;", at)) != std::string::npos; ++at) ++icr_lines;
  EXPECT_EQ(icr_lines, sf_lines) << text;
  EXPECT_NE(text.find("MBA_TO=XR"), std::string::npos);
  for (const auto& c : r["allocation"]["cylinders"]) {
    const Item it = *must(journal_->item(c.get<std::string>()));
    EXPECT_EQ(it.status, ItemStatus::kShipped);
    EXPECT_EQ(it.shipped_to, "XR");
  }

  must(confirm_receipt(*journal_, samir_, receipt_input(id)));
  r = request(id);
  const auto n = static_cast<std::int64_t>(r["allocation"]["cylinders"].size());
  EXPECT_EQ(r["receipt"]["srd_uranium_mg"].get<std::int64_t>(), n * 100'000);
  EXPECT_EQ(r["receipt"]["srd_u235_mg"].get<std::int64_t>(), n * 5'000);

  // Restocking: ordered with the payment, a new cylinder received into the reserve, delivered, accepted.
  const Principal& bank = bruno_;
  auto overspend = order_restock(*journal_, bank, {id, "Orano Cycle", 2, kTotalCents + 1, "USD", "PO-1", kToday});
  expect_refused(books(), overspend, ErrorCode::kInvalidInput, {"amount_cents"});
  expect_refused(books(), close_request(*journal_, bank, {id, kToday, ""}), ErrorCode::kConflict, {"no restock order"});
  const RestockOrdered order =
      must(order_restock(*journal_, bank, {id, "Orano Cycle", 2, kTotalCents, "USD", "PO-1", kToday}));
  Operations ops(*journal_);
  auto restock_line = line("T-07", Mass::kilograms(2200), kToday);
  must(ops.receive(op_, {restock_line}));
  must(record_restock_delivery(*journal_, bank, {order.id, {"T-07"}, kToday}));
  must(accept_restock(*journal_, bank, {order.id, "accepted after IAEA verification", kToday}));
  EXPECT_EQ(must(get_restock_order(*journal_, bank, order.id))["status"], "accepted");
  must(close_request(*journal_, bank, {id, kToday, "supply completed"}));
  EXPECT_EQ(status(id), request_status::kClosed);

  // The Board was informed at every milestone.
  const auto notices = must(list_board_notices(*journal_, dg_, id));
  std::vector<std::string> milestones;
  for (const auto& n2 : notices) milestones.push_back(n2["milestone"].get<std::string>());
  const std::vector<std::string> want = {supply_event::kFiled,
                                         supply_event::kAssessmentStarted,
                                         supply_event::kAssessed,
                                         supply_event::kDeterminationConfirmed,
                                         supply_event::kAgreementConcluded,
                                         supply_event::kPaymentRecorded,
                                         supply_event::kAllocated,
                                         supply_event::kPrepared,
                                         supply_event::kReleaseConfirmed,
                                         supply_event::kShipped,
                                         supply_event::kReceived,
                                         supply_event::kClosed};
  EXPECT_EQ(milestones, want);
  expect_verifies();
}

TEST_P(SupplyTest, EveryStepOutOfTurnIsRefusedWithTheStatusNeededAndTheRoleAllowedAndChangesNothing) {
  const std::string id = file();
  const BooksState before = books();
  // From "filed", only attest, start the assessment, withdraw and cancel are allowed.
  expect_refused(before, assess_request(*journal_, bruno_, {id, kToday, false, "x", false, "x"}), ErrorCode::kConflict,
                 {"is filed", "under_assessment", "bank_officer"});
  expect_refused(before, propose_determination(*journal_, dg_, {id, true, "x", kToday}), ErrorCode::kConflict,
                 {"under_assessment", "director_general"});
  expect_refused(before, confirm_determination(*journal_, bruno_, {id, kToday, ""}), ErrorCode::kConflict,
                 {"under_assessment"});
  expect_refused(before, conclude_agreement(*journal_, bruno_, agreement(id)), ErrorCode::kConflict,
                 {"status approved", "bank_officer"});
  expect_refused(before, record_payment(*journal_, bruno_, {id, 100, "USD", "TT", kToday}), ErrorCode::kConflict,
                 {"agreement_concluded"});
  expect_refused(before, allocate_cylinders(*journal_, bruno_, {id, kToday, {}}), ErrorCode::kConflict,
                 {"status paid", "bank_officer"});
  expect_refused(before, prepare_shipment(*journal_, op_, {id, kToday, {}, "P"}), ErrorCode::kConflict,
                 {"status allocated", "operator"});
  expect_refused(before, propose_release(*journal_, bruno_, {id, kToday, ""}), ErrorCode::kConflict,
                 {"status prepared"});
  expect_refused(before, confirm_release(*journal_, dg_, {id, kToday, ""}), ErrorCode::kConflict, {"prepared"});
  expect_refused(before, ship_request(*journal_, op_, {id, kToday, ""}), ErrorCode::kConflict,
                 {"status released", "operator"});
  expect_refused(before, confirm_receipt(*journal_, samir_, ReceiptInput{id, kToday, "F", {}, {"R", kSha}}),
                 ErrorCode::kConflict, {"status shipped"});
  expect_refused(before, close_request(*journal_, bruno_, {id, kToday, ""}), ErrorCode::kConflict, {"status received"});
  expect_refused(before, recheck_criteria(*journal_, bruno_, {id, kToday, ""}), ErrorCode::kConflict, {"approved"});
  // The wrong role is refused before anything else, naming the roles allowed.
  expect_refused(before, start_assessment(*journal_, samir_, {id, kToday, ""}), ErrorCode::kForbidden,
                 {"bank_officer"});
  expect_refused(before, file_request(*journal_, bruno_, {"XR", Mass::kilograms(1), kMin, kMax, "p", "d", kToday}),
                 ErrorCode::kForbidden, {"state_representative"});
  expect_refused(before, withdraw_request(*journal_, bruno_, {id, kToday, "x"}), ErrorCode::kForbidden,
                 {"state_representative"});

  // Each allowed transition, and then the ones that no longer are.
  for (int c : {1, 2}) must(attest_criterion(*journal_, samir_, {id, c, "attestation", {"NOTE", kSha}, kToday}));
  must(start_assessment(*journal_, bruno_, {id, kToday, ""}));
  EXPECT_EQ(status(id), request_status::kUnderAssessment);
  expect_refused(books(), start_assessment(*journal_, bruno_, {id, kToday, ""}), ErrorCode::kConflict,
                 {"is under_assessment", "status filed"});
  advance(id, request_status::kApproved);
  EXPECT_EQ(status(id), request_status::kApproved);
  must(withdraw_request(*journal_, samir_, {id, kToday, "supply restored commercially"}));
  EXPECT_EQ(status(id), request_status::kWithdrawn);
  expect_refused(books(), cancel_request(*journal_, bruno_, {id, kToday, "x"}), ErrorCode::kConflict, {"is withdrawn"});

  // A cancellation after allocation gives the cylinders back to the reserve.
  const std::string second = file();
  advance(second, request_status::kAllocated);
  EXPECT_GT(must(reserve_status(*journal_, bruno_)).allocated, 0);
  expect_refused(books(), withdraw_request(*journal_, samir_, {second, kToday, "x"}), ErrorCode::kConflict,
                 {"is allocated"});
  must(cancel_request(*journal_, bruno_, {second, kToday, "recipient's plant shut down"}));
  EXPECT_EQ(must(reserve_status(*journal_, bruno_)).allocated, 0);
  // A refused determination is final.
  const std::string third = file();
  advance(third, request_status::kUnderAssessment);
  must(assess_request(*journal_, bruno_, {third, kToday, true, "documented", true, "documented"}));
  must(propose_determination(*journal_, dg_, {third, false, "supply restored by other means", kToday}));
  must(confirm_determination(*journal_, bea_, {third, kToday, ""}));
  EXPECT_EQ(status(third), request_status::kRefused);
  expect_refused(books(), conclude_agreement(*journal_, bruno_, agreement(third)), ErrorCode::kConflict,
                 {"is refused"});
  expect_verifies();
}

TEST_P(SupplyTest, EachOfTheFiveCriteriaFailingOnItsOwnBlocksApprovalNamingIt) {
  for (int failing = 1; failing <= 5; ++failing) {
    const std::string id = file();
    advance(id, request_status::kUnderAssessment);
    if (failing == 3) {
      auto f = fact("XR", StateFact::kSir, kToday);
      f.no_diversion = false;
      must(record_state_fact(*journal_, bruno_, f));
    } else if (failing == 4) {
      auto f = fact("XR", StateFact::kBoardIssues, kToday);
      f.issue_under_consideration = true;
      must(record_state_fact(*journal_, bruno_, f));
    } else if (failing == 5) {
      auto f = fact("XR", StateFact::kCsa, kToday);
      f.covers_supplied_leu = false;
      must(record_state_fact(*journal_, bruno_, f));
    }
    must(assess_request(*journal_, bruno_, {id, kToday, failing != 1, "basis 1", failing != 2, "basis 2"}));
    EXPECT_EQ(request(id)["assessment"]["failed"], Json::array({failing})) << failing;
    const BooksState before = books();
    expect_refused(before, propose_determination(*journal_, dg_, {id, true, "approve", kToday}), ErrorCode::kConflict,
                   {"criterion " + std::to_string(failing), "cannot be approved"});
    // A refusal may be proposed and confirmed.
    must(propose_determination(*journal_, dg_, {id, false, "criterion not met", kToday}));
    must(confirm_determination(*journal_, bruno_, {id, kToday, ""}));
    EXPECT_EQ(status(id), request_status::kRefused);
    record_good_facts("XR", kToday);  // the next round starts from a clean record
  }
  // Criteria 1-2 cannot be found met without an attestation with evidence.
  must(withdraw_request(*journal_, samir_, {file(), kToday, "x"}));
  const std::string bare = file();
  must(start_assessment(*journal_, bruno_, {bare, kToday, ""}));
  expect_refused(books(), assess_request(*journal_, bruno_, {bare, kToday, true, "b", true, "b"}),
                 ErrorCode::kInvalidInput, {"criterion1_met", "attestation"});
  expect_verifies();
}

TEST_P(SupplyTest, NoOneAloneCanApproveOrReleaseTwoPersonRule) {
  const std::string id = file();
  advance(id, request_status::kUnderAssessment);
  must(assess_request(*journal_, bruno_, {id, kToday, true, "b1", true, "b2"}));
  // A bank officer cannot propose; the Director General cannot confirm their own proposal.
  expect_refused(books(), propose_determination(*journal_, bruno_, {id, true, "x", kToday}), ErrorCode::kForbidden,
                 {"director_general"});
  must(propose_determination(*journal_, dg_, {id, true, "all met", kToday}));
  expect_refused(books(), confirm_determination(*journal_, dg_, {id, kToday, ""}), ErrorCode::kForbidden,
                 {"two-person rule"});
  expect_refused(books(), confirm_determination(*journal_, samir_, {id, kToday, ""}), ErrorCode::kForbidden,
                 {"director_general, bank_officer"});
  must(confirm_determination(*journal_, bruno_, {id, kToday, ""}));
  EXPECT_EQ(status(id), request_status::kApproved);
  EXPECT_EQ(request(id)["determination"]["proposed_by"], "dg");
  EXPECT_EQ(request(id)["determination"]["by"], "bruno");

  advance(id, request_status::kPrepared);
  must(propose_release(*journal_, bruno_, {id, kToday, ""}));
  expect_refused(books(), confirm_release(*journal_, bruno_, {id, kToday, ""}), ErrorCode::kForbidden,
                 {"two-person rule"});
  expect_refused(books(), ship_request(*journal_, op_, {id, kToday, ""}), ErrorCode::kConflict, {"status released"});
  must(confirm_release(*journal_, bea_, {id, kToday, ""}));
  EXPECT_EQ(status(id), request_status::kReleased);

  // The fold itself refuses a confirmation by the proposer, should an event bypass the service.
  const std::string other = file();
  advance(other, request_status::kUnderAssessment);
  must(assess_request(*journal_, bruno_, {other, kToday, true, "b1", true, "b2"}));
  must(propose_determination(*journal_, dg_, {other, true, "all met", kToday}));
  const BooksState before = books();
  auto raw = journal_->append(
      "dg", {NewEvent{supply_event::kDeterminationConfirmed, {{"request", other}, {"date", kToday.text()}}}});
  ASSERT_FALSE(raw.has_value());
  EXPECT_EQ(books(), before);
  expect_verifies();
}

TEST_P(SupplyTest, AChangedStateFactBlocksReleaseUntilRecheckedAndAFailingOneStopsIt) {
  const std::string id = file();
  advance(id, request_status::kPrepared);
  // A new Board-issues fact, even one that still passes, is a change since the assessment.
  must(record_state_fact(*journal_, bruno_, fact("XR", StateFact::kBoardIssues, kToday)));
  expect_refused(books(), propose_release(*journal_, bruno_, {id, kToday, ""}), ErrorCode::kConflict,
                 {"criterion 4", "changed", "recheck"});
  must(recheck_criteria(*journal_, bruno_, {id, kToday, ""}));
  must(propose_release(*journal_, bruno_, {id, kToday, ""}));
  // Between proposal and confirmation the SIR conclusion changes: the confirmation is blocked.
  auto sir = fact("XR", StateFact::kSir, kToday);
  sir.no_diversion = false;
  must(record_state_fact(*journal_, bruno_, sir));
  expect_refused(books(), confirm_release(*journal_, dg_, {id, kToday, ""}), ErrorCode::kConflict,
                 {"criterion 3", "not met"});
  expect_refused(books(), recheck_criteria(*journal_, bruno_, {id, kToday, ""}), ErrorCode::kConflict,
                 {"criterion 3", "no longer met"});
  // The record keeps every fact with its history; nothing is overwritten.
  const Json state = must(get_state(*journal_, bruno_, "XR"));
  EXPECT_EQ(state["facts"]["sir"].size(), 2u);
  EXPECT_EQ(state["facts"]["board_issues"].size(), 2u);
  EXPECT_FALSE(current_fact(state, "sir")->value("no_diversion", true));
  must(cancel_request(*journal_, bruno_, {id, kToday, "criterion 3 no longer met"}));
  expect_verifies();
}

TEST_P(SupplyTest, AStateRepresentativeSeesAndActsOnlyOnItsOwnStatesRequests) {
  const std::string mine = file(samir_);
  const std::string theirs = file(yara_);
  // Listing: each representative sees its own; the bank officer sees both.
  const auto samir_list = must(list_requests(*journal_, samir_, {}));
  ASSERT_EQ(samir_list.size(), 1u);
  EXPECT_EQ(samir_list[0]["id"], mine);
  EXPECT_EQ(must(list_requests(*journal_, yara_, {"XR", ""})).size(), 0u);
  EXPECT_EQ(must(list_requests(*journal_, bruno_, {})).size(), 2u);
  // By id: another State's request looks exactly like one that does not exist.
  auto guessed = get_request(*journal_, yara_, mine);
  auto unknown = get_request(*journal_, yara_, "REQ-9999");
  ASSERT_FALSE(guessed.has_value());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(guessed.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(guessed.error().message, "unknown request '" + mine + "'");
  EXPECT_EQ(unknown.error().message, "unknown request 'REQ-9999'");
  const BooksState before = books();
  expect_refused(before, attest_criterion(*journal_, yara_, {mine, 1, "x", {"X", kSha}, kToday}), ErrorCode::kNotFound,
                 {"unknown request"});
  expect_refused(before, withdraw_request(*journal_, yara_, {mine, kToday, "x"}), ErrorCode::kNotFound,
                 {"unknown request"});
  expect_refused(before, list_board_notices(*journal_, yara_, mine), ErrorCode::kNotFound, {"unknown request"});
  expect_refused(before, get_state(*journal_, yara_, "XR"), ErrorCode::kNotFound, {"unknown Member State"});
  expect_refused(before, file_request(*journal_, yara_, {"XR", Mass::kilograms(1), kMin, kMax, "p", "d", kToday}),
                 ErrorCode::kForbidden, {"represents XY"});
  for (const auto& n : must(list_board_notices(*journal_, yara_, ""))) EXPECT_EQ(n["request"], theirs);
  EXPECT_EQ(must(list_states(*journal_, yara_)).size(), 1u);
  // Its own request it can act on.
  must(withdraw_request(*journal_, yara_, {theirs, kToday, "resolved"}));
  expect_verifies();
}

TEST_P(SupplyTest, APaymentShortByOneCentReleasesNothingAndAnOverpaymentIsRefused) {
  const std::string id = file();
  advance(id, request_status::kAgreementConcluded);
  EXPECT_EQ(request(id)["agreement"]["price"]["total_cents"], kTotalCents);
  must(record_payment(*journal_, bruno_, {id, kTotalCents - 1, "USD", "TT-1", kToday}));
  EXPECT_EQ(status(id), request_status::kAgreementConcluded);
  expect_refused(books(), allocate_cylinders(*journal_, bruno_, {id, kToday, {}}), ErrorCode::kConflict,
                 {"status paid"});
  expect_refused(books(), record_payment(*journal_, bruno_, {id, 2, "USD", "TT-2", kToday}), ErrorCode::kInvalidInput,
                 {"amount_cents", "0.01 USD outstanding"});
  expect_refused(books(), record_payment(*journal_, bruno_, {id, 1, "EUR", "TT-2", kToday}), ErrorCode::kInvalidInput,
                 {"currency"});
  must(record_payment(*journal_, bruno_, {id, 1, "USD", "TT-2", kToday}));
  EXPECT_EQ(status(id), request_status::kPaid);
  EXPECT_EQ(request(id)["paid_cents"], kTotalCents);
  expect_verifies();
}

TEST_P(SupplyTest, NoCylinderIsAllocatedTwiceNotEvenByAStaleWriter) {
  const std::string a = file(samir_, Mass::kilograms(3000));
  const std::string b = file(yara_, Mass::kilograms(3000));
  advance(a, request_status::kPaid);
  // yara's request goes the same way with yara attesting.
  for (int c : {1, 2}) must(attest_criterion(*journal_, yara_, {b, c, "att", {"N", kSha}, kToday}));
  must(start_assessment(*journal_, bruno_, {b, kToday, ""}));
  must(assess_request(*journal_, bruno_, {b, kToday, true, "b", true, "b"}));
  must(propose_determination(*journal_, dg_, {b, true, "met", kToday}));
  must(confirm_determination(*journal_, bruno_, {b, kToday, ""}));
  must(conclude_agreement(*journal_, bruno_, agreement(b)));
  must(record_payment(*journal_, bruno_, {b, kTotalCents, "USD", "TT", kToday}));

  must(allocate_cylinders(*journal_, bruno_, {a, kToday, {}}));
  const Json taken = request(a)["allocation"]["cylinders"];
  const std::string first = taken[0].get<std::string>();
  expect_refused(books(), allocate_cylinders(*journal_, bruno_, {b, kToday, {first}}), ErrorCode::kConflict,
                 {"allocated to another request"});
  // A writer that chose its cylinders before the other allocation committed is stopped by the fold.
  const BooksState before = books();
  auto stale = journal_->append(
      "bruno", {NewEvent{supply_event::kAllocated, {{"request", b}, {"date", kToday.text()}, {"cylinders", {first}}}}});
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(books(), before);
  must(allocate_cylinders(*journal_, bruno_, {b, kToday, {}}));
  std::set<std::string> all;
  for (const auto& id : {a, b})
    for (const auto& c : request(id).at("allocation").at("cylinders").get<std::vector<std::string>>())
      EXPECT_TRUE(all.insert(c).second);
  expect_verifies();
}

TEST_P(SupplyTest, TwoConcurrentAllocationsNeverShareACylinder) {
  std::vector<std::string> ids;
  for (int i = 0; i < 2; ++i) {
    ids.push_back(file(samir_, Mass::kilograms(4000)));
    advance(ids.back(), request_status::kPaid);
  }
  // Two writers on their own connections race for the same free cylinders.
  std::vector<Result<Head>> results(2, std::unexpected(Error{}));
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] {
      auto store = open_store(db_.location(), OpenMode::kExisting);
      if (!store) {
        results[static_cast<std::size_t>(i)] = std::unexpected(store.error());
        return;
      }
      Journal journal(**store, clock_);
      results[static_cast<std::size_t>(i)] =
          allocate_cylinders(journal, bruno_, {ids[static_cast<std::size_t>(i)], kToday, {}});
    });
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  int ok = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    if (!results[i]) {
      // The loser is refused: a conflict (or a busy database), never a double allocation.
      EXPECT_TRUE(results[i].error().code == ErrorCode::kConflict || results[i].error().code == ErrorCode::kStorage)
          << results[i].error().describe();
      continue;
    }
    ++ok;
    for (const auto& c : request(ids[i]).at("allocation").at("cylinders").get<std::vector<std::string>>())
      EXPECT_TRUE(all.insert(c).second) << c;
  }
  EXPECT_GE(ok, 1);
  expect_verifies();
}

TEST_P(SupplyTest, MemberStateFactsAreValidatedDatedAndNeedEvidence) {
  auto f = fact("XR", StateFact::kSir);
  f.evidence.sha256 = "ABC";
  expect_refused(books(), record_state_fact(*journal_, bruno_, f), ErrorCode::kInvalidInput, {"evidence_sha256"});
  f = fact("XR", StateFact::kSir, kToday.plus_days(1));
  expect_refused(books(), record_state_fact(*journal_, bruno_, f), ErrorCode::kInvalidInput, {"as_of", "future"});
  f = fact("XR", StateFact::kCsa);
  f.csa_in_force_since.reset();
  expect_refused(books(), record_state_fact(*journal_, bruno_, f), ErrorCode::kInvalidInput, {"csa_in_force_since"});
  expect_refused(books(), record_state_fact(*journal_, samir_, fact("XR", StateFact::kSir)), ErrorCode::kForbidden,
                 {"bank_officer"});
  expect_refused(books(), register_state(*journal_, bruno_, {"XR", "again", kToday}), ErrorCode::kConflict,
                 {"registered already"});
  expect_refused(books(), register_state(*journal_, bruno_, {"xr1", "bad", kToday}), ErrorCode::kInvalidInput,
                 {"alpha-2"});
  // A representative must name its State, and only a representative has one.
  const Principal admin = principal("admin");
  expect_refused(books(), add_user(*journal_, admin, "rep2", {Role::kStateRepresentative}), ErrorCode::kInvalidInput,
                 {"state"});
  expect_refused(books(), add_user(*journal_, admin, "op2", {Role::kOperator}, "XR"), ErrorCode::kInvalidInput,
                 {"state"});
  EXPECT_EQ(principal("samir").state, "XR");
}

TEST_P(SupplyTest, PreparationChecksEachCylinderAndListsTheShippingDocuments) {
  const std::string id = file();
  advance(id, request_status::kAllocated);
  PrepareInput p = prepare_input(id);
  const std::string first = p.cylinders.front().cylinder;
  // A seal found broken blocks the preparation, naming the cylinder and the seal.
  const Item it = *must(journal_->item(first));
  Operations ops(*journal_);
  must(ops.verify_seal(inspector_, SealInput{it.seals.front(), first, "", false, "wire cut", kToday}));
  expect_refused(books(), prepare_shipment(*journal_, op_, p), ErrorCode::kConflict, {first, "intact"});
  must(ops.remove_seal(inspector_, SealInput{it.seals.front(), first, "", true, "replaced after check", kToday}));
  must(ops.apply_seal(inspector_, SealInput{"S-NEW", first, "metal cap", true, "", kToday}));
  p.cylinders.pop_back();
  expect_refused(books(), prepare_shipment(*journal_, op_, p), ErrorCode::kInvalidInput, {"is not prepared"});
  must(prepare_shipment(*journal_, op_, prepare_input(id)));
  const Json docs = request(id)["preparation"]["documents"];
  EXPECT_EQ(docs["cylinders"], request(id)["allocation"]["cylinders"].size());
  EXPECT_EQ(docs["uranium_mg"], request(id)["allocation"]["uranium_mg"]);
  EXPECT_EQ(docs["route"].size(), 3u);
  expect_verifies();
}

INSTANTIATE_TEST_SUITE_P(Backends, SupplyTest, ::testing::ValuesIn(leu::testing::all_backends()),
                         leu::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace leu::bank
