// ARP for Ethernet/IPv4 (RFC 826): ArpOperation and ArpRepr.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "sim/wire/address.h"
#include "sim/wire/parse_error.h"

namespace netsim::wire {

enum class ArpOperation : uint16_t { Request = 1, Reply = 2 };  // lossless
std::string_view to_string(ArpOperation op);  // "request", "reply", else "unknown"

struct ArpRepr {
  ArpOperation op = ArpOperation::Request;
  MacAddress sender_mac;
  Ipv4Address sender_ip;
  MacAddress target_mac;
  Ipv4Address target_ip;

  static constexpr size_t kLength = 28;
  // htype 1, ptype 0x0800, hlen 6, plen 4, else Unsupported. Trailing bytes
  // (Ethernet padding) are ignored.
  static std::optional<ArpRepr> parse(std::span<const uint8_t> payload, ParseError* why = nullptr);
  size_t buffer_len() const { return kLength; }
  void emit(std::span<uint8_t> out) const;  // writes kLength bytes
  bool operator==(const ArpRepr&) const = default;
};

}  // namespace netsim::wire
