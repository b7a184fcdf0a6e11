#include "ledger/line_digests.hpp"

#include <sodium.h>

namespace leu {
namespace {

// Length-prefixed fields, so that no two different lines encode alike.
void encode(std::string& out, const ChangeLine& l) {
  const auto field = [&](const std::string& s) {
    out += std::to_string(s.size());
    out += ':';
    out += s;
  };
  const auto number = [&](std::int64_t v) {
    out += std::to_string(v);
    out += ';';
  };
  number(l.seq);
  number(l.line);
  field(l.mba);
  field(l.date);
  field(l.code);
  field(l.category);
  field(l.batch);
  field(l.kmp);
  field(l.partner);
  number(l.uranium_mg);
  number(l.u235_mg);
  number(l.items);
  out += '\n';
}

std::string text(const ChangeLine& l) {
  return "seq " + std::to_string(l.seq) + " line " + std::to_string(l.line) + " (" + l.code + " " + l.batch + " " +
         l.mba + " " + l.date + ")";
}

}  // namespace

std::int64_t LineDigests::chunk_of(std::int64_t seq) {
  return seq >= 1 ? (seq - 1) / kChunkEvents : -1 - (-seq) / kChunkEvents;
}

void LineDigests::add(const ChangeLine& line) {
  const std::int64_t chunk = chunk_of(line.seq);
  if (current_ && *current_ != chunk) close_chunk();
  current_ = chunk;
  ++lines_;
  encode(buffer_, line);
}

void LineDigests::close_chunk() {
  Chunk c{*current_, lines_, {}};
  crypto_hash_sha256(c.digest.data(), reinterpret_cast<const unsigned char*>(buffer_.data()), buffer_.size());
  chunks_.push_back(c);
  buffer_.clear();
  lines_ = 0;
  current_.reset();
}

std::vector<LineDigests::Chunk> LineDigests::finish() {
  if (current_) close_chunk();
  return std::exchange(chunks_, {});
}

std::optional<std::int64_t> first_differing_chunk(const std::vector<LineDigests::Chunk>& a,
                                                  const std::vector<LineDigests::Chunk>& b) {
  std::size_t i = 0;
  for (; i < a.size() && i < b.size(); ++i)
    if (!(a[i] == b[i])) return std::min(a[i].index, b[i].index);
  if (i < a.size()) return a[i].index;
  if (i < b.size()) return b[i].index;
  return std::nullopt;
}

std::string describe_line_difference(const std::vector<ChangeLine>& stored, const std::vector<ChangeLine>& rebuilt,
                                     std::int64_t& seq, std::string& key) {
  std::size_t i = 0;
  for (; i < stored.size() && i < rebuilt.size() && stored[i] == rebuilt[i]; ++i) {
  }
  const auto at = [&](const ChangeLine& l) {
    seq = l.seq;
    key = std::to_string(l.seq) + "/" + std::to_string(l.line);
  };
  if (i < stored.size() && i < rebuilt.size()) {
    const ChangeLine &s = stored[i], &r = rebuilt[i];
    if (s.seq != r.seq || s.line != r.line) {
      const bool stored_first = std::tie(s.seq, s.line) < std::tie(r.seq, r.line);
      at(stored_first ? s : r);
      return stored_first ? "change line " + text(s) + " has no source in the journal"
                          : "change line " + text(r) + " is missing from the database";
    }
    at(r);
    const auto diff = [&](const char* name, const std::string& a, const std::string& b) {
      return "change line " + text(r) + " differs from the journal: field '" + name + "': stored '" + a +
             "', journal gives '" + b + "'";
    };
    if (s.mba != r.mba) return diff("mba", s.mba, r.mba);
    if (s.date != r.date) return diff("date", s.date, r.date);
    if (s.code != r.code) return diff("code", s.code, r.code);
    if (s.category != r.category) return diff("category", s.category, r.category);
    if (s.batch != r.batch) return diff("batch", s.batch, r.batch);
    if (s.kmp != r.kmp) return diff("kmp", s.kmp, r.kmp);
    if (s.partner != r.partner) return diff("partner", s.partner, r.partner);
    if (s.uranium_mg != r.uranium_mg)
      return diff("uranium_mg", std::to_string(s.uranium_mg), std::to_string(r.uranium_mg));
    if (s.u235_mg != r.u235_mg) return diff("u235_mg", std::to_string(s.u235_mg), std::to_string(r.u235_mg));
    return diff("items", std::to_string(s.items), std::to_string(r.items));
  }
  if (i < stored.size()) {
    at(stored[i]);
    return "change line " + text(stored[i]) + " has no source in the journal";
  }
  at(rebuilt[i]);
  return "change line " + text(rebuilt[i]) + " is missing from the database";
}

}  // namespace leu
