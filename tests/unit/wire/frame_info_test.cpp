// decode_frame, FrameInfo's filter words, summarize(), describe_layers(), and
// robustness against garbage.
#include "sim/wire/frame_info.h"

#include <catch2/catch.hpp>
#include <random>

#include "sim/wire/bytes.h"
#include "vectors.h"

using namespace netsim::wire;
using namespace netsim::wire::test_vectors;

namespace {
const MacAddress kMacA = *MacAddress::parse("02:00:00:00:0a:01");
const MacAddress kMacB = *MacAddress::parse("02:00:00:00:0a:03");

// An untagged IPv4 frame around `ip` with a zero payload of ip.payload_len bytes.
std::vector<uint8_t> ipv4_frame(const Ipv4Repr& ip) {
  std::vector<uint8_t> frame(kEthernetHeaderLen + ip.buffer_len());
  EthernetRepr{kMacB, kMacA, std::nullopt, EtherType::Ipv4}.emit(frame);
  ip.emit(std::span<uint8_t>(frame).subspan(kEthernetHeaderLen));
  return frame;
}
Ipv4Repr ip_header(IpProtocol protocol, uint16_t payload_len) {
  Ipv4Repr ip;
  ip.src = *Ipv4Address::parse("10.0.0.1");
  ip.dst = *Ipv4Address::parse("10.0.0.2");
  ip.protocol = protocol;
  ip.payload_len = payload_len;
  return ip;
}
}  // namespace

TEST_CASE("decode_frame: ARP", "[frame]") {
  const FrameInfo info = decode_frame(kArpRequestFrame);
  CHECK(info.ethernet_ok);
  REQUIRE(info.arp);
  CHECK_FALSE(info.ip);
  CHECK_FALSE(info.error);
  CHECK(info.proto() == "arp");
  CHECK(info.op() == "request");
  CHECK(decode_frame(kArpReplyFrame).op() == "reply");
  CHECK(info.has_proto("eth"));
  CHECK(info.has_proto("arp"));
  CHECK_FALSE(info.has_proto("ipv4"));
  CHECK(info.type().empty());
  CHECK(info.flags().empty());
}

TEST_CASE("decode_frame: ICMP, UDP, TCP", "[frame]") {
  const FrameInfo echo = decode_frame(kEchoRequestFrame);
  REQUIRE(echo.icmp);
  CHECK(echo.proto() == "icmp");
  CHECK(echo.type() == "echo-request");
  CHECK(echo.has_proto("ipv4"));
  CHECK(echo.has_proto("icmp"));
  CHECK_FALSE(echo.has_proto("udp"));
  CHECK(echo.op().empty());
  CHECK(echo.icmp->data.data() == kEchoRequestFrame.data() + kL4 + 8);  // points into the frame

  CHECK(decode_frame(kTimeExceededFrame).type() == "time-exceeded");
  CHECK(decode_frame(kPortUnreachableFrame).type() == "unreachable");

  const FrameInfo udp = decode_frame(kUdpFrame);
  REQUIRE(udp.udp);
  CHECK(udp.proto() == "udp");
  CHECK(udp.src_port() == 49152);
  CHECK(udp.dst_port() == 33434);
  CHECK(udp.has_proto("udp"));
  CHECK_FALSE(udp.has_proto("dns"));

  const FrameInfo syn = decode_frame(kTcpSynFrame);
  REQUIRE(syn.tcp);
  CHECK(syn.proto() == "tcp");
  CHECK(syn.flags() == "SYN");
  CHECK(decode_frame(kTcpSynAckFrame).flags() == "SYN-ACK");
  CHECK(decode_frame(kTcpPshAckFrame).flags() == "PSH-ACK");
  CHECK(syn.dst_port() == 80);
  CHECK(syn.has_proto("tcp"));
  CHECK(syn.has_proto("ipv4"));
  CHECK_FALSE(syn.has_proto("arp"));
  CHECK_FALSE(syn.has_proto("bogus"));

  const FrameInfo tagged = decode_frame(kVlanEchoFrame);
  CHECK(tagged.eth.vlan == 10);
  CHECK(tagged.type() == "echo-request");
}

TEST_CASE("decode_frame: DNS and DHCP are UDP by port", "[frame]") {
  for (auto [src, dst, proto] : {std::tuple{49152, 53, "dns"}, std::tuple{53, 49152, "dns"},
                                 std::tuple{68, 67, "dhcp"}, std::tuple{67, 68, "dhcp"}}) {
    Ipv4Repr ip = ip_header(IpProtocol::Udp, 8);
    auto frame = ipv4_frame(ip);
    UdpRepr{static_cast<uint16_t>(src), static_cast<uint16_t>(dst), {}}.emit(
        std::span<uint8_t>(frame).subspan(kL4), ip.src, ip.dst);
    const FrameInfo info = decode_frame(frame);
    CHECK(info.proto() == proto);
    CHECK(info.has_proto(proto));
    CHECK(info.has_proto("udp"));
    CHECK(info.has_proto("ipv4"));
    CHECK(info.has_proto("eth"));
    CHECK_FALSE(info.has_proto(std::string_view(proto) == "dns" ? "dhcp" : "dns"));
  }
}

TEST_CASE("decode_frame: fragments stop at IPv4", "[frame]") {
  Ipv4Repr first = ip_header(IpProtocol::Udp, 16);
  first.more_fragments = true;
  Ipv4Repr later = ip_header(IpProtocol::Udp, 16);
  later.fragment_offset = 1480;
  for (const Ipv4Repr& ip : {first, later}) {
    const FrameInfo info = decode_frame(ipv4_frame(ip));
    CHECK(info.ip);
    CHECK(info.is_fragment);
    CHECK_FALSE(info.udp);
    CHECK_FALSE(info.error);
    CHECK(info.proto() == "ipv4");
  }
}

TEST_CASE("decode_frame: the first failing layer is reported", "[frame]") {
  auto bad_ip = kEchoRequestFrame;
  bad_ip[kEth + 8] = 1;  // TTL changed, checksum not
  FrameInfo info = decode_frame(bad_ip);
  CHECK_FALSE(info.ip);
  CHECK(info.error == ParseError::BadChecksum);
  CHECK(info.proto() == "eth");

  auto bad_udp = kUdpFrame;
  bad_udp.back() ^= 1;
  info = decode_frame(bad_udp);
  CHECK(info.ip);
  CHECK_FALSE(info.udp);
  CHECK(info.error == ParseError::BadChecksum);
  CHECK(info.proto() == "ipv4");

  info = decode_frame(bytes(kArpRequestFrame).first(30));
  CHECK(info.ethernet_ok);
  CHECK(info.error == ParseError::Truncated);

  info = decode_frame(bytes(kArpRequestFrame).first(5));
  CHECK_FALSE(info.ethernet_ok);
  CHECK(info.error == ParseError::Truncated);
  CHECK(info.proto() == "eth");
  CHECK(info.has_proto("eth"));
}

TEST_CASE("summarize: tcpdump-like lines", "[frame]") {
  CHECK(summarize(kArpRequestFrame) ==
        "ARP, Request who-has 192.168.1.3 tell 192.168.1.1, length 28");
  CHECK(summarize(kArpReplyFrame) == "ARP, Reply 192.168.1.3 is-at 02:00:00:00:0a:03, length 28");
  CHECK(summarize(kEchoRequestFrame) ==
        "IP (ttl 64) 192.168.1.1 > 192.168.1.3: ICMP echo request, id 1, seq 1, length 64");
  CHECK(summarize(kTimeExceededFrame) ==
        "IP (ttl 64) 10.0.0.2 > 192.168.1.10: ICMP time exceeded in-transit, length 36");
  CHECK(summarize(kPortUnreachableFrame) ==
        "IP (ttl 64) 192.168.2.20 > 192.168.1.10: ICMP 192.168.2.20 udp port 33434 unreachable, "
        "length 36");
  CHECK(summarize(kUdpFrame) ==
        "IP (ttl 64) 192.168.1.10.49152 > 192.168.2.20.33434: UDP, length 32");
  CHECK(
      summarize(kTcpSynFrame) ==
      "IP (ttl 64) 10.0.0.1.49152 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460], "
      "length 0");
  CHECK(summarize(kTcpSynAckFrame) ==
        "IP (ttl 64) 10.0.0.2.80 > 10.0.0.1.49152: Flags [S.], seq 1000, ack 1, win 65160, "
        "options [mss 1460,sackOK,wscale 7], length 0");
  CHECK(summarize(kTcpPshAckFrame) ==
        "IP (ttl 64) 10.0.0.1.49152 > 10.0.0.2.80: Flags [P.], seq 1:6, ack 1001, win 502, length 5");
  // Relative to the ISNs of both directions, as tcpdump prints a connection.
  CHECK(summarize(kTcpPshAckFrame, TcpSequenceBases{0, 1000}) ==
        "IP (ttl 64) 10.0.0.1.49152 > 10.0.0.2.80: Flags [P.], seq 1:6, ack 1, win 502, length 5");
  CHECK(
      summarize(kVlanEchoFrame) ==
      "vlan 10, IP (ttl 64) 192.168.1.1 > 192.168.1.3: ICMP echo request, id 7, seq 3, length 12");
}

TEST_CASE("summarize: other ICMP unreachables", "[frame]") {
  const auto quoted = bytes(kPortUnreachableFrame, kL4 + 8);  // IP header + 8 bytes of UDP
  const std::pair<UnreachableCode, const char*> table[] = {
      {UnreachableCode::Net, "ICMP net 192.168.2.20 unreachable"},
      {UnreachableCode::Host, "ICMP host 192.168.2.20 unreachable"},
      {UnreachableCode::Protocol, "ICMP 192.168.2.20 protocol 17 unreachable"},
      {UnreachableCode::FragmentationNeeded,
       "ICMP 192.168.2.20 unreachable - need to frag (mtu 1400)"},
      {UnreachableCode::AdminProhibited,
       "ICMP host 192.168.2.20 unreachable - admin prohibited filter"},
      {static_cast<UnreachableCode>(9), "ICMP 192.168.2.20 unreachable code 9"},
  };
  for (const auto& [code, text] : table) {
    IcmpRepr icmp{IcmpType::DestinationUnreachable, static_cast<uint8_t>(code), 0, 0, 1400, quoted};
    Ipv4Repr ip = ip_header(IpProtocol::Icmp, static_cast<uint16_t>(icmp.buffer_len()));
    auto frame = ipv4_frame(ip);
    icmp.emit(std::span<uint8_t>(frame).subspan(kL4));
    CHECK(summarize(frame) ==
          "IP (ttl 64) 10.0.0.1 > 10.0.0.2: " + std::string(text) + ", length 36");
  }
}

TEST_CASE("summarize: fragments, other protocols, other EtherTypes, malformed", "[frame]") {
  Ipv4Repr frag = ip_header(IpProtocol::Udp, 16);
  frag.identification = 4660;
  frag.fragment_offset = 1480;
  frag.more_fragments = true;
  CHECK(summarize(ipv4_frame(frag)) == "IP (ttl 64) 10.0.0.1 > 10.0.0.2: UDP (frag 4660:16@1480+)");
  frag.more_fragments = false;
  CHECK(summarize(ipv4_frame(frag)) == "IP (ttl 64) 10.0.0.1 > 10.0.0.2: UDP (frag 4660:16@1480)");

  Ipv4Repr gre = ip_header(static_cast<IpProtocol>(47), 24);
  gre.ttl = 3;
  CHECK(summarize(ipv4_frame(gre)) == "IP (ttl 3) 10.0.0.1 > 10.0.0.2: ip-proto-47, length 24");

  auto lldp = kArpRequestFrame;
  store_be16(lldp.data() + 12, 0x88cc);
  CHECK(summarize(lldp) == "ethertype 0x88cc, length 46");

  auto bad_ip = kEchoRequestFrame;
  bad_ip[kEth + 8] = 1;
  CHECK(summarize(bad_ip) == "malformed IPv4 (bad-checksum)");
  auto bad_udp = kUdpFrame;
  bad_udp.back() ^= 1;
  CHECK(summarize(bad_udp) ==
        "IP (ttl 64) 192.168.1.10 > 192.168.2.20: malformed UDP (bad-checksum)");
  CHECK(summarize(bytes(kArpRequestFrame).first(20)) == "malformed ARP (truncated)");
  CHECK(summarize(bytes(kArpRequestFrame).first(3)) == "malformed Ethernet (truncated)");
  CHECK(summarize(bytes(kVlanEchoFrame).first(30)) == "vlan 10, malformed IPv4 (truncated)");
}

TEST_CASE("describe_layers: one line per layer", "[frame]") {
  const auto syn = describe_layers(kTcpSynAckFrame);
  REQUIRE(syn.size() == 3);
  CHECK(syn[0] == "Ethernet: dst=02:00:00:00:0a:01 src=02:00:00:00:0a:03 type=IPv4");
  CHECK(syn[1] ==
        "IPv4: version=4 ihl=5 tos=0x00 total_length=52 id=0x0000 flags=DF fragment_offset=0 "
        "ttl=64 protocol=TCP checksum=0x26c2 src=10.0.0.2 dst=10.0.0.1");
  CHECK(syn[2] ==
        "TCP: src_port=80 dst_port=49152 seq=1000 ack=1 data_offset=8 flags=SYN-ACK window=65160 "
        "checksum=0x983c urgent=0 options=[mss 1460,sackOK,wscale 7] payload_len=0");

  const auto arp = describe_layers(kArpRequestFrame);
  REQUIRE(arp.size() == 2);
  CHECK(arp[1] ==
        "ARP: op=request sender_mac=02:00:00:00:0a:01 sender_ip=192.168.1.1 "
        "target_mac=00:00:00:00:00:00 target_ip=192.168.1.3");

  const auto echo = describe_layers(kVlanEchoFrame);
  REQUIRE(echo.size() == 3);
  CHECK(echo[0] == "Ethernet: dst=02:00:00:00:0a:03 src=02:00:00:00:0a:01 vlan=10 type=IPv4");
  CHECK(echo[2].rfind("ICMP: type=echo-request code=0 checksum=0x", 0) == 0);
  CHECK(echo[2].substr(echo[2].size() - 22) == " id=7 seq=3 data_len=4");

  const auto udp = describe_layers(kUdpFrame);
  REQUIRE(udp.size() == 3);
  CHECK(udp[2].rfind("UDP: src_port=49152 dst_port=33434 length=40 checksum=0x", 0) == 0);

  auto bad_udp = kUdpFrame;
  bad_udp.back() ^= 1;
  const auto bad = describe_layers(bad_udp);
  REQUIRE(bad.size() == 3);
  CHECK(bad[2] == "UDP: malformed header (bad-checksum)");

  const auto runt = describe_layers(bytes(kArpRequestFrame).first(3));
  REQUIRE(runt.size() == 1);
  CHECK(runt[0] == "Ethernet: malformed frame (truncated), 3 bytes");
}

TEST_CASE("decode_frame, summarize and describe_layers survive garbage", "[frame]") {
  std::mt19937 rng(20240611);  // fixed seed: the same 10k buffers on every run
  const std::vector<const std::vector<uint8_t>*> seeds = {
      &kArpRequestFrame,      &kEchoRequestFrame, &kTimeExceededFrame, &kUdpFrame,
      &kPortUnreachableFrame, &kTcpSynFrame,      &kTcpSynAckFrame,    &kVlanEchoFrame};
  size_t decoded_l4 = 0;
  for (int i = 0; i < 10000; ++i) {
    std::vector<uint8_t> frame;
    if (i % 2 == 0) {  // pure noise, with the EtherType steered half of the time
      frame.resize(rng() % 128);
      for (auto& b : frame) b = static_cast<uint8_t>(rng());
      if (frame.size() >= 14 && rng() % 2)
        store_be16(frame.data() + 12, rng() % 2 ? 0x0800 : 0x8100);
    } else {  // a valid frame with a few bytes flipped and a random cut
      frame = *seeds[rng() % seeds.size()];
      for (int flips = 1 + rng() % 3; flips > 0; --flips)
        frame[rng() % frame.size()] ^= 1u << (rng() % 8);
      frame.resize(frame.size() - rng() % 8);
    }
    const FrameInfo info = decode_frame(frame);
    if (!info.ethernet_ok) CHECK(info.error);
    if (info.icmp || info.udp || info.tcp) ++decoded_l4;
    CHECK_FALSE(summarize(frame).empty());
    CHECK_FALSE(describe_layers(frame).empty());
  }
  CHECK(decoded_l4 > 0);  // the mutations do reach the inner parsers
}

TEST_CASE("ParseError names", "[frame]") {
  CHECK(to_string(ParseError::Truncated) == "truncated");
  CHECK(to_string(ParseError::BadVersion) == "bad-version");
  CHECK(to_string(ParseError::BadHeaderLength) == "bad-header-length");
  CHECK(to_string(ParseError::BadLength) == "bad-length");
  CHECK(to_string(ParseError::BadChecksum) == "bad-checksum");
  CHECK(to_string(ParseError::Unsupported) == "unsupported");
}
