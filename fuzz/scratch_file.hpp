// Fuzz support: the bytes of one input written to a file of this process, for
// readers that take a path (the MAPIT readers). The file is overwritten by each
// input; its name carries the process id so that parallel fuzzers do not share it.
//
//   const std::string& file = write_scratch_file(data, size, ".mat");
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

inline const std::string& write_scratch_file(const std::uint8_t* data, std::size_t size, const char* extension) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("leubank-fuzz-" + std::to_string(::getpid()) + extension)).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}
