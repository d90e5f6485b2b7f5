// MacTableView: one pass over the node's events builds every entry's
// segments; a query is a binary search per entry.
#include "viz/mac_table_view.h"

#include <algorithm>
#include <optional>

#include "sim/wire/ethernet.h"
#include "sim/wire/stp.h"

namespace netsim::viz {

namespace {
uint64_t entry_key(uint16_t vlan, wire::MacAddress mac) {
  return uint64_t{vlan} << 48 | mac.to_u64();
}

// The bridge's row key: "02:00:00:00:10:11 vlan 10".
std::optional<std::pair<wire::MacAddress, uint16_t>> parse_row_key(std::string_view key) {
  const size_t space = key.find(' ');
  const auto mac = wire::MacAddress::parse(key.substr(0, space));
  if (!mac) return std::nullopt;
  if (space == std::string_view::npos) return std::pair{*mac, kDefaultVlan};
  constexpr std::string_view kVlan = " vlan ";
  if (key.substr(space, kVlan.size()) != kVlan) return std::nullopt;
  unsigned vid = 0;
  const std::string_view digits = key.substr(space + kVlan.size());
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    vid = vid * 10 + static_cast<unsigned>(c - '0');
  }
  return std::pair{*mac, static_cast<uint16_t>(vid)};
}
}  // namespace

MacTableView::MacTableView(const Recording& recording, const Topology& topology, uint32_t node,
                           const PortStates& states)
    : recording_(&recording), aging_(topology.nodes[node].mac_aging) {
  const TopologyNode& n = topology.nodes[node];
  const NameId self = recording.find_name(n.name);
  const bool consumes_bpdus = states.runs_stp(self);
  struct Live {
    NameId port;
    Time seen, from;
  };
  std::map<uint64_t, Live> live;
  auto close = [&](uint64_t key, Time t) {
    const auto it = live.find(key);
    if (it == live.end()) return;
    const Time to = std::min(t, it->second.seen + aging_);
    if (to > it->second.from)
      entries_[key].segments.push_back({it->second.from, to, it->second.port, it->second.seen});
    live.erase(it);
  };
  for (const RecordedEvent& e : recording.events()) {
    if (e.node != self || e.node == kNoName) continue;
    if (e.kind == TraceKind::TableChange && recording.text(e.text) == kMacTable) {
      const std::string_view key_text = recording.text(e.key);
      const auto row = parse_row_key(key_text);
      if (!row) continue;
      const uint64_t key = entry_key(row->second, row->first);
      close(key, e.time);
      const std::string_view port = recording.text(e.value);
      if (port.empty()) continue;
      Entry& entry = entries_[key];
      if (entry.mac.empty()) {
        entry.mac = key_text.substr(0, key_text.find(' '));
        entry.vlan = row->second;
      }
      live[key] = {recording.find_name(port), e.time, e.time};
    } else if (e.kind == TraceKind::FrameReceived && e.frame.size > 0) {
      // What the bridge does on arrival before it learns: BPDUs go to
      // spanning tree, a port that does not learn drops, ingress filtering.
      const auto eth = wire::EthernetRepr::parse(recording.frame(e));
      if (!eth || eth->src.is_multicast()) continue;
      if (consumes_bpdus && eth->dst == wire::kBridgeGroupAddress) continue;
      const std::string_view in = recording.name(e.iface);
      if (const auto stp = states.at(e.node, in, e.time); stp && !learns(stp->state)) continue;
      const TopologyPort* port = n.find_port(in);
      const auto vid = port ? port->vlans.ingress_vlan(eth->vlan) : std::nullopt;
      if (!vid) continue;
      const uint64_t key = entry_key(*vid, eth->src);
      const auto it = live.find(key);
      // Learned on another port, or aged out: the bridge reports the new row.
      if (it == live.end() || it->second.port != e.iface || it->second.seen + aging_ <= e.time)
        continue;
      close(key, e.time);
      live[key] = {e.iface, e.time, e.time};
    }
  }
  while (!live.empty()) close(live.begin()->first, Time::max());
  for (const auto& [key, entry] : entries_)
    for (const Segment& s : entry.segments) {
      boundaries_.push_back(s.from);
      boundaries_.push_back(s.to);
    }
  std::sort(boundaries_.begin(), boundaries_.end());
  boundaries_.erase(std::unique(boundaries_.begin(), boundaries_.end()), boundaries_.end());
}

std::vector<MacRow> MacTableView::at(Time t) const {
  std::vector<MacRow> rows;
  for (const auto& [key, entry] : entries_) {
    const auto after = std::upper_bound(entry.segments.begin(), entry.segments.end(), t,
                                        [](Time v, const Segment& s) { return v < s.from; });
    if (after == entry.segments.begin()) continue;
    const Segment& s = *std::prev(after);
    if (t >= s.to) continue;
    rows.push_back({entry.vlan, entry.mac, recording_->name(s.port), s.seen, s.seen + aging_});
  }
  return rows;
}

size_t MacTableView::epoch(Time t) const {
  return static_cast<size_t>(std::upper_bound(boundaries_.begin(), boundaries_.end(), t) -
                             boundaries_.begin());
}

}  // namespace netsim::viz
