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
    case TraceKind::Metric: return "metric";
  }
  return "event";
}

// The length of the valid UTF-8 sequence starting at s[i] (RFC 3629: no
// overlong forms, no surrogates, at most U+10FFFF), or 0.
size_t utf8_length(std::string_view s, size_t i) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = at(i);
  size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((at(i + k) & 0xC0) != 0x80) return 0;
  const unsigned char d = at(i + 1);
  if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0) || (c == 0xF0 && d < 0x90) ||
      (c == 0xF4 && d >= 0x90))
    return 0;
  return n;
}
}  // namespace

// Every string reaches the trace through here: bytes that are not UTF-8
// become U+FFFD, so a JSONL line is always JSON whatever a name or an app
// printed.
std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
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
        } else if (c < 0x80) {
          out += static_cast<char>(c);
        } else if (const size_t n = utf8_length(s, i); n > 0) {
          out.append(s.substr(i, n));
          i += n - 1;
        } else {
          out += "\\ufffd";
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
    case TraceKind::Metric:
      line += ",\"metric\":" + json_quote(e.text) + ",\"value\":" + std::to_string(e.number);
      break;
    default:
      line += ",\"text\":" + json_quote(e.text);
  }
  line += "}\n";
  std::fputs(line.c_str(), out_);
}

}  // namespace netsim
