#include "accountancy/period_books.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "domain/inventory_change_codes.hpp"
#include "ledger/codec.hpp"
#include "ledger/projections.hpp"

namespace leu {
namespace {

struct Period {
  std::string key;  // the date prefix its lines are grouped by: "" (whole) or "YYYY-MM"
  Date from, to;
};

std::vector<Period> periods_of(Date from, Date to, PeriodSplit split) {
  if (split == PeriodSplit::kWhole) return {Period{"", from, to}};
  std::vector<Period> out;
  for (Date start = from; start <= to;) {
    const unsigned m = start.month();
    const Date next = m == 12 ? Date::from_ymd(start.year() + 1, 1, 1) : Date::from_ymd(start.year(), m + 1, 1);
    const Date end = std::min(next.plus_days(-1), to);
    out.push_back(Period{start.text().substr(0, 7), start, end});
    start = next;
  }
  return out;
}

// Receipts: the increase codes that name a shipper (RD, RF in the code table).
bool is_receipt(const std::string& code) {
  const InventoryChangeCode* c = find_inventory_change_code(code);
  return c && c->direction == Direction::kIncrease && c->has_partner;
}

struct Running {
  BookFigure book;
  std::int64_t items = 0;
};

using PeriodKey = std::pair<std::string, std::string>;                  // MBA, period key
using CategoryKey = std::tuple<std::string, std::string, std::string>;  // MBA, period key, category

}  // namespace

Result<std::vector<PeriodBook>> period_books(Journal& journal, const std::string& mba, Date from, Date to,
                                             PeriodSplit split) {
  if (from > to) return invalid("from", from.text() + " is after the end of the range " + to.text());
  LEU_GET(facility, journal.facility());
  if (!facility) return fail(ErrorCode::kConflict, "db", "the journal has no facility");
  std::vector<std::string> mbas;
  if (mba.empty()) {
    for (const auto& m : facility->mbas) mbas.push_back(m.code);
    std::ranges::sort(mbas);
  } else if (facility->find_mba(mba)) {
    mbas.push_back(mba);
  } else {
    return fail(ErrorCode::kNotFound, "mba", "unknown MBA '" + mba + "'");
  }
  const std::vector<Period> periods = periods_of(from, to, split);
  const std::string before = from.plus_days(-1).text();
  Store& store = journal.store();

  // The books at the start and every period's lines, from the (MBA, date) index.
  std::map<std::string, std::map<std::string, Running>> book;  // MBA -> category -> book
  std::map<PeriodKey, std::vector<CodeTotal>> lines;
  if (mba.empty()) {
    LEU_GET(opening, store.all_book_totals(before));
    for (const auto& b : opening)
      book[b.mba][b.total.category] = Running{{b.total.uranium_mg, b.total.u235_mg}, b.total.items};
    LEU_GET(changes, store.all_change_totals(from.text(), to.text(), split == PeriodSplit::kWhole ? 0 : 7));
    for (auto& c : changes) lines[{c.mba, c.period}].push_back(std::move(c.total));
  } else {
    LEU_GET(opening, store.book_totals(mba, before));
    for (const auto& b : opening) book[mba][b.category] = Running{{b.uranium_mg, b.u235_mg}, b.items};
    for (const auto& p : periods) {
      LEU_GET(changes, store.change_totals(mba, p.from.text(), p.to.text()));
      lines[{mba, p.key}] = std::move(changes);
    }
  }

  // The shipper's declared values of the range's receipts, streamed from the item rows;
  // every receipt has its line, so a range without receipt lines needs no item.
  bool receipts = false;
  for (const auto& [key, totals] : lines)
    for (const auto& t : totals) receipts |= is_receipt(t.code);
  std::map<CategoryKey, BookFigure> declared;
  std::optional<Error> damaged;
  const std::set<std::string> wanted(mbas.begin(), mbas.end());
  auto scanned = !receipts ? Result<void>{} : store.scan_rows(kItemKind, [&](const ProjectionRow& row) {
    const Json j = Json::parse(row.doc, nullptr, false);
    auto item = j.is_discarded() ? std::unexpected(Error{ErrorCode::kIntegrity, "doc", "not JSON"}) : decode_item(j);
    if (!item) {
      damaged = Error{ErrorCode::kIntegrity, "item " + row.key,
                      "projection row is damaged (" + item.error().describe() + "); run 'leubank verify'"};
      return false;
    }
    if (item->received_on < from || item->received_on > to || !wanted.contains(item->mba)) return true;
    const std::string key = split == PeriodSplit::kWhole ? "" : item->received_on.text().substr(0, 7);
    BookFigure& d = declared[{item->mba, key, std::string(category_name(item->category()))}];
    // Less the receipt line (below), the SRD at the receiver's basis; at the shipper's the two cancel and the SRD is
    // the receipt's DI line.
    d.uranium_mg += item->declared_uranium.mg(), d.u235_mg += item->declared_u235.mg();
    return true;
  });
  if (!scanned) return std::unexpected(scanned.error());
  if (damaged) return std::unexpected(*damaged);

  std::vector<PeriodBook> out;
  out.reserve(mbas.size() * periods.size());
  for (const auto& m : mbas) {
    std::map<std::string, Running>& running = book[m];
    for (const auto& p : periods) {
      std::map<std::string, CategoryBook> cats;
      std::map<std::string, BookFigure> booked_srd;  // the period's DI lines, shipper - receiver
      for (const auto& [cat, r] : running) {
        CategoryBook& c = cats[cat];
        c.pb = r.book, c.pb_items = r.items;
      }
      for (const auto& t : lines[{m, p.key}]) {
        CategoryBook& c = cats[t.category];
        Running& r = running[t.category];
        r.book.uranium_mg += t.uranium_mg, r.book.u235_mg += t.u235_mg, r.items += t.items;
        if (t.code == kShipperReceiverDifferenceCode) {  // its own MBR line, in neither X nor Y; the line is -DI
          booked_srd[t.category].uranium_mg -= t.uranium_mg, booked_srd[t.category].u235_mg -= t.u235_mg;
          c.srd.uranium_mg -= t.uranium_mg, c.srd.u235_mg -= t.u235_mg;
          continue;
        }
        const std::int64_t u = t.uranium_mg < 0 ? -t.uranium_mg : t.uranium_mg;
        const std::int64_t u235 = t.u235_mg < 0 ? -t.u235_mg : t.u235_mg;
        BookFigure& sum = t.increase ? c.x : c.y;
        sum.uranium_mg += u, sum.u235_mg += u235;
        (t.increase ? c.increases : c.decreases)[t.code] = CodeFigure{u, u235, t.lines};
        if (is_receipt(t.code)) c.srd.uranium_mg -= t.uranium_mg, c.srd.u235_mg -= t.u235_mg;
      }
      for (auto it = declared.lower_bound({m, p.key, ""}); it != declared.end(); ++it) {
        const auto& [dm, dkey, cat] = it->first;
        if (dm != m || dkey != p.key) break;
        CategoryBook& c = cats[cat];
        c.srd.uranium_mg += it->second.uranium_mg, c.srd.u235_mg += it->second.u235_mg;
      }
      PeriodBook period{m, p.from, p.to, {}};
      for (auto& [cat, c] : cats) {
        c.category = cat;
        // BE = PB + X - Y: the book at the end before the period's DI lines took the SRD off it.
        c.be = BookFigure{running[cat].book.uranium_mg + booked_srd[cat].uranium_mg,
                          running[cat].book.u235_mg + booked_srd[cat].u235_mg};
        c.be_items = running[cat].items;
        period.categories.push_back(std::move(c));
      }
      out.push_back(std::move(period));
    }
  }
  return out;
}

}  // namespace leu
