// Journal::verify and Journal::rebuild: recompute the chain, rebuild the
// projections aside, compare, and name the first divergence.
#include <map>

#include "ledger/codec.hpp"
#include "ledger/journal.hpp"
#include "ledger/line_digests.hpp"

namespace leu {
namespace {

using Kind = Divergence::Kind;

// The first member whose value differs between two row documents, as
// "field 'x': stored A, journal gives B"; the whole document when not objects.
std::string describe_difference(const std::string& stored, const std::string& rebuilt) {
  const Json a = Json::parse(stored, nullptr, false), b = Json::parse(rebuilt, nullptr, false);
  if (a.is_discarded()) return "the stored row is not valid JSON";
  if (!a.is_object() || !b.is_object()) return "stored " + stored + ", journal gives " + rebuilt;
  for (const auto& [key, value] : b.items()) {
    if (!a.contains(key)) return "field '" + key + "' is missing from the stored row";
    if (a[key] != value) return "field '" + key + "': stored " + a[key].dump() + ", journal gives " + value.dump();
  }
  for (const auto& [key, value] : a.items())
    if (!b.contains(key)) return "field '" + key + "' is not produced by the journal";
  return "the rows differ in encoding";
}

std::int64_t last_seq_of(const std::string& doc) {
  const Json j = Json::parse(doc, nullptr, false);
  if (j.is_object() && j.contains("last_seq") && j["last_seq"].is_number_integer())
    return j["last_seq"].get<std::int64_t>();
  return 0;
}

}  // namespace

Result<VerifyReport> Journal::replay(Projections& out) {
  VerifyReport report;
  auto recorded = store_.head();
  if (!recorded) return std::unexpected(recorded.error());

  Digest digest = genesis_digest();
  std::int64_t expected = 1;
  const auto diverge = [&](Kind kind, std::int64_t seq, std::string message) {
    report.divergence = Divergence{kind, seq, "", "", std::move(message)};
    return false;
  };
  // From the lowest possible number, so that a row slipped in before event 1 is seen.
  auto scanned = store_.scan_journal(INT64_MIN, INT64_MAX, [&](const StoredEvent& e) {
    if (e.seq < 1)
      return diverge(Kind::kGap, e.seq,
                     "a row numbered " + std::to_string(e.seq) + " stands before event 1; sequence numbers start at 1");
    if (e.seq != expected)
      return diverge(Kind::kGap, expected,
                     "event " + std::to_string(expected) + " is missing: the journal goes from " +
                         std::to_string(expected - 1) + " to " + std::to_string(e.seq));
    if (!is_valid_utf8(e.actor) || !is_valid_utf8(e.time) || !is_valid_utf8(e.type))
      return diverge(Kind::kHash, e.seq,
                     "event " + std::to_string(e.seq) +
                         " holds an actor, time or type that is not valid UTF-8 "
                         "(the event was altered)");
    digest = chain_digest(digest, canonical_event_bytes(e));
    const std::string computed = to_hex(digest);
    if (computed != e.hash)
      return diverge(Kind::kHash, e.seq,
                     "event " + std::to_string(e.seq) + " (" + e.type + ") does not match its hash: stored " + e.hash +
                         ", recomputed " + computed + " (the event or its hash was altered)");
    if (!is_readable_format_version(e.version))
      return diverge(Kind::kPayload, e.seq,
                     "event " + std::to_string(e.seq) + " has format version " + std::to_string(e.version) +
                         "; this program reads versions " + std::to_string(kOldestEventFormatVersion) + " to " +
                         std::to_string(kEventFormatVersion));
    const Json payload = Json::parse(e.payload, nullptr, false);
    if (payload.is_discarded())
      return diverge(Kind::kPayload, e.seq, "event " + std::to_string(e.seq) + ": payload is not valid JSON");
    if (auto applied = apply_event(e, payload, out); !applied)
      return diverge(
          Kind::kPayload, e.seq,
          "event " + std::to_string(e.seq) + " (" + e.type + ") cannot be applied: " + applied.error().describe());
    report.head.seq = e.seq;
    report.head.hash = computed;  // reuses the string's buffer
    ++report.events;
    ++expected;
    return true;
  });
  if (!scanned) return std::unexpected(scanned.error());
  if (report.divergence) return report;

  const Head& rec = *recorded;
  if (rec.seq != report.head.seq) {
    if (rec.seq > report.head.seq)
      report.divergence =
          Divergence{Kind::kHead, report.head.seq + 1, "", "",
                     "the journal ends at event " + std::to_string(report.head.seq) + " but the head records event " +
                         std::to_string(rec.seq) + ": events " + std::to_string(report.head.seq + 1) + " to " +
                         std::to_string(rec.seq) + " are missing (truncated)"};
    else
      report.divergence = Divergence{Kind::kHead, rec.seq + 1, "", "",
                                     "the head records event " + std::to_string(rec.seq) +
                                         " but the journal continues to event " + std::to_string(report.head.seq) +
                                         ": event " + std::to_string(rec.seq + 1) + " was not committed with the head"};
  } else if (rec.hash != report.head.hash) {
    report.divergence = Divergence{
        Kind::kHead, rec.seq, "", "",
        "the head hash " + rec.hash + " differs from event " + std::to_string(rec.seq) + "'s hash " + report.head.hash};
  }
  return report;
}

Result<VerifyReport> Journal::verify() {
  // One consistent view: a writer committing meanwhile must not look like damage.
  LEU_GET(snapshot, store_.read_snapshot());
  Projections rebuilt;
  LineDigests rebuilt_lines;
  rebuilt.set_line_sink([&](const ChangeLine& l) { rebuilt_lines.add(l); });
  auto replayed = replay(rebuilt);
  if (!replayed || !replayed->ok()) return replayed;
  VerifyReport report = std::move(*replayed);

  // Merge-compare rebuilt and stored rows, both ordered by (kind, key).
  const std::vector<ProjectionRow> expected = rebuilt.all_rows();
  std::size_t i = 0;
  const auto projection_divergence = [&](const std::string& kind, const std::string& key, std::int64_t seq,
                                         std::string message) {
    report.divergence = Divergence{Kind::kProjection, seq, kind, key, std::move(message)};
    return false;
  };
  auto scanned = store_.scan_rows("", [&](const ProjectionRow& row) {
    ++report.rows;
    const auto row_order = std::tie(row.kind, row.key);
    if (i < expected.size() && std::tie(expected[i].kind, expected[i].key) < row_order) {
      const auto& e = expected[i];
      return projection_divergence(e.kind, e.key, last_seq_of(e.doc),
                                   "projection " + e.kind + " '" + e.key + "' is missing from the database");
    }
    if (i >= expected.size() || std::tie(expected[i].kind, expected[i].key) > row_order)
      return projection_divergence(row.kind, row.key, last_seq_of(row.doc),
                                   "projection " + row.kind + " '" + row.key + "' has no source in the journal");
    const ProjectionRow& e = expected[i++];
    if (e.doc != row.doc)
      return projection_divergence(row.kind, row.key, last_seq_of(e.doc),
                                   "projection " + row.kind + " '" + row.key +
                                       "' differs from the journal: " + describe_difference(row.doc, e.doc));
    return true;
  });
  if (!scanned) return std::unexpected(scanned.error());
  if (!report.divergence && i < expected.size()) {
    const auto& e = expected[i];
    projection_divergence(e.kind, e.key, last_seq_of(e.doc),
                          "projection " + e.kind + " '" + e.key + "' is missing from the database");
  }
  if (report.divergence) return report;
  LEU_RETURN_IF_ERROR(compare_lines(rebuilt_lines.finish(), report));
  return report;
}

Result<void> Journal::compare_lines(const std::vector<LineDigests::Chunk>& rebuilt, VerifyReport& report) {
  LineDigests stored_digests;
  auto scanned = store_.scan_lines(INT64_MIN, INT64_MAX, [&](const ChangeLine& l) {
    stored_digests.add(l);
    ++report.lines;
    return true;
  });
  if (!scanned) return std::unexpected(scanned.error());
  const auto chunk = first_differing_chunk(stored_digests.finish(), rebuilt);
  if (!chunk) return {};

  // Locate the first difference inside the chunk: replay again keeping only its lines.
  const std::int64_t first = *chunk * LineDigests::kChunkEvents + 1, last = first + LineDigests::kChunkEvents - 1;
  std::vector<ChangeLine> expected, stored;
  Projections again;
  again.set_line_sink([&](const ChangeLine& l) {
    if (LineDigests::chunk_of(l.seq) == *chunk) expected.push_back(l);
  });
  auto replayed = replay(again);
  if (!replayed) return std::unexpected(replayed.error());
  auto rescanned = store_.scan_lines(*chunk < 0 ? INT64_MIN : first, last, [&](const ChangeLine& l) {
    if (LineDigests::chunk_of(l.seq) == *chunk) stored.push_back(l);
    return true;
  });
  if (!rescanned) return std::unexpected(rescanned.error());
  Divergence d{Kind::kProjection, 0, "line", "", ""};
  d.message = describe_line_difference(stored, expected, d.seq, d.row_key);
  report.divergence = d;
  return {};
}

Result<std::int64_t> Journal::rebuild() {
  Projections rebuilt;
  auto replayed = replay(rebuilt);
  if (!replayed) return std::unexpected(replayed.error());
  if (!replayed->ok())
    return fail(ErrorCode::kIntegrity, "journal",
                "cannot rebuild from a journal that does not verify: " + replayed->divergence->message);
  auto tx = store_.begin_write();
  if (!tx) return std::unexpected(tx.error());
  if ((*tx)->head() != replayed->head)
    return fail(ErrorCode::kConflict, "journal", "the journal changed while rebuilding; try again");
  LEU_RETURN_IF_ERROR((*tx)->clear_rows());
  const auto rows = rebuilt.all_rows();
  for (const auto& row : rows) LEU_RETURN_IF_ERROR((*tx)->put_row(row));
  for (const auto& line : rebuilt.take_lines()) LEU_RETURN_IF_ERROR((*tx)->add_line(line));
  LEU_RETURN_IF_ERROR((*tx)->commit());
  return static_cast<std::int64_t>(rows.size());
}

}  // namespace leu
