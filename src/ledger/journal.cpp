#include "ledger/journal.hpp"

#include "ledger/codec.hpp"

namespace leu {
namespace {

template <class T, class Decode>
Result<std::vector<T>> read_all(Store& store, const char* kind, Decode decode) {
  std::vector<T> out;
  std::optional<Error> error;
  auto scanned = store.scan_rows(kind, [&](const ProjectionRow& row) {
    const Json j = Json::parse(row.doc, nullptr, false);
    auto value = j.is_discarded() ? std::unexpected(Error{ErrorCode::kIntegrity, "doc", "not JSON"}) : decode(j);
    if (!value) {
      error = Error{ErrorCode::kIntegrity, std::string(kind) + " " + row.key,
                    "projection row is damaged (" + value.error().describe() + "); run 'leubank verify'"};
      return false;
    }
    out.push_back(std::move(*value));
    return true;
  });
  if (!scanned) return std::unexpected(scanned.error());
  if (error) return std::unexpected(*error);
  return out;
}

Projections::Loader store_loader(Store& store) {
  return [&store](const std::string& kind, const std::string& key) { return store.get_row(kind, key); };
}

}  // namespace

Result<Head> Journal::append(const std::string& actor, const std::vector<NewEvent>& events) {
  return append(actor, events, {});
}

Result<Head> Journal::append(const std::string& actor, const std::vector<NewEvent>& events,
                             const std::vector<ProjectionRow>& credentials) {
  auto tx = store_.begin_write();
  if (!tx) return std::unexpected(tx.error());
  WriteTransaction& t = **tx;
  Projections p([&t](const std::string& kind, const std::string& key) { return t.get_row(kind, key); });
  Digest previous = genesis_digest();
  if (t.head().seq > 0 && !from_hex(t.head().hash, previous))
    return fail(ErrorCode::kIntegrity, "head", "the stored head hash is not 64 hex digits; run 'leubank verify'");
  const std::string time = utc_timestamp(clock_.now());
  std::int64_t seq = t.head().seq;  // t.append() moves the head one event at a time
  for (const NewEvent& ne : events) {
    auto payload = canonical_json(ne.payload);
    if (!payload) return std::unexpected(payload.error());
    StoredEvent e{++seq, time, actor, ne.type, kEventFormatVersion, std::move(*payload), ""};
    previous = chain_digest(previous, canonical_event_bytes(e));
    e.hash = to_hex(previous);
    if (auto applied = apply_event(e, ne.payload, p); !applied) {
      // Services validate before appending, so a fold failure here means another
      // writer changed the state in between: a conflict, and nothing is written.
      Error err = applied.error();
      if (err.code == ErrorCode::kIntegrity) {
        err.code = ErrorCode::kConflict;
        err.message = "the books changed while this command ran: " + err.message + "; nothing was written";
      }
      return std::unexpected(err);
    }
    LEU_RETURN_IF_ERROR(t.append(e));
  }
  for (const ProjectionRow& row : p.dirty_rows()) LEU_RETURN_IF_ERROR(t.put_row(row));
  for (const ChangeLine& line : p.take_lines()) LEU_RETURN_IF_ERROR(t.add_line(line));
  for (const ProjectionRow& row : credentials) LEU_RETURN_IF_ERROR(t.put_credential(row));
  const Head head = t.head();
  LEU_RETURN_IF_ERROR(t.commit());
  return head;
}

Result<std::optional<Facility>> Journal::facility() { return Projections(store_loader(store_)).facility(); }
Result<std::optional<Item>> Journal::item(const std::string& id) { return Projections(store_loader(store_)).item(id); }
Result<std::optional<SealRecord>> Journal::seal(const std::string& id) {
  return Projections(store_loader(store_)).seal(id);
}
Result<std::optional<UserRecord>> Journal::user(const std::string& name) {
  return Projections(store_loader(store_)).user(name);
}
Result<std::optional<nlohmann::json>> Journal::document(const std::string& kind, const std::string& key) {
  return Projections(store_loader(store_)).document(kind, key);
}
Result<std::vector<nlohmann::json>> Journal::documents(const std::string& kind) {
  return read_all<Json>(store_, kind.c_str(), [](const Json& j) -> Result<Json> { return j; });
}
Result<std::vector<Item>> Journal::items() { return read_all<Item>(store_, kItemKind, decode_item); }
Result<std::vector<Balance>> Journal::balances() { return read_all<Balance>(store_, kBalanceKind, decode_balance); }
Result<std::vector<UserRecord>> Journal::users() { return read_all<UserRecord>(store_, kUserKind, decode_user); }

Result<Projections> Journal::as_of(Date day) {
  Projections p;
  p.set_line_sink([](const ChangeLine&) {});  // the lines are not needed here
  const std::string cutoff = day.text();      // ISO dates compare as text
  std::optional<Error> error;
  auto scanned = store_.scan_journal(1, INT64_MAX, [&](const StoredEvent& e) {
    const Json payload = Json::parse(e.payload, nullptr, false);
    if (payload.is_discarded()) {
      error = Error{ErrorCode::kIntegrity, "event " + std::to_string(e.seq), "payload is not JSON"};
      return false;
    }
    // The accounting date: "date", or for the balance-period events the period's end "to".
    const char* dated = payload.contains("date") ? "date" : "to";
    if (payload.contains(dated) && payload[dated].is_string() && payload[dated].get<std::string>() > cutoff)
      return true;
    if (auto applied = apply_event(e, payload, p); !applied) {
      error = applied.error();
      return false;
    }
    return true;
  });
  if (!scanned) return std::unexpected(scanned.error());
  if (error) return std::unexpected(*error);
  return p;
}

}  // namespace leu
