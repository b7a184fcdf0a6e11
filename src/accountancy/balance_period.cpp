#include "accountancy/balance_period.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "accountancy/methods_in_force.hpp"
#include "accountancy/operations.hpp"
#include "accountancy/period_books.hpp"
#include "domain/material_balance.hpp"
#include "domain/uf6.hpp"
#include "ledger/codec.hpp"
#include "ledger/event_types.hpp"

namespace leu {
namespace {

// Element and isotope weights of one category.
struct Weights {
  Mass u, u235;
  std::int64_t items = 0;
};

Json weights_json(const BalanceTerms& u, const BalanceTerms& u235) {
  const auto pair = [](Mass a, Mass b) { return Json{{"uranium_mg", a.mg()}, {"u235_mg", b.mg()}}; };
  return {{"pb", pair(u.pb, u235.pb)}, {"x", pair(u.x, u235.x)},       {"y", pair(u.y, u235.y)},
          {"be", pair(u.be, u235.be)}, {"srd", pair(u.srd, u235.srd)}, {"ba", pair(u.ba, u235.ba)},
          {"pe", pair(u.pe, u235.pe)}, {"muf", pair(u.muf, u235.muf)}};
}

std::string key_of(const std::string& mba, Date d) { return mba + "/" + d.text(); }

// A re-weighing at the taking is a weighing like cylinder.measured's (Operations::weigh): it names its method (1 to 64
// characters, no control characters) of the methods in force (methods_in_force.hpp) and calibration period
// (validate_calibration, journal.md §4.3). An item not re-weighed names neither. `at` is the item's field prefix,
// "found[3].".
Result<void> validate_reweighing(const PitFinding& f, const std::string& at, const stats::MethodTable& methods) {
  if (!f.net_uf6) {
    if (!f.method.empty()) return invalid(at + "method", "names a method but '" + f.item + "' was not re-weighed");
    if (!f.calibration.empty())
      return invalid(at + "calibration", "names a calibration period but '" + f.item + "' was not re-weighed");
    return {};
  }
  if (f.method.empty())
    return invalid(at + "method", "the re-weighing of '" + f.item + "' names no weighing method (e.g. \"load cells\")");
  if (f.method.size() > 64) return invalid(at + "method", "is longer than 64 characters");
  if (std::ranges::any_of(f.method, [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return invalid(at + "method", "holds a control character");
  LEU_RETURN_IF_ERROR(validate_calibration(f.calibration, at + "calibration"));
  return check_method_in_force(methods, f.method, at + "method");
}

}  // namespace

Result<const Mba*> Periods::mba_of(const Facility& f, const std::string& code) {
  const Mba* mba = f.find_mba(code);
  if (!mba) return fail(ErrorCode::kNotFound, "mba", "unknown MBA '" + code + "'");
  return mba;
}

Result<Head> Periods::take_inventory(const Principal& who, const PitInput& in) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kTakeInventory));
  LEU_GET(facility, journal_.facility());
  if (!facility) return fail(ErrorCode::kConflict, "db", "the journal has no facility");
  LEU_GET(mba, mba_of(*facility, in.mba));
  const Date today = Date::of(journal_.clock().now());
  if (in.date > today) return invalid("date", in.date.text() + " is in the future (today is " + today.text() + ")");
  LEU_GET(existing, journal_.document(kPitKind, key_of(in.mba, in.date)));
  if (existing)
    return fail(ErrorCode::kConflict, "date",
                "a physical inventory of " + in.mba + " on " + in.date.text() + " was recorded already");
  LEU_GET(closed, periods(in.mba));
  if (!closed.empty() && closed.back()["to"].get<std::string>() >= in.date.text())
    return fail(ErrorCode::kConflict, "date",
                "the period ending " + closed.back()["to"].get<std::string>() +
                    " is closed; a physical inventory must "
                    "come after it");
  if (in.all_found && !in.found.empty()) return invalid("found", "give a list of items found or all-found, not both");

  // The book at the end of the date: which items the MBA held then.
  LEU_GET(book, journal_.as_of(in.date));
  std::map<std::string, Item> on_book;
  for (auto& item : book.items())
    if (item.mba == in.mba && item.on_hand()) on_book.emplace(item.id, std::move(item));

  std::vector<PitFinding> found = in.found;
  if (in.all_found)
    for (const auto& [id, item] : on_book) found.push_back(PitFinding{id, true, item.position});
  LEU_GET(methods, methods_in_force(journal_));
  Json found_json = Json::array();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const PitFinding& f = found[i];
    if (f.item.empty()) return invalid("found", "an item without an id");
    if (!seen.insert(f.item).second) return invalid("found", "item '" + f.item + "' is listed twice");
    LEU_GET(item, journal_.item(f.item));
    if (!item) return fail(ErrorCode::kNotFound, "found", "unknown item '" + f.item + "'; list it as unexpected");
    if (!on_book.contains(f.item))
      return invalid("found", "item '" + f.item + "' is not on the book of " + in.mba + " at " + in.date.text() + " (" +
                                  std::string(item_status_name(item->status)) + ", MBA " + item->mba +
                                  "); list it as unexpected");
    if (f.net_uf6 && !f.net_uf6->is_positive())
      return invalid("found", "the re-weighed UF6 of '" + f.item + "' must be greater than zero");
    LEU_RETURN_IF_ERROR(validate_reweighing(f, "found[" + std::to_string(i) + "].", methods));
    Json entry = {{"item", f.item},
                  {"seal_intact", f.seal_intact ? Json(*f.seal_intact) : Json(nullptr)},
                  {"position", f.position.empty() ? on_book.at(f.item).position : f.position},
                  {"net_uf6_mg", f.net_uf6 ? Json(f.net_uf6->mg()) : Json(nullptr)}};
    if (f.net_uf6) entry["method"] = f.method, entry["calibration"] = f.calibration;
    found_json.push_back(std::move(entry));
  }
  Json unexpected_json = Json::array();
  for (const auto& u : in.unexpected) {
    if (u.id.empty()) return invalid("unexpected", "an unexpected item needs an id or a description");
    if (!seen.insert(u.id).second) return invalid("unexpected", "'" + u.id + "' is listed twice");
    if (on_book.contains(u.id)) return invalid("unexpected", "'" + u.id + "' is on the book; list it as found");
    unexpected_json.push_back({{"id", u.id}, {"note", u.note}});
  }
  const Kmp* kmp = mba->find_kmp(KmpKind::kInventory);
  return journal_.append(who.name, {NewEvent{event_type::kInventoryTaken,
                                             {{"date", in.date.text()},
                                              {"mba", in.mba},
                                              {"kmp", kmp ? kmp->code : ""},
                                              {"found", found_json},
                                              {"unexpected", unexpected_json},
                                              {"note", in.note}}}});
}

Result<Json> Periods::close_period(const Principal& who, const std::string& mba_code, Date to) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kClosePeriod));
  LEU_GET(facility, journal_.facility());
  if (!facility) return fail(ErrorCode::kConflict, "db", "the journal has no facility");
  LEU_GET(mba, mba_of(*facility, mba_code));
  (void)mba;
  LEU_GET(pit, journal_.document(kPitKind, key_of(mba_code, to)));
  if (!pit)
    return fail(ErrorCode::kConflict, "date",
                "no physical inventory of " + mba_code + " on " + to.text() + "; take one first");
  LEU_GET(existing, journal_.document(kPeriodKind, key_of(mba_code, to)));
  if (existing) return fail(ErrorCode::kConflict, "date", "the period ending " + to.text() + " is closed already");
  LEU_GET(closed, periods(mba_code));
  LEU_GET(pits, journal_.documents(kPitKind));
  for (const auto& other : pits) {
    const std::string d = other["date"].get<std::string>();
    const bool after_last = closed.empty() || d > closed.back()["to"].get<std::string>();
    if (other["mba"] == mba_code && d < to.text() && after_last)
      return fail(ErrorCode::kConflict, "date",
                  "the physical inventory of " + d + " is not closed yet; close the periods in order");
  }

  // The period: the day after the previous PIT, or the first day with a change.
  std::string from = "0001-01-01";
  std::map<std::string, Weights> pb;
  if (!closed.empty()) {
    const Json& prev = closed.back();
    from = Date::parse(prev["to"].get<std::string>(), "to")->plus_days(1).text();
    for (const auto& c : prev["categories"])
      pb[c["category"]] = Weights{Mass::milligrams(c["pe"]["uranium_mg"].get<std::int64_t>()),
                                  Mass::milligrams(c["pe"]["u235_mg"].get<std::int64_t>()), c["pe_items"]};
  }
  LEU_GET(book, journal_.as_of(to));
  if (closed.empty()) {
    // The first period starts with the MBA's first receipt.
    for (const auto& item : book.items())
      if (item.mba == mba_code && (from == "0001-01-01" || item.received_on.text() < from))
        from = item.received_on.text();
  }
  // The book figures (X, Y by code, SRD, the book at the end) from the indexed change
  // lines; the replay above is for the items, which PE and the anomalies compare.
  LEU_GET(from_date, Date::parse(from, "from"));
  LEU_GET(figures, period_books(journal_, mba_code, from_date, to, PeriodSplit::kWhole));
  std::map<std::string, Weights> x, y, srd, pe, on_book;
  std::map<std::string, Json> increases, decreases;
  const auto weights = [](const BookFigure& f, std::int64_t items) {
    return Weights{Mass::milligrams(f.uranium_mg), Mass::milligrams(f.u235_mg), items};
  };
  for (const auto& c : figures.front().categories) {
    if (!c.increases.empty()) x[c.category] = weights(c.x, 0);
    if (!c.decreases.empty()) y[c.category] = weights(c.y, 0);
    srd[c.category] = weights(c.srd, 0);
    on_book[c.category] = weights(c.be, c.be_items);
    for (const auto& [by_code, out] : {std::pair{&c.increases, &increases}, std::pair{&c.decreases, &decreases}})
      for (const auto& [code, f] : *by_code)
        (*out)[c.category][code] = {{"uranium_mg", f.uranium_mg}, {"u235_mg", f.u235_mg}, {"lines", f.lines}};
  }
  // PE: the booked values of the items found.
  std::map<std::string, const Item*> items_by_id;
  const auto items_now = book.items();
  for (const auto& item : items_now) items_by_id[item.id] = &item;
  Json anomalies = Json::array();
  std::set<std::string> found;
  int n = 0;
  const auto anomaly = [&](const std::string& kind, const std::string& item, const std::string& detail) {
    anomalies.push_back({{"id", "A" + std::to_string(++n)}, {"kind", kind}, {"item", item}, {"detail", detail}});
  };
  for (const auto& f : (*pit)["found"]) {
    const std::string id = f["item"].get<std::string>();
    found.insert(id);
    const Item* item = items_by_id.at(id);
    const std::string cat(category_name(item->category()));
    if (f.contains("net_uf6_mg") && f["net_uf6_mg"].is_number_integer()) {
      const UraniumContent c = uranium_in_uf6(Mass::milligrams(f["net_uf6_mg"].get<std::int64_t>()), item->isotopics);
      pe[cat].u += c.uranium, pe[cat].u235 += c.u235;
    } else {  // the book value; at the shipper's basis the receiver's, since the receipt's DI line
      pe[cat].u += item->uranium, pe[cat].u235 += item->u235;
    }
    ++pe[cat].items;
    if (f["seal_intact"].is_boolean() && !f["seal_intact"].get<bool>())
      anomaly("seal_broken", id, "a seal of " + id + " was found broken");
    if (f["position"].get<std::string>() != item->position)
      anomaly("position", id, id + " found at " + f["position"].get<std::string>() + ", booked at " + item->position);
  }
  for (const auto& item : items_now)
    if (item.mba == mba_code && item.on_hand() && !found.contains(item.id))
      anomaly("missing_item", item.id, item.id + " is on the book but was not found");
  for (const auto& u : (*pit)["unexpected"])
    anomaly("unexpected_item", u["id"],
            u["id"].get<std::string>() + " was found but is not on the book: " + u["note"].get<std::string>());

  std::set<std::string> categories;
  for (const auto* m : {&pb, &x, &y, &on_book, &pe, &srd})
    for (const auto& [cat, w] : *m) categories.insert(cat);
  Json cats = Json::array();
  for (const auto& cat : categories) {
    const BalanceTerms u =
        balance_terms({pb[cat].u, x[cat].u, y[cat].u, srd[cat].u, pe[cat].u}, facility->receipt_basis);
    const BalanceTerms u235 =
        balance_terms({pb[cat].u235, x[cat].u235, y[cat].u235, srd[cat].u235, pe[cat].u235}, facility->receipt_basis);
    Json c = weights_json(u, u235);
    c["category"] = cat;
    c["increases"] = increases.contains(cat) ? increases[cat] : Json::object();
    c["decreases"] = decreases.contains(cat) ? decreases[cat] : Json::object();
    c["pe_items"] = pe[cat].items;
    c["book_items"] = on_book[cat].items;
    cats.push_back(c);
    if (u.muf != Mass() || u235.muf != Mass())
      anomaly("muf", "",
              "MUF of " + cat + " uranium is " + u.muf.g_text(0) + " g U, " + u235.muf.g_text(0) +
                  " g U-235 (item store: it must be zero)");
  }
  const Json payload = {{"mba", mba_code},
                        {"from", from},
                        {"to", to.text()},
                        {"receipt_basis", receipt_basis_name(facility->receipt_basis)},
                        {"muf_sign", "positive = apparent loss (BA - PE)"},
                        {"categories", cats},
                        {"anomalies", anomalies}};
  LEU_RETURN_IF_ERROR(journal_.append(who.name, {NewEvent{event_type::kPeriodClosed, payload}}));
  return period(mba_code, to);
}

Result<Head> Periods::explain_anomaly(const Principal& who, const std::string& mba, Date to, const std::string& anomaly,
                                      const std::string& explanation) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kClosePeriod));
  LEU_GET(p, period(mba, to));
  if (p["status"] != "closed") return fail(ErrorCode::kConflict, "date", "the period is signed off already");
  bool known = false;
  for (const auto& a : p["anomalies"]) known |= a["id"] == anomaly;
  if (!known) return fail(ErrorCode::kNotFound, "anomaly", "the period has no anomaly '" + anomaly + "'");
  if (explanation.empty()) return invalid("explanation", "is empty");
  return journal_.append(
      who.name, {NewEvent{event_type::kAnomalyExplained,
                          {{"mba", mba}, {"to", to.text()}, {"anomaly", anomaly}, {"explanation", explanation}}}});
}

Result<Head> Periods::sign_period(const Principal& who, const std::string& mba, Date to) {
  LEU_RETURN_IF_ERROR(authorize(who, Operation::kClosePeriod));
  LEU_GET(p, period(mba, to));
  if (p["status"] != "closed") return fail(ErrorCode::kConflict, "date", "the period is signed off already");
  for (const auto& a : p["anomalies"])
    if (!p["explanations"].contains(a["id"].get<std::string>()))
      return fail(ErrorCode::kConflict, "anomaly",
                  "anomaly " + a["id"].get<std::string>() + " (" + a["kind"].get<std::string>() + ": " +
                      a["detail"].get<std::string>() + ") must be explained before the period can be signed off");
  return journal_.append(who.name, {NewEvent{event_type::kPeriodSigned, {{"mba", mba}, {"to", to.text()}}}});
}

Result<std::vector<Json>> Periods::periods(const std::string& mba) {
  LEU_GET(all, journal_.documents(kPeriodKind));
  std::vector<Json> out;
  for (auto& p : all)
    if (mba.empty() || p["mba"] == mba) out.push_back(std::move(p));
  std::ranges::sort(
      out, [](const Json& a, const Json& b) { return a["to"].get<std::string>() < b["to"].get<std::string>(); });
  return out;
}

Result<Json> Periods::period(const std::string& mba, Date to) {
  LEU_GET(p, journal_.document(kPeriodKind, key_of(mba, to)));
  if (!p) return fail(ErrorCode::kNotFound, "date", "no closed period of " + mba + " ending " + to.text());
  return *p;
}

}  // namespace leu
