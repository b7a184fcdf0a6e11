#include "domain/error.hpp"

namespace leu {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUsage: return "usage";
    case ErrorCode::kInvalidInput: return "invalid_input";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kIntegrity: return "integrity";
    case ErrorCode::kStorage: return "storage";
  }
  return "unknown";
}

}  // namespace leu
