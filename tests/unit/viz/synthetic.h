// Hand-made trace events and frames for the viz tests and bench: a recording
// without a simulation behind it.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "sim/trace/trace.h"
#include "sim/wire/arp.h"
#include "sim/wire/ethernet.h"
#include "sim/wire/icmp.h"
#include "sim/wire/ipv4.h"
#include "sim/wire/tcp.h"
#include "sim/wire/udp.h"
#include "sim/wire/vlan_tag.h"

namespace netsim::viz::synthetic {

inline std::vector<uint8_t> arp_request(uint32_t sender_ip, uint32_t target_ip) {
  std::vector<uint8_t> frame(wire::kEthernetHeaderLen + wire::ArpRepr::kLength);
  wire::EthernetRepr eth{
      wire::MacAddress::broadcast(), {{2, 0, 0, 0, 0, 1}}, {}, wire::EtherType::Arp};
  eth.emit(frame);
  wire::ArpRepr arp{wire::ArpOperation::Request, eth.src, {sender_ip}, {}, {target_ip}};
  arp.emit(std::span<uint8_t>(frame).subspan(wire::kEthernetHeaderLen));
  return frame;
}

inline std::vector<uint8_t> icmp_echo(uint32_t src, uint32_t dst, uint16_t sequence,
                                      uint16_t identifier = 1) {
  const std::vector<uint8_t> data(16, 0xab);
  wire::IcmpRepr icmp;
  icmp.type = wire::IcmpType::EchoRequest;
  icmp.identifier = identifier;
  icmp.sequence = sequence;
  icmp.data = data;
  wire::Ipv4Repr ip;
  ip.src = {src};
  ip.dst = {dst};
  ip.protocol = wire::IpProtocol::Icmp;
  ip.payload_len = static_cast<uint16_t>(icmp.buffer_len());
  std::vector<uint8_t> frame(wire::kEthernetHeaderLen + ip.buffer_len());
  wire::EthernetRepr eth{{{2, 0, 0, 0, 0, 2}}, {{2, 0, 0, 0, 0, 1}}, {}, wire::EtherType::Ipv4};
  eth.emit(frame);
  auto packet = std::span<uint8_t>(frame).subspan(wire::kEthernetHeaderLen);
  ip.emit(packet);
  icmp.emit(packet.subspan(wire::kIpv4HeaderLen));
  return frame;
}

// An IPv4 packet around an already emitted L4 message.
inline std::vector<uint8_t> ipv4_frame(uint32_t src, uint32_t dst, wire::IpProtocol protocol,
                                       size_t l4_len, auto&& emit_l4) {
  wire::Ipv4Repr ip;
  ip.src = {src};
  ip.dst = {dst};
  ip.protocol = protocol;
  ip.payload_len = static_cast<uint16_t>(l4_len);
  std::vector<uint8_t> frame(wire::kEthernetHeaderLen + ip.buffer_len());
  wire::EthernetRepr eth{{{2, 0, 0, 0, 0, 2}}, {{2, 0, 0, 0, 0, 1}}, {}, wire::EtherType::Ipv4};
  eth.emit(frame);
  auto packet = std::span<uint8_t>(frame).subspan(wire::kEthernetHeaderLen);
  ip.emit(packet);
  emit_l4(packet.subspan(wire::kIpv4HeaderLen));
  return frame;
}

inline std::vector<uint8_t> udp_datagram(uint32_t src, uint16_t sport, uint32_t dst,
                                         uint16_t dport) {
  static const std::vector<uint8_t> data(8, 0x61);
  const wire::UdpRepr udp{sport, dport, data};
  return ipv4_frame(src, dst, wire::IpProtocol::Udp, udp.buffer_len(),
                    [&](std::span<uint8_t> out) { udp.emit(out, {src}, {dst}); });
}

inline std::vector<uint8_t> tcp_segment(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport,
                                        uint32_t seq, uint32_t ack, uint8_t flags,
                                        size_t payload = 0) {
  static const std::vector<uint8_t> data(1500, 0x62);
  wire::TcpRepr tcp;
  tcp.src_port = sport;
  tcp.dst_port = dport;
  tcp.seq = seq;
  tcp.ack = ack;
  tcp.flags = flags;
  tcp.window = 1000;
  tcp.payload = std::span<const uint8_t>(data).first(payload);
  return ipv4_frame(src, dst, wire::IpProtocol::Tcp, tcp.buffer_len(),
                    [&](std::span<uint8_t> out) { tcp.emit(out, {src}, {dst}); });
}

// A configuration BPDU as spanning tree sends it: 802.3 (a length, not an
// EtherType) to the bridge group address, LLC 42 42 03, 35 bytes, padded to 60.
inline std::vector<uint8_t> config_bpdu(uint8_t sender) {
  std::vector<uint8_t> frame(wire::kEthernetMinFrame, 0);
  const uint8_t head[] = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x00,  // destination
                          0x02, 0x00, 0x00, 0x00, 0x00, sender,  // source
                          0x00, 38,                              // length: LLC + BPDU
                          0x42, 0x42, 0x03};                     // LLC: STP
  std::copy(std::begin(head), std::end(head), frame.begin());
  return frame;
}

// The same frame with an 802.1Q tag for `vid` after the source MAC.
inline std::vector<uint8_t> tagged(std::vector<uint8_t> frame, uint16_t vid) {
  frame.resize(frame.size() + wire::kVlanTagLen);
  wire::insert_vlan_tag(frame, wire::VlanTci{0, false, vid});
  return frame;
}

// An untagged frame from `src` (its last octet) to broadcast, EtherType 0x88b5
// (local experimental): what a switch learns from, nothing more.
inline std::vector<uint8_t> from_mac(uint8_t src) {
  std::vector<uint8_t> frame(wire::kEthernetMinFrame, 0);
  wire::EthernetRepr eth{wire::MacAddress::broadcast(),
                         {{2, 0, 0, 0, 0, src}},
                         {},
                         static_cast<wire::EtherType>(0x88b5)};
  eth.emit(frame);
  return frame;
}

// Builds TraceEvents whose string_views and frame spans stay valid as long as the builder.
class Events {
 public:
  TraceEvent sent(Time t, std::string_view node, std::string_view iface, std::string_view peer,
                  std::string_view peer_iface, Time arrival, std::vector<uint8_t> frame,
                  uint64_t uid) {
    TraceEvent e;
    e.kind = TraceKind::FrameSent;
    e.time = t;
    e.node = keep(node);
    e.iface = keep(iface);
    e.peer_node = keep(peer);
    e.peer_iface = keep(peer_iface);
    e.tx_end = t + (arrival - t) / 10;
    e.arrival = arrival;
    e.frame = keep(std::move(frame));
    e.frame_uid = uid;
    return e;
  }
  TraceEvent received(Time t, std::string_view node, std::string_view iface,
                      std::vector<uint8_t> frame, uint64_t uid) {
    TraceEvent e;
    e.kind = TraceKind::FrameReceived;
    e.time = t;
    e.node = keep(node);
    e.iface = keep(iface);
    e.frame = keep(std::move(frame));
    e.frame_uid = uid;
    return e;
  }
  TraceEvent dropped(Time t, std::string_view node, std::string_view iface, DropReason reason) {
    TraceEvent e;
    e.kind = TraceKind::FrameDropped;
    e.time = t;
    e.node = keep(node);
    e.iface = keep(iface);
    e.reason = reason;
    return e;
  }
  TraceEvent table(Time t, std::string_view node, std::string_view table, std::string_view key,
                   std::string_view value) {
    TraceEvent e;
    e.kind = TraceKind::TableChange;
    e.time = t;
    e.node = keep(node);
    e.text = keep(table);
    e.key = keep(key);
    e.value = keep(value);
    return e;
  }
  // As Simulation says them: a link event names both ends, a node event the node.
  TraceEvent link_topology(Time t, std::string_view node, std::string_view iface,
                           std::string_view peer, std::string_view peer_iface,
                           std::string_view text) {
    TraceEvent e = node_topology(t, node, text);
    e.iface = keep(iface);
    e.peer_node = keep(peer);
    e.peer_iface = keep(peer_iface);
    return e;
  }
  TraceEvent node_topology(Time t, std::string_view node, std::string_view text) {
    TraceEvent e;
    e.kind = TraceKind::Topology;
    e.time = t;
    e.node = keep(node);
    e.text = keep(text);
    return e;
  }
  TraceEvent decision(Time t, std::string_view node, std::string_view iface,
                      std::string_view text, Layer layer = Layer::Unknown) {
    TraceEvent e;
    e.kind = TraceKind::Decision;
    e.layer = layer;
    e.time = t;
    e.node = keep(node);
    e.iface = keep(iface);
    e.text = keep(text);
    return e;
  }

 private:
  std::string_view keep(std::string_view s) { return strings_.emplace_back(s); }
  std::span<const uint8_t> keep(std::vector<uint8_t> bytes) {
    return frames_.emplace_back(std::move(bytes));
  }
  std::deque<std::string> strings_;  // deque: growing never moves the kept strings
  std::deque<std::vector<uint8_t>> frames_;
};

}  // namespace netsim::viz::synthetic
