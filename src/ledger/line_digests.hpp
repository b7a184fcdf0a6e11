// Comparing two long sequences of change lines in bounded memory.
//
// verify() must check the stored change lines against the ones the journal
// produces, and there may be tens of millions of them. Both sides are fed, in
// (seq, line) order, into SHA-256 digests per chunk of kChunkEvents events; only
// the digests are kept. When two chunk lists differ, the first differing chunk
// is compared line by line (describe_line_difference).
//
//   LineDigests rebuilt, stored;
//   ... rebuilt.add(line) / stored.add(line) ...
//   std::optional<std::int64_t> chunk = first_differing_chunk(rebuilt.finish(), stored.finish());
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/event.hpp"
#include "store/store.hpp"

namespace leu {

class LineDigests {
 public:
  static constexpr std::int64_t kChunkEvents = 65'536;

  struct Chunk {
    std::int64_t index = 0;  // floor((seq - 1) / kChunkEvents)
    std::int64_t lines = 0;
    Digest digest{};

    bool operator==(const Chunk&) const = default;
  };

  static std::int64_t chunk_of(std::int64_t seq);
  // REQUIRES: lines in (seq, line) order.
  void add(const ChangeLine& line);
  std::vector<Chunk> finish();

 private:
  void close_chunk();

  std::vector<Chunk> chunks_;
  std::optional<std::int64_t> current_;
  std::int64_t lines_ = 0;
  std::string buffer_;  // the current chunk's encoded lines, hashed when it closes
};

// The index of the first chunk present in only one list or with other contents.
std::optional<std::int64_t> first_differing_chunk(const std::vector<LineDigests::Chunk>& a,
                                                  const std::vector<LineDigests::Chunk>& b);

// Where two line lists of one chunk first differ, in words; the seq at fault and
// "seq/line" key in `seq` and `key`. REQUIRES: the lists differ.
std::string describe_line_difference(const std::vector<ChangeLine>& stored, const std::vector<ChangeLine>& rebuilt,
                                     std::int64_t& seq, std::string& key);

}  // namespace leu
