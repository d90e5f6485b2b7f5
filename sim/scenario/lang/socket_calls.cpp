// The socket calls, with the semantics of Python's socket module on Linux:
// socket() and every method called on a socket value arrive here, already
// checked against builtins.h's signatures, and run on the node's
// SocketTable. An operation that would block parks its task on the socket
// (WaitKind::Socket, the socket's timeout as deadline) and runs again each
// time the socket's waker fires. Errors become Python's through
// socket_errors.h. When the app ends its sockets close, as at a process's exit.
#include <algorithm>
#include <array>
#include <cmath>

#include "sim/scenario/lang/interpreter.h"
#include "sim/scenario/lang/pure_calls.h"
#include "sim/scenario/units.h"
#include "sim/scenario/lang/socket_errors.h"
#include "sim/scenario/lang/text_recycler.h"

namespace netsim::lang {

using devices::SocketAddress;
using devices::SocketError;
using devices::SocketKind;

namespace {

// Python's listen() default is min(SOMAXCONN, 128); Linux caps any backlog
// at net.core.somaxconn (4096), and CPython raises a negative one to 0.
constexpr int64_t kDefaultBacklog = 128;
constexpr int64_t kSomaxconn = 4096;

// Bytes values hold raw bytes in a std::string; (unsigned) char may alias them.
std::span<const uint8_t> as_bytes(const std::string& raw) {
  return {reinterpret_cast<const uint8_t*>(raw.data()), raw.size()};
}

const std::string& bytes_argument(const Value& v) {
  if (v.kind() != ValueKind::Bytes) {
    throw PyError(ErrorKind::TypeError,
                  "a bytes-like object is required, not '" + std::string(v.type_name()) + "'");
  }
  return v.text();
}

// settimeout's argument: None blocks; otherwise non-negative seconds.
std::optional<Time> timeout_argument(const Value& v) {
  if (v.kind() == ValueKind::None) return std::nullopt;
  if (!v.is_number())
    throw PyError(ErrorKind::TypeError, "Timeout value must be int, float or None");
  const double s = v.as_float();
  if (std::isnan(s)) throw PyError(ErrorKind::ValueError, "Invalid value NaN (not a number)");
  if (s < 0) throw PyError(ErrorKind::ValueError, "Timeout value out of range");
  if (s > to_seconds(scenario::kMaxDuration))
    throw PyError(ErrorKind::OverflowError, "timeout value is too large (at most 10 years)");
  return Time{std::llround(s * 1e9)};
}

// A 2-tuple of values moved in: one allocation, where an initializer list
// would copy them into a vector first.
Value pair(Value first, Value second) {
  std::array<Value, 2> items{std::move(first), std::move(second)};
  return Value::sequence(ValueKind::Tuple, items);
}

template <typename T>
T checked(devices::SocketResult<T> r) {
  if (!r.ok()) throw to_py_error(r.error());
  return std::move(r.value());
}

}  // namespace

Value App::address_value(SocketAddress a) {
  // Values are immutable: a server answering one peer builds its tuple once.
  if (!last_address_ || last_address_->first != a)
    last_address_.emplace(a, pair(Value::str(a.ip.to_string()), Value::from_int(a.port)));
  return last_address_->second;
}

devices::SocketTable& App::socket_table() {
  if (table_ == nullptr) throw os_error(97, "Address family not supported by protocol");
  return *table_;
}

Value App::adopt_socket(int handle, SocketKind kind) {
  sockets_.insert(held_position(handle), HeldSocket{handle, kind, std::nullopt});
  // The kind is the socket's for life: the waker carries it, not a lookup.
  socket_table().set_waker(handle, [this, handle, kind] { socket_ready(handle, kind); });
  return Value::socket(handle);
}

void App::socket_ready(int handle, SocketKind kind) {
  // TCP wakes its socket's owner from an event of its own: the tasks retry
  // right there. UDP wakes inside a datagram's delivery: running the app
  // there would send from inside the receive path, so they retry from an event.
  const bool from_own_event = kind == SocketKind::Stream;
  // By index: a retry may start threads (tasks_ grows) or end the app.
  for (size_t i = 0; i < tasks_.size(); ++i) {
    Task& t = *tasks_[i];
    if (t.done || t.blocked.what != WaitKind::Socket || t.blocked.socket != handle) continue;
    cancel_deadline(t);  // the retry parks again with the same deadline
    if (from_own_event) {
      resume_now(t);
    } else {
      schedule_resume(t);
    }
  }
}

void App::close_socket(int handle) {
  if (const auto at = held_position(handle); at != sockets_.end() && at->handle == handle)
    sockets_.erase(at);
  socket_table().close(handle);
}

void App::close_all_sockets() {
  for (const HeldSocket& held : sockets_) table_->close(held.handle);
  sockets_.clear();
}

std::optional<SocketAddress> App::socket_address(Task& t, const Expr& call, const Value& address) {
  if (last_sockaddr_ && last_sockaddr_->first.same_object(address)) return last_sockaddr_->second;
  // CPython's getsockaddrarg for AF_INET, with its messages.
  const auto caller = [&call] { return std::string(to_string(call.method)); };
  if (address.kind() != ValueKind::Tuple) {
    throw PyError(ErrorKind::TypeError, caller() + "(): AF_INET address must be tuple, not " +
                                            std::string(address.type_name()));
  }
  if (address.items().size() != 2)
    throw PyError(ErrorKind::TypeError, "AF_INET address must be a pair (host, port)");
  const Value& host = address.items()[0];
  const int64_t port = integer_argument(address.items()[1]);
  if (port < 0 || port > 65535)
    throw PyError(ErrorKind::OverflowError, caller() + "(): port must be 0-65535.");
  std::optional<wire::Ipv4Address> ip = numeric_host(host);
  if (host.kind() == ValueKind::Str && host.text() == "<broadcast>")
    ip = wire::Ipv4Address::broadcast();
  if (ip) {
    const SocketAddress a{*ip, static_cast<uint16_t>(port)};
    last_sockaddr_.emplace(address, a);  // no lookup: the same value always gives the same address
    return a;
  }
  ip = resolve_host(t, call.call_site, host);
  if (!ip) return std::nullopt;
  return SocketAddress{*ip, static_cast<uint16_t>(port)};
}

std::optional<Value> App::wait_for_socket(Task& t, const Expr& call, int handle, SocketError error,
                                          std::optional<int64_t> timeout_result) {
  if (error != SocketError::WouldBlock) throw to_py_error(error);
  const HeldSocket* held = held_socket(handle);
  const std::optional<Time> timeout = held == nullptr ? std::nullopt : held->timeout;
  if (timeout && *timeout == Time{0}) throw to_py_error(SocketError::WouldBlock);
  CallOutcome& slot = t.calls[static_cast<size_t>(call.call_site)];
  if (!slot.deadline) slot.deadline = timeout ? scheduler().now() + *timeout : kTimeNever;
  park(t, {WaitKind::Socket, call.call_site, *slot.deadline, handle, timeout_result});
  return std::nullopt;
}

std::optional<Value> App::open_socket(Task&, const Expr&, std::span<const Value> args) {
  const int64_t family = args.size() > 0 ? integer_argument(args[0]) : kAfInet;
  const int64_t type = args.size() > 1 ? integer_argument(args[1]) : kSockStream;
  if (family != kAfInet) throw os_error(97, "Address family not supported by protocol");
  if (type != kSockStream && type != kSockDgram) throw os_error(94, "Socket type not supported");
  const SocketKind kind = type == kSockStream ? SocketKind::Stream : SocketKind::Datagram;
  return adopt_socket(socket_table().open(kind), kind);
}

std::optional<Value> App::socket_connect(Task& t, const Expr& call, int handle,
                                         const Value& address) {
  const bool ex = call.method == Method::ConnectEx;
  const std::optional<SocketAddress> remote = socket_address(t, call, address);
  if (!remote) return std::nullopt;
  devices::SocketTable& table = socket_table();
  const bool already_connecting = table.connecting(handle);
  const devices::SocketResult<devices::Done> r = table.connect(handle, *remote);
  if (r.ok()) return ex ? Value::from_int(0) : Value::none();
  const HeldSocket* held = held_socket(handle);
  const bool non_blocking = held != nullptr && held->timeout == Time{0};
  if (r.would_block() && non_blocking) {
    // Linux: EINPROGRESS when this call sent the SYN, EALREADY while an earlier one is pending.
    const int e = already_connecting ? kErrnoAlready : kErrnoInProgress;
    if (ex) return Value::from_int(e);
    throw os_error(
        e, already_connecting ? "Operation already in progress" : "Operation now in progress");
  }
  if (ex && !r.would_block()) return Value::from_int(devices::to_errno(r.error()));
  // A timeout ends connect with TimeoutError and connect_ex with EAGAIN
  // (CPython's sock_call_ex); the handshake itself goes on, as in the kernel.
  return wait_for_socket(t, call, handle, r.error(),
                         ex ? std::optional<int64_t>(kErrnoAgain) : std::nullopt);
}

std::optional<Value> App::socket_send(Task& t, const Expr& call, int handle,
                                      std::span<const Value> args) {
  const std::span<const uint8_t> data = as_bytes(bytes_argument(args[0]));
  devices::SocketTable& table = socket_table();
  if (call.method == Method::Sendall) {
    // Python 3.5+: the timeout bounds the whole sendall, not each send.
    CallOutcome& slot = t.calls[static_cast<size_t>(call.call_site)];
    do {
      const devices::SocketResult<size_t> r =
          table.send(handle, data.subspan(slot.progress), args[0].shared_text());
      if (!r.ok()) return wait_for_socket(t, call, handle, r.error());
      if (r.value() == 0 && slot.progress < data.size())
        return wait_for_socket(t, call, handle, SocketError::WouldBlock);
      slot.progress += r.value();
    } while (slot.progress < data.size());
    return Value::none();
  }
  std::optional<SocketAddress> to;
  if (call.method == Method::Sendto) {
    to = socket_address(t, call, args[1]);
    if (!to) return std::nullopt;
  }
  const devices::SocketResult<size_t> r =
      to ? table.send_to(handle, data, *to) : table.send(handle, data, args[0].shared_text());
  if (!r.ok()) return wait_for_socket(t, call, handle, r.error());
  return Value::from_int(static_cast<int64_t>(r.value()));
}

std::optional<Value> App::socket_recv(Task& t, const Expr& call, int handle, SocketKind kind,
                                      const Value& bufsize_value) {
  const bool with_address = call.method == Method::Recvfrom;
  const int64_t bufsize = integer_argument(bufsize_value);
  if (bufsize < 0) {
    throw PyError(ErrorKind::ValueError,
                  "negative buffersize in " + std::string(to_string(call.method)));
  }
  devices::SocketTable& table = socket_table();
  const bool stream = kind == SocketKind::Stream;
  auto answer = [&](std::string data, SocketAddress from) {
    Value bytes = Value::bytes(std::move(data));
    if (!with_address) return bytes;
    // A stream's recvfrom gives no address, as on Linux.
    std::array<Value, 2> items{std::move(bytes), stream ? Value::none() : address_value(from)};
    return Value::sequence_in(recvfrom_pair_, ValueKind::Tuple, items);
  };
  SocketAddress from;
  if (stream && bufsize == 0) return answer({}, from);  // Linux returns at once
  // Room for what can be read now (a datagram is cut to bufsize, the rest lost).
  const size_t readable = checked(table.readable(handle));
  std::string buffer =
      take_text_storage(std::min(static_cast<size_t>(bufsize), std::max<size_t>(readable, 1)));
  const devices::SocketResult<size_t> r =
      table.recv(handle, {reinterpret_cast<uint8_t*>(buffer.data()), buffer.size()}, &from);
  if (!r.ok()) return wait_for_socket(t, call, handle, r.error());
  buffer.resize(r.value());
  return answer(std::move(buffer), from);
}

std::optional<Value> App::call_socket_method(Task& t, const Expr& call, int handle,
                                             std::span<const Value> args) {
  devices::SocketTable& table = socket_table();
  HeldSocket* const held = held_socket(handle);
  if (held == nullptr) {
    // Python: closing twice does nothing; connect_ex reports EBADF; the rest raise it.
    if (call.method == Method::Close) return Value::none();
    if (call.method == Method::ConnectEx)
      return Value::from_int(devices::to_errno(SocketError::BadDescriptor));
    throw to_py_error(SocketError::BadDescriptor);
  }
  switch (call.method) {
    case Method::Bind: {
      const std::optional<SocketAddress> local = socket_address(t, call, args[0]);
      if (!local) return std::nullopt;
      checked(table.bind(handle, *local));
      return Value::none();
    }
    case Method::Listen: {
      const int64_t backlog = args.empty() ? kDefaultBacklog : integer_argument(args[0]);
      checked(table.listen(handle, static_cast<int>(std::clamp<int64_t>(backlog, 0, kSomaxconn))));
      return Value::none();
    }
    case Method::Accept: {
      const auto r = table.accept(handle);
      if (!r.ok()) return wait_for_socket(t, call, handle, r.error());
      Value connection = adopt_socket(r.value().handle, SocketKind::Stream);
      return pair(std::move(connection), address_value(r.value().peer));
    }
    case Method::Connect:
    case Method::ConnectEx:
      return socket_connect(t, call, handle, args[0]);
    case Method::Send:
    case Method::Sendall:
    case Method::Sendto:
      return socket_send(t, call, handle, args);
    case Method::Recv:
    case Method::Recvfrom:
      return socket_recv(t, call, handle, held->kind, args[0]);
    case Method::Shutdown: {
      const int64_t how = integer_argument(args[0]);
      if (how < 0 || how > 2) throw to_py_error(SocketError::InvalidArgument);
      checked(table.shutdown(handle, static_cast<devices::ShutdownHow>(how)));
      return Value::none();
    }
    case Method::Close:
      close_socket(handle);
      return Value::none();
    case Method::Settimeout:
      held->timeout = timeout_argument(args[0]);
      return Value::none();
    case Method::Setblocking:
      held->timeout =
          integer_argument(args[0]) != 0 ? std::nullopt : std::optional<Time>(Time{0});
      return Value::none();
    case Method::Getsockname:
      return address_value(checked(table.local_address(handle)));
    case Method::Getpeername:
      return address_value(checked(table.peer_address(handle)));
    default:
      break;
  }
  throw PyError(ErrorKind::AttributeError,
                "'socket' object has no attribute '" + std::string(to_string(call.method)) + "'");
}

}  // namespace netsim::lang
