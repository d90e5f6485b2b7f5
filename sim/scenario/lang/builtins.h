// The names an app can call: built-in functions, methods and the socket
// module's constants, with their argument counts. The parser checks calls
// against these tables; the interpreter dispatches on the same ids.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/scenario/lang/value.h"

namespace netsim::lang {

enum class Builtin : uint8_t {
  Len,
  Bytes,
  Str,
  Int,
  Float,
  Print,
  Sleep,
  Time,
  Ping,
  Traceroute,
  Gethostbyname,
  Socket,
};

enum class Method : uint8_t {
  // str and bytes
  Encode,
  Decode,
  Upper,
  Lower,
  Strip,
  Startswith,
  Endswith,
  Split,
  Find,
  Replace,
  // sockets
  Accept,
  Bind,
  Close,
  Connect,
  ConnectEx,
  Getpeername,
  Getsockname,
  Listen,
  Recv,
  Recvfrom,
  Send,
  Sendall,
  Sendto,
  Setblocking,
  Settimeout,
  Shutdown,
};

inline constexpr uint8_t kAnyCount = 255;

struct Signature {
  std::string_view name;
  uint8_t min_args = 0;
  uint8_t max_args = 0;    // kAnyCount: any number
  std::string_view usage;  // "recv(bufsize)", shown in hints
};

struct BuiltinInfo {
  Builtin id;
  Signature signature;
  std::string_view module;  // "socket" or "time": also callable as socket.X / time.X
};

// Which receivers have a method (a bit per ValueKind that can have methods).
enum MethodReceivers : uint8_t { kOnStr = 1, kOnBytes = 2, kOnSocket = 4 };

struct MethodInfo {
  Method id;
  Signature signature;
  uint8_t receivers;
};

const BuiltinInfo* find_builtin(std::string_view name);
const BuiltinInfo& info(Builtin id);
std::string_view to_string(Builtin id);
std::vector<std::string_view> builtin_names();

const MethodInfo* find_method(std::string_view name);
const MethodInfo& info(Method id);
std::string_view to_string(Method id);
std::vector<std::string_view> method_names();
bool has_method(ValueKind receiver, Method id);

// <sys/socket.h> on Linux: the values socket() is called with.
inline constexpr int64_t kAfInet = 2;
inline constexpr int64_t kSockStream = 1;
inline constexpr int64_t kSockDgram = 2;

// AF_INET, SOCK_STREAM, SOCK_DGRAM, SHUT_RD, SHUT_WR, SHUT_RDWR: Linux's values.
std::optional<Value> find_constant(std::string_view name);

// `import socket` then socket.socket(...), socket.AF_INET, time.sleep(1): the
// modules whose members are also the bare builtins above.
bool is_module(std::string_view name);
const BuiltinInfo* find_module_function(std::string_view module, std::string_view name);

}  // namespace netsim::lang
