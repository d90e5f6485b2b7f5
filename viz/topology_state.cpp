// TopologyState: the structured fields say what an event is about, so names
// containing '-' or ':' can never be misread; the sentence's first and last
// words say which kind it is ("link NAME up|down", "node NAME up|down").
// Other Topology sentences ("link NAME changed: ...", "ARP cache of r1
// cleared") change nothing drawn.
#include "viz/topology_state.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "viz/topology_index.h"

namespace netsim::viz {

namespace {
// Up (true) or down (false) when `text` is "SUBJECT ... up|down".
std::optional<bool> up_or_down(std::string_view text, std::string_view subject) {
  if (text.size() <= subject.size() || !text.starts_with(subject) || text[subject.size()] != ' ')
    return std::nullopt;
  if (text.ends_with(" up")) return true;
  if (text.ends_with(" down")) return false;
  return std::nullopt;
}
}  // namespace

TopologyState::TopologyState(const Recording& recording, const Topology& topology)
    : links_(topology.links.size()), nodes_(topology.nodes.size()) {
  const TopologyIndex index(topology, recording);
  for (const RecordedEvent& e : recording.events()) {
    if (e.kind != TraceKind::Topology) continue;
    const std::string_view text = recording.text(e.text);
    if (e.peer_node != kNoName) {
      const auto up = up_or_down(text, "link");
      // Both ends must be the two sides of one drawn link, in either order.
      const auto here = index.end_of(e.node, e.iface);
      const auto there = index.end_of(e.peer_node, e.peer_iface);
      if (!up || !here || !there || here->link != there->link || here->side == there->side)
        continue;
      links_[here->link].push_back({e.time, *up});
    } else {
      const auto up = up_or_down(text, "node");
      const auto node = index.node_of(e.node);
      if (!up || !node || e.iface != kNoName) continue;
      nodes_[*node].push_back({e.time, *up});
    }
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
