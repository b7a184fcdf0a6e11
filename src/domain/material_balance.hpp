// The material balance of one MBA, element category and period (INFCIRC/153
// Art. 67; accounting-reports.md §9):
//
//   BE  = PB + X - Y                  ending book inventory
//   SRD = sum of DI = shipper - receiver over the period's receipts
//   BA  = BE - SRD   when receipts are booked at the shipper's values,
//         BE         when they are booked at the receiver's values
//   MUF = BA - PE                      positive = apparent LOSS (the IAEA glossary convention)
//
// Exact integers throughout: each term is a Mass of the element and of the isotope.
//
//   BalanceTerms u = balance_terms({.pb = ..., .x = ..., .y = ..., .srd = ..., .pe = ...}, ReceiptBasis::kReceiver);
//   u.muf  // zero at an item store whose items were all found
#pragma once

#include "domain/quantity.hpp"

namespace leu {

enum class ReceiptBasis { kShipper, kReceiver };

struct BalanceInputs {
  Mass pb;   // beginning physical inventory: the previous period's PE
  Mass x;    // increases of the period
  Mass y;    // decreases of the period (a positive quantity)
  Mass srd;  // shipper/receiver differences of the period's receipts, shipper - receiver
  Mass pe;   // ending physical inventory: the sum of the physical inventory listing
};

struct BalanceTerms {
  Mass pb, x, y, be, srd, ba, pe, muf;

  bool operator==(const BalanceTerms&) const = default;
};

BalanceTerms balance_terms(const BalanceInputs& in, ReceiptBasis basis);

}  // namespace leu
