// The text forms of a decoded frame: summarize() (tcpdump-like, one line, for
// the trace) and describe_layers() (field by field, for --explain / inspector).
#include <cstdio>

#include "sim/wire/bytes.h"
#include "sim/wire/frame_info.h"

namespace netsim::wire {

namespace {

std::string hex(unsigned value, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%0*x", digits, value);
  return buf;
}

std::string num(uint64_t value) { return std::to_string(value); }

std::string endpoint(Ipv4Address address, std::optional<uint16_t> port) {
  return port ? address.to_string() + "." + num(*port) : address.to_string();
}

// The spans a FrameInfo's Reprs came from, re-derived for the raw fields the
// Reprs do not keep (checksums, lengths).
struct Layers {
  std::span<const uint8_t> l3, l4;
};
Layers layers_of(std::span<const uint8_t> frame, const FrameInfo& info) {
  Layers l;
  if (!info.ethernet_ok) return l;
  l.l3 = ethernet_payload(frame, info.eth);
  if (info.ip) l.l4 = ipv4_payload(l.l3, *info.ip);
  return l;
}

std::string malformed(std::string_view layer, ParseError error) {
  return "malformed " + std::string(layer) + " (" + std::string(to_string(error)) + ")";
}

// ---- summarize ----

std::string arp_summary(const ArpRepr& arp) {
  switch (arp.op) {
    case ArpOperation::Request:
      return "ARP, Request who-has " + arp.target_ip.to_string() + " tell " +
             arp.sender_ip.to_string() + ", length 28";
    case ArpOperation::Reply:
      return "ARP, Reply " + arp.sender_ip.to_string() + " is-at " + arp.sender_mac.to_string() +
             ", length 28";
  }
  return "ARP, Unknown (" + num(static_cast<uint16_t>(arp.op)) + "), length 28";
}

// tcpdump's wording for an unreachable, naming the quoted datagram's destination.
std::string unreachable_summary(const IcmpRepr& icmp) {
  const auto code = static_cast<UnreachableCode>(icmp.code);
  const auto quoted = Ipv4Repr::parse_quoted(icmp.data);
  if (!quoted) return "ICMP " + std::string(to_string(code)) + " unreachable";
  const std::string dst = quoted->dst.to_string();
  switch (code) {
    case UnreachableCode::Net: return "ICMP net " + dst + " unreachable";
    case UnreachableCode::Host: return "ICMP host " + dst + " unreachable";
    case UnreachableCode::Protocol:
      return "ICMP " + dst + " protocol " + num(static_cast<uint8_t>(quoted->protocol)) +
             " unreachable";
    case UnreachableCode::Port: {
      const auto l4 = ipv4_payload(icmp.data, *quoted);
      if (l4.size() < 4) return "ICMP " + dst + " port unreachable";
      const std::string port = num(load_be16(l4.data() + 2));
      switch (quoted->protocol) {
        case IpProtocol::Udp: return "ICMP " + dst + " udp port " + port + " unreachable";
        case IpProtocol::Tcp: return "ICMP " + dst + " tcp port " + port + " unreachable";
        default:
          return "ICMP " + dst + " protocol " + num(static_cast<uint8_t>(quoted->protocol)) +
                 " port " + port + " unreachable";
      }
    }
    case UnreachableCode::FragmentationNeeded:
      return "ICMP " + dst + " unreachable - need to frag (mtu " + num(icmp.next_hop_mtu) + ")";
    case UnreachableCode::AdminProhibited:
      return "ICMP host " + dst + " unreachable - admin prohibited filter";
  }
  return "ICMP " + dst + " unreachable code " + num(icmp.code);
}

std::string icmp_summary(const IcmpRepr& icmp) {
  switch (icmp.type) {
    case IcmpType::EchoRequest:
    case IcmpType::EchoReply:
      return std::string("ICMP echo ") +
             (icmp.type == IcmpType::EchoRequest ? "request" : "reply") + ", id " +
             num(icmp.identifier) + ", seq " + num(icmp.sequence);
    case IcmpType::TimeExceeded:
      if (icmp.code == 0) return "ICMP time exceeded in-transit";
      if (icmp.code == 1) return "ICMP ip reassembly time exceeded";
      return "ICMP time exceeded code " + num(icmp.code);
    case IcmpType::DestinationUnreachable: return unreachable_summary(icmp);
  }
  return "ICMP type " + num(static_cast<uint8_t>(icmp.type)) + ", code " + num(icmp.code);
}

std::string tcp_options_text(const TcpRepr& tcp) {
  std::string text;
  auto add = [&text](const std::string& option) { text += (text.empty() ? "" : ",") + option; };
  if (tcp.mss) add("mss " + num(*tcp.mss));
  if (tcp.sack_permitted) add("sackOK");
  if (tcp.timestamps)
    add("TS val " + num(tcp.timestamps->value) + " ecr " + num(tcp.timestamps->echo_reply));
  if (tcp.window_scale) add("wscale " + num(*tcp.window_scale));
  if (tcp.sack_count > 0) {
    std::string blocks = "sack " + num(tcp.sack_count);
    for (uint8_t b = 0; b < tcp.sack_count; ++b)
      blocks += " {" + num(tcp.sack[b].left) + ":" + num(tcp.sack[b].right) + "}";
    add(blocks);
  }
  return text;
}

std::string tcp_summary(const TcpRepr& tcp, const TcpSequenceBases& bases) {
  // tcpdump: a SYN shows its absolute ISN; later segments count from it, and
  // a segment with data shows the range it covers ("seq 1:6").
  const bool relative = !tcp.has(tcp_flags::Syn);
  const uint32_t seq = relative && bases.seq ? tcp.seq - *bases.seq : tcp.seq;
  std::string s = "Flags [" + tcp_flags_letters(tcp.flags) + "], seq " + num(seq);
  if (!tcp.payload.empty()) s += ":" + num(static_cast<uint32_t>(seq + tcp.payload.size()));
  if (tcp.has(tcp_flags::Ack)) s += ", ack " + num(relative && bases.ack ? tcp.ack - *bases.ack : tcp.ack);
  s += ", win " + num(tcp.window);
  if (tcp.has(tcp_flags::Urg)) s += ", urg " + num(tcp.urgent);
  if (const std::string options = tcp_options_text(tcp); !options.empty())
    s += ", options [" + options + "]";
  return s + ", length " + num(tcp.payload.size());
}

// tcpdump -v's BOOTP line, with the message type and the addresses a reader
// of a DORA wants: "BOOTP/DHCP, Request from 02:..:0a, xid 0x1a2b3c4d, length
// 300, DHCP Discover"; replies add "yiaddr 192.168.1.100".
std::string dhcp_summary(const DhcpRepr& d, size_t length) {
  std::string s = "BOOTP/DHCP, " + std::string(to_string(d.op)) + " from " + d.chaddr.to_string() +
                  ", xid " + hex(d.xid, 8);
  if (d.broadcast) s += ", Flags [Broadcast]";
  if (d.hops) s += ", hops " + num(d.hops);
  s += ", length " + num(length);
  if (!d.ciaddr.is_zero()) s += ", ciaddr " + d.ciaddr.to_string();
  if (!d.yiaddr.is_zero()) s += ", yiaddr " + d.yiaddr.to_string();
  if (!d.giaddr.is_zero()) s += ", giaddr " + d.giaddr.to_string();
  if (d.message_type) s += ", DHCP " + std::string(display_name(*d.message_type));
  return s;
}

std::string ipv4_summary(const FrameInfo& info, const Layers& layers, const TcpSequenceBases& bases) {
  const Ipv4Repr& ip = *info.ip;
  const std::string head = "IP (ttl " + num(ip.ttl) + ") ";
  const std::string addrs =
      endpoint(ip.src, info.src_port()) + " > " + endpoint(ip.dst, info.dst_port()) + ": ";
  if (info.is_fragment)
    return head + addrs + to_string(ip.protocol) + " (frag " + num(ip.identification) + ":" +
           num(ip.payload_len) + "@" + num(ip.fragment_offset) + (ip.more_fragments ? "+)" : ")");
  if (info.error)
    return head + addrs +
           malformed(info.udp ? std::string(info.proto()) : to_string(ip.protocol), *info.error);
  if (info.icmp)
    return head + addrs + icmp_summary(*info.icmp) + ", length " + num(layers.l4.size());
  if (info.dhcp) return head + addrs + dhcp_summary(*info.dhcp, info.udp->payload.size());
  if (info.dns) return head + addrs + dns_summary(info.udp->payload);
  if (info.udp) return head + addrs + "UDP, length " + num(info.udp->payload.size());
  if (info.tcp) return head + addrs + tcp_summary(*info.tcp, bases);
  return head + addrs + "ip-proto-" + num(static_cast<uint8_t>(ip.protocol)) + ", length " +
         num(ip.payload_len);
}

// 1/256 s as tcpdump prints BPDU times: "1.00s".
std::string bpdu_seconds(uint16_t ticks) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2fs", ticks / double{BpduRepr::kTicksPerSecond});
  return buf;
}

std::string stp_version_name(uint8_t version) {
  switch (version) {
    case kStpVersion: return "802.1d";
    case kRstpVersion: return "802.1w";
    case 3: return "802.1s";
  }
  return "version " + num(version);
}

// tcpdump's words, with the claimed root added: that is what a reader of
// a spanning-tree trace wants from each BPDU.
std::string bpdu_summary(const BpduRepr& b) {
  const std::string head = "STP " + stp_version_name(b.version) + ", ";
  if (b.type == BpduType::Tcn) return head + "Topology Change, length " + num(b.buffer_len());
  std::string s = head + (b.type == BpduType::Rst ? "Rapid STP" : "Config") + ", Flags [" +
                  bpdu_flags_text(b.flags) + "]";
  if (b.type == BpduType::Rst) s += ", role " + std::string(to_string(b.role()));
  char port[8];
  std::snprintf(port, sizeof port, ".%04x", static_cast<unsigned>(b.port_id));
  return s + ", bridge-id " + b.bridge.to_string() + port + ", root-id " + b.root.to_string() +
         ", root-pathcost " + num(b.root_path_cost) + ", length " + num(b.buffer_len());
}

std::string ieee8023_summary(const FrameInfo& info) {
  if (info.bpdu) return bpdu_summary(*info.bpdu);
  if (!info.llc) return malformed("LLC", *info.error);
  if (info.error) return malformed("STP", *info.error);
  return "LLC, dsap " + hex(info.llc->dsap, 2) + ", ssap " + hex(info.llc->ssap, 2) + ", ctrl " +
         hex(info.llc->control, 2) + ", length " + num(static_cast<uint16_t>(info.eth.ethertype));
}

// ---- describe_layers ----

std::string ethernet_line(const EthernetRepr& eth) {
  std::string line = "Ethernet: dst=" + eth.dst.to_string() + " src=" + eth.src.to_string();
  if (eth.vlan) line += " vlan=" + num(*eth.vlan);
  if (is_ieee8023_length(eth.ethertype))
    return line + " length=" + num(static_cast<uint16_t>(eth.ethertype));
  return line + " type=" + to_string(eth.ethertype);
}

std::string llc_line(const LlcRepr& llc) {
  return "LLC: dsap=" + hex(llc.dsap, 2) + " ssap=" + hex(llc.ssap, 2) +
         " control=" + hex(llc.control, 2);
}

std::string stp_line(const BpduRepr& b) {
  std::string line = "STP: protocol=0 version=" + num(b.version) +
                     " type=" + std::string(to_string(b.type));
  if (b.type == BpduType::Tcn) return line;
  line += " flags=" + hex(b.flags, 2) + " [" + bpdu_flags_text(b.flags) + "]";
  if (b.type == BpduType::Rst) line += " role=" + std::string(to_string(b.role()));
  return line + " root=" + b.root.to_string() + " root_path_cost=" + num(b.root_path_cost) +
         " bridge=" + b.bridge.to_string() + " port=" + hex(b.port_id, 4) +
         " message_age=" + bpdu_seconds(b.message_age) + " max_age=" + bpdu_seconds(b.max_age) +
         " hello_time=" + bpdu_seconds(b.hello_time) +
         " forward_delay=" + bpdu_seconds(b.forward_delay);
}

std::string arp_line(const ArpRepr& arp) {
  return "ARP: op=" + std::string(to_string(arp.op)) + " sender_mac=" + arp.sender_mac.to_string() +
         " sender_ip=" + arp.sender_ip.to_string() + " target_mac=" + arp.target_mac.to_string() +
         " target_ip=" + arp.target_ip.to_string();
}

std::string ipv4_line(const Ipv4Repr& ip, std::span<const uint8_t> l3) {
  std::string flags = ip.dont_fragment ? "DF" : "";
  if (ip.more_fragments) flags += flags.empty() ? "MF" : ",MF";
  return "IPv4: version=4 ihl=" + num(ip.header_len / 4) + " tos=" + hex(ip.tos, 2) +
         " total_length=" + num(ip.header_len + ip.payload_len) +
         " id=" + hex(ip.identification, 4) + " flags=" + (flags.empty() ? "none" : flags) +
         " fragment_offset=" + num(ip.fragment_offset) + " ttl=" + num(ip.ttl) +
         " protocol=" + to_string(ip.protocol) + " checksum=" + hex(load_be16(l3.data() + 10), 4) +
         " src=" + ip.src.to_string() + " dst=" + ip.dst.to_string();
}

std::string icmp_line(const IcmpRepr& icmp, std::span<const uint8_t> l4) {
  std::string line = "ICMP: type=" + to_string(icmp.type) + " code=" + num(icmp.code);
  if (icmp.type == IcmpType::DestinationUnreachable)
    line += " (" + std::string(to_string(static_cast<UnreachableCode>(icmp.code))) + ")";
  line += " checksum=" + hex(load_be16(l4.data() + 2), 4);
  switch (icmp.type) {
    case IcmpType::DestinationUnreachable: line += " next_hop_mtu=" + num(icmp.next_hop_mtu); break;
    case IcmpType::TimeExceeded: break;
    default: line += " id=" + num(icmp.identifier) + " seq=" + num(icmp.sequence); break;
  }
  return line + " data_len=" + num(icmp.data.size());
}

std::string udp_line(const UdpRepr& udp, std::span<const uint8_t> l4) {
  return "UDP: src_port=" + num(udp.src_port) + " dst_port=" + num(udp.dst_port) +
         " length=" + num(load_be16(l4.data() + 4)) +
         " checksum=" + hex(load_be16(l4.data() + 6), 4) +
         " payload_len=" + num(udp.payload.size());
}

std::string dhcp_line(const DhcpRepr& d) {
  std::string line = "DHCP: op=" + std::string(to_string(d.op)) + " hops=" + num(d.hops) +
                     " xid=" + hex(d.xid, 8) + " secs=" + num(d.secs) +
                     " flags=" + (d.broadcast ? "broadcast" : "none") +
                     " ciaddr=" + d.ciaddr.to_string() + " yiaddr=" + d.yiaddr.to_string() +
                     " siaddr=" + d.siaddr.to_string() + " giaddr=" + d.giaddr.to_string() +
                     " chaddr=" + d.chaddr.to_string();
  auto address = [&](const char* name, const std::optional<Ipv4Address>& a) {
    if (a) line += std::string(" ") + name + "=" + a->to_string();
  };
  auto seconds = [&](const char* name, const std::optional<uint32_t>& v) {
    if (v) line += std::string(" ") + name + "=" + num(*v);
  };
  auto addresses = [&](const char* name, std::span<const uint8_t> list) {
    if (list.empty()) return;
    line += std::string(" ") + name + "=";
    for (size_t i = 0; i + 4 <= list.size(); i += 4)
      line += (i ? "," : "") + Ipv4Address{load_be32(list.data() + i)}.to_string();
  };
  if (d.message_type)
    line += " type=" + std::string(to_string(*d.message_type));
  address("server_id", d.server_id);
  address("requested_ip", d.requested_ip);
  seconds("lease", d.lease_time);
  seconds("t1", d.renewal_time);
  seconds("t2", d.rebinding_time);
  address("mask", d.subnet_mask);
  address("broadcast", d.broadcast_address);
  if (!d.host_name.empty())
    line += " host_name=" + std::string(d.host_name.begin(), d.host_name.end());
  if (!d.parameter_list.empty()) {
    line += " parameters=";
    for (size_t i = 0; i < d.parameter_list.size(); ++i)
      line += (i ? "," : "") + num(d.parameter_list[i]);
  }
  addresses("dns", d.dns_servers);
  addresses("router", d.routers);
  return line;
}

std::string tcp_line(const TcpRepr& tcp, std::span<const uint8_t> l4) {
  std::string line =
      "TCP: src_port=" + num(tcp.src_port) + " dst_port=" + num(tcp.dst_port) +
      " seq=" + num(tcp.seq) + " ack=" + num(tcp.ack) + " data_offset=" + num(l4[12] >> 4) +
      " flags=" + tcp_flags_name(tcp.flags) + " window=" + num(tcp.window) +
      " checksum=" + hex(load_be16(l4.data() + 16), 4) + " urgent=" + num(tcp.urgent);
  if (const std::string options = tcp_options_text(tcp); !options.empty())
    line += " options=[" + options + "]";
  return line + " payload_len=" + num(tcp.payload.size());
}

}  // namespace

std::string summarize(std::span<const uint8_t> frame) { return summarize(decode_frame(frame), frame, {}); }

std::string summarize(std::span<const uint8_t> frame, const TcpSequenceBases& bases) {
  return summarize(decode_frame(frame), frame, bases);
}

std::string summarize(const FrameInfo& info, std::span<const uint8_t> frame, const TcpSequenceBases& bases) {
  if (!info.ethernet_ok) return malformed("Ethernet", *info.error);
  const Layers layers = layers_of(frame, info);
  std::string prefix = info.eth.vlan ? "vlan " + num(*info.eth.vlan) + ", " : "";
  switch (info.eth.ethertype) {
    case EtherType::Arp:
      return prefix + (info.arp ? arp_summary(*info.arp) : malformed("ARP", *info.error));
    case EtherType::Ipv4:
      return prefix + (info.ip ? ipv4_summary(info, layers, bases) : malformed("IPv4", *info.error));
    default:
      if (is_ieee8023_length(info.eth.ethertype)) return prefix + ieee8023_summary(info);
      return prefix + "ethertype " + to_string(info.eth.ethertype) + ", length " +
             num(layers.l3.size());
  }
}

std::vector<std::string> describe_layers(std::span<const uint8_t> frame) {
  const FrameInfo info = decode_frame(frame);
  std::vector<std::string> lines;
  if (!info.ethernet_ok) {
    lines.push_back("Ethernet: " + malformed("frame", *info.error) + ", " + num(frame.size()) +
                    " bytes");
    return lines;
  }
  const Layers layers = layers_of(frame, info);
  lines.push_back(ethernet_line(info.eth));
  if (info.arp) lines.push_back(arp_line(*info.arp));
  if (info.llc) lines.push_back(llc_line(*info.llc));
  if (info.bpdu) lines.push_back(stp_line(*info.bpdu));
  if (info.ip) lines.push_back(ipv4_line(*info.ip, layers.l3));
  if (info.icmp) lines.push_back(icmp_line(*info.icmp, layers.l4));
  if (info.udp) lines.push_back(udp_line(*info.udp, layers.l4));
  if (info.dns) lines.push_back(dns_line(info.udp->payload));
  if (info.tcp) lines.push_back(tcp_line(*info.tcp, layers.l4));
  if (info.dhcp) lines.push_back(dhcp_line(*info.dhcp));
  if (info.error) {
    // Name the layer that failed: the one after the last that parsed.
    std::string layer = info.udp                               ? std::string(info.proto())
                        : info.ip                              ? to_string(info.ip->protocol)
                        : info.eth.ethertype == EtherType::Arp ? "ARP"
                        : info.llc                             ? "STP"
                        : is_ieee8023_length(info.eth.ethertype) ? "LLC"
                                                               : "IPv4";
    lines.push_back(layer + ": " + malformed("header", *info.error));
  } else if (info.is_fragment) {
    lines.push_back("Payload: fragment, " + num(layers.l4.size()) + " bytes");
  } else if (!info.arp && !info.ip && !info.bpdu) {
    lines.push_back("Payload: " + num(layers.l3.size()) + " bytes");
  }
  return lines;
}

}  // namespace netsim::wire
