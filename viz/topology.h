// What the animation draws: nodes (kind, labels, optional scenario position)
// and links between named interfaces. Built by the CLI from the scenario, so
// the player itself depends on the trace only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/net/node.h"

namespace netsim::viz {

struct TopologyNode {
  std::string name;
  NodeKind kind = NodeKind::Host;
  std::vector<std::string> addresses;            // "192.168.1.10/24", or "eth1 dhcp"
  std::optional<std::pair<double, double>> pos;  // the scenario's `pos:`
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
};

}  // namespace netsim::viz
