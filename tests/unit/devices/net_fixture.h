// Small networks built in code for device tests: a Context, nodes, links, a
// trace recorder, and a Sink node that records every frame it is sent.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "devices/hub.h"
#include "devices/ip_node.h"
#include "devices/switch.h"
#include "sim/net/link.h"
#include "sim/net/node.h"
#include "sim/wire/arp.h"
#include "sim/wire/ethernet.h"
#include "sim/wire/frame_info.h"
#include "sim/wire/icmp.h"
#include "sim/wire/ipv4.h"
#include "sim/wire/udp.h"

namespace netsim::test {

inline wire::MacAddress mac(uint8_t n) { return {{0x02, 0, 0, 0, 0, n}}; }
inline wire::Ipv4Address ip(const char* text) { return *wire::Ipv4Address::parse(text); }
inline wire::Ipv4Prefix prefix(const char* text) { return *wire::Ipv4Prefix::parse(text); }

// Records frames arriving at it; never answers.
class Sink : public Node {
 public:
  Sink(Context& ctx, std::string name) : Node(ctx, std::move(name), NodeKind::Host) {}
  void receive(Port& port, Packet frame) override {
    frames.push_back({port.name(), std::vector<uint8_t>(frame.bytes().begin(), frame.bytes().end()),
                      ctx().now()});
  }
  struct Arrival {
    std::string port;
    std::vector<uint8_t> bytes;
    Time at;
    wire::FrameInfo info() const { return wire::decode_frame(bytes); }
  };
  std::vector<Arrival> frames;
};

struct Recorder : TraceSink {
  bool wants_decisions() const override { return true; }
  bool wants_tables() const override { return true; }
  bool wants_metrics() const override { return true; }
  void on_event(const TraceEvent& e) override {
    if (e.kind == TraceKind::Metric)
      metrics.push_back({std::string(e.node), std::string(e.iface), std::string(e.text), e.number});
    if (e.kind == TraceKind::FrameDropped)
      drops.push_back({std::string(e.node), std::string(e.iface), e.reason});
    if (e.kind == TraceKind::Decision)
      decisions.push_back(std::string(e.node) + ": " + std::string(e.text));
    if (e.kind == TraceKind::FrameSent)
      sent.push_back({std::string(e.node) + ":" + std::string(e.iface),
                      std::vector<uint8_t>(e.frame.begin(), e.frame.end())});
  }
  struct Drop {
    std::string node, iface;
    DropReason reason;
  };
  struct Sent {
    std::string at;
    std::vector<uint8_t> bytes;
    wire::FrameInfo info() const { return wire::decode_frame(bytes); }
  };
  struct Metric {
    std::string node, subject, name;
    int64_t value;
  };
  std::vector<Metric> metrics;
  std::vector<Drop> drops;
  std::vector<std::string> decisions;
  std::vector<Sent> sent;
  size_t count_drops(DropReason r) const {
    size_t n = 0;
    for (const Drop& d : drops) n += d.reason == r;
    return n;
  }
  // The values of metric `name`, in order.
  std::vector<int64_t> metric(const std::string& name) const {
    std::vector<int64_t> out;
    for (const Metric& m : metrics)
      if (m.name == name) out.push_back(m.value);
    return out;
  }
  bool decided(const std::string& text) const {
    for (const std::string& d : decisions)
      if (d.find(text) != std::string::npos) return true;
    return false;
  }
  std::vector<Sent> sent_at(const std::string& at) const {
    std::vector<Sent> out;
    for (const Sent& s : sent)
      if (s.at == at) out.push_back(s);
    return out;
  }
};

struct Net {
  Context ctx{1};
  Recorder rec;
  std::vector<std::unique_ptr<Node>> nodes;
  std::vector<std::unique_ptr<Link>> links;

  Net() { ctx.trace().add_sink(&rec); }

  template <typename T, typename... Args>
  T& add(Args&&... args) {
    nodes.push_back(std::make_unique<T>(ctx, std::forward<Args>(args)...));
    return static_cast<T&>(*nodes.back());
  }
  devices::IpNode& host(std::string name, devices::IpNodeConfig config = {}) {
    return add<devices::IpNode>(std::move(name), NodeKind::Host, config);
  }
  devices::IpNode& router(std::string name, devices::IpNodeConfig config = {}) {
    return add<devices::IpNode>(std::move(name), NodeKind::Router, config);
  }
  Link& link(Port& a, Port& b, LinkParams params = {}) {
    links.push_back(
        std::make_unique<Link>(a, b, params, ctx.stream("link:" + std::to_string(links.size()))));
    return *links.back();
  }
  void set_link(Link& l, bool up) {
    l.set_up(up);
    if (!up) {
      l.a().flush();
      l.b().flush();
    }
    l.a().node().link_changed(l.a());
    l.b().node().link_changed(l.b());
  }
  void run() {
    while (ctx.scheduler().run_next()) {
    }
  }
  void run_until(Time t) {
    while (ctx.scheduler().next_time() <= t && ctx.scheduler().run_next()) {
    }
    ctx.scheduler().advance_to(t);
  }
  std::vector<Node*> node_list() {
    std::vector<Node*> out;
    for (auto& n : nodes) out.push_back(n.get());
    return out;
  }
};

// A frame built from Reprs, for feeding straight into receive().
inline Packet ethernet_frame(Context& ctx, const wire::EthernetRepr& eth,
                             std::span<const uint8_t> payload) {
  Packet p = ctx.new_packet(eth.header_len() + payload.size());
  eth.emit(p.mutable_bytes());
  std::copy(payload.begin(), payload.end(),
            p.mutable_bytes().begin() + static_cast<long>(eth.header_len()));
  return p;
}

inline Packet arp_frame(Context& ctx, wire::MacAddress eth_dst, const wire::ArpRepr& arp) {
  std::vector<uint8_t> body(wire::ArpRepr::kLength);
  arp.emit(body);
  return ethernet_frame(ctx, {eth_dst, arp.sender_mac, std::nullopt, wire::EtherType::Arp}, body);
}

// An IPv4 packet carrying an ICMP message.
inline Packet icmp_frame(Context& ctx, wire::MacAddress eth_dst, wire::MacAddress eth_src,
                         wire::Ipv4Repr ip, const wire::IcmpRepr& icmp) {
  ip.protocol = wire::IpProtocol::Icmp;
  ip.payload_len = static_cast<uint16_t>(icmp.buffer_len());
  std::vector<uint8_t> body(ip.buffer_len());
  ip.emit(body);
  icmp.emit(std::span(body).subspan(wire::kIpv4HeaderLen));
  return ethernet_frame(ctx, {eth_dst, eth_src, std::nullopt, wire::EtherType::Ipv4}, body);
}

inline Packet udp_frame(Context& ctx, wire::MacAddress eth_dst, wire::MacAddress eth_src,
                        wire::Ipv4Repr ip, const wire::UdpRepr& udp) {
  ip.protocol = wire::IpProtocol::Udp;
  ip.payload_len = static_cast<uint16_t>(udp.buffer_len());
  std::vector<uint8_t> body(ip.buffer_len());
  ip.emit(body);
  udp.emit(std::span(body).subspan(wire::kIpv4HeaderLen), ip.src, ip.dst);
  return ethernet_frame(ctx, {eth_dst, eth_src, std::nullopt, wire::EtherType::Ipv4}, body);
}

}  // namespace netsim::test
