// ICMPv4 messages (RFC 792): IcmpType, UnreachableCode and IcmpRepr.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sim/wire/parse_error.h"

namespace netsim::wire {

enum class IcmpType : uint8_t {  // lossless
  EchoReply = 0,
  DestinationUnreachable = 3,
  EchoRequest = 8,
  TimeExceeded = 11,
};
enum class UnreachableCode : uint8_t {  // lossless
  Net = 0,
  Host = 1,
  Protocol = 2,
  Port = 3,
  FragmentationNeeded = 4,
  AdminProhibited = 13,
};
// "echo-reply", "unreachable", "echo-request", "time-exceeded", else "type N".
std::string to_string(IcmpType type);
// "net", "host", "protocol", "port", "fragmentation-needed", "admin-prohibited", else "other".
std::string_view to_string(UnreachableCode code);

constexpr size_t kIcmpHeaderLen = 8;

struct IcmpRepr {
  IcmpType type{};
  uint8_t code = 0;
  // Echo request/reply. For types other than unreachable and time-exceeded
  // they hold the raw bytes 4..7, so any message round-trips.
  uint16_t identifier = 0, sequence = 0;
  uint16_t next_hop_mtu = 0;  // destination unreachable (code 4), bytes 6..7
  // Echo payload, or the quoted datagram (IP header + first 8 bytes). Points
  // into the parsed buffer, or into the caller's buffer on emit.
  std::span<const uint8_t> data;

  // Verifies length >= 8 and the checksum over the whole span.
  static std::optional<IcmpRepr> parse(std::span<const uint8_t> message, ParseError* why = nullptr);
  size_t buffer_len() const { return kIcmpHeaderLen + data.size(); }
  void emit(std::span<uint8_t> out) const;  // copies data, computes the checksum
  // Compares data by content.
  friend bool operator==(const IcmpRepr& a, const IcmpRepr& b);
};

}  // namespace netsim::wire
