// An SVI is named after its VLAN; carrier and MTU are the bridge's answers
// for that VLAN, asked each time: links go up and down and change MTU
// (set_link) under it.
#include "devices/svi.h"

#include <string>

namespace netsim::devices {

Svi::Svi(BridgeCore& bridge, uint16_t vid, uint32_t index, wire::MacAddress mac)
    : L3Interface("vlan" + std::to_string(vid), index, mac), bridge_(bridge), vid_(vid) {}

}  // namespace netsim::devices
