// decode_frame(): one pass over a whole Ethernet frame, outer to inner,
// stopping at the first layer that does not parse. Allocation-free.
#include "sim/wire/frame_info.h"

namespace netsim::wire {

namespace {

bool has_port(const UdpRepr& udp, uint16_t port) {
  return udp.src_port == port || udp.dst_port == port;
}

// 802.3: LLC, then a BPDU when both SAPs are spanning tree's.
void decode_ieee8023(FrameInfo& info, std::span<const uint8_t> frame) {
  ParseError why{};
  const auto pdu = ieee8023_pdu(frame, info.eth, &why);
  if (pdu) info.llc = LlcRepr::parse(*pdu, &why);
  if (!info.llc) {
    info.error = why;
    return;
  }
  if (info.llc->dsap != kLlcSapSpanningTree || info.llc->ssap != kLlcSapSpanningTree) return;
  info.bpdu = BpduRepr::parse(pdu->subspan(LlcRepr::kLength), &why);
  if (!info.bpdu) info.error = why;
}

void decode_ipv4(FrameInfo& info, std::span<const uint8_t> packet) {
  ParseError why{};
  info.ip = Ipv4Repr::parse(packet, &why);
  if (!info.ip) {
    info.error = why;
    return;
  }
  // The L4 checksum covers the whole datagram, so no fragment can be
  // verified on its own; they are reported as IPv4 only.
  if (info.ip->is_fragment()) {
    info.is_fragment = true;
    return;
  }
  const auto l4 = ipv4_payload(packet, *info.ip);
  const Ipv4Address src = info.ip->src, dst = info.ip->dst;
  bool ok = true;
  switch (info.ip->protocol) {
    case IpProtocol::Icmp: ok = (info.icmp = IcmpRepr::parse(l4, &why)).has_value(); break;
    case IpProtocol::Udp:
      ok = (info.udp = UdpRepr::parse(l4, src, dst, &why)).has_value();
      if (ok && has_port(*info.udp, kDnsPort)) ok = (info.dns = DnsSummary::parse(info.udp->payload, &why)).has_value();
      break;
    case IpProtocol::Tcp: ok = (info.tcp = TcpRepr::parse(l4, src, dst, &why)).has_value(); break;
  }
  if (!ok) info.error = why;
  if (info.udp && (has_port(*info.udp, kDhcpServerPort) || has_port(*info.udp, kDhcpClientPort))) {
    info.dhcp = DhcpRepr::parse(info.udp->payload, &why);
    if (!info.dhcp) info.error = why;
  }
}
}  // namespace

FrameInfo decode_frame(std::span<const uint8_t> frame) {
  FrameInfo info;
  ParseError why{};
  const auto eth = EthernetRepr::parse(frame, &why);
  if (!eth) {
    info.error = why;
    return info;
  }
  info.ethernet_ok = true;
  info.eth = *eth;
  const auto payload = ethernet_payload(frame, *eth);
  switch (eth->ethertype) {
    case EtherType::Arp:
      info.arp = ArpRepr::parse(payload, &why);
      if (!info.arp) info.error = why;
      break;
    case EtherType::Ipv4: decode_ipv4(info, payload); break;
    default:
      if (is_ieee8023_length(eth->ethertype)) decode_ieee8023(info, frame);
      break;  // other EtherTypes are carried, not decoded
  }
  return info;
}

std::string_view FrameInfo::proto() const {
  if (udp) {
    if (has_port(*udp, kDnsPort)) return "dns";
    if (has_port(*udp, kDhcpServerPort) || has_port(*udp, kDhcpClientPort)) return "dhcp";
    return "udp";
  }
  if (tcp) return "tcp";
  if (icmp) return "icmp";
  if (ip) return "ipv4";
  if (arp) return "arp";
  if (bpdu) return "stp";
  return "eth";
}

bool FrameInfo::has_proto(std::string_view p) const {
  if (p == "eth") return true;
  if (p == "arp") return arp.has_value();
  if (p == "ipv4") return ip.has_value();
  if (p == "icmp") return icmp.has_value();
  if (p == "udp") return udp.has_value();
  if (p == "tcp") return tcp.has_value();
  if (p == "dns") return udp && has_port(*udp, kDnsPort);
  if (p == "dhcp")
    return udp && (has_port(*udp, kDhcpServerPort) || has_port(*udp, kDhcpClientPort));
  if (p == "stp") return bpdu.has_value();
  return false;
}

std::string_view FrameInfo::op() const { return arp ? to_string(arp->op) : std::string_view{}; }

std::string FrameInfo::type() const {
  if (icmp) return to_string(icmp->type);
  if (bpdu) return std::string(to_string(bpdu->type));
  if (dhcp && dhcp->message_type) return std::string(to_string(*dhcp->message_type));
  if (dns) return dns->header.qr() ? "response" : "query";
  return {};
}

std::string_view FrameInfo::qname() const { return dns ? dns->qname.view() : std::string_view{}; }

std::string FrameInfo::rcode() const { return dns && dns->header.qr() ? to_string(dns->header.rcode()) : std::string{}; }

std::string FrameInfo::flags() const { return tcp ? tcp_flags_name(tcp->flags) : std::string{}; }

std::optional<uint16_t> FrameInfo::src_port() const {
  if (udp) return udp->src_port;
  if (tcp) return tcp->src_port;
  return std::nullopt;
}

std::optional<uint16_t> FrameInfo::dst_port() const {
  if (udp) return udp->dst_port;
  if (tcp) return tcp->dst_port;
  return std::nullopt;
}

}  // namespace netsim::wire
