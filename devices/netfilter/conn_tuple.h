// A connection's 5-tuple as conntrack keys it: addresses, ports (an ICMP
// echo's identifier in both) and protocol, with the hash the table uses.
#pragma once
#include <cstdint>
#include <string>

#include "sim/wire/address.h"
#include "sim/wire/ipv4.h"

namespace netsim::devices {

struct ConnTuple {
  wire::Ipv4Address src, dst;
  uint16_t src_port = 0, dst_port = 0;
  wire::IpProtocol protocol{};

  ConnTuple reversed() const { return {dst, src, dst_port, src_port, protocol}; }
  bool operator==(const ConnTuple&) const = default;
  // "tcp 192.168.1.10:40000 > 203.0.113.20:8999", "icmp 192.168.1.10 > 8.8.8.8 id 5"
  std::string to_string() const;
  uint64_t hash() const;
};

// "192.168.1.10:40000"
std::string endpoint_text(wire::Ipv4Address address, uint16_t port);

}  // namespace netsim::devices
