// MAC and IPv4 addresses and prefixes: value types with parsing and printing.
#pragma once
#include <array>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace netsim::wire {

struct MacAddress {
  std::array<uint8_t, 6> octets{};

  static constexpr MacAddress broadcast() { return {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}; }
  // "58:20:b1:44:99:db" or "58-20-B1-44-99-DB".
  static std::optional<MacAddress> parse(std::string_view text);
  std::string to_string() const;  // lower case, colons
  bool is_broadcast() const { return *this == broadcast(); }
  bool is_multicast() const { return octets[0] & 1; }
  bool is_zero() const { return *this == MacAddress{}; }
  // The six octets as a big-endian number: one load and a byte swap, not
  // six shifts (a bridge keys its table by it for every frame).
  uint64_t to_u64() const {
    uint64_t v = 0;
    std::memcpy(reinterpret_cast<uint8_t*>(&v) + 2, octets.data(), 6);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    return v;
  }
  auto operator<=>(const MacAddress&) const = default;
};

struct Ipv4Address {
  uint32_t value = 0;  // host byte order: 192.168.1.1 == 0xc0a80101

  static constexpr Ipv4Address any() { return {0}; }
  static constexpr Ipv4Address broadcast() { return {0xffffffffu}; }
  static std::optional<Ipv4Address> parse(std::string_view text);  // dotted quad only
  std::string to_string() const;
  bool is_zero() const { return value == 0; }
  auto operator<=>(const Ipv4Address&) const = default;
};

struct Ipv4Prefix {
  Ipv4Address address;  // may have host bits set (an interface address "10.0.0.1/24")
  uint8_t length = 0;

  // "10.0.0.0/8"; a bare address parses as /32.
  static std::optional<Ipv4Prefix> parse(std::string_view text);
  std::string to_string() const;
  uint32_t mask() const { return length == 0 ? 0 : ~uint32_t{0} << (32 - length); }
  Ipv4Address network() const { return {address.value & mask()}; }
  Ipv4Address directed_broadcast() const { return {address.value | ~mask()}; }
  bool contains(Ipv4Address a) const { return ((a.value ^ address.value) & mask()) == 0; }
  auto operator<=>(const Ipv4Prefix&) const = default;
};

}  // namespace netsim::wire

template <>
struct std::hash<netsim::wire::MacAddress> {
  size_t operator()(const netsim::wire::MacAddress& m) const noexcept {
    return std::hash<uint64_t>{}(m.to_u64());
  }
};
template <>
struct std::hash<netsim::wire::Ipv4Address> {
  size_t operator()(const netsim::wire::Ipv4Address& a) const noexcept {
    return std::hash<uint32_t>{}(a.value);
  }
};
