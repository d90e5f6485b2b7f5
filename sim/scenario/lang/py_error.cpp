// The exception hierarchy, as in CPython's Lib/exceptions docs
// ("Exception hierarchy"), reduced to the classes an app can meet.
#include "sim/scenario/lang/py_error.h"

#include <array>

namespace netsim::lang {
namespace {

struct ErrorInfo {
  ErrorKind kind;
  std::string_view name;
  ErrorKind base;  // Exception's base is itself
};

// In enum order: kTable[k].kind == k.
constexpr std::array kTable{
    ErrorInfo{ErrorKind::Exception, "Exception", ErrorKind::Exception},
    ErrorInfo{ErrorKind::ArithmeticError, "ArithmeticError", ErrorKind::Exception},
    ErrorInfo{ErrorKind::ZeroDivisionError, "ZeroDivisionError", ErrorKind::ArithmeticError},
    ErrorInfo{ErrorKind::OverflowError, "OverflowError", ErrorKind::ArithmeticError},
    ErrorInfo{ErrorKind::LookupError, "LookupError", ErrorKind::Exception},
    ErrorInfo{ErrorKind::IndexError, "IndexError", ErrorKind::LookupError},
    ErrorInfo{ErrorKind::NameError, "NameError", ErrorKind::Exception},
    ErrorInfo{ErrorKind::TypeError, "TypeError", ErrorKind::Exception},
    ErrorInfo{ErrorKind::ValueError, "ValueError", ErrorKind::Exception},
    ErrorInfo{ErrorKind::UnicodeError, "UnicodeError", ErrorKind::ValueError},
    ErrorInfo{ErrorKind::UnicodeDecodeError, "UnicodeDecodeError", ErrorKind::UnicodeError},
    ErrorInfo{ErrorKind::UnicodeEncodeError, "UnicodeEncodeError", ErrorKind::UnicodeError},
    ErrorInfo{ErrorKind::AttributeError, "AttributeError", ErrorKind::Exception},
    ErrorInfo{ErrorKind::RuntimeError, "RuntimeError", ErrorKind::Exception},
    ErrorInfo{ErrorKind::RecursionError, "RecursionError", ErrorKind::RuntimeError},
    ErrorInfo{ErrorKind::MemoryError, "MemoryError", ErrorKind::Exception},
    ErrorInfo{ErrorKind::OSError, "OSError", ErrorKind::Exception},
    ErrorInfo{ErrorKind::ConnectionError, "ConnectionError", ErrorKind::OSError},
    ErrorInfo{ErrorKind::ConnectionRefusedError, "ConnectionRefusedError",
              ErrorKind::ConnectionError},
    ErrorInfo{ErrorKind::ConnectionResetError, "ConnectionResetError", ErrorKind::ConnectionError},
    ErrorInfo{ErrorKind::ConnectionAbortedError, "ConnectionAbortedError",
              ErrorKind::ConnectionError},
    ErrorInfo{ErrorKind::BrokenPipeError, "BrokenPipeError", ErrorKind::ConnectionError},
    ErrorInfo{ErrorKind::TimeoutError, "TimeoutError", ErrorKind::OSError},
    ErrorInfo{ErrorKind::BlockingIOError, "BlockingIOError", ErrorKind::OSError},
    ErrorInfo{ErrorKind::GaiError, "gaierror", ErrorKind::OSError},
};

const ErrorInfo& info(ErrorKind kind) { return kTable[static_cast<size_t>(kind)]; }

constexpr bool table_in_enum_order() {
  for (size_t i = 0; i < kTable.size(); ++i) {
    if (static_cast<size_t>(kTable[i].kind) != i) return false;
  }
  return true;
}
static_assert(table_in_enum_order());

}  // namespace

std::string_view to_string(ErrorKind kind) { return info(kind).name; }

std::optional<ErrorKind> error_kind_from_name(std::string_view name) {
  if (name.starts_with("socket.")) name.remove_prefix(7);
  if (name == "timeout") return ErrorKind::TimeoutError;
  for (const ErrorInfo& e : kTable) {
    if (e.name == name) return e.kind;
  }
  return std::nullopt;
}

std::vector<std::string_view> error_names() {
  std::vector<std::string_view> names;
  for (const ErrorInfo& e : kTable) names.push_back(e.name);
  return names;
}

bool catches(ErrorKind handler, ErrorKind raised) {
  for (ErrorKind k = raised;; k = info(k).base) {
    if (k == handler) return true;
    if (k == ErrorKind::Exception) return false;
  }
}

std::string PyError::describe() const {
  std::string s(to_string(kind_));
  if (!message_.empty()) s += ": " + message_;
  return s;
}

}  // namespace netsim::lang
