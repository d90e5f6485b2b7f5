// StackTcpOutput: the TCP engine's segments handed to the IPv4 stack.
#include "devices/stack/tcp/stack_tcp_output.h"

namespace netsim::devices {

namespace {
constexpr uint8_t kTtl = 64;              // Linux ip_default_ttl
constexpr uint32_t kLoopbackMtu = 65535;  // largest IPv4 datagram; Linux lo has 65536
}  // namespace

bool StackTcpOutput::send_segment(wire::Ipv4Address src, wire::Ipv4Address dst,
                                  const wire::TcpRepr& segment, SegmentIp ip,
                                  const PayloadRef& shared) {
  wire::Ipv4Repr header;
  header.src = src;
  header.dst = dst;
  header.protocol = wire::IpProtocol::Tcp;
  header.ttl = kTtl;
  header.identification = ip.id;
  header.dont_fragment = ip.dont_fragment;
  EgressOptions egress;
  egress.id = IpIdentification::Given;
  egress.confirm_neighbour = ip.confirm_neighbour;
  const SendResult result = stack_.send_datagram(
      header, segment.buffer_len(),
      [&](std::span<uint8_t> out, const wire::Ipv4Repr& final_header) {
        if (shared)
          segment.emit_header(out, final_header.src, final_header.dst);
        else
          segment.emit(out, final_header.src, final_header.dst);
      },
      egress, shared);
  // MessageTooLong cannot happen: segments never exceed the MSS derived from the MTU.
  return result != SendResult::NoRoute;
}

wire::Ipv4Address StackTcpOutput::source_for(wire::Ipv4Address dst) {
  return stack_.source_address_for(dst);
}

bool StackTcpOutput::is_local_address(wire::Ipv4Address address) {
  return stack_.is_local_destination(address);
}

uint32_t StackTcpOutput::mtu_for(wire::Ipv4Address dst) {
  if (is_local_address(dst)) return kLoopbackMtu;
  const Route* route = stack_.route_lookup(dst);
  return route && route->iface ? route->iface->mtu() : kLoopbackMtu;
}

}  // namespace netsim::devices
