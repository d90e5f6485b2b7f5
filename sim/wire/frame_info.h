// One decode of a whole Ethernet frame, shared by the trace, the expect
// filters and the animation, plus its one-line and per-layer text forms.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/wire/arp.h"
#include "sim/wire/dhcp.h"
#include "sim/wire/dns.h"
#include "sim/wire/ethernet.h"
#include "sim/wire/icmp.h"
#include "sim/wire/ipv4.h"
#include "sim/wire/llc.h"
#include "sim/wire/parse_error.h"
#include "sim/wire/stp.h"
#include "sim/wire/tcp.h"
#include "sim/wire/udp.h"

namespace netsim::wire {

struct FrameInfo {
  bool ethernet_ok = false;
  EthernetRepr eth{};
  std::optional<ArpRepr> arp;
  // 802.3 frames (a length, not an EtherType): the LLC header, and the BPDU behind SAP 0x42.
  std::optional<LlcRepr> llc;
  std::optional<BpduRepr> bpdu;
  // Set when the IPv4 header parsed, even if the inner layer did not.
  std::optional<Ipv4Repr> ip;
  // The L4 Reprs' spans point into the decoded frame.
  std::optional<IcmpRepr> icmp;
  std::optional<UdpRepr> udp;
  std::optional<TcpRepr> tcp;
  // A UDP datagram to or from port 67 or 68 that parsed as DHCP (else error is set).
  std::optional<DhcpRepr> dhcp;
  // UDP port 53 either side: the DNS header and first question.
  std::optional<DnsSummary> dns;
  // Any IPv4 fragment: no L4 decode, since its checksum covers the whole datagram.
  bool is_fragment = false;
  std::optional<ParseError> error;  // the first layer that failed

  // Most specific of: "dns", "dhcp", "tcp", "udp", "icmp", "ipv4", "arp", "stp", "eth".
  std::string_view proto() const;
  // "eth" matches every frame; "ipv4" matches icmp/udp/tcp; "udp" matches
  // dns/dhcp over udp; "dns" = udp port 53 either side; "dhcp" = udp 67/68;
  // "stp" = every BPDU.
  bool has_proto(std::string_view p) const;
  std::string_view op() const;               // arp: "request"/"reply", else ""
  std::string type() const;                  // icmp: to_string(type) ("echo-request", ...); stp: "config", "tcn", "rst"; dhcp: "DISCOVER", ...; dns: "query", "response"; else ""
  std::string_view qname() const;            // dns: the first question's name ("www.jd.com."), else ""
  std::string rcode() const;                 // dns responses: "NOERROR", "NXDOMAIN", ...; else ""
  std::string flags() const;                 // tcp: tcp_flags_name, else ""
  std::optional<uint16_t> src_port() const;  // udp or tcp
  std::optional<uint16_t> dst_port() const;
};

// Never throws, never allocates.
FrameInfo decode_frame(std::span<const uint8_t> frame);

// tcpdump-like one-line summary, e.g.
//   "ARP, Request who-has 192.168.1.3 tell 192.168.1.1, length 28"
//   "IP (ttl 64) 192.168.1.1 > 192.168.1.3: ICMP echo request, id 1, seq 1, length 64"
//   "IP (ttl 64) 10.0.0.1.49152 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460],
//   length 0" "malformed IPv4 (bad-checksum)"; 802.1Q frames are prefixed "vlan 10, ".
//   "STP 802.1d, Config, Flags [TC], bridge-id 2000.02:00:00:00:00:02.8002, root-id
//   1000.02:00:00:00:00:01, root-pathcost 19, length 35"
std::string summarize(std::span<const uint8_t> frame);
// The ISNs a reader subtracts to show TCP numbers relative to the start of
// the connection, as tcpdump does (SYN segments stay absolute).
struct TcpSequenceBases {
  std::optional<uint32_t> seq;  // ISN of the segment's own direction
  std::optional<uint32_t> ack;  // ISN of the opposite direction
};
std::string summarize(std::span<const uint8_t> frame, const TcpSequenceBases& bases);
// The same from a decode the caller already has (`info` is decode_frame(frame)).
std::string summarize(const FrameInfo& info, std::span<const uint8_t> frame, const TcpSequenceBases& bases);

// Field-by-field decode, one "Layer: field=value ..." line per layer.
std::vector<std::string> describe_layers(std::span<const uint8_t> frame);

}  // namespace netsim::wire
