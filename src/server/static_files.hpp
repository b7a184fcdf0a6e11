// The web UI's files (the project's web/ directory), served read-only at "/".
//
// "/" is index.html; any other path names a file under the root. A path with a
// ".." segment, a backslash, a NUL or a segment starting with "." is refused, and
// the resolved file must still lie under the root after symbolic links are
// followed, so nothing outside the directory can be read. HTML pages carry a
// Content-Security-Policy that allows only the server's own scripts and styles.
//
//   if (auto file = static_file(options.web_dir, "/app.js")) return *file;
#pragma once

#include <optional>
#include <string>

#include "server/server_state.hpp"

namespace leu::server {

// nullopt when there is no such file (the caller answers 404); a 403 Outgoing for a refused path.
std::optional<Outgoing> static_file(const std::string& root, const std::string& path);

}  // namespace leu::server
