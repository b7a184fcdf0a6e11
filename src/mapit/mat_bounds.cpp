#include "mapit/mat_bounds.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace leu::mapit {
namespace {

// MAT-File Format (MathWorks, R2021a), ch. 1: the header, the data types and the array class of a struct.
constexpr std::size_t kHeaderBytes = 128;
constexpr std::uint32_t kMiInt32 = 5, kMiMatrix = 14, kMiCompressed = 15;
constexpr std::uint32_t kMxCellClass = 1, kMxStructClass = 2, kMxSparseClass = 5;
// Nesting followed (MAPIT's data is a struct of numeric arrays: depth 1).
constexpr int kMaxDepth = 8;
constexpr std::uint64_t kTagBytes = 8;
// zlib's largest expansion (zlib.net, "Technical Details": 1032:1).
constexpr std::uint64_t kZlibMaxExpansion = 1032;
// Enough inflated bytes to hold an array's headers (flags, dimensions, name, field names).
constexpr std::size_t kInflatedPrefix = 4096;

struct Tag {
  std::uint32_t type = 0;
  std::uint64_t size = 0;  // bytes of data
  std::size_t data = 0;    // offset of the data
  std::size_t next = 0;    // offset of the next element
};

// Reads tags and 32-bit words of a byte buffer in the file's byte order.
class Reader {
 public:
  Reader(std::string_view bytes, bool swap) : bytes_(bytes), swap_(swap) {}

  std::optional<std::uint32_t> u32(std::size_t at) const {
    if (at > bytes_.size() || bytes_.size() - at < 4) return std::nullopt;
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes_[at + static_cast<std::size_t>(i)]);
    return swap_ ? __builtin_bswap32(v) : v;
  }

  // A tag at `at`: a full 8-byte tag, or a small data element (size <= 4, data inside the tag).
  std::optional<Tag> tag(std::size_t at) const {
    auto first = u32(at);
    if (!first) return std::nullopt;
    if ((*first >> 16) != 0) return Tag{*first & 0xffffu, *first >> 16, at + 4, at + kTagBytes};
    auto size = u32(at + 4);
    if (!size) return std::nullopt;
    const std::uint64_t padded = (std::uint64_t{*size} + 7) / 8 * 8;  // sub-elements start on 8-byte boundaries
    return Tag{*first, *size, at + kTagBytes,
               static_cast<std::size_t>(std::min<std::uint64_t>(at + kTagBytes + padded, SIZE_MAX))};
  }

 private:
  std::string_view bytes_;
  bool swap_;
};

std::uint64_t times(std::uint64_t a, std::uint64_t b) { return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b; }

// The array whose data (after its miMATRIX tag) starts at `begin` may take `budget` bytes.
Result<void> check_array(const Reader& r, std::size_t begin, std::uint64_t budget, const std::string& file,
                         int depth = 0) {
  const auto too_big = [&](const std::string& what) {
    return invalid(file, fmt::format("an array declares {} but has only {} bytes; the file is damaged", what, budget));
  };
  // libmatio reads the array flags and the dimensions' tag as six 32-bit words, whatever their tags say,
  // and allocates the dimensions' declared size.
  auto klass = r.u32(begin + 8);
  auto dims_size = r.u32(begin + 20);
  if (!klass || !dims_size) return {};
  if (*dims_size > budget) return too_big(fmt::format("{} bytes of dimensions", *dims_size));
  const Tag dims_tag{kMiInt32, *dims_size, begin + 24, begin + 24 + (std::size_t{*dims_size} + 7) / 8 * 8};
  const Tag* dims = &dims_tag;
  std::uint64_t elements = 1;
  for (std::uint64_t i = 0; i < dims->size / 4; ++i) {
    auto d = r.u32(dims->data + 4 * i);
    if (!d) return {};  // beyond the inflated prefix
    elements = times(elements, *d);
  }
  auto name = r.tag(dims->next);
  if (!name) return {};
  if (name->size > budget) return too_big(fmt::format("a name of {} bytes", name->size));
  const std::uint32_t array_class = *klass & 0xffu;
  if (array_class == kMxSparseClass) return {};  // its data is sized by the non-zeros, not the dimensions
  const bool holds_arrays = array_class == kMxCellClass || array_class == kMxStructClass;
  std::uint64_t fields = 1;
  std::size_t contents = name->next;  // where the arrays inside a cell or struct begin
  if (array_class == kMxStructClass) {
    auto length = r.tag(name->next);
    auto length_value = length ? r.u32(length->data) : std::nullopt;
    auto names = length ? r.tag(length->next) : std::nullopt;
    if (!length_value || !names) return {};
    if (names->size > budget) return too_big(fmt::format("{} bytes of field names", names->size));
    fields = *length_value == 0 ? 0 : std::max<std::uint64_t>(names->size / *length_value, 1);
    contents = names->next;
  }
  // Each element of a cell or struct (each field of it) is an array of one tag at least; a numeric or
  // character element takes one byte at least (MATLAB may store doubles as miUINT8).
  if (holds_arrays && times(times(elements, fields), kTagBytes) > budget)
    return too_big(fmt::format("{} elements of {} fields", elements, fields));
  if (!holds_arrays && elements > budget) return too_big(fmt::format("{} elements", elements));
  if (!holds_arrays || depth >= kMaxDepth) return {};
  // The arrays inside follow, one miMATRIX element each; each must fit in what is left of this one.
  // (In an inflated prefix the arrays run on past the buffer: r.tag() stops there.)
  const std::uint64_t end = begin + std::min<std::uint64_t>(budget, UINT64_MAX - begin);
  for (std::size_t at = contents; at < end;) {
    auto inner = r.tag(at);
    if (!inner || inner->type != kMiMatrix || inner->data > end) break;
    LEU_RETURN_IF_ERROR(
        check_array(r, inner->data, std::min<std::uint64_t>(inner->size, end - inner->data), file, depth + 1));
    at = inner->next;
  }
  return {};
}

// The headers of a compressed array: its first kInflatedPrefix bytes, inflated.
std::string inflate_prefix(std::string_view compressed) {
  std::string out(kInflatedPrefix, '\0');
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return {};
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(compressed.size(), UINT32_MAX));
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  (void)inflate(&z, Z_SYNC_FLUSH);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

}  // namespace

Result<void> check_mat_bounds(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};  // libmatio says it cannot open it
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Level 5 files only (version 0x0100, endian indicator "MI"); libmatio judges anything else.
  if (bytes.size() < kHeaderBytes) return {};
  const std::string_view endian(bytes.data() + 126, 2);
  if (endian != "IM" && endian != "MI") return {};
  const Reader r(bytes, endian == "MI");
  for (std::size_t at = kHeaderBytes; at < bytes.size();) {
    auto tag = r.tag(at);
    if (!tag) break;
    const std::uint64_t left = bytes.size() - std::min(tag->data, bytes.size());
    const std::uint64_t size = std::min(tag->size, left);
    if (tag->type == kMiMatrix) {
      LEU_RETURN_IF_ERROR(check_array(r, tag->data, size, file));
    } else if (tag->type == kMiCompressed) {
      const std::string inner = inflate_prefix(std::string_view(bytes).substr(tag->data, size));
      const Reader ir(inner, endian == "MI");
      auto matrix = ir.tag(0);
      if (matrix && matrix->type == kMiMatrix)
        LEU_RETURN_IF_ERROR(
            check_array(ir, matrix->data, std::min(matrix->size, times(size, kZlibMaxExpansion)), file));
    }
    at = tag->data + static_cast<std::size_t>(size);
  }
  return {};
}

}  // namespace leu::mapit
