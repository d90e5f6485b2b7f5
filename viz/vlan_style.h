// How VLANs look: one colour per VLAN ID, the same in every picture (VLAN 1,
// the default, neutral), and the short labels a switch port end gets.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "viz/frame_class.h"
#include "viz/topology.h"

namespace netsim::viz {

Rgb vlan_colour(uint16_t vid);
// Text that reads on a fill of colour `c`: white on dark fills, ink on light ones.
Rgb ink_on(Rgb c);

// A port's VLAN label in pieces, each drawn as a tag of its VLAN's colour
// (`vid`) or as plain text (no vid): access "v10"; trunk "T" "10" "20" "n1"
// (n: the native VLAN, carried untagged).
struct VlanLabelPiece {
  std::string text;
  std::optional<uint16_t> vid;
};
std::vector<VlanLabelPiece> vlan_label(const PortVlans& vlans);
// The same in words, for panels: "access 10", "trunk 10,20 native 1".
std::string vlan_words(const PortVlans& vlans);

}  // namespace netsim::viz
