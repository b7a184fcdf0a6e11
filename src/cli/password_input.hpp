// Reading a new password for init and `user passwd`: from a file (its first line;
// "-" is standard input) or, on a terminal, typed twice without echo.
//
//   LEU_GET(password, read_new_password(file, "olga"));   // "" when neither is possible
#pragma once

#include <string>

#include "domain/error.hpp"

namespace leu::cli {

// "" when no file is named and standard input is not a terminal. kInvalidInput
// when the two typed entries differ; the password rule itself is the service's.
Result<std::string> read_new_password(const std::string& file, const std::string& user);

}  // namespace leu::cli
