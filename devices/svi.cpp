// SVI carrier and MTU, read from the member ports each time they are asked:
// links go up and down and change MTU (set_link) under it.
#include "devices/svi.h"

#include <algorithm>
#include <string>

namespace netsim::devices {

namespace {
constexpr uint32_t kDefaultMtu = 1500;
}

Svi::Svi(const Node& node, BridgeCore& bridge, uint16_t vid, uint32_t index, wire::MacAddress mac)
    : L3Interface("vlan" + std::to_string(vid), index, mac),
      node_(node),
      bridge_(bridge),
      vid_(vid) {}

uint32_t Svi::mtu() const {
  // A Linux bridge takes the smallest MTU of its ports: every frame fits any way out.
  uint32_t mtu = 0;
  for (const auto& port : node_.ports())
    if (port->carrier() && bridge_.vlans(port->index()).carries(vid_))
      mtu = mtu ? std::min(mtu, port->mtu()) : port->mtu();
  return mtu ? mtu : kDefaultMtu;
}

size_t Svi::ports_up() const {
  return static_cast<size_t>(std::count_if(
      node_.ports().begin(), node_.ports().end(),
      [&](const auto& p) { return p->carrier() && bridge_.vlans(p->index()).carries(vid_); }));
}

}  // namespace netsim::devices
