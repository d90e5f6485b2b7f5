// The seam between the IPv4 engine and the sockets layer: what the stack
// hands up for local delivery. The sockets code implements it; with none
// set, UDP is answered with ICMP port unreachable and TCP is dropped.
#pragma once
#include <cstdint>
#include <optional>
#include <span>

#include "devices/stack/l3_interface.h"
#include "sim/wire/icmp.h"
#include "sim/wire/ipv4.h"
#include "sim/wire/udp.h"

namespace netsim::devices {

class TransportHandler {
 public:
  virtual ~TransportHandler() = default;
  // A UDP datagram for one of this node's addresses (or a broadcast). `in`
  // is null for loopback. false: no socket bound to its port; the stack
  // answers ICMP port unreachable (unless it was a broadcast).
  virtual bool deliver_udp(const wire::Ipv4Repr& ip, const wire::UdpRepr& udp,
                           const L3Interface* in) = 0;
  // A TCP segment (header and data, checksum not yet verified) for us.
  virtual void deliver_tcp(const wire::Ipv4Repr& ip, std::span<const uint8_t> segment,
                           const L3Interface* in) = 0;
  // An ICMP error about a datagram this node sent: from `reporter` on the
  // network, or made locally (reporter = our own source address, type
  // unreachable, code host) when ARP for the next hop failed, the way
  // Linux's neighbour code reports EHOSTUNREACH. `quoted` is the offending
  // datagram's header, `quoted_payload` its first bytes (at least 8 when the
  // reporter followed RFC 792).
  virtual void deliver_icmp_error(wire::Ipv4Address reporter, const wire::IcmpRepr& icmp,
                                  const wire::Ipv4Repr& quoted,
                                  std::span<const uint8_t> quoted_payload) = 0;
  // A UDP source port for a probe the stack sends itself (traceroute),
  // chosen as a socket's bind to port 0 would be (Linux traceroute binds
  // one per probe), skipping `taken` (the probes in flight). nullopt: no
  // sockets layer, or no port free.
  virtual std::optional<uint16_t> probe_port(std::span<const uint16_t> taken) {
    (void)taken;
    return std::nullopt;
  }
};

}  // namespace netsim::devices
