// The book figures of material balance periods, from the indexed change lines,
// for one MBA or every MBA of the facility, without replaying the journal.
//
// For a period [from, to] of an MBA, per element category, for uranium and
// U-235 [mg]:
//   PB    the book at the end of the day before `from` (its change lines up to then)
//   X, Y  the period's increases and decreases, by inventory change code (magnitudes)
//   BE    PB + X - Y, which is the book at the end of `to` before the period's DI lines
//   SRD   the shipper's declared minus the booked values of the period's receipts,
//         plus the period's DI lines, which a receipt booked at the shipper's values
//         makes so that the book carries the receiver's values (DI = shipper - receiver,
//         accounting-reports.md §3, in neither X nor Y; receipts are the increase codes
//         with a partner in the code table: RD, RF)
// and the item counts of PB and BE. PE and MUF need a physical inventory taking
// and stay with Periods::close_period, which takes its book figures from here.
//
// Cost, whatever the length of the journal: for every MBA, one pass over the
// (MBA, date) index up to the first period's start (PB) and one over the whole
// range (every period's lines, grouped by month for kMonthly), plus, when the
// range holds receipt lines, one stream over the item rows for the declared values
// of its receipts. Memory holds the figures, never the journal or the items.
//
//   auto year = period_books(journal, "", Date::from_ymd(2021, 1, 1), Date::from_ymd(2021, 12, 31),
//                            PeriodSplit::kMonthly);  // 12 periods of every MBA
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ledger/journal.hpp"

namespace leu {

struct BookFigure {
  std::int64_t uranium_mg = 0;
  std::int64_t u235_mg = 0;

  bool operator==(const BookFigure&) const = default;
};

struct CodeFigure {
  std::int64_t uranium_mg = 0;  // magnitude
  std::int64_t u235_mg = 0;
  std::int64_t lines = 0;

  bool operator==(const CodeFigure&) const = default;
};

struct CategoryBook {
  std::string category;  // depleted | natural | enriched
  BookFigure pb, x, y, be, srd;
  std::int64_t pb_items = 0, be_items = 0;
  std::map<std::string, CodeFigure> increases, decreases;  // by inventory change code

  bool operator==(const CategoryBook&) const = default;
};

struct PeriodBook {
  std::string mba;
  Date from, to;
  std::vector<CategoryBook> categories;  // by name; those with a book or a change

  bool operator==(const PeriodBook&) const = default;
};

enum class PeriodSplit {
  kWhole,    // one period, from `from` to `to`
  kMonthly,  // each calendar month within [from, to], clipped to it
};

// The periods of `mba` ("" = every MBA of the facility, in code order), each MBA's
// periods in date order. Errors: kNotFound (unknown MBA), kInvalidInput (from after
// to), kIntegrity (a damaged item row), kStorage.
Result<std::vector<PeriodBook>> period_books(Journal& journal, const std::string& mba, Date from, Date to,
                                             PeriodSplit split);

}  // namespace leu
