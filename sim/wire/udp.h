// UDP header (RFC 768): UdpRepr, checksummed with the IPv4 pseudo header.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "sim/wire/address.h"
#include "sim/wire/parse_error.h"

namespace netsim::wire {

constexpr size_t kUdpHeaderLen = 8;

struct UdpRepr {
  uint16_t src_port = 0, dst_port = 0;
  std::span<const uint8_t> payload;  // points into the parsed buffer / the caller's buffer

  // Length field >= 8 and <= span (bytes past it are ignored); the checksum is
  // verified with the pseudo header unless it is 0 (none sent).
  static std::optional<UdpRepr> parse(std::span<const uint8_t> segment, Ipv4Address src,
                                      Ipv4Address dst, ParseError* why = nullptr);
  size_t buffer_len() const { return kUdpHeaderLen + payload.size(); }
  // Copies the payload and computes the checksum (a computed 0 is sent as 0xffff).
  void emit(std::span<uint8_t> out, Ipv4Address src, Ipv4Address dst) const;
  // Compares the payload by content.
  friend bool operator==(const UdpRepr& a, const UdpRepr& b);
};

}  // namespace netsim::wire
