// A protocol daemon on a UDP port (DHCP server, relay and client, DNS
// server): not an app, so no handle and no receive queue. It hears each
// datagram the moment it arrives, with what a socket cannot tell: the
// interface it came in on and whether it was sent to a broadcast address.
#pragma once
#include "devices/stack/l3_interface.h"
#include "sim/wire/ipv4.h"
#include "sim/wire/udp.h"

namespace netsim::devices {

struct UdpArrival {
  const L3Interface* in;  // null: looped back by this node
  const wire::Ipv4Repr& ip;
  const wire::UdpRepr& udp;  // its payload points into the frame: copy what you keep
  bool broadcast;            // sent to a broadcast address (limited or directed)
};

class UdpService {
 public:
  virtual ~UdpService() = default;
  virtual void receive(const UdpArrival& arrival) = 0;
};

}  // namespace netsim::devices
