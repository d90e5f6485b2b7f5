// The one table from an errno to Python's exception class (PEP 3151: the
// OSError subclass CPython raises for it), and socket errors made into
// Python errors with Python's message, "[Errno 111] Connection refused".
#pragma once
#include <string_view>

#include "devices/stack/socket_types.h"
#include "sim/scenario/lang/py_error.h"

namespace netsim::lang {

// Linux errnos the socket calls raise beyond devices::SocketError's.
inline constexpr int kErrnoAgain = 11;        // EAGAIN: also what connect_ex returns on timeout
inline constexpr int kErrnoAlready = 114;     // EALREADY: a non-blocking connect still under way
inline constexpr int kErrnoInProgress = 115;  // EINPROGRESS: a non-blocking connect started

// ConnectionRefusedError for 111, BlockingIOError for 11/114/115, ...; OSError otherwise.
ErrorKind error_kind_for_errno(int errno_value);
PyError os_error(int errno_value, std::string_view text);
PyError to_py_error(devices::SocketError e);

}  // namespace netsim::lang
