#include "sim/trace/text_sink.h"

#include <string>

#include "sim/wire/frame_info.h"

namespace netsim {

namespace {
void print_line(std::FILE* out, Time t, std::string_view where, std::string_view rest) {
  const std::string time = format_time(t);
  std::fprintf(out, "%s %-16.*s %.*s\n", time.c_str(), static_cast<int>(where.size()), where.data(),
               static_cast<int>(rest.size()), rest.data());
}
std::string endpoint(std::string_view node, std::string_view iface) {
  std::string s(node);
  if (!iface.empty()) (s += ':') += iface;
  return s;
}
}  // namespace

std::string TextTraceSink::summary(std::span<const uint8_t> frame) {
  const wire::FrameInfo info = wire::decode_frame(frame);
  wire::TcpSequenceBases bases;
  if (info.tcp && info.ip) {
    const Flow flow{info.ip->src.value, info.tcp->src_port, info.ip->dst.value, info.tcp->dst_port};
    const Flow reverse{info.ip->dst.value, info.tcp->dst_port, info.ip->src.value, info.tcp->src_port};
    if (info.tcp->has(wire::tcp_flags::Syn)) isn_[flow] = info.tcp->seq;
    if (auto it = isn_.find(flow); it != isn_.end()) bases.seq = it->second;
    if (auto it = isn_.find(reverse); it != isn_.end()) bases.ack = it->second;
  }
  return wire::summarize(info, frame, bases);
}

void TextTraceSink::on_event(const TraceEvent& e) {
  switch (e.kind) {
    case TraceKind::FrameSent:
      if (frames_)
        print_line(out_, e.time, endpoint(e.node, e.iface),
                   "> " + endpoint(e.peer_node, e.peer_iface) + "  " + summary(e.frame));
      break;
    case TraceKind::FrameDropped:
      if (frames_) {
        std::string rest = "drop (" + std::string(to_string(e.reason)) + ")";
        if (!e.frame.empty()) rest += "  " + summary(e.frame);
        print_line(out_, e.time, endpoint(e.node, e.iface), rest);
      }
      break;
    case TraceKind::Decision:
      if (frames_ && explain_) print_line(out_, e.time, endpoint(e.node, e.iface), "  # " + std::string(e.text));
      break;
    case TraceKind::AppOutput:
      print_line(out_, e.time, e.node, "[" + std::string(e.iface) + "] " + std::string(e.text));
      break;
    case TraceKind::AppStatus:
      print_line(out_, e.time, e.node, "[" + std::string(e.iface) + "] app " + std::string(e.text));
      break;
    case TraceKind::Topology:  // the sentence names what changed
    case TraceKind::Note:
      print_line(out_, e.time, "*", e.text);
      break;
    case TraceKind::FrameReceived:
    case TraceKind::TableChange:
    case TraceKind::Metric:  // numbers for --stats and charts, not lines to read
      break;
  }
}

}  // namespace netsim
