// TcpOutput over a node's Ipv4Stack: segments become IPv4 datagrams (TTL 64,
// protocol 6) through send_datagram; addresses and MTUs come from its routes.
#pragma once
#include "devices/stack/ipv4_stack.h"
#include "devices/stack/tcp/tcp_output.h"

namespace netsim::devices {

class StackTcpOutput final : public TcpOutput {
 public:
  explicit StackTcpOutput(Ipv4Stack& stack) : stack_(stack) {}

  bool send_segment(wire::Ipv4Address src, wire::Ipv4Address dst,
                    const wire::TcpRepr& segment, SegmentIp ip,
                    const PayloadRef& shared) override;
  wire::Ipv4Address source_for(wire::Ipv4Address dst) override;
  bool is_local_address(wire::Ipv4Address address) override;
  uint32_t mtu_for(wire::Ipv4Address dst) override;

 private:
  Ipv4Stack& stack_;
};

}  // namespace netsim::devices
