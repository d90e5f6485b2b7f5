// TCP header and the options we model (RFC 9293 §3.1, RFC 7323, RFC 2018):
// TcpRepr and the flag names shared by the trace and expect filters.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "sim/wire/address.h"
#include "sim/wire/parse_error.h"

namespace netsim::wire {

namespace tcp_flags {
constexpr uint8_t Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10, Urg = 0x20,
                  Ece = 0x40, Cwr = 0x80;
}

// The contract's words: set flags joined with '-' in the order SYN, FIN, RST,
// PSH, URG, ECE, CWR, then ACK always last ("SYN-ACK", "FIN-PSH-ACK");
// no flag: "NONE".
std::string tcp_flags_name(uint8_t flags);
// tcpdump's letters in tcpdump's order: F S R P . U E W ("S.", "FP."); none: "none".
std::string tcp_flags_letters(uint8_t flags);

constexpr size_t kTcpHeaderLen = 20;
constexpr size_t kTcpMaxSackBlocks = 4;  // 40 option bytes hold 4 blocks (3 beside timestamps)

// RFC 7323 §3: the timestamps option (kind 8).
struct TcpTimestamps {
  uint32_t value = 0, echo_reply = 0;  // TSval, TSecr
  friend bool operator==(const TcpTimestamps&, const TcpTimestamps&) = default;
};

// RFC 2018 §3: one SACK block, [left, right) in sequence space.
struct TcpSackBlock {
  uint32_t left = 0, right = 0;
  friend bool operator==(const TcpSackBlock&, const TcpSackBlock&) = default;
};

struct TcpRepr {
  uint16_t src_port = 0, dst_port = 0;
  uint32_t seq = 0, ack = 0;
  uint8_t flags = 0;
  uint16_t window = 0;
  uint16_t urgent = 0;
  std::optional<uint16_t> mss;          // kind 2; other unknown options are skipped on parse
  std::optional<uint8_t> window_scale;  // kind 3
  bool sack_permitted = false;          // kind 4
  std::optional<TcpTimestamps> timestamps;  // kind 8
  uint8_t sack_count = 0;                   // kind 5: blocks used in `sack`
  TcpSackBlock sack[kTcpMaxSackBlocks];
  std::span<const uint8_t> payload;  // points into the parsed buffer / the caller's buffer

  // Checks data offset (>= 5, fits), option lengths, and the checksum over
  // the whole span (the IPv4 payload) with the pseudo header.
  static std::optional<TcpRepr> parse(std::span<const uint8_t> segment, Ipv4Address src,
                                      Ipv4Address dst, ParseError* why = nullptr);
  // 20 + options in Linux's layout (tcp_options_write), 4-byte aligned:
  // MSS (4); SACK-permitted with timestamps (12) or timestamps behind two
  // NOPs (12) or SACK-permitted behind two NOPs (4); NOP window scale (4);
  // NOP NOP SACK blocks (4 + 8 each, as many as fit in 40 option bytes).
  size_t header_len() const;
  size_t buffer_len() const { return header_len() + payload.size(); }
  void emit(std::span<uint8_t> out, Ipv4Address src, Ipv4Address dst) const;
  // The header alone (header_len() bytes), its checksum over the payload too:
  // for a frame that references its payload rather than holding a copy.
  void emit_header(std::span<uint8_t> out, Ipv4Address src, Ipv4Address dst) const;
  bool has(uint8_t flag) const { return (flags & flag) != 0; }
  // Compares the payload by content.
  friend bool operator==(const TcpRepr& a, const TcpRepr& b);
};

}  // namespace netsim::wire
