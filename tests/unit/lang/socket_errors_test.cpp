// The one errno -> Python exception table, and socket errors as Python shows them.
#include <catch2/catch.hpp>

#include "sim/scenario/lang/socket_errors.h"

using netsim::devices::SocketError;
using netsim::lang::catches;
using netsim::lang::ErrorKind;
using netsim::lang::to_py_error;

TEST_CASE("socket errors become Python's exception classes with [Errno N] messages") {
  struct Case {
    SocketError error;
    ErrorKind kind;
    const char* message;
  };
  const Case cases[] = {
      {SocketError::ConnectionRefused, ErrorKind::ConnectionRefusedError,
       "[Errno 111] Connection refused"},
      {SocketError::TimedOut, ErrorKind::TimeoutError, "[Errno 110] Connection timed out"},
      {SocketError::ConnectionReset, ErrorKind::ConnectionResetError,
       "[Errno 104] Connection reset by peer"},
      {SocketError::BrokenPipe, ErrorKind::BrokenPipeError, "[Errno 32] Broken pipe"},
      {SocketError::WouldBlock, ErrorKind::BlockingIOError,
       "[Errno 11] Resource temporarily unavailable"},
      {SocketError::ConnectionAborted, ErrorKind::ConnectionAbortedError,
       "[Errno 103] Software caused connection abort"},
      {SocketError::AddressInUse, ErrorKind::OSError, "[Errno 98] Address already in use"},
      {SocketError::AddressNotAvailable, ErrorKind::OSError,
       "[Errno 99] Cannot assign requested address"},
      {SocketError::HostUnreachable, ErrorKind::OSError, "[Errno 113] No route to host"},
      {SocketError::NetworkUnreachable, ErrorKind::OSError, "[Errno 101] Network is unreachable"},
      {SocketError::NotConnected, ErrorKind::OSError,
       "[Errno 107] Transport endpoint is not connected"},
      {SocketError::BadDescriptor, ErrorKind::OSError, "[Errno 9] Bad file descriptor"},
      {SocketError::MessageTooLong, ErrorKind::OSError, "[Errno 90] Message too long"},
      {SocketError::DestinationAddressRequired, ErrorKind::OSError,
       "[Errno 89] Destination address required"},
      {SocketError::OperationNotSupported, ErrorKind::OSError,
       "[Errno 95] Operation not supported"},
      {SocketError::InvalidArgument, ErrorKind::OSError, "[Errno 22] Invalid argument"},
  };
  for (const Case& c : cases) {
    const auto e = to_py_error(c.error);
    INFO(c.message);
    CHECK(e.kind() == c.kind);
    CHECK(e.message() == c.message);
    // Every one of them is an OSError, as in Python.
    CHECK(catches(ErrorKind::OSError, e.kind()));
  }
}

TEST_CASE("the connection errors are ConnectionErrors; timeouts and EAGAIN are not") {
  CHECK(catches(ErrorKind::ConnectionError, to_py_error(SocketError::ConnectionRefused).kind()));
  CHECK(catches(ErrorKind::ConnectionError, to_py_error(SocketError::BrokenPipe).kind()));
  CHECK_FALSE(catches(ErrorKind::ConnectionError, to_py_error(SocketError::TimedOut).kind()));
  CHECK_FALSE(catches(ErrorKind::ConnectionError, to_py_error(SocketError::WouldBlock).kind()));
}

TEST_CASE("errnos outside SocketError: a non-blocking connect's EINPROGRESS and EALREADY") {
  CHECK(netsim::lang::os_error(netsim::lang::kErrnoInProgress, "Operation now in progress")
            .describe() == "BlockingIOError: [Errno 115] Operation now in progress");
  CHECK(netsim::lang::error_kind_for_errno(netsim::lang::kErrnoAlready) ==
        ErrorKind::BlockingIOError);
  CHECK(netsim::lang::error_kind_for_errno(97) == ErrorKind::OSError);
}
