#include "domain/material_balance.hpp"

namespace leu {

BalanceTerms balance_terms(const BalanceInputs& in, ReceiptBasis basis) {
  BalanceTerms t;
  t.pb = in.pb;
  t.x = in.x;
  t.y = in.y;
  t.be = in.pb + in.x - in.y;
  t.srd = in.srd;
  t.ba = basis == ReceiptBasis::kShipper ? t.be - in.srd : t.be;
  t.pe = in.pe;
  t.muf = t.ba - t.pe;
  return t;
}

}  // namespace leu
