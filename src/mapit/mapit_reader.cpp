#include "mapit/mapit_reader.hpp"

#include <matio.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "mapit/mat_bounds.hpp"

namespace leu::mapit {
namespace {

namespace fs = std::filesystem;

struct MatCloser {
  void operator()(mat_t* m) const { Mat_Close(m); }
};
struct VarFreer {
  void operator()(matvar_t* v) const { Mat_VarFree(v); }
};

Result<std::vector<double>> numeric_field(matvar_t* v, const std::string& where) {
  if (!v) return invalid(where, "field is missing");
  if (v->isComplex) return invalid(where, "complex values are not a flow or inventory record");
  std::size_t n = 1;
  for (int i = 0; i < v->rank; ++i) n *= v->dims[i];
  if (n > 0 && !v->data) return invalid(where, "field has no data");
  std::vector<double> out(n);
  auto copy = [&]<class T>(const T* p) {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<double>(p[i]);
  };
  switch (v->data_type) {
    case MAT_T_DOUBLE: copy(static_cast<const double*>(v->data)); break;
    case MAT_T_SINGLE: copy(static_cast<const float*>(v->data)); break;
    case MAT_T_INT8: copy(static_cast<const std::int8_t*>(v->data)); break;
    case MAT_T_UINT8: copy(static_cast<const std::uint8_t*>(v->data)); break;
    case MAT_T_INT16: copy(static_cast<const std::int16_t*>(v->data)); break;
    case MAT_T_UINT16: copy(static_cast<const std::uint16_t*>(v->data)); break;
    case MAT_T_INT32: copy(static_cast<const std::int32_t*>(v->data)); break;
    case MAT_T_UINT32: copy(static_cast<const std::uint32_t*>(v->data)); break;
    case MAT_T_INT64: copy(static_cast<const std::int64_t*>(v->data)); break;
    case MAT_T_UINT64: copy(static_cast<const std::uint64_t*>(v->data)); break;
    default: return invalid(where, fmt::format("unsupported MATLAB data type {}", static_cast<int>(v->data_type)));
  }
  return out;
}

// Orders invn2 before invn10: by the last number in the file name, then by name.
bool natural_less(const fs::path& a, const fs::path& b) {
  auto number = [](const std::string& s) -> long {
    auto end = s.find_last_of("0123456789");
    if (end == std::string::npos) return -1;
    auto begin = s.find_last_not_of("0123456789", end);
    begin = begin == std::string::npos ? 0 : begin + 1;
    return std::stol(s.substr(begin, end - begin + 1));
  };
  const auto sa = a.stem().string(), sb = b.stem().string();
  const long na = number(sa), nb = number(sb);
  return na != nb ? na < nb : sa < sb;
}

Result<std::vector<stats::TimeSeries>> read_kind(const fs::path& api, const std::string& kind, const std::string& var,
                                                 Source source) {
  const fs::path mat = api / "mat" / kind / (var + ".mat");
  if (source != Source::kCsv && fs::exists(mat)) return read_mat_series(mat.string(), var);
  if (source == Source::kMat) return std::vector<stats::TimeSeries>{};
  const fs::path dir = api / "csv" / kind;
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::vector<stats::TimeSeries>{};  // this kind is absent
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  if (ec) return fail(ErrorCode::kStorage, dir.string(), ec.message());
  std::sort(files.begin(), files.end(), natural_less);
  std::vector<stats::TimeSeries> out;
  for (const auto& f : files) {
    LEU_GET(s, read_csv_series(f.string()));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Result<std::vector<stats::TimeSeries>> read_mat_series(const std::string& file, const std::string& variable) {
  LEU_RETURN_IF_ERROR(check_mat_bounds(file));  // before libmatio allocates what the headers declare
  std::unique_ptr<mat_t, MatCloser> mat(Mat_Open(file.c_str(), MAT_ACC_RDONLY));
  if (!mat) return fail(ErrorCode::kStorage, file, "cannot open as a MATLAB .mat file");
  std::unique_ptr<matvar_t, VarFreer> v(Mat_VarRead(mat.get(), variable.c_str()));
  if (!v) return invalid(file, fmt::format("no variable \"{}\"", variable));
  if (v->class_type != MAT_C_STRUCT)
    return invalid(file, fmt::format("variable \"{}\" is not a struct array (fields data, time)", variable));
  std::size_t n = 1;
  for (int i = 0; i < v->rank; ++i) n *= v->dims[i];
  // A damaged file can leave the struct without its field table, which libmatio's field lookup would read
  // through (found by fuzz/mapit_mat_fuzz.cpp; fuzz/corpus/mapit_mat/found-segv-struct-fields.mat).
  const std::size_t fields = Mat_VarGetNumberOfFields(v.get());
  if (n > 0 &&
      (fields == 0 || !Mat_VarGetStructFieldnames(v.get()) || !v->data || v->nbytes / sizeof(matvar_t*) / fields < n))
    return invalid(file,
                   fmt::format("variable \"{}\" is a damaged struct array (its field table is missing)", variable));
  std::vector<stats::TimeSeries> out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string where = fmt::format("{}: {}({})", file, variable, i + 1);
    LEU_GET(time, numeric_field(Mat_VarGetStructFieldByName(v.get(), "time", i), where + ".time"));
    LEU_GET(data, numeric_field(Mat_VarGetStructFieldByName(v.get(), "data", i), where + ".data"));
    stats::TimeSeries s{fmt::format("{}{}", variable, i), std::move(time), std::move(data)};
    if (s.time.size() != s.value.size())
      return invalid(where, fmt::format("mismatched lengths: {} times but {} values", s.time.size(), s.value.size()));
    out.push_back(std::move(s));
  }
  return out;
}

Result<stats::TimeSeries> read_csv_series(const std::string& file) {
  std::ifstream in(file);
  if (!in) return fail(ErrorCode::kStorage, file, "cannot open");
  stats::TimeSeries s;
  s.name = fs::path(file).stem().string();
  std::string line;
  std::size_t row = 0;
  while (std::getline(in, line)) {
    ++row;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto comma = line.find(',');
    double t = 0, v = 0;
    bool ok = comma != std::string::npos && line.find(',', comma + 1) == std::string::npos;
    if (ok) {
      auto [p1, e1] = std::from_chars(line.data(), line.data() + comma, t);
      auto [p2, e2] = std::from_chars(line.data() + comma + 1, line.data() + line.size(), v);
      ok = e1 == std::errc() && p1 == line.data() + comma && e2 == std::errc() && p2 == line.data() + line.size();
    }
    if (!ok) return invalid(fmt::format("{} row {}", file, row), "expected two numbers: time,value");
    s.time.push_back(t);
    s.value.push_back(v);
  }
  return s;
}

Result<stats::MapitDataset> read_mapit_dataset(const std::string& dir, Source source) {
  fs::path api = fs::path(dir) / "API_data";
  std::error_code ec;
  if (!fs::is_directory(api, ec)) api = fs::path(dir);
  if (!fs::is_directory(api / "mat", ec) && !fs::is_directory(api / "csv", ec))
    return fail(ErrorCode::kNotFound, dir, "not a MAPIT data folder (no API_data/mat or API_data/csv)");
  stats::MapitDataset d;
  LEU_GET(inputs, read_kind(api, "input", "in", source));
  LEU_GET(inventories, read_kind(api, "inventory", "invn", source));
  LEU_GET(outputs, read_kind(api, "output", "out", source));
  d.inputs = std::move(inputs);
  d.inventories = std::move(inventories);
  d.outputs = std::move(outputs);
  return d;
}

}  // namespace leu::mapit
