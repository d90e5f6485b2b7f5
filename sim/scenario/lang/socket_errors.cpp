// CPython's errno -> exception mapping (Objects/exceptions.c, _PyExc_InitState),
// reduced to the errnos a socket call can meet.
#include "sim/scenario/lang/socket_errors.h"

#include <array>
#include <string>

namespace netsim::lang {
namespace {

struct ErrnoClass {
  int errno_value;
  ErrorKind kind;
};

constexpr std::array kErrnoClasses{
    ErrnoClass{kErrnoAgain, ErrorKind::BlockingIOError},  // EAGAIN / EWOULDBLOCK
    ErrnoClass{kErrnoAlready, ErrorKind::BlockingIOError},
    ErrnoClass{kErrnoInProgress, ErrorKind::BlockingIOError},
    ErrnoClass{32, ErrorKind::BrokenPipeError},          // EPIPE
    ErrnoClass{108, ErrorKind::BrokenPipeError},         // ESHUTDOWN
    ErrnoClass{103, ErrorKind::ConnectionAbortedError},  // ECONNABORTED
    ErrnoClass{111, ErrorKind::ConnectionRefusedError},  // ECONNREFUSED
    ErrnoClass{104, ErrorKind::ConnectionResetError},    // ECONNRESET
    ErrnoClass{110, ErrorKind::TimeoutError},            // ETIMEDOUT
};

}  // namespace

ErrorKind error_kind_for_errno(int errno_value) {
  for (const ErrnoClass& c : kErrnoClasses)
    if (c.errno_value == errno_value) return c.kind;
  return ErrorKind::OSError;
}

PyError os_error(int errno_value, std::string_view text) {
  return PyError(error_kind_for_errno(errno_value),
                 "[Errno " + std::to_string(errno_value) + "] " + std::string(text));
}

PyError to_py_error(devices::SocketError e) {
  return os_error(devices::to_errno(e), devices::to_string(e));
}

}  // namespace netsim::lang
