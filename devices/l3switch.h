// A layer-3 switch: the switch's bridge core (ports, VLANs, MAC table,
// spanning tree) with one IPv4 stack, forwarding on, over routed VLAN
// interfaces (SVIs) that share one MAC. The bridge hands the SVIs what its
// VLANs carry to that MAC and every broadcast (also flooded); the SVIs send
// back into their VLANs through the bridge. It routes as a router does.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "devices/ip_host.h"
#include "devices/svi.h"
#include "devices/switch.h"

namespace netsim::devices {

class L3Switch final : public Switch, private BridgeUpper {
 public:
  // `mac`: the one MAC all its SVIs answer to and send from.
  L3Switch(Context& ctx, std::string name, Time mac_aging, wire::MacAddress mac,
           IpNodeConfig config);

  // Adds interface vlanN for VLAN `vid` (each VLAN at most once), in index order.
  Svi& add_vlan_interface(uint16_t vid, std::optional<wire::Ipv4Prefix> address);
  Svi* vlan_interface(uint16_t vid) const;
  const std::vector<std::unique_ptr<Svi>>& vlan_interfaces() const { return svis_; }
  const wire::MacAddress& mac() const { return mac_; }
  // Its stack, sockets and static routes.
  IpHost& ip() { return ip_; }
  const IpHost& ip() const { return ip_; }

  // Down: the table, the ARP cache and the sockets' state go.
  void set_up(bool up) override;
  // A port's link changed: its MACs go (the bridge), and an SVI whose VLAN
  // it carries may have come up or gone down (traced; ARP flushed when down).
  void link_changed(Port& port) override;

 private:
  void receive_from_bridge(uint16_t vid, Port& in, Packet frame) override;

  wire::MacAddress mac_;
  std::vector<std::unique_ptr<Svi>> svis_;  // by index; before ip_
  IpHost ip_;
};

// The l3switch behind a node, or nullptr.
const L3Switch* as_l3switch(const Node& node);

}  // namespace netsim::devices
