#include "demo/demo_bank.hpp"

#include <fmt/format.h>

#include "accountancy/balance_period.hpp"
#include "accountancy/operations.hpp"
#include "demo/demo_supply.hpp"
#include "domain/facility.hpp"
#include "domain/split_mix.hpp"
#include "domain/uf6.hpp"

namespace leu {
namespace {

struct Delivery {
  const char* prefix;
  const char* supplier;
  const char* shipper;  // country the cylinders came from
  int count;
  Date received_on;
  Date filled_from;  // filling campaign start
};

ReceiptLine demo_line(const Delivery& d, int n, SplitMix64& rng) {
  ReceiptLine l;
  l.cylinder_id = fmt::format("DEMO-{}-{:02}", d.prefix, n);
  l.supplier = d.supplier;
  l.shipper_batch = fmt::format("DEMO-{}19-{:02}", d.prefix, (n - 1) / 8 + 1);  // 8 cylinders a shipper batch
  l.shipper = d.shipper;
  l.position = fmt::format("R{:02}-{:02}", (n - 1) / 10 + (d.prefix[0] == 'O' ? 1 : 5), (n - 1) % 10 + 1);
  // U-235 4.900-4.950 wt % in steps of 0.001; U-234 about 0.0089 x U-235 (typical of
  // enrichment from natural feed); no U-236 (no reprocessed feed).
  const std::int64_t u235 = rng.between(4'900, 4'950) * 10'000;  // parts per 10^9
  const std::int64_t u234 = u235 * 89 / 10'000 / 1'000 * 1'000;
  const std::int64_t u238 = Fraction::kOne - u235 - u234;
  l.isotopics =
      Isotopics::make(Fraction::from_parts(u234), Fraction::from_parts(u235), Fraction(), Fraction::from_parts(u238))
          .value();
  // Net UF6 2,205-2,232 kg (about 1.49-1.51 t U), tare 627-643 kg, to the gram.
  const Mass net = Mass::grams(rng.between(2'205'000, 2'232'000));
  l.tare = Mass::grams(rng.between(627'000, 643'000));
  l.gross = l.tare + net;
  // The shipper declares its own values, off the receiver's by up to +-0.3 kg U.
  const UraniumContent c = uranium_in_uf6(net, l.isotopics);
  l.declared_uranium = c.uranium + Mass::grams(rng.between(-300, 300));
  l.declared_u235 = u235_in_uranium(l.declared_uranium, l.isotopics);
  l.filled_on = d.filled_from.plus_days(static_cast<int>(rng.between(0, 20)));
  l.recertified_on = l.filled_on->plus_days(-static_cast<int>(rng.between(90, 900)));
  l.received_on = d.received_on;
  // The bank's acceptance measurements: load cells calibrated yearly, the HPGe detector likewise.
  l.weighing_method = "load cells", l.weighing_calibration = fmt::format("LC-{}", d.received_on.year());
  l.enrichment_method = "NDA gamma HPGe", l.enrichment_calibration = fmt::format("HPGe-{}", d.received_on.year());
  return l;
}

}  // namespace

std::vector<DemoUser> demo_users() {
  return {{"admin", "admin"},
          {"olga", "operator"},
          {"aigerim", "accountant"},
          {"ingrid", "inspector"},
          {"bruno", "bank_officer"},
          {"dg", "director_general"},
          {"audrey", "auditor"},
          {"samir", "state_representative", "XR"},
          {"freya", "state_representative", "XQ"}};
}

std::vector<ReceiptLine> demo_receipts() {
  const Delivery deliveries[] = {
      {"OR", "Orano Cycle", "FR", 32, Date::from_ymd(2019, 10, 17), Date::from_ymd(2019, 8, 1)},
      {"KZ", "Kazatomprom", "RU", 28, Date::from_ymd(2019, 12, 10), Date::from_ymd(2019, 10, 1)},
  };
  SplitMix64 rng(20191017);
  std::vector<ReceiptLine> lines;
  int line = 2;
  for (const Delivery& d : deliveries)
    for (int n = 1; n <= d.count; ++n) {
      lines.push_back(demo_line(d, n, rng));
      lines.back().line = line++;
    }
  return lines;
}

Result<Head> build_demo_bank(Journal& journal) {
  const auto users = demo_users();
  LEU_RETURN_IF_ERROR(open_journal(journal, default_bank_facility(), users.front().name));
  auto admin = resolve_principal(journal, users.front().name);
  if (!admin) return std::unexpected(admin.error());
  for (std::size_t i = 1; i < users.size(); ++i)
    LEU_RETURN_IF_ERROR(add_user(journal, *admin, users[i].name, {parse_role(users[i].role).value()}, users[i].state));

  auto op = resolve_principal(journal, "olga");
  auto inspector = resolve_principal(journal, "ingrid");
  if (!op || !inspector) return std::unexpected(op ? inspector.error() : op.error());
  Operations ops(journal);
  const auto lines = demo_receipts();
  const std::size_t orano = 32;
  const std::vector<ReceiptLine> first(lines.begin(), lines.begin() + orano);
  const std::vector<ReceiptLine> second(lines.begin() + orano, lines.end());

  int seal_no = 1;
  const auto seal_all = [&](const std::vector<ReceiptLine>& batch) -> Result<void> {
    for (const auto& l : batch)
      LEU_RETURN_IF_ERROR(ops.apply_seal(*inspector, SealInput{fmt::format("DEMO-IAEA-{:05}", seal_no++), l.cylinder_id,
                                                               "metal cap", true, "", l.received_on}));
    return {};
  };
  LEU_RETURN_IF_ERROR(ops.receive(*op, first));
  LEU_RETURN_IF_ERROR(seal_all(first));
  LEU_RETURN_IF_ERROR(ops.receive(*op, second));
  LEU_RETURN_IF_ERROR(seal_all(second));

  // Acceptance: the IAEA re-weighs and measures a few cylinders on arrival.
  for (int i : {0, 7, 40}) {
    const auto& l = lines[static_cast<std::size_t>(i)];
    const Date day = l.received_on.plus_days(1);
    LEU_RETURN_IF_ERROR(
        ops.weigh(*inspector, WeighingInput{l.cylinder_id, l.gross + Mass::grams(120 - 80 * i % 200), l.tare,
                                            "LCBWS load cells (IAEA)", day, "IAEA-LCBWS-2019"}));
    LEU_RETURN_IF_ERROR(ops.measure_enrichment(
        *inspector, EnrichmentInput{l.cylinder_id, l.isotopics.u235() + Fraction::from_parts(20'000 * (i % 3) - 20'000),
                                    "NDA gamma HPGe (IAEA)", day, "IAEA-HPGe-2019"}));
  }
  // A rack rearrangement in 2020 and the annual seal check.
  LEU_RETURN_IF_ERROR(ops.move(*op, MoveInput{"DEMO-OR-32", "R09-01", Date::from_ymd(2020, 3, 12)}));
  LEU_RETURN_IF_ERROR(ops.move(*op, MoveInput{"DEMO-KZ-28", "R09-02", Date::from_ymd(2020, 3, 12)}));
  for (int i = 1; i <= 5; ++i) {
    const auto& l = lines[static_cast<std::size_t>(i * 11)];
    auto item = journal.item(l.cylinder_id);
    if (!item || !*item) return std::unexpected(Error{ErrorCode::kIntegrity, "demo", "demo cylinder missing"});
    LEU_RETURN_IF_ERROR(ops.verify_seal(*inspector, SealInput{(*item)->seals.front(), l.cylinder_id, "", true,
                                                              "annual PIV", Date::from_ymd(2020, 11, 18)}));
  }
  // Fictional Member States and two supply requests (demo_supply.hpp); nothing is shipped. Written before the
  // periods so that the journal still ends with the last period signed off.
  LEU_RETURN_IF_ERROR(build_demo_supply(journal));
  // A physical inventory at the end of 2019 and of every later year already over:
  // every cylinder found where it is booked, seals intact; each period closed and
  // signed off by the accountant. MUF is zero, as it must be at an item store.
  auto accountant = resolve_principal(journal, "aigerim");
  if (!accountant) return std::unexpected(accountant.error());
  Periods periods(journal);
  const int this_year = Date::of(journal.clock().now()).year();
  for (int year = 2019; year < this_year; ++year) {
    const Date end = Date::from_ymd(year, 12, 31);
    LEU_RETURN_IF_ERROR(periods.take_inventory(*op, PitInput{"KZBK", end, {}, {}, true, "annual PIT"}));
    auto closed = periods.close_period(*accountant, "KZBK", end);
    if (!closed) return std::unexpected(closed.error());
    LEU_RETURN_IF_ERROR(periods.sign_period(*accountant, "KZBK", end));
  }
  return journal.head();
}

}  // namespace leu
