// The tables behind builtins.h. Argument counts follow Python's signatures,
// minus flags and options the simulation has no use for.
#include "sim/scenario/lang/builtins.h"

#include <array>

namespace netsim::lang {
namespace {

// In enum order (checked below), so a lookup by id is an index.
constexpr std::array kBuiltins{
    BuiltinInfo{Builtin::Len, {"len", 1, 1, "len(x)"}, ""},
    BuiltinInfo{Builtin::Bytes, {"bytes", 0, 2, "bytes(n) or bytes(text, encoding)"}, ""},
    BuiltinInfo{Builtin::Str, {"str", 0, 2, "str(x) or str(data, encoding)"}, ""},
    BuiltinInfo{Builtin::Int, {"int", 0, 1, "int(x)"}, ""},
    BuiltinInfo{Builtin::Float, {"float", 0, 1, "float(x)"}, ""},
    BuiltinInfo{Builtin::Print, {"print", 0, kAnyCount, "print(value, ...)"}, ""},
    BuiltinInfo{Builtin::Sleep, {"sleep", 1, 1, "sleep(seconds)"}, "time"},
    BuiltinInfo{Builtin::Time, {"time", 0, 0, "time()"}, "time"},
    BuiltinInfo{Builtin::Ping, {"ping", 1, 2, "ping(host[, count])"}, ""},
    BuiltinInfo{Builtin::Traceroute, {"traceroute", 1, 2, "traceroute(host[, max_hops])"}, ""},
    BuiltinInfo{Builtin::Gethostbyname, {"gethostbyname", 1, 1, "gethostbyname(name)"}, "socket"},
    BuiltinInfo{Builtin::Socket, {"socket", 0, 2, "socket([family[, type]])"}, "socket"},
};

constexpr uint8_t kText = kOnStr | kOnBytes;

constexpr std::array kMethods{
    MethodInfo{Method::Encode, {"encode", 0, 2, "text.encode([encoding[, errors]])"}, kOnStr},
    MethodInfo{Method::Decode, {"decode", 0, 2, "data.decode([encoding[, errors]])"}, kOnBytes},
    MethodInfo{Method::Upper, {"upper", 0, 0, "x.upper()"}, kText},
    MethodInfo{Method::Lower, {"lower", 0, 0, "x.lower()"}, kText},
    MethodInfo{Method::Strip, {"strip", 0, 1, "x.strip([chars])"}, kText},
    MethodInfo{Method::Startswith, {"startswith", 1, 1, "x.startswith(prefix)"}, kText},
    MethodInfo{Method::Endswith, {"endswith", 1, 1, "x.endswith(suffix)"}, kText},
    MethodInfo{Method::Split, {"split", 0, 1, "x.split([separator])"}, kText},
    MethodInfo{Method::Find, {"find", 1, 1, "x.find(sub)"}, kText},
    MethodInfo{Method::Replace, {"replace", 2, 2, "x.replace(old, new)"}, kText},
    MethodInfo{Method::Accept, {"accept", 0, 0, "conn, addr = s.accept()"}, kOnSocket},
    MethodInfo{Method::Bind, {"bind", 1, 1, "s.bind((host, port))"}, kOnSocket},
    MethodInfo{Method::Close, {"close", 0, 0, "s.close()"}, kOnSocket},
    MethodInfo{Method::Connect, {"connect", 1, 1, "s.connect((host, port))"}, kOnSocket},
    MethodInfo{
        Method::ConnectEx, {"connect_ex", 1, 1, "err = s.connect_ex((host, port))"}, kOnSocket},
    MethodInfo{Method::Getpeername, {"getpeername", 0, 0, "s.getpeername()"}, kOnSocket},
    MethodInfo{Method::Getsockname, {"getsockname", 0, 0, "s.getsockname()"}, kOnSocket},
    MethodInfo{Method::Listen, {"listen", 0, 1, "s.listen([backlog])"}, kOnSocket},
    MethodInfo{Method::Recv, {"recv", 1, 1, "data = s.recv(bufsize)"}, kOnSocket},
    MethodInfo{Method::Recvfrom, {"recvfrom", 1, 1, "data, addr = s.recvfrom(bufsize)"}, kOnSocket},
    MethodInfo{Method::Send, {"send", 1, 1, "n = s.send(data)"}, kOnSocket},
    MethodInfo{Method::Sendall, {"sendall", 1, 1, "s.sendall(data)"}, kOnSocket},
    MethodInfo{Method::Sendto, {"sendto", 2, 2, "s.sendto(data, (host, port))"}, kOnSocket},
    MethodInfo{Method::Setblocking, {"setblocking", 1, 1, "s.setblocking(flag)"}, kOnSocket},
    MethodInfo{
        Method::Settimeout, {"settimeout", 1, 1, "s.settimeout(seconds or None)"}, kOnSocket},
    MethodInfo{Method::Shutdown, {"shutdown", 1, 1, "s.shutdown(SHUT_WR)"}, kOnSocket},
};

template <typename Table>
constexpr bool in_enum_order(const Table& table) {
  for (size_t i = 0; i < table.size(); ++i) {
    if (static_cast<size_t>(table[i].id) != i) return false;
  }
  return true;
}
static_assert(in_enum_order(kBuiltins));
static_assert(in_enum_order(kMethods));

struct Constant {
  std::string_view name;
  int64_t value;
};
constexpr std::array kConstants{
    Constant{"AF_INET", kAfInet},
    Constant{"SOCK_STREAM", kSockStream},
    Constant{"SOCK_DGRAM", kSockDgram},
    Constant{"SHUT_RD", 0},
    Constant{"SHUT_WR", 1},
    Constant{"SHUT_RDWR", 2},
};

}  // namespace

const BuiltinInfo* find_builtin(std::string_view name) {
  for (const BuiltinInfo& b : kBuiltins) {
    if (b.signature.name == name) return &b;
  }
  return nullptr;
}

const BuiltinInfo& info(Builtin id) { return kBuiltins[static_cast<size_t>(id)]; }
std::string_view to_string(Builtin id) { return info(id).signature.name; }

std::vector<std::string_view> builtin_names() {
  std::vector<std::string_view> names;
  for (const BuiltinInfo& b : kBuiltins) names.push_back(b.signature.name);
  return names;
}

const MethodInfo* find_method(std::string_view name) {
  for (const MethodInfo& m : kMethods) {
    if (m.signature.name == name) return &m;
  }
  return nullptr;
}

const MethodInfo& info(Method id) { return kMethods[static_cast<size_t>(id)]; }
std::string_view to_string(Method id) { return info(id).signature.name; }

std::vector<std::string_view> method_names() {
  std::vector<std::string_view> names;
  for (const MethodInfo& m : kMethods) names.push_back(m.signature.name);
  return names;
}

bool has_method(ValueKind receiver, Method id) {
  const uint8_t bit = receiver == ValueKind::Str      ? kOnStr
                      : receiver == ValueKind::Bytes  ? kOnBytes
                      : receiver == ValueKind::Socket ? kOnSocket
                                                      : 0;
  return (info(id).receivers & bit) != 0;
}

std::optional<Value> find_constant(std::string_view name) {
  for (const Constant& c : kConstants) {
    if (c.name == name) return Value::from_int(c.value);
  }
  return std::nullopt;
}

bool is_module(std::string_view name) { return name == "socket" || name == "time"; }

const BuiltinInfo* find_module_function(std::string_view module, std::string_view name) {
  const BuiltinInfo* b = find_builtin(name);
  return b != nullptr && b->module == module ? b : nullptr;
}

}  // namespace netsim::lang
