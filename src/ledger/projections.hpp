// The projections: current state derived from the journal, as typed records.
//
// Projections holds the records an event fold reads and writes: the facility,
// items, seals, balances (per MBA and category) and users. It can stand alone in
// memory (verify, rebuild, inventory as of a date) or sit over a backing row
// source (a write transaction), loading rows on first use and remembering which
// ones changed so that only those are written back.
//
//   Projections p;                          // in memory
//   apply_event(event, payload, p);          // fold one event
//   for (const ProjectionRow& r : p.all_rows()) ...
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/facility.hpp"
#include "domain/item.hpp"
#include "ledger/records.hpp"
#include "store/store.hpp"

namespace leu {

// Row kinds of the projection table.
inline constexpr const char* kFacilityKind = "facility";
inline constexpr const char* kItemKind = "item";
inline constexpr const char* kSealKind = "seal";
inline constexpr const char* kBalanceKind = "balance";
inline constexpr const char* kUserKind = "user";
inline constexpr const char* kPitKind = "pit";        // key "MBA/date": a physical inventory taking
inline constexpr const char* kPeriodKind = "period";  // key "MBA/to": a closed material balance period

class Projections {
 public:
  using Loader = std::function<Result<std::optional<ProjectionRow>>(const std::string& kind, const std::string& key)>;

  // Without a loader, a record not put before does not exist.
  explicit Projections(Loader loader = {}) : loader_(std::move(loader)) {}

  Result<std::optional<Facility>> facility();
  Result<std::optional<Item>> item(const std::string& id);
  Result<std::optional<SealRecord>> seal(const std::string& id);
  Result<std::optional<Balance>> balance(const std::string& mba, UraniumCategory category);
  Result<std::optional<UserRecord>> user(const std::string& name);
  // Records kept as JSON documents (kinds kPitKind, kPeriodKind).
  Result<std::optional<nlohmann::json>> document(const std::string& kind, const std::string& key);

  void put(const Facility& f);
  void put(const Item& item);
  void put(const SealRecord& seal);
  void put(const Balance& balance);
  void put(const UserRecord& user);
  void put_document(const std::string& kind, const std::string& key, nlohmann::json doc);

  // Inventory change lines made by the fold. With a sink set, each line goes to it
  // as it is made (verify streams them); without, they are kept until taken.
  void add_line(ChangeLine line);
  void set_line_sink(std::function<void(const ChangeLine&)> sink) { line_sink_ = std::move(sink); }
  std::vector<ChangeLine> take_lines() { return std::exchange(lines_, {}); }

  // Records changed since construction or the last clear_dirty(), encoded.
  std::vector<ProjectionRow> dirty_rows() const;
  void clear_dirty();
  // Every record held, encoded, ordered by (kind, key).
  std::vector<ProjectionRow> all_rows() const;
  // Every item held, ordered by id.
  std::vector<Item> items() const;
  std::vector<Balance> balances() const;

 private:
  template <class T>
  struct Table {
    std::map<std::string, std::optional<T>> rows;
    std::set<std::string> dirty;
  };
  template <class T, class Decode>
  Result<std::optional<T>> lookup(Table<T>& table, const char* kind, const std::string& key, Decode decode);

  Loader loader_;
  std::vector<ChangeLine> lines_;
  std::function<void(const ChangeLine&)> line_sink_;
  Table<Facility> facility_;
  Table<Item> items_;
  Table<SealRecord> seals_;
  Table<Balance> balances_;
  Table<UserRecord> users_;
  std::map<std::string, Table<nlohmann::json>> documents_;  // by kind
};

// Applies one verified event to the projections. Fails with kIntegrity when the
// payload is malformed or contradicts the state (an item received twice, a
// shipment of an item not on hand): services validate before they append, so
// such an event means the journal was altered.
Result<void> apply_event(const StoredEvent& event, const nlohmann::json& payload, Projections& p);

}  // namespace leu
