// A writable view of an IPv4 datagram for NAT: addresses, TCP/UDP ports and
// the ICMP echo identifier rewritten in place, every checksum that covers them
// updated incrementally (RFC 1624), with no copy and no full recompute.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "sim/wire/address.h"
#include "sim/wire/ipv4.h"

namespace netsim::wire {

class Ipv4Rewrite {
 public:
  // A datagram from its IP header on, already accepted by Ipv4Repr::parse.
  // Ports are readable when the datagram is TCP or UDP (a first fragment with
  // the header present) or an ICMP echo (the identifier stands for both ports).
  static std::optional<Ipv4Rewrite> of(std::span<uint8_t> datagram);
  // The datagram quoted in an ICMP error (RFC 792: header + 8 bytes), whose
  // changes also update the enclosing ICMP checksum at `icmp_checksum` (the
  // quoted bytes start at an even offset of that message). TCP's checksum lies
  // past the 8 quoted bytes, so only UDP's and ICMP's are kept right there.
  static std::optional<Ipv4Rewrite> of_quoted(std::span<uint8_t> quoted, uint8_t* icmp_checksum);

  IpProtocol protocol() const { return static_cast<IpProtocol>(bytes_[9]); }
  Ipv4Address src() const;
  Ipv4Address dst() const;
  bool has_ports() const { return transport_ != 0; }
  // TCP/UDP ports; an ICMP echo's identifier for both. 0 without ports.
  uint16_t src_port() const;
  uint16_t dst_port() const;
  // TCP: the flags byte (0 for other protocols or a header cut short).
  uint8_t tcp_flags() const;
  // ICMP: the type byte (echo request 8, reply 0, errors 3 and 11...).
  uint8_t icmp_type() const { return bytes_[header_len_]; }
  // The ICMP message of an ICMP datagram (empty for other protocols).
  std::span<uint8_t> icmp_message() const;

  void set_src(Ipv4Address a) { set_address(12, a); }
  void set_dst(Ipv4Address a) { set_address(16, a); }
  // An ICMP echo has one identifier: setting either port sets it.
  void set_src_port(uint16_t port) { set_port(0, port); }
  void set_dst_port(uint16_t port) { set_port(2, port); }

 private:
  Ipv4Rewrite(std::span<uint8_t> bytes, size_t header_len, uint8_t* enclosing)
      : bytes_(bytes), header_len_(header_len), enclosing_(enclosing) {}
  void find_transport(bool quoted);
  void set_address(size_t offset, Ipv4Address a);
  void set_port(size_t offset_in_transport, uint16_t port);
  // Writes the word at `offset` and keeps the enclosing checksum right.
  void replace16(size_t offset, uint16_t value);
  // The checksum at `offset` after a covered word went from `from` to `to`.
  void adjust_checksum(size_t offset, uint16_t from, uint16_t to, bool zero_means_none);

  std::span<uint8_t> bytes_;
  size_t header_len_;
  uint8_t* enclosing_;
  size_t transport_ = 0;  // offset of the ports (or ICMP identifier); 0: none
  size_t checksum_ = 0;   // offset of the transport checksum; 0: none to update
  bool pseudo_header_ = false;  // TCP/UDP: addresses are in the checksum too
  bool udp_ = false;            // a UDP checksum of 0 means "none sent"
};

}  // namespace netsim::wire
