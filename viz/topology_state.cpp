// TopologyState: Simulation names a link "a:eth0-sw1:p1" (Link::name()) and
// announces "link NAME up|down" and "node NAME up|down"; exact matches only,
// so a name containing '-' or ':' can never be misread.
#include "viz/topology_state.h"

#include <algorithm>
#include <map>
#include <string>

namespace netsim::viz {

TopologyState::TopologyState(const Recording& recording, const Topology& topology)
    : links_(topology.links.size()), nodes_(topology.nodes.size()) {
  // Every sentence that changes something, and what it changes.
  struct Target {
    bool is_link;
    uint32_t index;
    bool up;
  };
  std::map<std::string, Target, std::less<>> sentences;
  for (uint32_t l = 0; l < topology.links.size(); ++l) {
    const TopologyLink& link = topology.links[l];
    const std::string a = topology.nodes[link.a.node].name + ":" + link.a.iface;
    const std::string b = topology.nodes[link.b.node].name + ":" + link.b.iface;
    for (const std::string& name : {a + "-" + b, b + "-" + a}) {
      sentences["link " + name + " down"] = {true, l, false};
      sentences["link " + name + " up"] = {true, l, true};
    }
  }
  for (uint32_t n = 0; n < topology.nodes.size(); ++n) {
    sentences["node " + topology.nodes[n].name + " down"] = {false, n, false};
    sentences["node " + topology.nodes[n].name + " up"] = {false, n, true};
  }
  for (const RecordedEvent& e : recording.events()) {
    if (e.kind != TraceKind::Topology) continue;
    auto it = sentences.find(recording.text(e.text));
    if (it == sentences.end()) continue;
    const Target& target = it->second;
    (target.is_link ? links_ : nodes_)[target.index].push_back({e.time, target.up});
    any_ = true;
  }
}

bool TopologyState::up_at(const std::vector<Change>& changes, Time t) {
  // The last change at or before t decides; none means up (as built).
  auto it = std::upper_bound(changes.begin(), changes.end(), t,
                             [](Time v, const Change& c) { return v < c.at; });
  return it == changes.begin() || std::prev(it)->up;
}

}  // namespace netsim::viz
