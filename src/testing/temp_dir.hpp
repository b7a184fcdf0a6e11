// Test support: a fresh directory for real database files, removed afterwards.
//
//   TempDir dir;
//   auto store = open_store(dir.path("bank.db"), OpenMode::kCreate);
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace leu::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("leubank-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path(const std::string& name) const { return (root_ / name).string(); }

 private:
  std::filesystem::path root_;
};

}  // namespace leu::testing
