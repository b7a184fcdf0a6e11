// Expected failures as values.
//
// Every operation that can fail for a reason a user can fix (bad input, unknown
// item, missing role, a conflict with the current state) returns Result<T>: either
// the value or an Error naming the code, the offending field and a human message.
// Exceptions and assertions are kept for broken invariants (bugs) only.
//
//   Result<Mass> m = Mass::parse_kg(text, "gross_kg");
//   if (!m) return std::unexpected(m.error());
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace leu {

enum class ErrorCode {
  kUsage,         // the command line itself is wrong
  kInvalidInput,  // a value breaks a rule; nothing was changed
  kNotFound,      // a named thing does not exist
  kForbidden,     // the principal lacks the role for the operation
  kConflict,      // the current state does not allow the operation
  kIntegrity,     // the journal or its projections do not verify
  kStorage,       // the database could not be read or written
};

struct Error {
  ErrorCode code = ErrorCode::kInvalidInput;
  std::string field;    // the input at fault ("" when none applies)
  std::string message;  // what rule was broken, in words a user understands

  // "field: message", or just the message when no field applies.
  std::string describe() const { return field.empty() ? message : field + ": " + message; }
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string field, std::string message) {
  return std::unexpected(Error{code, std::move(field), std::move(message)});
}

inline std::unexpected<Error> invalid(std::string field, std::string message) {
  return fail(ErrorCode::kInvalidInput, std::move(field), std::move(message));
}

std::string_view error_code_name(ErrorCode code);

}  // namespace leu

// Declares `var` as the value of a Result expression, or returns its error from
// the enclosing function:   LEU_GET(item, journal.item(id));
#define LEU_GET(var, expr)                                           \
  auto var##_result_ = (expr);                                       \
  if (!var##_result_) return std::unexpected(var##_result_.error()); \
  auto var = std::move(*var##_result_)

// Returns the error of a Result<void>-like expression from the enclosing function.
#define LEU_RETURN_IF_ERROR(expr)                                                                        \
  do {                                                                                                   \
    if (auto leu_status_ = (expr); !leu_status_) return std::unexpected(std::move(leu_status_).error()); \
  } while (false)
