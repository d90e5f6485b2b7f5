// Python's exceptions as apps see them: the one table of names and base
// classes (so `except OSError` catches ConnectionRefusedError), and the error
// value that unwinds expression evaluation up to the interpreter.
#pragma once
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netsim::lang {

enum class ErrorKind : uint8_t {
  Exception,  // the root: `except Exception` catches every error an app can meet
  ArithmeticError,
  ZeroDivisionError,
  OverflowError,
  LookupError,
  IndexError,
  NameError,
  TypeError,
  ValueError,
  UnicodeError,
  UnicodeDecodeError,
  UnicodeEncodeError,
  AttributeError,
  RuntimeError,
  RecursionError,
  MemoryError,
  OSError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  ConnectionAbortedError,
  BrokenPipeError,
  TimeoutError,
  BlockingIOError,
  GaiError,  // Python spells it gaierror
};

std::string_view to_string(ErrorKind kind);  // the Python class name
// A name written in `except:`; also "socket.timeout"/"timeout" (TimeoutError
// since Python 3.10) and "socket.gaierror".
std::optional<ErrorKind> error_kind_from_name(std::string_view name);
std::vector<std::string_view> error_names();  // for did-you-mean hints
// Python's `except handler:` rule: raised is handler or one of its subclasses.
bool catches(ErrorKind handler, ErrorKind raised);

// 'text', as CPython's messages quote type names and values.
inline std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

// A Python exception in flight: thrown by evaluation, caught by the interpreter
// at the step boundary, where try/except or the app's failure takes over.
class PyError : public std::exception {
 public:
  PyError(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}
  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  const char* what() const noexcept override { return message_.c_str(); }
  std::string describe()
      const;  // "ZeroDivisionError: division by zero", as Python's last traceback line

 private:
  ErrorKind kind_;
  std::string message_;
};

}  // namespace netsim::lang
