// Panel text. Plain strings, so the panels are unit-testable without a window.
#include "viz/inspector.h"

#include <algorithm>

#include "sim/wire/frame_info.h"

namespace netsim::viz {

namespace {
std::string pad(std::string_view s, size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
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

std::vector<std::string> node_panel_lines(const Topology& topology, uint32_t node,
                                          const Tables& tables) {
  const TopologyNode& n = topology.nodes[node];
  std::vector<std::string> lines;
  lines.push_back(n.name + "  (" + std::string(to_string(n.kind)) + ")");
  for (const std::string& a : n.addresses) lines.push_back("  " + a);
  if (tables.empty()) {
    lines.push_back("");
    lines.push_back("no table entries yet");
  }
  for (const auto& [table, rows] : tables) {
    lines.push_back("");
    lines.push_back(table + " (" + std::to_string(rows.size()) +
                    (rows.size() == 1 ? " entry)" : " entries)"));
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
  lines.push_back(wire::summarize(bytes));
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
