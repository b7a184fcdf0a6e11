#include "server/route.hpp"

namespace leu::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

std::string Call::query_value(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

std::vector<std::string> path_segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const std::size_t end = path.find('/', i);
    out.push_back(percent_decode(path.substr(i, end == std::string::npos ? std::string::npos : end - i)));
    i = end == std::string::npos ? path.size() : end;
  }
  return out;
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  const auto segments = path_segments(path);
  Match found;
  int best_literals = -1;  // a literal segment beats a parameter: /journal/head before /journal/{seq}
  for (const Route& r : routes_) {
    const auto pattern = path_segments(r.path);
    if (pattern.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    int literals = 0;
    for (std::size_t i = 0; ok && i < pattern.size(); ++i) {
      const std::string& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        params[p.substr(1, p.size() - 2)] = segments[i];
      } else {
        ok = p == segments[i];
        ++literals;
      }
    }
    if (!ok) continue;
    if (r.method != method) {
      found.path_known = true;
      continue;
    }
    if (literals > best_literals) {
      best_literals = literals;
      found.route = &r;
      found.params = std::move(params);
    }
  }
  return found;
}

}  // namespace leu::server
