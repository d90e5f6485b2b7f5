// The l3switch: SVIs over the bridge, the stack over the SVIs.
#include "devices/l3switch.h"

#include <cassert>

namespace netsim::devices {

L3Switch::L3Switch(Context& ctx, std::string name, Time mac_aging, wire::MacAddress mac,
                   IpNodeConfig config)
    : Switch(ctx, std::move(name), NodeKind::L3Switch, mac_aging),
      mac_(mac),
      ip_(*this, true, config) {
  bridge().attach_upper(*this, mac_);
}

Svi& L3Switch::add_vlan_interface(uint16_t vid, std::optional<wire::Ipv4Prefix> address) {
  assert(!vlan_interface(vid) && "one SVI per VLAN");
  svis_.push_back(
      std::make_unique<Svi>(bridge(), vid, static_cast<uint32_t>(svis_.size()), mac_));
  bridge().add_upper_vlan(vid);
  ip_.stack().add_interface(*svis_.back(), address);
  return *svis_.back();
}

Svi* L3Switch::vlan_interface(uint16_t vid) const {
  for (const auto& svi : svis_)
    if (svi->vid() == vid) return svi.get();
  return nullptr;
}

void L3Switch::receive_from_bridge(uint16_t vid, Port&, Packet frame) {
  // The bridge asks only for VLANs registered by add_vlan_interface.
  ip_.stack().receive(*vlan_interface(vid), std::move(frame));
}

void L3Switch::set_up(bool up) {
  if (!up) ip_.node_down();
  Switch::set_up(up);
}

void L3Switch::link_changed(Port& port) {
  Switch::link_changed(port);
  for (const auto& svi : svis_) {
    if (!bridge().vlans(port.index()).carries(svi->vid())) continue;
    // Up with this port alone: it just came up; down with none: it just went down.
    const size_t up = bridge().vlan_ports_up(svi->vid());
    const bool changed = port.carrier() ? up == 1 : up == 0;
    if (!changed) continue;
    ctx().trace().decision(ctx().now(), Layer::Network, name(), svi->name(), [&] {
      return svi->name() +
             (up ? " up: " + port.name() + " is its VLAN's first port with a link"
                 : " down: no port of VLAN " + std::to_string(svi->vid()) + " has a link");
    });
    ip_.stack().carrier_changed(*svi);
  }
}

const L3Switch* as_l3switch(const Node& node) { return dynamic_cast<const L3Switch*>(&node); }

}  // namespace netsim::devices
