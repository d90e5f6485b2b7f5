#include "sim/trace/jsonl_sink.h"

#include <string>

#include "sim/wire/frame_info.h"

namespace netsim {

namespace {
std::string_view kind_name(TraceKind k) {
  switch (k) {
    case TraceKind::FrameSent: return "sent";
    case TraceKind::FrameReceived: return "received";
    case TraceKind::FrameDropped: return "dropped";
    case TraceKind::Decision: return "decision";
    case TraceKind::TableChange: return "table";
    case TraceKind::AppOutput: return "print";
    case TraceKind::AppStatus: return "app";
    case TraceKind::Topology: return "topology";
    case TraceKind::Note: return "note";
  }
  return "event";
}
}  // namespace

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

void JsonlTraceSink::on_event(const TraceEvent& e) {
  std::string line = "{\"t\":" + std::to_string(e.time.count()) + ",\"event\":\"" +
                     std::string(kind_name(e.kind)) + "\",\"node\":" + json_quote(e.node);
  if (!e.iface.empty()) line += ",\"iface\":" + json_quote(e.iface);
  switch (e.kind) {
    case TraceKind::FrameSent:
      line += ",\"peer\":" + json_quote(std::string(e.peer_node) + ":" + std::string(e.peer_iface)) +
              ",\"tx_end\":" + std::to_string(e.tx_end.count()) +
              ",\"arrival\":" + std::to_string(e.arrival.count());
      [[fallthrough]];
    case TraceKind::FrameReceived:
    case TraceKind::FrameDropped:
      if (e.kind == TraceKind::FrameDropped) line += ",\"reason\":\"" + std::string(to_string(e.reason)) + "\"";
      if (!e.frame.empty()) {
        static constexpr char kHex[] = "0123456789abcdef";
        line += ",\"uid\":" + std::to_string(e.frame_uid) + ",\"len\":" + std::to_string(e.frame.size()) +
                ",\"summary\":" + json_quote(wire::summarize(e.frame)) + ",\"bytes\":\"";
        for (uint8_t b : e.frame) (line += kHex[b >> 4]) += kHex[b & 15];
        line += "\"";
      }
      break;
    case TraceKind::TableChange:
      line += ",\"table\":" + json_quote(e.text) + ",\"key\":" + json_quote(e.key) +
              ",\"value\":" + json_quote(e.value);
      break;
    case TraceKind::Topology:
      if (!e.peer_node.empty())
        line += ",\"peer\":" + json_quote(std::string(e.peer_node) + ":" + std::string(e.peer_iface));
      line += ",\"text\":" + json_quote(e.text);
      break;
    default:
      line += ",\"text\":" + json_quote(e.text);
  }
  line += "}\n";
  std::fputs(line.c_str(), out_);
}

}  // namespace netsim
