// What the animation draws: nodes (kind, labels, optional scenario position,
// a switch's port VLANs, an l3switch's VLAN interfaces) and links between
// named interfaces. Built by the CLI from the scenario, so the player itself
// depends on the trace only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/time.h"
#include "sim/net/node.h"

namespace netsim::viz {

inline constexpr uint16_t kDefaultVlan = 1;

// How a switch port carries VLANs, as the scenario configured it (802.1Q):
// an access port in one VLAN, or a trunk of tagged VLANs with an optional
// native VLAN carried untagged.
struct PortVlans {
  uint16_t access = kDefaultVlan;  // access ports
  std::vector<uint16_t> trunk;     // tagged VLANs, ascending; empty: an access port
  std::optional<uint16_t> native;  // trunks

  bool is_trunk() const { return !trunk.empty(); }
  bool is_default() const { return !is_trunk() && access == kDefaultVlan; }
  bool carries(uint16_t vid) const;
  // The VLAN a frame with this tag (nullopt: untagged) belongs to when the
  // port accepts it, as the bridge's ingress filter decides (a priority tag,
  // VID 0, means the untagged VLAN).
  std::optional<uint16_t> ingress_vlan(std::optional<uint16_t> tag) const;
};

struct TopologyPort {
  std::string name;
  PortVlans vlans;
};

// An l3switch's routed VLAN interface (`vlans: {10: {ip: ...}}` is vlan10).
struct TopologySvi {
  uint16_t vlan = 0;
  std::string name;     // "vlan10"
  std::string address;  // "192.168.10.1/24", or "" when it has none
};

struct TopologyNode {
  // Initialised members may be left out of a brace list: TopologyNode{name, kind}.
  std::string name;
  NodeKind kind = NodeKind::Host;
  std::vector<std::string> addresses = {};            // "192.168.1.10/24", or "eth1 dhcp"
  std::optional<std::pair<double, double>> pos = {};  // the scenario's `pos:`
  // Switches and l3switches: every linked port, in natural name order (p2 before p10).
  std::vector<TopologyPort> ports = {};
  std::vector<TopologySvi> svis = {};  // l3switches
  Time mac_aging = seconds(300);       // switches and l3switches (the contract's default)

  const TopologyPort* find_port(std::string_view name) const;
};

struct TopologyEnd {
  uint32_t node = 0;  // index into Topology::nodes
  std::string iface;
};

struct TopologyLink {
  TopologyEnd a, b;
};

struct Topology {
  std::string title;
  std::vector<TopologyNode> nodes;
  std::vector<TopologyLink> links;

  std::optional<uint32_t> find_node(std::string_view name) const;
  // The switch port at a link end, if that end is one.
  const TopologyPort* port_at(const TopologyEnd& end) const {
    return nodes[end.node].find_port(end.iface);
  }
  // Some switch port is not a plain access port in VLAN 1: VLANs are worth drawing.
  bool uses_vlans() const;
};

// "p2" before "p10": names compared with their digit runs as numbers.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace netsim::viz
