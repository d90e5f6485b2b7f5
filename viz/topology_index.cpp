// TopologyIndex: names the recording never saw have no NameId and so no entry.
#include "viz/topology_index.h"

namespace netsim::viz {

TopologyIndex::TopologyIndex(const Topology& topology, const Recording& recording) {
  for (uint32_t i = 0; i < topology.nodes.size(); ++i) {
    const NameId id = recording.find_name(topology.nodes[i].name);
    if (id == kNoName) continue;
    if (node_by_name_.size() <= id) node_by_name_.resize(id + 1, -1);
    node_by_name_[id] = i;
  }
  for (uint32_t l = 0; l < topology.links.size(); ++l) {
    const TopologyLink& link = topology.links[l];
    for (int side = 0; side < 2; ++side) {
      const TopologyEnd& end = side == 0 ? link.a : link.b;
      const NameId node = recording.find_name(topology.nodes[end.node].name);
      const NameId iface = recording.find_name(end.iface);
      if (node != kNoName && iface != kNoName) ends_[{node, iface}] = End{l, side};
    }
  }
}

std::optional<uint32_t> TopologyIndex::node_of(NameId name) const {
  if (name >= node_by_name_.size() || node_by_name_[name] < 0) return std::nullopt;
  return static_cast<uint32_t>(node_by_name_[name]);
}

std::optional<TopologyIndex::End> TopologyIndex::end_of(NameId node, NameId iface) const {
  auto it = ends_.find({node, iface});
  if (it == ends_.end()) return std::nullopt;
  return it->second;
}

}  // namespace netsim::viz
