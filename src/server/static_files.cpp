#include "server/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "server/problem.hpp"
#include "server/route.hpp"

namespace leu::server {
namespace {

std::string content_type_of(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> kTypes = {{".html", "text/html; charset=utf-8"},
                                                            {".js", "text/javascript; charset=utf-8"},
                                                            {".mjs", "text/javascript; charset=utf-8"},
                                                            {".css", "text/css; charset=utf-8"},
                                                            {".json", "application/json"},
                                                            {".svg", "image/svg+xml"},
                                                            {".png", "image/png"},
                                                            {".ico", "image/x-icon"},
                                                            {".woff2", "font/woff2"},
                                                            {".txt", "text/plain; charset=utf-8"}};
  auto it = kTypes.find(file.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

Outgoing refused(const std::string& why) {
  const Problem p = make_problem(403, "path", why);
  return Outgoing{403, kProblemJson, p.to_json().dump(), {}};
}

}  // namespace

std::optional<Outgoing> static_file(const std::string& root, const std::string& path) {
  namespace fs = std::filesystem;
  if (root.empty()) return std::nullopt;
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos)
    return refused("the path holds a character no file name here may hold");
  std::vector<std::string> segments = path_segments(path);  // percent-decoded
  for (const std::string& s : segments)
    if (s.empty() || s.front() == '.' || s.find('/') != std::string::npos || s.find('\\') != std::string::npos)
      return refused("the path may not climb out of the web directory or name hidden files");
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  fs::path file = base;
  for (const std::string& s : segments) file /= s;
  if (segments.empty()) file /= "index.html";
  const fs::path real = fs::canonical(file, ec);
  if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;
  // Symbolic links must not lead outside the root.
  const auto [end, _] = std::mismatch(base.begin(), base.end(), real.begin(), real.end());
  if (end != base.end()) return refused("the file lies outside the web directory");
  std::ifstream in(real, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Outgoing out{200, content_type_of(real), bytes.str(), {}};
  out.headers.emplace_back("Cache-Control", "no-cache");
  if (real.extension() == ".html") {
    out.headers.emplace_back("Content-Security-Policy",
                             "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                             "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    out.headers.emplace_back("X-Frame-Options", "DENY");
    out.headers.emplace_back("Referrer-Policy", "no-referrer");
  }
  return out;
}

}  // namespace leu::server
