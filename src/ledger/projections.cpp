#include "ledger/projections.hpp"

#include <algorithm>

#include "ledger/codec.hpp"
#include "ledger/event.hpp"

namespace leu {
namespace {

std::string row_doc(const Json& j) { return j.dump(); }

Json encode(const Json& doc) { return doc; }

template <class T>
void add_rows(std::vector<ProjectionRow>& out, const char* kind, const std::map<std::string, std::optional<T>>& rows,
              const std::set<std::string>* only) {
  for (const auto& [key, value] : rows) {
    if (!value) continue;
    if (only && !only->contains(key)) continue;
    out.push_back(ProjectionRow{kind, key, row_doc(encode(*value))});
  }
}

}  // namespace

template <class T, class Decode>
Result<std::optional<T>> Projections::lookup(Table<T>& table, const char* kind, const std::string& key, Decode decode) {
  if (auto it = table.rows.find(key); it != table.rows.end()) return it->second;
  std::optional<T> value;
  if (loader_) {
    auto row = loader_(kind, key);
    if (!row) return std::unexpected(row.error());
    if (*row) {
      const Json j = Json::parse((*row)->doc, nullptr, false);
      if (j.is_discarded())
        return fail(ErrorCode::kIntegrity, std::string(kind) + " " + key, "projection row is not valid JSON");
      auto decoded = decode(j);
      if (!decoded)
        return fail(ErrorCode::kIntegrity, std::string(kind) + " " + key,
                    "projection row is damaged: " + decoded.error().describe());
      value = std::move(*decoded);
    }
  }
  table.rows.emplace(key, value);
  return value;
}

Result<std::optional<Facility>> Projections::facility() {
  return lookup(facility_, kFacilityKind, kFacilityKind, decode_facility);
}
Result<std::optional<Item>> Projections::item(const std::string& id) {
  return lookup(items_, kItemKind, id, decode_item);
}
Result<std::optional<SealRecord>> Projections::seal(const std::string& id) {
  return lookup(seals_, kSealKind, id, decode_seal);
}
Result<std::optional<Balance>> Projections::balance(const std::string& mba, UraniumCategory category) {
  return lookup(balances_, kBalanceKind, Balance{mba, category}.key(), decode_balance);
}
Result<std::optional<UserRecord>> Projections::user(const std::string& name) {
  return lookup(users_, kUserKind, name, decode_user);
}

Result<std::optional<nlohmann::json>> Projections::document(const std::string& kind, const std::string& key) {
  return lookup(documents_[kind], kind.c_str(), key, [](const Json& j) -> Result<Json> { return j; });
}

void Projections::put_document(const std::string& kind, const std::string& key, nlohmann::json doc) {
  auto& table = documents_[kind];
  table.rows[key] = std::move(doc);
  table.dirty.insert(key);
}

void Projections::put(const Facility& f) {
  facility_.rows[kFacilityKind] = f;
  facility_.dirty.insert(kFacilityKind);
}
void Projections::put(const Item& item) {
  items_.rows[item.id] = item;
  items_.dirty.insert(item.id);
}
void Projections::put(const SealRecord& seal) {
  seals_.rows[seal.id] = seal;
  seals_.dirty.insert(seal.id);
}
void Projections::put(const Balance& balance) {
  balances_.rows[balance.key()] = balance;
  balances_.dirty.insert(balance.key());
}
void Projections::put(const UserRecord& user) {
  users_.rows[user.name] = user;
  users_.dirty.insert(user.name);
}

void Projections::add_line(ChangeLine line) {
  if (line_sink_)
    line_sink_(line);
  else
    lines_.push_back(std::move(line));
}

std::vector<ProjectionRow> Projections::dirty_rows() const {
  std::vector<ProjectionRow> out;
  add_rows(out, kFacilityKind, facility_.rows, &facility_.dirty);
  add_rows(out, kItemKind, items_.rows, &items_.dirty);
  add_rows(out, kSealKind, seals_.rows, &seals_.dirty);
  add_rows(out, kBalanceKind, balances_.rows, &balances_.dirty);
  add_rows(out, kUserKind, users_.rows, &users_.dirty);
  for (const auto& [kind, table] : documents_) add_rows(out, kind.c_str(), table.rows, &table.dirty);
  return out;
}

void Projections::clear_dirty() {
  facility_.dirty.clear();
  items_.dirty.clear();
  seals_.dirty.clear();
  balances_.dirty.clear();
  users_.dirty.clear();
  for (auto& [kind, table] : documents_) table.dirty.clear();
}

std::vector<ProjectionRow> Projections::all_rows() const {
  std::vector<ProjectionRow> out;
  add_rows(out, kFacilityKind, facility_.rows, nullptr);
  add_rows(out, kItemKind, items_.rows, nullptr);
  add_rows(out, kSealKind, seals_.rows, nullptr);
  add_rows(out, kBalanceKind, balances_.rows, nullptr);
  add_rows(out, kUserKind, users_.rows, nullptr);
  for (const auto& [kind, table] : documents_) add_rows(out, kind.c_str(), table.rows, nullptr);
  std::ranges::sort(out, [](const ProjectionRow& a, const ProjectionRow& b) {
    return std::tie(a.kind, a.key) < std::tie(b.kind, b.key);
  });
  return out;
}

std::vector<Item> Projections::items() const {
  std::vector<Item> out;
  for (const auto& [id, item] : items_.rows)
    if (item) out.push_back(*item);
  return out;
}

std::vector<Balance> Projections::balances() const {
  std::vector<Balance> out;
  for (const auto& [key, b] : balances_.rows)
    if (b) out.push_back(*b);
  return out;
}

}  // namespace leu
