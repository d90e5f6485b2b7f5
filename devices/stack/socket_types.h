// Words shared by the UDP and TCP engines, the socket table and the app
// interpreter: socket addresses, the errors a socket operation can end with
// (mapped to Python's exception names in one table in the interpreter), and
// the result type. Sockets never block: an operation that cannot finish now
// returns WouldBlock and the socket's waker fires when it may progress.
#pragma once
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "sim/core/inplace_function.h"
#include "sim/wire/address.h"

namespace netsim::devices {

struct SocketAddress {
  wire::Ipv4Address ip;
  uint16_t port = 0;
  std::string to_string() const { return ip.to_string() + ":" + std::to_string(port); }
  auto operator<=>(const SocketAddress&) const = default;
};

// Each value names the Linux errno it stands for (connect_ex returns these).
enum class SocketError : uint8_t {
  WouldBlock,          // EAGAIN 11: not now; wait for the waker
  ConnectionRefused,   // ECONNREFUSED 111
  TimedOut,            // ETIMEDOUT 110
  ConnectionReset,     // ECONNRESET 104
  BrokenPipe,          // EPIPE 32
  AddressInUse,        // EADDRINUSE 98
  AddressNotAvailable, // EADDRNOTAVAIL 99
  NotConnected,        // ENOTCONN 107
  AlreadyConnected,    // EISCONN 106
  InvalidArgument,     // EINVAL 22
  HostUnreachable,     // EHOSTUNREACH 113
  NetworkUnreachable,  // ENETUNREACH 101
  MessageTooLong,      // EMSGSIZE 90
  BadDescriptor,       // EBADF 9 (use after close)
  ConnectionAborted,   // ECONNABORTED 103
  OperationNotSupported,  // EOPNOTSUPP 95 (listen on UDP, ...)
  DestinationAddressRequired,  // EDESTADDRREQ 89 (send on an unconnected datagram socket)
};
int to_errno(SocketError e);
std::string_view to_string(SocketError e);  // strerror text: "Connection refused"

// A value or an error. `ok()` when the operation completed.
template <typename T>
class SocketResult {
 public:
  SocketResult(T value) : v_(std::move(value)) {}  // NOLINT: implicit, like std::expected
  SocketResult(SocketError e) : v_(e) {}           // NOLINT
  bool ok() const { return std::holds_alternative<T>(v_); }
  bool would_block() const { return !ok() && error() == SocketError::WouldBlock; }
  const T& value() const { return std::get<T>(v_); }
  T& value() { return std::get<T>(v_); }
  SocketError error() const { return std::get<SocketError>(v_); }

 private:
  std::variant<T, SocketError> v_;
};
struct Done {};  // the value of an operation that returns nothing

enum class SocketKind : uint8_t { Stream, Datagram };
enum class ShutdownHow : uint8_t { Read = 0, Write = 1, Both = 2 };  // SHUT_RD, SHUT_WR, SHUT_RDWR

// Called (from the event loop, never inside the caller's own operation)
// whenever a socket's readiness may have changed: data or EOF to read, room
// to write, a connection established or failed, a connection to accept.
using SocketWaker = InplaceFunction<void(), 32>;

}  // namespace netsim::devices
