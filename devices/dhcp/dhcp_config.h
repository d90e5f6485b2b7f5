// What a scenario configures for DHCP: the server's pools per interface and
// the relay's server per interface (the contract's `dhcp_server`, `dhcp_relay`).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/wire/address.h"

namespace netsim::devices {

struct DhcpPool {
  wire::Ipv4Address first, last;  // the addresses handed out, first <= last
  wire::Ipv4Prefix subnet;        // its network and mask (resolved by the loader)
  std::optional<wire::Ipv4Address> gateway;  // option 3
  std::vector<wire::Ipv4Address> dns;        // option 6
  Time lease = seconds(3600);                // dnsmasq's default, 1 h

  bool holds(wire::Ipv4Address a) const { return first <= a && a <= last; }
};

// One serving interface: one pool, or one per relayed subnet (giaddr picks).
struct DhcpServedInterface {
  std::string iface;
  std::vector<DhcpPool> pools;
};

// ip helper-address: the clients' broadcasts on `iface` go to `server`.
struct DhcpRelayInterface {
  std::string iface;
  wire::Ipv4Address server;
};

}  // namespace netsim::devices
