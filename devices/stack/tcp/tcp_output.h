// How the TCP engine reaches the network: implemented over the IPv4 stack in
// production (StackTcpOutput) and by a scripted channel in tests.
#pragma once
#include <cstdint>

#include "sim/packet/payload_ref.h"
#include "sim/wire/address.h"
#include "sim/wire/tcp.h"

namespace netsim::devices {

// The IPv4 fields a segment's sender chooses, as Linux does: a connection's
// own IP ID counter (inet_id), 0 for the segments of no connection
// (SYN-ACK, RST replies); DF under path MTU discovery.
struct SegmentIp {
  uint16_t id = 0;
  bool dont_fragment = false;
  // The peer acknowledged new data since our last segment: its neighbour
  // entry is confirmed as this one leaves (Linux sk_dst_pending_confirm).
  bool confirm_neighbour = false;
};

class TcpOutput {
 public:
  virtual ~TcpOutput() = default;
  // Emits `segment` (checksum filled) in an IPv4 datagram from src to dst
  // with exactly `ip`'s ID and DF. false: no route to dst (ENETUNREACH).
  // `shared`, when set, holds the same bytes as segment.payload: the frame
  // may reference them instead of copying them.
  virtual bool send_segment(wire::Ipv4Address src, wire::Ipv4Address dst,
                            const wire::TcpRepr& segment, SegmentIp ip,
                            const PayloadRef& shared) = 0;
  // The address the route to dst would use as source; 0.0.0.0 when there is no route.
  virtual wire::Ipv4Address source_for(wire::Ipv4Address dst) = 0;
  // One of this node's addresses (segments to anything else are not ours).
  virtual bool is_local_address(wire::Ipv4Address address) = 0;
  // The MTU of the interface the route to dst leaves by (the MSS we announce
  // is at most this minus 40, as Linux derives advmss from the route's MTU).
  virtual uint32_t mtu_for(wire::Ipv4Address dst) = 0;
};

}  // namespace netsim::devices
