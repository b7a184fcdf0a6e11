// Secrets and unique names from libsodium's random generator.
//
//   std::string id = random_hex(8);   // 16 lowercase hex digits, 64 random bits
#pragma once

#include <cstddef>
#include <string>

namespace leu {

// 2 * bytes lowercase hexadecimal digits of libsodium randomness (randombytes_buf).
std::string random_hex(std::size_t bytes);

}  // namespace leu
