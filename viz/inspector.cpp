// Panel text. Plain strings, so the panels are unit-testable without a window.
#include "viz/inspector.h"

#include <algorithm>

#include "sim/wire/frame_info.h"
#include "viz/frame_layers.h"
#include "viz/nat_view.h"
#include "viz/vlan_style.h"

namespace netsim::viz {

namespace {
std::string pad(std::string_view s, size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string entries(size_t n) { return std::to_string(n) + (n == 1 ? " entry" : " entries"); }

// "300 s", "1.5 s": a duration as a person writes it.
std::string format_seconds(Time t) {
  std::string s = format_time(t);  // "300.000000000"
  while (s.ends_with('0')) s.pop_back();
  if (s.ends_with('.')) s.pop_back();
  return s + " s";
}

// Decisions at `node` at exactly time t.
void add_decisions(const Recording& recording, NameId node, Time t, std::vector<std::string>& out) {
  const auto indexes = recording.decisions(node);
  auto first = std::lower_bound(indexes.begin(), indexes.end(), t,
                                [&](uint32_t i, Time v) { return recording.event(i).time < v; });
  for (auto it = first; it != indexes.end() && recording.event(*it).time == t; ++it) {
    const RecordedEvent& d = recording.event(*it);
    std::string where(recording.name(d.node));
    if (d.iface != kNoName) (where += ':') += recording.name(d.iface);
    out.push_back("  " + where + " @" + format_time(d.time) + ": " +
                  std::string(recording.text(d.text)));
  }
}
}  // namespace

std::string expires_text(Time expires, Time now) {
  const int64_t ns = std::max<int64_t>(0, (expires - now).count());
  const int64_t second = seconds(1).count();
  return "in " + std::to_string((ns + second - 1) / second) + " s";
}

namespace {
void add_table(const std::string& table, const TableRows& rows, std::vector<std::string>& lines) {
  lines.push_back("");
  lines.push_back(table + " (" + entries(rows.size()) + ")");
  size_t width = 0;
  for (const auto& [key, value] : rows) width = std::max(width, key.size());
  width = std::min<size_t>(width, 24);
  size_t shown = 0;
  for (const auto& [key, value] : rows) {
    if (shown++ == kMaxRowsPerTable) {
      lines.push_back("  ... " + std::to_string(rows.size() - kMaxRowsPerTable) + " more");
      break;
    }
    lines.push_back("  " + pad(key, width) + "  " + value);
  }
}

void add_svis(const TopologyNode& n, std::vector<std::string>& lines) {
  lines.push_back("");
  lines.push_back("VLAN interfaces (SVIs)");
  size_t name_width = 0, address_width = 0;
  for (const TopologySvi& svi : n.svis) {
    name_width = std::max(name_width, svi.name.size());
    address_width = std::max(address_width, svi.address.size());
  }
  for (const TopologySvi& svi : n.svis) {
    std::string ports;
    for (const TopologyPort& p : n.ports)
      if (p.vlans.carries(svi.vlan)) (ports += ports.empty() ? "" : " ") += p.name;
    lines.push_back("  " + pad(svi.name, name_width) + "  " +
                    pad(svi.address.empty() ? "(no address)" : svi.address, address_width) + "  " +
                    (ports.empty() ? "no port carries it" : "on " + ports));
  }
}

void add_ports(const TopologyNode& n, const BridgePanel& bridge, std::vector<std::string>& lines) {
  lines.push_back("");
  lines.push_back("ports (" + std::to_string(n.ports.size()) + ")");
  size_t name_width = 0, vlan_width = 0;
  std::vector<std::string> vlans;
  for (const TopologyPort& p : n.ports) {
    vlans.push_back(vlan_words(p.vlans));
    name_width = std::max(name_width, p.name.size());
    vlan_width = std::max(vlan_width, vlans.back().size());
  }
  for (size_t i = 0; i < n.ports.size(); ++i) {
    std::string line = "  " + pad(n.ports[i].name, name_width) + "  " + pad(vlans[i], vlan_width);
    if (i < bridge.port_stp.size() && bridge.port_stp[i]) {
      const PortStp& stp = *bridge.port_stp[i];
      line += "  ";
      // "disabled disabled" says it once.
      if (stp.role != StpRole::Unknown && to_string(stp.role) != to_string(stp.state))
        (line += to_string(stp.role)) += ' ';
      line += to_string(stp.state);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    lines.push_back(std::move(line));
  }
}

void add_mac_table(const BridgePanel& bridge, std::vector<std::string>& lines) {
  lines.push_back("");
  lines.push_back("MAC table (" + entries(bridge.mac_rows.size()) + ", aging " +
                  format_seconds(bridge.mac_aging) + ")");
  if (bridge.mac_rows.empty()) return;
  size_t port_width = 4;
  for (const MacRow& r : bridge.mac_rows) port_width = std::max(port_width, r.port.size());
  lines.push_back("  " + pad("MAC", 17) + "  " + pad("port", port_width) + "  vlan  expires");
  size_t shown = 0;
  for (const MacRow& r : bridge.mac_rows) {
    if (shown++ == kMaxRowsPerTable) {
      lines.push_back("  ... " + std::to_string(bridge.mac_rows.size() - kMaxRowsPerTable) +
                      " more");
      break;
    }
    lines.push_back("  " + pad(r.mac, 17) + "  " + pad(r.port, port_width) + "  " +
                    pad(std::to_string(r.vlan), 4) + "  " + expires_text(r.expires, bridge.now));
  }
}
}  // namespace

std::vector<std::string> node_panel_lines(const Topology& topology, uint32_t node,
                                          const Tables& tables, const BridgePanel* bridge) {
  const TopologyNode& n = topology.nodes[node];
  std::vector<std::string> lines;
  lines.push_back(n.name + "  (" + std::string(to_string(n.kind)) + ")");
  if (n.svis.empty())
    for (const std::string& a : n.addresses) lines.push_back("  " + a);
  else
    add_svis(n, lines);
  if (bridge) {
    add_ports(n, *bridge, lines);
    add_mac_table(*bridge, lines);
  }
  bool any = false;
  for (const auto& [table, rows] : tables) {
    // A bridge's ports and MAC table are shown above, with more than the rows
    // say; spanning-tree rows about anything but a port stay as rows.
    if (bridge && table == kMacTable) continue;
    if (bridge && table == kStpTable) {
      TableRows others;
      for (const auto& [key, value] : rows)
        if (!n.find_port(key)) others.emplace(key, value);
      if (!others.empty()) add_table(table, others, lines);
      continue;
    }
    add_table(table, rows, lines);
    any = true;
  }
  if (!any && !bridge) {
    lines.push_back("");
    lines.push_back("no table entries yet");
  }
  return lines;
}

std::vector<std::string> layer_lines(std::string_view layer) {
  const size_t colon = layer.find(": ");
  if (colon == std::string_view::npos) return {std::string(layer)};
  std::vector<std::string> lines{std::string(layer.substr(0, colon))};
  std::string_view rest = layer.substr(colon + 2);
  if (rest.find('=') == std::string_view::npos) {
    lines.push_back("  " + std::string(rest));
    return lines;
  }
  // Fields are "name=value" separated by spaces; a token without '=' (inside
  // "options=[mss 1460, ...]") continues the previous value.
  std::vector<std::pair<std::string, std::string>> fields;
  size_t start = 0;
  while (start < rest.size()) {
    size_t end = rest.find(' ', start);
    if (end == std::string_view::npos) end = rest.size();
    const std::string_view token = rest.substr(start, end - start);
    const size_t eq = token.find('=');
    if (eq != std::string_view::npos && !fields.empty() && fields.back().second.starts_with("[") &&
        !fields.back().second.ends_with("]")) {
      fields.back().second += " " + std::string(token);
    } else if (eq != std::string_view::npos) {
      fields.emplace_back(std::string(token.substr(0, eq)), std::string(token.substr(eq + 1)));
    } else if (!fields.empty()) {
      fields.back().second += " " + std::string(token);
    } else {
      fields.emplace_back(std::string(token), "");
    }
    start = end + 1;
  }
  size_t width = 0;
  for (const auto& f : fields) width = std::max(width, f.first.size());
  for (const auto& [name, value] : fields) lines.push_back("  " + pad(name, width) + " = " + value);
  return lines;
}

std::vector<std::string> frame_panel_lines(const Recording& recording, uint32_t sent) {
  const RecordedEvent& e = recording.event(sent);
  const auto bytes = recording.frame(e);
  std::vector<std::string> lines;
  lines.push_back("frame " + std::to_string(e.frame_uid) + "  (" +
                  std::string(to_string(e.frame_class)) + ", " + std::to_string(bytes.size()) +
                  " bytes)");
  lines.push_back(std::string(recording.name(e.node)) + ":" + std::string(recording.name(e.iface)) +
                  " -> " + std::string(recording.name(e.peer_node)) + ":" +
                  std::string(recording.name(e.peer_iface)));
  lines.push_back("sent " + format_time(e.time) + "  arrives " + format_time(e.arrival));
  lines.push_back(recording.summary(e));
  // A rewritten frame: what it looks like on the router's other side.
  const auto translated = translation_lines(recording, wire::decode_frame(bytes), e.time, e.arrival);
  if (!translated.empty()) {
    lines.push_back("");
    lines.push_back("address translation:");
    for (const std::string& t : translated) lines.push_back("  " + t);
  }
  for (const std::string& layer : wire::describe_layers(bytes)) {
    lines.push_back("");
    for (std::string& l : layer_lines(layer)) lines.push_back(std::move(l));
  }
  lines.push_back("");
  lines.push_back("what the devices did (--explain):");
  const size_t before = lines.size();
  add_decisions(recording, e.node, e.time, lines);
  add_decisions(recording, e.peer_node, e.arrival, lines);
  if (lines.size() == before) lines.push_back("  (no decision recorded for this frame)");
  if (auto osi = osi_lines(recording, sent); !osi.empty()) {
    lines.push_back("");
    for (std::string& l : osi) lines.push_back(std::move(l));
  }
  lines.push_back("");
  lines.push_back("bytes:");
  for (std::string& l : hex_lines(bytes)) lines.push_back("  " + std::move(l));
  return lines;
}

std::vector<std::string> wrap_line(std::string_view line, size_t columns) {
  columns = std::max<size_t>(columns, 8);
  if (line.size() <= columns) return {std::string(line)};
  const size_t indent = std::min(line.find_first_not_of(' '), columns / 2) + 2;
  std::vector<std::string> out;
  std::string_view rest = line;
  bool first = true;
  while (!rest.empty()) {
    const size_t room = first ? columns : columns - indent;
    if (rest.size() <= room) {
      out.push_back((first ? "" : std::string(indent, ' ')) + std::string(rest));
      break;
    }
    size_t cut = rest.rfind(' ', room);
    if (cut == std::string_view::npos || cut == 0) cut = room;
    out.push_back((first ? "" : std::string(indent, ' ')) + std::string(rest.substr(0, cut)));
    rest = rest.substr(cut);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    first = false;
  }
  return out;
}

}  // namespace netsim::viz
