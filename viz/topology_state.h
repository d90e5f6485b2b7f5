// Which links and nodes are down at time T, from the run's Topology events
// (a link event names both ends in node/iface and peer_node/peer_iface, a node
// event the node), so the picture can grey out what has failed.
#pragma once
#include <cstdint>
#include <vector>

#include "viz/recording.h"
#include "viz/topology.h"

namespace netsim::viz {

class TopologyState {
 public:
  TopologyState(const Recording& recording, const Topology& topology);

  bool link_up(uint32_t link, Time t) const { return up_at(links_[link], t); }
  bool node_up(uint32_t node, Time t) const { return up_at(nodes_[node], t); }
  // Whether anything ever goes down (most runs: nothing to draw).
  bool any_changes() const { return any_; }

 private:
  struct Change {
    Time at;
    bool up;
  };
  static bool up_at(const std::vector<Change>& changes, Time t);

  std::vector<std::vector<Change>> links_, nodes_;  // by topology index, in time order
  bool any_ = false;
};

}  // namespace netsim::viz
