#include "cli/password_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "cli/context.hpp"

namespace leu::cli {
namespace {

// One line from the terminal with echo off.
std::string read_hidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << '\n';
  return line;
}

}  // namespace

Result<std::string> read_new_password(const std::string& file, const std::string& user) {
  if (!file.empty()) {
    LEU_GET(text, read_input(file));
    std::string first = text.substr(0, text.find('\n'));
    if (!first.empty() && first.back() == '\r') first.pop_back();
    return first;
  }
  if (!isatty(STDIN_FILENO)) return std::string();
  const std::string once = read_hidden("new password for " + user + ": ");
  const std::string twice = read_hidden("the same again: ");
  if (once != twice) return invalid("password", "the two entries differ; nothing was changed");
  return once;
}

}  // namespace leu::cli
