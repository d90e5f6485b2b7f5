#include "viz/frame_layers.h"

#include <algorithm>
#include <cstdio>

#include "sim/wire/frame_info.h"

namespace netsim::viz {

std::vector<std::string> osi_lines(const Recording& recording, uint32_t sent) {
  const RecordedEvent& e = recording.event(sent);
  std::vector<std::string> lines;
  if (e.peer_node == kNoName) return lines;
  const auto bytes = recording.frame(e);
  const wire::FrameInfo info = wire::decode_frame(bytes);
  const std::string at(recording.name(e.peer_node));
  lines.push_back("at " + at + " (layers in and out, as --explain knows them):");
  lines.push_back("  in  L1  " + std::to_string(bytes.size()) + " bytes on " +
                  std::string(recording.name(e.peer_iface)) + " at " + format_time(e.arrival));
  if (info.ethernet_ok) {
    std::string l2 = "  in  L2  Ethernet " + info.eth.src.to_string() + " > " + info.eth.dst.to_string();
    if (info.eth.vlan) l2 += ", VLAN " + std::to_string(*info.eth.vlan);
    lines.push_back(l2);
  }
  if (info.arp) lines.push_back("  in  L3  ARP " + std::string(wire::to_string(info.arp->op)));
  if (info.ip)
    lines.push_back("  in  L3  IPv4 " + info.ip->src.to_string() + " > " + info.ip->dst.to_string() +
                    ", ttl " + std::to_string(info.ip->ttl));
  if (info.tcp || info.udp)
    lines.push_back(std::string("  in  L4  ") + (info.tcp ? "TCP " : "UDP ") +
                    std::to_string(*info.src_port()) + " > " + std::to_string(*info.dst_port()));
  // Devices decide the instant a frame arrives.
  const auto decisions = recording.decisions(e.peer_node);
  auto first = std::lower_bound(decisions.begin(), decisions.end(), e.arrival,
                                [&](uint32_t i, Time v) { return recording.event(i).time < v; });
  for (auto it = first; it != decisions.end() && recording.event(*it).time == e.arrival; ++it) {
    const RecordedEvent& d = recording.event(*it);
    const std::string_view text = recording.text(d.text);
    // A decision on another interface is about leaving by it; one on no
    // interface (a socket's) is the frame's way up.
    const bool in = d.iface == e.peer_iface || d.iface == kNoName;
    const std::string_view layer = to_string(d.layer);
    lines.push_back(std::string(in ? "  in  " : "  out ") + std::string(layer.empty() ? "  " : layer) +
                    "  " + std::string(text));
  }
  if (const auto next = recording.next_send_of(e.frame_uid, e.peer_node, e.arrival)) {
    const RecordedEvent& out = recording.event(*next);
    lines.push_back("  out L1  " + std::to_string(out.frame.size) + " bytes on " +
                    std::string(recording.name(out.iface)) + " > " +
                    recording.port_name(out.peer_node, out.peer_iface) + " at " +
                    format_time(out.time));
    lines.push_back("          " + recording.summary(out));
  } else {
    lines.push_back("  out     (not sent on as this frame: consumed, answered or dropped)");
  }
  return lines;
}

std::vector<std::string> hex_lines(std::span<const uint8_t> bytes, size_t max_bytes) {
  std::vector<std::string> lines;
  const size_t shown = std::min(bytes.size(), max_bytes);
  for (size_t row = 0; row < shown; row += 16) {
    char buf[96];
    int used = std::snprintf(buf, sizeof buf, "%04zx ", row);
    std::string ascii;
    for (size_t i = row; i < row + 16; ++i) {
      if (i == row + 8) buf[used++] = ' ';
      if (i < shown) {
        used += std::snprintf(buf + used, sizeof buf - static_cast<size_t>(used), " %02x", bytes[i]);
        ascii += bytes[i] >= 0x20 && bytes[i] < 0x7f ? static_cast<char>(bytes[i]) : '.';
      } else {
        used += std::snprintf(buf + used, sizeof buf - static_cast<size_t>(used), "   ");
      }
    }
    lines.push_back(std::string(buf, static_cast<size_t>(used)) + "  " + ascii);
  }
  if (bytes.size() > shown) lines.push_back("... " + std::to_string(bytes.size() - shown) + " more bytes");
  return lines;
}

}  // namespace netsim::viz
