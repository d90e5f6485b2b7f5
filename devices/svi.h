// A routed VLAN interface (an SVI, Cisco's `interface Vlan10`): an
// l3switch's L3 interface in one VLAN, over the bridge core. What it sends
// enters the VLAN through the bridge (learned, flooded, tagged per egress
// port, never learned from); it is up while a port carrying its VLAN has its
// link up, and carries what the smallest MTU among those ports' links allows.
#pragma once
#include <cstdint>

#include "devices/bridge/bridge_core.h"
#include "devices/stack/l3_interface.h"

namespace netsim::devices {

class Svi final : public L3Interface {
 public:
  // Named vlanN; `index` is its place among the node's SVIs.
  Svi(BridgeCore& bridge, uint16_t vid, uint32_t index, wire::MacAddress mac);

  uint16_t vid() const { return vid_; }
  bool carrier() const override { return bridge_.vlan_has_carrier(vid_); }
  uint32_t mtu() const override { return bridge_.vlan_mtu(vid_); }
  void send(Packet frame) override { bridge_.send_from_upper(vid_, std::move(frame)); }

 private:
  BridgeCore& bridge_;
  uint16_t vid_;
};

}  // namespace netsim::devices
