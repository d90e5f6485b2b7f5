// The join between the trace's interned names and the Topology the CLI built:
// which topology node a recorded node name is, and which link end a recorded
// (node, interface) pair is. Shared by the scene geometry and the up/down state.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "viz/recording.h"
#include "viz/topology.h"

namespace netsim::viz {

class TopologyIndex {
 public:
  struct End {
    uint32_t link;  // index into Topology::links
    int side;       // 0: the link's a end, 1: its b end
  };

  TopologyIndex(const Topology& topology, const Recording& recording);

  // Topology node of a recorded node name, if drawn.
  std::optional<uint32_t> node_of(NameId name) const;
  std::optional<End> end_of(NameId node, NameId iface) const;

 private:
  std::vector<int64_t> node_by_name_;              // NameId -> topology node, -1: none
  std::map<std::pair<NameId, NameId>, End> ends_;  // (node, iface) -> link end
};

}  // namespace netsim::viz
