// Reads of the books: facility, inventory, items and their history, seals,
// balances, the journal, verification, the access log and the reports.
#include "accountancy/inventory.hpp"
#include "accountancy/profile_in_force.hpp"
#include "accountancy/report_builder.hpp"
#include "ledger/codec.hpp"
#include "ledger/verification_log.hpp"
#include "server/api_util.hpp"
#include "server/report_reply.hpp"
#include "server/server_state.hpp"

namespace leu::server {
namespace {

nlohmann::json event_json(const StoredEvent& e) {
  return {{"seq", e.seq},   {"time", e.time},       {"actor", e.actor},
          {"type", e.type}, {"version", e.version}, {"payload", nlohmann::json::parse(e.payload, nullptr, false)},
          {"hash", e.hash}};
}

// Does the event name the item, as "item" (an id or a received Item) or in a list of items?
bool mentions_item(const nlohmann::json& payload, const std::string& id) {
  if (!payload.is_object()) return false;
  for (const char* key : {"item", "cylinder"}) {
    auto it = payload.find(key);
    if (it == payload.end()) continue;
    if (it->is_string() && *it == id) return true;
    if (it->is_object() && it->value("id", "") == id) return true;
  }
  for (const char* key : {"items", "cylinders", "found"}) {
    auto it = payload.find(key);
    if (it == payload.end() || !it->is_array()) continue;
    for (const auto& x : *it)
      if ((x.is_string() && x == id) || (x.is_object() && x.value("item", "") == id)) return true;
  }
  return false;
}

nlohmann::json verify_json(const VerifyReport& r) {
  nlohmann::json out = {{"ok", r.ok()},
                        {"events", r.events},
                        {"rows", r.rows},
                        {"lines", r.lines},
                        {"head", {{"seq", r.head.seq}, {"hash", r.head.hash}}}};
  if (r.divergence) {
    const Divergence& d = *r.divergence;
    out["divergence"] = {{"seq", d.seq}, {"row_kind", d.row_kind}, {"row_key", d.row_key}, {"message", d.message}};
  }
  return out;
}

Result<Reply> report(Call& c, const std::string& kind) {
  const std::string mba = c.query_value("mba");
  if (mba.empty()) return fail(ErrorCode::kUsage, "mba", "name the MBA (?mba=KZBK)");
  const std::string format = c.query_value("format").empty() ? "labelled" : c.query_value("format");
  Result<reports::Report> built = fail(ErrorCode::kUsage, "kind", "");
  if (kind == "icr") {
    LEU_GET(year, query_int(c, "year", 0));
    LEU_GET(month, query_int(c, "month", 0));
    if (year == 0 || month == 0) return fail(ErrorCode::kUsage, "month", "the ICR needs ?year= and ?month=");
    built = build_icr(c.journal, mba, static_cast<int>(year), static_cast<unsigned>(month), c.who.name);
  } else {
    const std::string text = c.query_value("date");
    if (text.empty()) return fail(ErrorCode::kUsage, "date", "the " + kind + " needs ?date= (the physical inventory)");
    LEU_GET(date, query_date(c, "date", c.today));
    built = kind == "pil" ? build_pil(c.journal, mba, date, c.who.name) : build_mbr(c.journal, mba, date, c.who.name);
  }
  if (!built) return std::unexpected(built.error());
  LEU_GET(profile, profile_in_force(c.journal));
  LEU_GET(r, report_reply(*built, profile, format, 200));
  if (format != "json")
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + kind + "-" + mba + "." +
                                                      (format == "labelled" ? "txt" : format) + "\"");
  return r;
}

}  // namespace

void add_book_routes(ServerState& state) {
  Router& r = state.router;
  const auto read = Operation::kReadInventory;
  r.add({.method = "GET",
         .path = "/api/v1/facility",
         .summary = "The facility attachment: MBAs and key measurement points",
         .tag = "books",
         .op = read,
         .cacheable = true,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(f, c.journal.facility());
           if (!f) return fail(ErrorCode::kNotFound, "facility", "the journal holds no facility");
           return Reply::json(encode(*f));
         }});
  r.add({.method = "GET",
         .path = "/api/v1/inventory",
         .summary = "The book inventory: items on hand, balances per MBA and category, totals",
         .tag = "books",
         .op = read,
         .cacheable = true,
         .query = {{"as_of", "YYYY-MM-DD: the books at the end of that day (default: now)"},
                   {"all", "true: also shipped and lost items"}},
         .handler = [](Call& c) -> Result<Reply> {
           const bool all = c.query_value("all") == "true";
           if (c.query_value("as_of").empty()) {
             LEU_GET(inv, current_inventory(c.journal, all));
             return Reply::json(to_json(inv));
           }
           LEU_GET(day, query_date(c, "as_of", c.today));
           LEU_GET(inv, inventory_as_of(c.journal, day, all));
           return Reply::json(to_json(inv));
         }});
  r.add({.method = "GET",
         .path = "/api/v1/items",
         .summary = "Cylinders, filtered and paged",
         .tag = "books",
         .op = read,
         .cacheable = true,
         .query = {{"status", "on_hand, shipped or lost"},
                   {"mba", "MBA code"},
                   {"q", "part of the cylinder id"},
                   {"limit", "1..1000 (100)"},
                   {"offset", ">= 0"}},
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(page, page_of(c));
           LEU_GET(items, c.journal.items());
           const std::string status = c.query_value("status"), mba = c.query_value("mba"), q = c.query_value("q");
           nlohmann::json all = nlohmann::json::array();
           for (const Item& it : items) {
             if (!status.empty() && item_status_name(it.status) != status) continue;
             if (!mba.empty() && it.mba != mba) continue;
             if (!q.empty() && it.id.find(q) == std::string::npos) continue;
             all.push_back(encode(it));
           }
           return Reply::json(paged(all, page));
         }});
  r.add({.method = "GET",
         .path = "/api/v1/items/{id}",
         .summary = "One cylinder as the books hold it",
         .tag = "books",
         .op = read,
         .cacheable = true,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(item, c.journal.item(c.param("id")));
           if (!item) return fail(ErrorCode::kNotFound, "id", "no cylinder '" + c.param("id") + "'");
           Reply out = Reply::json(encode(*item));
           out.headers.emplace_back("ETag", "\"" + std::to_string(item->last_seq) + "\"");  // for If-Match
           return out;
         }});
  r.add({.method = "GET",
         .path = "/api/v1/items/{id}/history",
         .summary = "Every journal event that names the cylinder, oldest first",
         .tag = "books",
         .op = read,
         .cacheable = true,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(item, c.journal.item(c.param("id")));
           if (!item) return fail(ErrorCode::kNotFound, "id", "no cylinder '" + c.param("id") + "'");
           nlohmann::json events = nlohmann::json::array();
           LEU_RETURN_IF_ERROR(c.journal.scan(1, [&](const StoredEvent& e) {
             if (mentions_item(nlohmann::json::parse(e.payload, nullptr, false), c.param("id")))
               events.push_back(event_json(e));
             return true;
           }));
           return Reply::json({{"item", c.param("id")}, {"events", events}});
         }});
  r.add({.method = "GET",
         .path = "/api/v1/seals",
         .summary = "Seals, optionally of one cylinder",
         .tag = "books",
         .op = read,
         .cacheable = true,
         .query = {{"item", "cylinder id"}},
         .handler = [](Call& c) -> Result<Reply> {
           nlohmann::json out = nlohmann::json::array();
           const std::string item = c.query_value("item");
           LEU_RETURN_IF_ERROR(c.journal.store().scan_rows(kSealKind, [&](const ProjectionRow& row) {
             nlohmann::json s = nlohmann::json::parse(row.doc, nullptr, false);
             if (item.empty() || s.value("item", "") == item) out.push_back(std::move(s));
             return true;
           }));
           return Reply::json({{"items", out}});
         }});
  r.add({.method = "GET",
         .path = "/api/v1/balances",
         .summary = "The book of each MBA per category at the end of a day, from the indexed change lines",
         .tag = "books",
         .op = read,
         .cacheable = true,
         .query = {{"as_of", "YYYY-MM-DD (default: today)"}},
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(day, query_date(c, "as_of", c.today));
           LEU_GET(f, c.journal.facility());
           nlohmann::json out = nlohmann::json::array();
           if (f)
             for (const Mba& m : f->mbas) {
               LEU_GET(totals, c.journal.book_at(m.code, day));
               for (const BookTotal& t : totals)
                 out.push_back({{"mba", m.code},
                                {"category", t.category},
                                {"uranium_mg", t.uranium_mg},
                                {"u235_mg", t.u235_mg},
                                {"items", t.items}});
             }
           return Reply::json({{"as_of", day.text()}, {"items", out}});
         }});
  r.add({.method = "GET",
         .path = "/api/v1/journal",
         .summary = "Journal events in order, with their hashes (access-logged)",
         .tag = "journal",
         .op = read,
         .sensitive = true,
         .query = {{"from", "first sequence number (1)"},
                   {"limit", "1..1000 (100)"},
                   {"type", "only this event type"},
                   {"actor", "only this actor"}},
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(from, query_int(c, "from", 1));
           LEU_GET(limit, query_int(c, "limit", 100));
           if (limit < 1 || limit > 1000) return fail(ErrorCode::kUsage, "limit", "must be 1 to 1000");
           const std::string type = c.query_value("type"), actor = c.query_value("actor");
           nlohmann::json events = nlohmann::json::array();
           std::int64_t next = 0;
           LEU_RETURN_IF_ERROR(c.journal.scan(std::max<std::int64_t>(from, 1), [&](const StoredEvent& e) {
             if (static_cast<std::int64_t>(events.size()) == limit) {
               next = e.seq;
               return false;
             }
             if ((type.empty() || e.type == type) && (actor.empty() || e.actor == actor))
               events.push_back(event_json(e));
             return true;
           }));
           nlohmann::json out = {{"items", events}};
           out["next"] = next ? nlohmann::json(next) : nlohmann::json(nullptr);
           return Reply::json(out);
         }});
  r.add({.method = "GET",
         .path = "/api/v1/journal/head",
         .summary = "The recorded head of the journal",
         .tag = "journal",
         .op = read,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(head, c.journal.head());
           return Reply::json(head_json(head));
         }});
  r.add({.method = "POST",
         .path = "/api/v1/verify",
         .summary = "Verify the hash chain and rebuild the projections aside; names the first divergence",
         .tag = "journal",
         .op = read,
         // A read: it verifies one snapshot while writers go on; the dispatcher records the outcome after it.
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(report, c.journal.verify());
           Reply reply = Reply::json(verify_json(report));
           reply.record = verification_entry(c.journal, report, c.who.name, "api");
           return reply;
         }});
  r.add({.method = "GET",
         .path = "/api/v1/journal/last-verification",
         .summary = "The last verification of the journal: who, when, through which door, the head, the outcome",
         .tag = "journal",
         .op = read,
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(last, last_verification(c.journal.store()));
           if (!last) return Reply::json({{"verification", nullptr}});
           return Reply::json({{"verification",
                                {{"time", last->time},
                                 {"actor", last->actor},
                                 {"via", last->via},
                                 {"head", {{"seq", last->head_seq}, {"hash", last->head_hash}}},
                                 {"ok", last->ok},
                                 {"divergence_seq", last->divergence_seq}}}});
         }});
  r.add({.method = "GET",
         .path = "/api/v1/access-log",
         .summary = "Who read which sensitive record (append-only)",
         .tag = "journal",
         .op = Operation::kReadAccessLog,
         .query = {{"from", "first entry (1)"}, {"limit", "1..1000 (100)"}},
         .handler = [](Call& c) -> Result<Reply> {
           LEU_GET(from, query_int(c, "from", 1));
           LEU_GET(limit, query_int(c, "limit", 100));
           if (limit < 1 || limit > 1000) return fail(ErrorCode::kUsage, "limit", "must be 1 to 1000");
           nlohmann::json out = nlohmann::json::array();
           LEU_RETURN_IF_ERROR(c.journal.store().scan_access(from, [&](const AccessRecord& a) {
             out.push_back(
                 {{"seq", a.seq}, {"time", a.time}, {"actor", a.actor}, {"action", a.action}, {"target", a.target}});
             return static_cast<std::int64_t>(out.size()) < limit;
           }));
           return Reply::json({{"items", out}});
         }});
  for (const std::string kind : {"icr", "pil", "mbr"}) {
    r.add({.method = "GET",
           .path = "/api/v1/reports/" + kind,
           .summary = kind == "icr" ? "Inventory Change Report of an MBA for a month"
                      : kind == "pil"
                          ? "Physical Inventory Listing of an MBA at a physical inventory"
                          : "Material Balance Report of an MBA for the period ending at a physical inventory",
           .tag = "reports",
           .op = read,
           .query = {{"mba", "MBA code"},
                     {"year", "ICR: year"},
                     {"month", "ICR: month 1-12"},
                     {"date", "PIL/MBR: date of the physical inventory"},
                     {"format", "labelled (default), csv, json or xlsx"}},
           .handler = [kind](Call& c) { return report(c, kind); }});
  }
}

}  // namespace leu::server
