// Tuple text and hash.
#include "devices/netfilter/conn_tuple.h"

namespace netsim::devices {

std::string endpoint_text(wire::Ipv4Address address, uint16_t port) {
  return address.to_string() + ":" + std::to_string(port);
}

std::string ConnTuple::to_string() const {
  switch (protocol) {
    case wire::IpProtocol::Icmp:
      return "icmp " + src.to_string() + " > " + dst.to_string() + " id " + std::to_string(src_port);
    case wire::IpProtocol::Tcp:
      return "tcp " + endpoint_text(src, src_port) + " > " + endpoint_text(dst, dst_port);
    case wire::IpProtocol::Udp:
      return "udp " + endpoint_text(src, src_port) + " > " + endpoint_text(dst, dst_port);
  }
  return wire::to_string(protocol);
}

uint64_t ConnTuple::hash() const {
  // splitmix64's finaliser over the packed fields: cheap, and every bit mixes.
  uint64_t x = (uint64_t{src.value} << 32 | dst.value) ^
               (uint64_t{src_port} << 40 | uint64_t{dst_port} << 16 | static_cast<uint8_t>(protocol)) *
                   0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace netsim::devices
