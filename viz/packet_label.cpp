#include "viz/packet_label.h"

#include <algorithm>

namespace netsim::viz {

namespace {
std::string tcp_label(const wire::TcpRepr& tcp, const wire::TcpSequenceBases& bases) {
  using namespace wire::tcp_flags;
  if (tcp.has(Syn) || tcp.has(Fin) || tcp.has(Rst)) return wire::tcp_flags_name(tcp.flags);
  const uint32_t seq = bases.seq ? tcp.seq - *bases.seq : tcp.seq;
  if (!tcp.payload.empty())
    return "DATA " + std::to_string(seq) + ":" +
           std::to_string(seq + static_cast<uint32_t>(tcp.payload.size()));
  if (tcp.has(Ack)) return "ACK " + std::to_string(bases.ack ? tcp.ack - *bases.ack : tcp.ack);
  return wire::tcp_flags_name(tcp.flags);
}

std::string icmp_label(const wire::IcmpRepr& icmp) {
  switch (icmp.type) {
    case wire::IcmpType::EchoRequest:
      return "ICMP echo";
    case wire::IcmpType::EchoReply:
      return "ICMP reply";
    case wire::IcmpType::TimeExceeded:
      return "TTL exceeded";
    case wire::IcmpType::DestinationUnreachable:
      return "unreachable";
  }
  return "ICMP";
}
}  // namespace

std::string packet_label(const wire::FrameInfo& info, const wire::TcpSequenceBases& bases) {
  if (info.arp) return info.arp->op == wire::ArpOperation::Request ? "ARP?" : "ARP!";
  if (info.bpdu) return "BPDU";
  if (info.dhcp && info.dhcp->message_type)
    return "DHCP " + std::string(wire::to_string(*info.dhcp->message_type));
  if (info.dns && info.dns->has_question)
    return "DNS " + wire::to_string(info.dns->qtype) + (info.dns->header.qr() ? "" : "?");
  if (info.tcp) return tcp_label(*info.tcp, bases);
  if (info.icmp) return icmp_label(*info.icmp);
  if (info.udp) return "UDP " + std::to_string(info.udp->dst_port);
  if (info.is_fragment) return "fragment";
  return {};
}

void TcpIsns::observe(const wire::FrameInfo& info, Time t) {
  if (!info.ip || !info.tcp || !info.tcp->has(wire::tcp_flags::Syn)) return;
  auto& seen = isns_[{info.ip->src.value, info.tcp->src_port, info.ip->dst.value,
                      info.tcp->dst_port}];
  if (seen.empty() || seen.back().second != info.tcp->seq) seen.emplace_back(t, info.tcp->seq);
}

const uint32_t* TcpIsns::isn(const Flow& flow, Time t) const {
  const auto it = isns_.find(flow);
  if (it == isns_.end()) return nullptr;
  // The last SYN at or before t.
  const auto& seen = it->second;
  const auto after = std::upper_bound(seen.begin(), seen.end(), t,
                                      [](Time v, const auto& s) { return v < s.first; });
  return after == seen.begin() ? nullptr : &std::prev(after)->second;
}

wire::TcpSequenceBases TcpIsns::at(const wire::FrameInfo& info, Time t) const {
  wire::TcpSequenceBases bases;
  if (!info.ip || !info.tcp) return bases;
  const uint32_t src = info.ip->src.value, dst = info.ip->dst.value;
  if (const uint32_t* seq = isn({src, info.tcp->src_port, dst, info.tcp->dst_port}, t))
    bases.seq = *seq;
  if (const uint32_t* ack = isn({dst, info.tcp->dst_port, src, info.tcp->src_port}, t))
    bases.ack = *ack;
  return bases;
}

}  // namespace netsim::viz
