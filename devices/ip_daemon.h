// A protocol daemon that lives on an IP node beside its sockets (a DHCP
// client, server or relay): owned by the node's IpHost, it hears the node
// start, crash and come back, and its interfaces lose or regain carrier.
#pragma once
#include "devices/stack/l3_interface.h"

namespace netsim::devices {

class IpDaemon {
 public:
  virtual ~IpDaemon() = default;
  // Time 0, the network built.
  virtual void start() {}
  // node_down: a crash (nothing is sent); node_up: the node boots again.
  virtual void node_down() {}
  virtual void node_up() {}
  // `iface` lost or regained carrier (link_down, link_up).
  virtual void carrier_changed(L3Interface& /*iface*/) {}
};

}  // namespace netsim::devices
