// Topology lookups.
#include "viz/topology.h"

namespace netsim::viz {

std::optional<uint32_t> Topology::find_node(std::string_view name) const {
  for (uint32_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].name == name) return i;
  return std::nullopt;
}

}  // namespace netsim::viz
