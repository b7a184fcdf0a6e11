// The signing key file (cli/key_file.hpp).
#include "cli/key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace leu::cli {

Result<std::string> key_path(const Context& ctx) {
  if (!ctx.key.empty()) return ctx.key;
  if (ctx.db.find("://") != std::string::npos)
    return fail(ErrorCode::kUsage, "key", "a postgresql:// database keeps its signing key in a file: pass --key FILE");
  const std::string file = ctx.db.starts_with("sqlite:") ? ctx.db.substr(7) : ctx.db;
  return file + ".key";
}

bool key_file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

Result<void> write_key_file(const std::string& path, const SigningKey& key, bool replace) {
  const int flags = O_WRONLY | O_CREAT | (replace ? O_TRUNC : O_EXCL);
  const int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0) {
    if (errno == EEXIST)
      return fail(ErrorCode::kConflict, "key", "the key file '" + path + "' exists already; it is never overwritten");
    return fail(ErrorCode::kStorage, "key", "cannot create '" + path + "': " + std::strerror(errno));
  }
  const std::string text = key.seed_hex() + "\n";
  const bool ok = ::fchmod(fd, 0600) == 0 &&
                  ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return fail(ErrorCode::kStorage, "key", "cannot write '" + path + "'");
  return {};
}

Result<SigningKey> read_key_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return fail(ErrorCode::kNotFound, "key", "no key file '" + path + "'");
  if ((st.st_mode & 077) != 0)
    return invalid("key", "the key file '" + path + "' may be read by others (chmod 600 it)");
  auto text = read_input(path);
  if (!text) return std::unexpected(text.error());
  std::string line = *text;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  auto key = SigningKey::from_seed_hex(line);
  if (!key) return invalid("key", "'" + path + "': " + key.error().message);
  return key;
}

}  // namespace leu::cli
