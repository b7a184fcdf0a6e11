#include "accountancy/receipt_listing.hpp"

#include <map>

namespace leu {
namespace {

constexpr const char* kRequired[] = {"cylinder_id",      "supplier",       "shipper_batch", "shipper",
                                     "gross_kg",         "tare_kg",        "u235_wt_pct",   "declared_u_kg",
                                     "declared_u235_kg", "recertified_on", "received_on"};
constexpr const char* kOptional[] = {"u234_wt_pct",
                                     "u236_wt_pct",
                                     "u238_wt_pct",
                                     "mba",
                                     "filled_on",
                                     "position",
                                     "cylinder_type",
                                     "weighing_method",
                                     "weighing_calibration",
                                     "enrichment_method",
                                     "enrichment_calibration"};

std::string where(int line, const std::string& column) {
  return "line " + std::to_string(line) + ", column '" + column + "'";
}

// Re-labels an error from a field parser with the line and column.
Error at(int line, const std::string& column, const Error& e) {
  return Error{ErrorCode::kInvalidInput, where(line, column), e.message};
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

Result<std::vector<std::string>> split_csv_record(std::string_view record) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < record.size(); ++i) {
    const char c = record[i];
    if (quoted) {
      if (c == '"' && i + 1 < record.size() && record[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && trim(field).empty()) {
      quoted = was_quoted = true;
      field.clear();
    } else if (c == ',') {
      fields.push_back(was_quoted ? field : trim(field));
      field.clear();
      was_quoted = false;
    } else if (was_quoted) {
      // After a closing quote only blanks may stand before the next comma.
      if (c != ' ' && c != '\t') return invalid("csv", "text follows a closing quote");
    } else {
      field += c;
    }
  }
  if (quoted) return invalid("csv", "a quoted field is not closed");
  fields.push_back(was_quoted ? field : trim(field));
  return fields;
}

Result<std::vector<ReceiptLine>> parse_receipt_listing(std::string_view csv) {
  std::vector<std::string> records;
  {
    std::size_t start = 0;
    while (start <= csv.size()) {
      std::size_t end = csv.find('\n', start);
      if (end == std::string_view::npos) end = csv.size();
      std::string_view record = csv.substr(start, end - start);
      if (record.ends_with('\r')) record.remove_suffix(1);  // CRLF line endings
      records.emplace_back(record);
      start = end + 1;
    }
  }
  while (!records.empty() && trim(records.back()).empty()) records.pop_back();
  if (records.empty()) return invalid("line 1", "the listing is empty; a header line is required");

  auto header = split_csv_record(records[0]);
  if (!header) return invalid("line 1", header.error().message);
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header->size(); ++i) {
    const std::string& name = (*header)[i];
    bool known = false;
    for (const char* k : kRequired) known |= name == k;
    for (const char* k : kOptional) known |= name == k;
    if (!known) return invalid(where(1, name), "unknown column");
    if (!column.emplace(name, i).second) return invalid(where(1, name), "the column is named twice");
  }
  for (const char* k : kRequired)
    if (!column.contains(k)) return invalid(where(1, k), "required column is missing from the header");
  const bool full_isotopics =
      column.contains("u234_wt_pct") || column.contains("u236_wt_pct") || column.contains("u238_wt_pct");
  if (full_isotopics)
    for (const char* k : {"u234_wt_pct", "u236_wt_pct", "u238_wt_pct"})
      if (!column.contains(k)) return invalid(where(1, k), "give all four isotopic columns or u235_wt_pct alone");
  if (records.size() == 1) return invalid("line 2", "the listing has a header but no cylinders");

  std::vector<ReceiptLine> out;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const int line = static_cast<int>(r) + 1;
    auto fields = split_csv_record(records[r]);
    if (!fields) return invalid("line " + std::to_string(line), fields.error().message);
    if (fields->size() != header->size())
      return invalid("line " + std::to_string(line),
                     "has " + std::to_string(fields->size()) + " fields, the header " + std::to_string(header->size()));
    const auto get = [&](const char* name) -> std::string {
      auto it = column.find(name);
      return it == column.end() ? std::string() : (*fields)[it->second];
    };
    const auto text = [&](const char* name) -> Result<std::string> {
      std::string v = get(name);
      if (v.empty()) return invalid(where(line, name), "is empty");
      return v;
    };
    const auto mass = [&](const char* name) -> Result<Mass> {
      auto m = Mass::parse_kg(get(name), name);
      if (!m) return std::unexpected(at(line, name, m.error()));
      return *m;
    };
    const auto percent = [&](const char* name) -> Result<Fraction> {
      auto f = Fraction::parse_percent(get(name), name);
      if (!f) return std::unexpected(at(line, name, f.error()));
      return *f;
    };
    const auto date = [&](const char* name) -> Result<Date> {
      auto d = Date::parse(get(name), name);
      if (!d) return std::unexpected(at(line, name, d.error()));
      return *d;
    };

    ReceiptLine l;
    l.line = line;
    auto id = text("cylinder_id");
    auto supplier = text("supplier");
    auto batch = text("shipper_batch");
    auto shipper = text("shipper");
    for (auto* r2 : {&id, &supplier, &batch, &shipper})
      if (!*r2) return std::unexpected(r2->error());
    l.cylinder_id = *id, l.supplier = *supplier, l.shipper_batch = *batch, l.shipper = *shipper;
    l.cylinder_type = get("cylinder_type");
    l.position = get("position");
    l.mba = get("mba");
    l.weighing_method = get("weighing_method"), l.weighing_calibration = get("weighing_calibration");
    l.enrichment_method = get("enrichment_method"), l.enrichment_calibration = get("enrichment_calibration");

    auto gross = mass("gross_kg");
    if (!gross) return std::unexpected(gross.error());
    auto tare = mass("tare_kg");
    if (!tare) return std::unexpected(tare.error());
    auto du = mass("declared_u_kg");
    if (!du) return std::unexpected(du.error());
    auto du235 = mass("declared_u235_kg");
    if (!du235) return std::unexpected(du235.error());
    l.gross = *gross, l.tare = *tare, l.declared_uranium = *du, l.declared_u235 = *du235;

    auto u235 = percent("u235_wt_pct");
    if (!u235) return std::unexpected(u235.error());
    Result<Isotopics> iso = Isotopics::from_u235(*u235);
    if (full_isotopics) {
      auto u234 = percent("u234_wt_pct");
      if (!u234) return std::unexpected(u234.error());
      auto u236 = percent("u236_wt_pct");
      if (!u236) return std::unexpected(u236.error());
      auto u238 = percent("u238_wt_pct");
      if (!u238) return std::unexpected(u238.error());
      iso = Isotopics::make(*u234, *u235, *u236, *u238);
    }
    if (!iso) return std::unexpected(at(line, iso.error().field, iso.error()));
    l.isotopics = *iso;

    auto recert = date("recertified_on");
    if (!recert) return std::unexpected(recert.error());
    auto received = date("received_on");
    if (!received) return std::unexpected(received.error());
    l.recertified_on = *recert, l.received_on = *received;
    if (!get("filled_on").empty()) {
      auto filled = date("filled_on");
      if (!filled) return std::unexpected(filled.error());
      l.filled_on = *filled;
    }
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace leu
