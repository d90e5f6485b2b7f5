// The rows are parsed back from their text ("tcp 192.168.1.10:40000 >
// 8.8.8.8:80" = "as 203.0.113.1:21210"): the trace is the one source, and a
// panel is built only when a person opens it.
#include "viz/nat_view.h"

#include <charconv>
#include <optional>
#include <string_view>

namespace netsim::viz {

namespace {
struct Endpoint {
  std::string address;
  uint16_t port = 0;  // ICMP: the echo identifier
  bool operator==(const Endpoint&) const = default;
};

struct Flow {
  std::string protocol;  // "tcp", "udp", "icmp"
  Endpoint src, dst;
  bool operator==(const Flow&) const = default;
};

std::string endpoint_text(const std::string& protocol, const Endpoint& e) {
  return protocol == "icmp" ? e.address + " id " + std::to_string(e.port)
                            : e.address + ":" + std::to_string(e.port);
}

std::optional<uint16_t> number(std::string_view s) {
  uint16_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// "10.0.0.1:80" (tcp, udp) or "10.0.0.1 id 7" (icmp).
std::optional<Endpoint> parse_endpoint(std::string_view s) {
  if (const size_t id = s.find(" id "); id != std::string_view::npos) {
    const auto n = number(s.substr(id + 4));
    if (!n) return std::nullopt;
    return Endpoint{std::string(s.substr(0, id)), *n};
  }
  const size_t colon = s.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto n = number(s.substr(colon + 1));
  if (!n) return std::nullopt;
  return Endpoint{std::string(s.substr(0, colon)), *n};
}

// A row key: "tcp A:p > B:q", "udp A:p > B:q", "icmp A > B id N".
std::optional<Flow> parse_key(std::string_view key) {
  const size_t space = key.find(' '), arrow = key.find(" > ");
  if (space == std::string_view::npos || arrow == std::string_view::npos) return std::nullopt;
  Flow f{std::string(key.substr(0, space)), {}, {}};
  const std::string_view left = key.substr(space + 1, arrow - space - 1),
                         right = key.substr(arrow + 3);
  if (f.protocol == "icmp") {
    const auto dst = parse_endpoint(right);
    if (!dst) return std::nullopt;
    f.src = {std::string(left), dst->port};
    f.dst = *dst;
    return f;
  }
  const auto src = parse_endpoint(left), dst = parse_endpoint(right);
  if (!src || !dst) return std::nullopt;
  f.src = *src;
  f.dst = *dst;
  return f;
}

std::optional<Flow> frame_flow(const wire::FrameInfo& info) {
  if (!info.ip) return std::nullopt;
  const std::string src = info.ip->src.to_string(), dst = info.ip->dst.to_string();
  if (info.tcp) return Flow{"tcp", {src, info.tcp->src_port}, {dst, info.tcp->dst_port}};
  if (info.udp) return Flow{"udp", {src, info.udp->src_port}, {dst, info.udp->dst_port}};
  if (info.icmp && (info.icmp->type == wire::IcmpType::EchoRequest ||
                    info.icmp->type == wire::IcmpType::EchoReply))
    return Flow{"icmp", {src, info.icmp->identifier}, {dst, info.icmp->identifier}};
  return std::nullopt;
}

struct Translation {
  NameId node = kNoName;
  std::string_view table;
  Flow original;
  Endpoint other;  // "as" (source NAT): the outside source; "to": the real destination
  bool source = false;
  Time added{0};
  std::optional<Time> removed;
};

// Which of the four forms of the translated flow `f` is: "inside" or
// "outside", or empty when it is none of them.
std::string_view side_of(const Translation& t, const Flow& f) {
  if (f.protocol != t.original.protocol) return {};
  const bool icmp = f.protocol == "icmp";
  const Flow& o = t.original;
  // The flow after the rewrite; an ICMP identifier is one number both ways.
  Flow rewritten = o;
  if (t.source) {
    rewritten.src = t.other;
    if (icmp) rewritten.dst.port = t.other.port;
  } else {
    rewritten.dst = t.other;
  }
  const Flow original_reply{o.protocol, o.dst, o.src}, rewritten_reply{o.protocol, rewritten.dst, rewritten.src};
  // Source NAT: the original flow is the inside one; destination NAT: the outside one.
  if (f == o || f == original_reply) return t.source ? "inside" : "outside";
  if (f == rewritten || f == rewritten_reply) return t.source ? "outside" : "inside";
  return {};
}

std::string describe(const Recording& recording, const Translation& t, std::string_view side) {
  const std::string& p = t.original.protocol;
  const std::string what = t.table == "virtual servers" ? "virtual server"
                           : t.source                   ? "NAT"
                                                        : "forward";
  const std::string inside = endpoint_text(p, t.source ? t.original.src : t.other),
                    outside = endpoint_text(p, t.source ? t.other : t.original.dst);
  return what + " at " + std::string(recording.name(t.node)) + ": inside " + inside +
         " <-> outside " + outside + " (this frame: " + std::string(side) + ")";
}

// Every translation row of every node, with the time it was live.
std::vector<Translation> translations(const Recording& recording) {
  std::vector<Translation> out;
  for (NameId node = 0; node < recording.name_count(); ++node)
    for (uint32_t i : recording.table_changes(node)) {
      const RecordedEvent& e = recording.event(i);
      const std::string_view table = recording.text(e.text);
      if (table != "nat" && table != "virtual servers") continue;
      const auto flow = parse_key(recording.text(e.key));
      if (!flow) continue;
      // A removal or a new value closes the row's live interval.
      for (auto it = out.rbegin(); it != out.rend(); ++it)
        if (it->node == node && it->original == *flow && !it->removed) {
          it->removed = e.time;
          break;
        }
      const std::string_view value = recording.text(e.value);
      if (value.empty()) continue;
      const bool source = value.starts_with("as ");
      const auto other = parse_endpoint(value.substr(3));
      if (!other || !(source || value.starts_with("to "))) continue;
      out.push_back({node, table, *flow, *other, source, e.time, std::nullopt});
    }
  return out;
}
}  // namespace

std::vector<std::string> translation_lines(const Recording& recording, const wire::FrameInfo& frame,
                                           Time sent, Time arrival) {
  std::vector<std::string> lines;
  const auto flow = frame_flow(frame);
  if (!flow) return lines;
  for (const Translation& t : translations(recording)) {
    if (t.added > arrival || (t.removed && *t.removed < sent)) continue;
    const std::string_view side = side_of(t, *flow);
    if (!side.empty()) lines.push_back(describe(recording, t, side));
  }
  return lines;
}

}  // namespace netsim::viz
