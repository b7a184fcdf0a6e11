#include "domain/facility.hpp"

#include <set>

namespace leu {

std::string_view kmp_kind_name(KmpKind k) {
  switch (k) {
    case KmpKind::kReceipt: return "receipt";
    case KmpKind::kShipment: return "shipment";
    case KmpKind::kInventory: return "inventory";
  }
  return "?";
}

Result<KmpKind> parse_kmp_kind(std::string_view name) {
  for (KmpKind k : {KmpKind::kReceipt, KmpKind::kShipment, KmpKind::kInventory})
    if (kmp_kind_name(k) == name) return k;
  return invalid("kmp.kind", "'" + std::string(name) + "' is not receipt, shipment or inventory");
}

std::string_view receipt_basis_name(ReceiptBasis b) { return b == ReceiptBasis::kShipper ? "shipper" : "receiver"; }

Result<ReceiptBasis> parse_receipt_basis(std::string_view name) {
  for (ReceiptBasis b : {ReceiptBasis::kReceiver, ReceiptBasis::kShipper})
    if (receipt_basis_name(b) == name) return b;
  return invalid("receipt_basis", "'" + std::string(name) + "' is not receiver or shipper");
}

const Kmp* Mba::find_kmp(KmpKind kind) const {
  for (const auto& k : kmps)
    if (k.kind == kind) return &k;
  return nullptr;
}

const Mba* Facility::find_mba(std::string_view code) const {
  for (const auto& m : mbas)
    if (m.code == code) return &m;
  return nullptr;
}

Result<void> Facility::validate() const {
  if (name.empty()) return invalid("facility.name", "is empty");
  if (country.size() != 2) return invalid("facility.country", "must be an ISO 3166-1 alpha-2 code");
  if (mbas.empty()) return invalid("facility.mbas", "at least one MBA is required");
  if (enrichment_limit.parts() <= 0 || enrichment_limit > Fraction::one())
    return invalid("facility.enrichment_limit", "must lie in (0, 100] %");
  std::set<std::string> mba_codes;
  for (const auto& m : mbas) {
    if (m.code.empty() || m.code.size() > 4) return invalid("mba.code", "'" + m.code + "' must have 1 to 4 characters");
    if (!mba_codes.insert(m.code).second) return invalid("mba.code", "'" + m.code + "' is defined twice");
    std::set<std::string> kmp_codes;
    for (const auto& k : m.kmps)
      if (k.code.empty() || !kmp_codes.insert(k.code).second)
        return invalid("kmp.code", "'" + k.code + "' in MBA " + m.code + " is empty or defined twice");
    for (KmpKind kind : {KmpKind::kReceipt, KmpKind::kShipment, KmpKind::kInventory})
      if (!m.find_kmp(kind))
        return invalid("mba.kmps", "MBA " + m.code + " has no " + std::string(kmp_kind_name(kind)) + " KMP");
  }
  return {};
}

Facility default_bank_facility() {
  Facility f;
  f.name = "IAEA LEU Bank, Ulba Metallurgical Plant, Oskemen";
  f.country = "KZ";
  f.owner = "International Atomic Energy Agency";
  f.operator_name = "Ulba Metallurgical Plant";
  f.mbas = {Mba{"KZBK",
                "LEU storage building",
                {Kmp{"A", KmpKind::kReceipt, "cylinder receipt and acceptance weighing"},
                 Kmp{"B", KmpKind::kShipment, "cylinder dispatch"},
                 Kmp{"1", KmpKind::kInventory, "30B cylinders in storage racks"}}}};
  f.cylinder_type = "30B";
  f.enrichment_limit = Fraction::from_parts(49'500'000);  // 4.95 %, INFCIRC/916
  f.max_full_cylinders = 60;                              // INFCIRC/916
  f.note =
      "MBA KZBK and KMPs A, B, 1 are invented for leubank; the bank's Facility Attachment is not public. "
      "Limits from the Host State Agreement INFCIRC/916.";
  return f;
}

}  // namespace leu
