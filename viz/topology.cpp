// Topology lookups.
#include "viz/topology.h"

#include <algorithm>
#include <cctype>

namespace netsim::viz {

namespace {
constexpr uint16_t kVidPriorityOnly = 0;
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
}  // namespace

bool PortVlans::carries(uint16_t vid) const {
  if (!is_trunk()) return vid == access;
  return vid == native || std::binary_search(trunk.begin(), trunk.end(), vid);
}

std::optional<uint16_t> PortVlans::ingress_vlan(std::optional<uint16_t> tag) const {
  if (!tag || *tag == kVidPriorityOnly) return is_trunk() ? native : std::optional(access);
  if (!is_trunk()) return std::nullopt;  // an access port takes untagged frames only
  if (carries(*tag)) return tag;
  return std::nullopt;
}

const TopologyPort* TopologyNode::find_port(std::string_view name) const {
  for (const TopologyPort& p : ports)
    if (p.name == name) return &p;
  return nullptr;
}

std::optional<uint32_t> Topology::find_node(std::string_view name) const {
  for (uint32_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].name == name) return i;
  return std::nullopt;
}

bool Topology::uses_vlans() const {
  return std::any_of(nodes.begin(), nodes.end(), [](const TopologyNode& n) {
    return !n.svis.empty() ||
           std::any_of(n.ports.begin(), n.ports.end(),
                       [](const TopologyPort& p) { return !p.vlans.is_default(); });
  });
}

bool natural_less(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      const size_t i0 = i, j0 = j;
      while (i < a.size() && is_digit(a[i])) ++i;
      while (j < b.size() && is_digit(b[j])) ++j;
      // Without leading zeros, the longer run is the larger number.
      std::string_view x = a.substr(i0, i - i0), y = b.substr(j0, j - j0);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

}  // namespace netsim::viz
