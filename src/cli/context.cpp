#include "cli/context.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace leu::cli {

int exit_code_for(const Error& e) {
  switch (e.code) {
    case ErrorCode::kUsage: return kExitUsage;
    case ErrorCode::kInvalidInput:
    case ErrorCode::kNotFound:
    case ErrorCode::kForbidden:
    case ErrorCode::kConflict: return kExitRejected;
    case ErrorCode::kIntegrity: return kExitIntegrity;
    case ErrorCode::kStorage: return kExitStorage;
  }
  return kExitStorage;
}

Result<Journal*> Context::journal() {
  if (!journal_) {
    auto store = open_store(db, OpenMode::kExisting);
    if (!store) return std::unexpected(store.error());
    store_ = std::move(*store);
    journal_ = std::make_unique<Journal>(*store_, clock);
  }
  return journal_.get();
}

Result<Journal*> Context::create_journal() {
  auto store = open_store(db, OpenMode::kCreate);
  if (!store) return std::unexpected(store.error());
  store_ = std::move(*store);
  journal_ = std::make_unique<Journal>(*store_, clock);
  return journal_.get();
}

Date today(const Context& ctx) { return Date::of(ctx.clock.now()); }

Result<Date> date_option(const Context& ctx, const std::string& text, const char* field) {
  if (text.empty()) return today(ctx);
  return Date::parse(text, field);
}

Result<std::string> read_input(const std::string& path) {
  std::ostringstream out;
  if (path == "-") {
    out << std::cin.rdbuf();
    return out.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return invalid("file", "cannot read '" + path + "'");
  out << in.rdbuf();
  return out.str();
}

}  // namespace leu::cli
