// IPv4 header (RFC 791): IpProtocol, Ipv4Repr, payload slicing and TTL decrement.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "sim/wire/address.h"
#include "sim/wire/parse_error.h"

namespace netsim::wire {

enum class IpProtocol : uint8_t { Icmp = 1, Tcp = 6, Udp = 17 };  // lossless
std::string to_string(IpProtocol protocol);  // "ICMP", "TCP", "UDP", else the number ("47")

constexpr size_t kIpv4HeaderLen = 20;

struct Ipv4Repr {
  Ipv4Address src, dst;
  IpProtocol protocol{};
  uint8_t ttl = 64;
  uint16_t identification = 0;
  bool dont_fragment = false;
  bool more_fragments = false;
  uint16_t fragment_offset = 0;  // in BYTES (a multiple of 8)
  uint8_t tos = 0;
  uint16_t payload_len = 0;  // total_length - header_len
  uint8_t header_len = 20;   // from IHL on parse (options are skipped, not kept); emit writes 20

  // Checks: len >= 20, version 4, IHL >= 5 and fits, total_length >= IHL*4 and
  // <= span size (trailing Ethernet padding allowed), header checksum valid.
  static std::optional<Ipv4Repr> parse(std::span<const uint8_t> packet, ParseError* why = nullptr);
  // The same checks on a datagram of `present` bytes of which `head` holds
  // at least the header (a frame whose payload is referenced).
  static std::optional<Ipv4Repr> parse_head(std::span<const uint8_t> head, size_t present,
                                            ParseError* why = nullptr);
  // The datagram quoted in an ICMP error (RFC 792: header + first 8 bytes):
  // the same checks except that total_length may exceed the bytes present.
  static std::optional<Ipv4Repr> parse_quoted(std::span<const uint8_t> quoted,
                                              ParseError* why = nullptr);
  size_t buffer_len() const { return kIpv4HeaderLen + payload_len; }
  bool is_fragment() const { return more_fragments || fragment_offset != 0; }
  void emit(std::span<uint8_t> out) const;  // 20-byte header, checksum filled
  bool operator==(const Ipv4Repr&) const = default;
};

// Bytes header_len .. total_length (clipped to the span for a quoted datagram).
std::span<const uint8_t> ipv4_payload(std::span<const uint8_t> packet, const Ipv4Repr& repr);

// TTL - 1 with the header checksum updated incrementally (RFC 1624). The
// caller checks the TTL first; a header shorter than 20 bytes or with TTL 0 is
// left unchanged.
void ipv4_decrement_ttl(std::span<uint8_t> header);

}  // namespace netsim::wire
