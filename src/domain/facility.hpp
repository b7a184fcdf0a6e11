// A facility as data: its MBAs and their key measurement points, and its limits.
//
// The facility definition is written into the journal's first event, so that the
// books and the rules they were kept under travel together. Services read it
// from there; nothing about MBAs or KMP codes is hard-coded in them.
//
//   Facility f = default_bank_facility();
//   const Mba* mba = f.find_mba("KZBK");
//   const Kmp* in = mba->find_kmp(KmpKind::kReceipt);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/material_balance.hpp"
#include "domain/quantity.hpp"

namespace leu {

enum class KmpKind { kReceipt, kShipment, kInventory };
std::string_view kmp_kind_name(KmpKind k);  // "receipt" | "shipment" | "inventory"
Result<KmpKind> parse_kmp_kind(std::string_view name);

struct Kmp {
  std::string code;  // one character in the Euratom layout
  KmpKind kind = KmpKind::kInventory;
  std::string name;
};

struct Mba {
  std::string code;  // four characters
  std::string name;
  std::vector<Kmp> kmps;

  const Kmp* find_kmp(KmpKind kind) const;
};

struct Facility {
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2 of the State where it lies
  std::string owner;
  std::string operator_name;
  std::vector<Mba> mbas;
  std::string cylinder_type;   // the container type accepted (cylinder_type.hpp)
  Fraction enrichment_limit;   // maximum U-235 weight fraction accepted
  int max_full_cylinders = 0;  // capacity limit, 0 = none
  std::string note;            // provenance of invented codes and values
  // The values receipts are booked at (accounting-reports.md §9, the BA rule; §12 item 4: the State decides): the
  // receiver's (default) or the shipper's. The other side's values are kept with the item either way.
  ReceiptBasis receipt_basis = ReceiptBasis::kReceiver;
  // The Facility Attachment's report profile overlay (docs/formats/reports.md §1.9) as compact JSON text, keys sorted;
  // "" = the default profile as it is. Text, because the domain knows no JSON: reports::facility_profile() reads it.
  std::string report_profile;
  // The Facility Attachment's measurement-methods table (a whole data/methods document, its uncertainties as decimal
  // text, docs/formats/journal.md) as compact JSON text, keys sorted; "" = the compiled-in default table.
  // accountancy/methods_in_force.hpp reads it.
  std::string methods;

  const Mba* find_mba(std::string_view code) const;
  // Checks codes are non-empty and unique, the limit lies in (0, 1], and each MBA
  // has receipt, shipment and inventory KMPs.
  Result<void> validate() const;
};

// The IAEA LEU Bank at the Ulba Metallurgical Plant, Oskemen: one storage MBA with
// receipt, shipment and inventory KMPs. Limits from INFCIRC/916 (4.95 % U-235,
// 60 full 30B cylinders; leu-bank.md §6). The MBA and KMP codes are invented
// (the real Facility Attachment is not public) and labelled so in `note`.
Facility default_bank_facility();

std::string_view receipt_basis_name(ReceiptBasis b);  // "receiver" | "shipper"
Result<ReceiptBasis> parse_receipt_basis(std::string_view name);

}  // namespace leu
