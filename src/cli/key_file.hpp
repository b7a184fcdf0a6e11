// The facility's signing key file: where it lives and how it is read and written.
//
// The key is kept outside the database: `--key FILE`, else `<db path>.key` beside
// a SQLite file (a postgresql:// database needs --key). The file holds one line,
// the 32-byte Ed25519 seed as 64 lowercase hex digits, and is created with mode
// 0600; a key file that others may read is refused, as ssh refuses such keys.
//
//   LEU_GET(path, key_path(ctx));
//   LEU_RETURN_IF_ERROR(write_key_file(path, SigningKey::generate(), /*replace=*/false));
//   LEU_GET(key, read_key_file(path));
#pragma once

#include <string>

#include "cli/context.hpp"
#include "ledger/signing.hpp"

namespace leu::cli {

// kUsage for a postgresql:// database without --key.
Result<std::string> key_path(const Context& ctx);
bool key_file_exists(const std::string& path);
// Creates the file with mode 0600; kConflict if it exists and !replace.
Result<void> write_key_file(const std::string& path, const SigningKey& key, bool replace);
// kNotFound when absent; kInvalidInput when malformed or readable by group or others.
Result<SigningKey> read_key_file(const std::string& path);

}  // namespace leu::cli
