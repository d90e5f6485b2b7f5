// PortStates: parsed once at load; rows naming a port no link reaches are
// not drawn (there is no link end to draw them at).
#include "viz/port_states.h"

#include <algorithm>

namespace netsim::viz {

std::string_view to_string(StpState s) {
  switch (s) {
    case StpState::Disabled:
      return "disabled";
    case StpState::Blocking:
      return "blocking";
    case StpState::Listening:
      return "listening";
    case StpState::Learning:
      return "learning";
    case StpState::Forwarding:
      return "forwarding";
  }
  return "forwarding";
}

std::string_view to_string(StpRole r) {
  switch (r) {
    case StpRole::Root:
      return "root";
    case StpRole::Designated:
      return "designated";
    case StpRole::Alternate:
      return "alternate";
    case StpRole::Backup:
      return "backup";
    case StpRole::Disabled:
      return "disabled";
    case StpRole::Unknown:
      return "";
  }
  return "";
}

std::optional<PortStp> parse_port_stp(std::string_view value) {
  static constexpr std::pair<std::string_view, StpState> kStates[] = {
      {"disabled", StpState::Disabled},   {"blocking", StpState::Blocking},
      {"discarding", StpState::Blocking}, {"listening", StpState::Listening},
      {"learning", StpState::Learning},   {"forwarding", StpState::Forwarding}};
  static constexpr std::pair<std::string_view, StpRole> kRoles[] = {
      {"root", StpRole::Root},
      {"designated", StpRole::Designated},
      {"alternate", StpRole::Alternate},
      {"backup", StpRole::Backup},
      {"disabled", StpRole::Disabled}};
  std::vector<std::string_view> words;
  for (size_t start = 0; start < value.size();) {
    const size_t end = std::min(value.find(' ', start), value.size());
    if (end > start) words.push_back(value.substr(start, end - start));
    start = end + 1;
  }
  if (words.empty()) return std::nullopt;
  // The state is the last word; a role before it ("disabled disabled" is both).
  const auto state = std::find_if(std::begin(kStates), std::end(kStates),
                                  [&](const auto& s) { return s.first == words.back(); });
  if (state == std::end(kStates)) return std::nullopt;
  PortStp stp{StpRole::Unknown, state->second};
  if (words.size() >= 2) {
    const auto role = std::find_if(std::begin(kRoles), std::end(kRoles),
                                   [&](const auto& r) { return r.first == words.front(); });
    if (role != std::end(kRoles)) stp.role = role->second;
  }
  return stp;
}

PortStates::PortStates(const Recording& recording, const Topology& topology)
    : index_(topology, recording),
      ports_(topology.nodes.size()),
      changes_(topology.links.size() * 2) {
  for (uint32_t l = 0; l < topology.links.size(); ++l) {
    ports_[topology.links[l].a.node].push_back({topology.links[l].a.iface, l * 2});
    ports_[topology.links[l].b.node].push_back({topology.links[l].b.iface, l * 2 + 1});
  }
  for (const RecordedEvent& e : recording.events()) {
    if (e.kind != TraceKind::TableChange || recording.text(e.text) != kStpTable) continue;
    const auto end = end_of(e.node, recording.text(e.key));
    if (!end) continue;
    if (changes_[*end].empty()) ends_.push_back(*end);
    changes_[*end].push_back({e.time, parse_port_stp(recording.text(e.value))});
    change_times_.push_back(e.time);
    stp_nodes_.push_back(e.node);
  }
  std::sort(ends_.begin(), ends_.end());
  std::sort(stp_nodes_.begin(), stp_nodes_.end());
  stp_nodes_.erase(std::unique(stp_nodes_.begin(), stp_nodes_.end()), stp_nodes_.end());
}

std::optional<uint32_t> PortStates::end_of(NameId node, std::string_view port) const {
  const auto n = index_.node_of(node);
  if (!n) return std::nullopt;
  for (const auto& [name, end] : ports_[*n])
    if (name == port) return end;
  return std::nullopt;
}

std::optional<PortStp> PortStates::at(uint32_t link, int side, Time t) const {
  const std::vector<Change>& changes = changes_[link * 2 + static_cast<uint32_t>(side)];
  // The last change at or before t.
  const auto after = std::upper_bound(changes.begin(), changes.end(), t,
                                      [](Time v, const Change& c) { return v < c.at; });
  if (after == changes.begin()) return std::nullopt;
  return std::prev(after)->stp;
}

std::optional<PortStp> PortStates::at(NameId node, std::string_view port, Time t) const {
  const auto end = end_of(node, port);
  if (!end) return std::nullopt;
  return at(*end / 2, static_cast<int>(*end % 2), t);
}

size_t PortStates::epoch(Time t) const {
  return static_cast<size_t>(std::upper_bound(change_times_.begin(), change_times_.end(), t) -
                             change_times_.begin());
}

bool PortStates::runs_stp(NameId node) const {
  return std::binary_search(stp_nodes_.begin(), stp_nodes_.end(), node);
}

}  // namespace netsim::viz
