// The IPv4 engine: echo replies, forwarding (TTL, checksum, Ethernet
// rewrite), ICMP errors and when they are withheld, fragmentation and
// reassembly, port unreachable.
#include <catch2/catch.hpp>
#include <numeric>

#include "net_fixture.h"
#include "sim/wire/checksum.h"

using namespace netsim;
using namespace netsim::test;
using wire::IcmpRepr;
using wire::IcmpType;
using wire::Ipv4Repr;

namespace {
// a (sink, 192.168.1.10, mac 1) -- g0 [r] g1 -- b (sink, 10.0.0.2, mac 2)
struct Line {
  Net net;
  devices::IpNode& r = net.router("r");
  Port& g0 = r.add_interface("g0", mac(10), prefix("192.168.1.1/24"));
  Port& g1 = r.add_interface("g1", mac(11), prefix("10.0.0.1/30"));
  Sink& a = net.add<Sink>("a");
  Sink& b = net.add<Sink>("b");
  explicit Line(uint32_t g1_mtu = 1500) {
    net.link(g0, a.add_port("eth0", mac(1)));
    LinkParams p;
    p.mtu = g1_mtu;
    net.link(g1, b.add_port("eth0", mac(2)), p);
    // Both neighbours introduce themselves (RFC 826: a request for us teaches us the sender).
    r.receive(
        g0, arp_frame(
                net.ctx, wire::MacAddress::broadcast(),
                {wire::ArpOperation::Request, mac(1), ip("192.168.1.10"), {}, ip("192.168.1.1")}));
    r.receive(g1,
              arp_frame(net.ctx, wire::MacAddress::broadcast(),
                        {wire::ArpOperation::Request, mac(2), ip("10.0.0.2"), {}, ip("10.0.0.1")}));
    net.run();
    a.frames.clear();
    b.frames.clear();
    net.rec.sent.clear();
  }
  Ipv4Repr from_a(const char* dst, uint8_t ttl = 64) {
    Ipv4Repr h;
    h.src = ip("192.168.1.10");
    h.dst = ip(dst);
    h.ttl = ttl;
    h.identification = 77;
    return h;
  }
};

const uint8_t kData[] = {'h', 'e', 'l', 'l', 'o'};

std::vector<Sink::Arrival> icmp_only(const Sink& s) {
  std::vector<Sink::Arrival> out;
  for (const auto& f : s.frames)
    if (f.info().icmp) out.push_back(f);
  return out;
}
}  // namespace

TEST_CASE("a router decrements the TTL, keeps the checksum valid and rewrites Ethernet") {
  Line t;
  const IcmpRepr echo{IcmpType::EchoRequest, 0, 5, 1, 0, kData};
  t.r.receive(t.g0, icmp_frame(t.net.ctx, mac(10), mac(1), t.from_a("10.0.0.2", 64), echo));
  t.net.run();
  REQUIRE(t.b.frames.size() == 1);
  const auto info = t.b.frames[0].info();
  REQUIRE(info.ip);  // parse verified the header checksum
  CHECK(info.ip->ttl == 63);
  CHECK(info.ip->src == ip("192.168.1.10"));
  CHECK(info.eth.src == mac(11));
  CHECK(info.eth.dst == mac(2));
  REQUIRE(info.icmp);
  CHECK(*info.icmp == echo);
  CHECK(t.net.rec.decided(
      "forwarded 192.168.1.10 -> 10.0.0.2 out g1 (route 10.0.0.0/30 connected), TTL 63"));
}

TEST_CASE("TTL 1 is answered with time exceeded from the ingress interface's address") {
  Line t;
  const IcmpRepr echo{IcmpType::EchoRequest, 0, 5, 1, 0, kData};
  t.r.receive(t.g0, icmp_frame(t.net.ctx, mac(10), mac(1), t.from_a("10.0.0.2", 1), echo));
  t.net.run();
  CHECK(t.b.frames.empty());
  CHECK(t.net.rec.count_drops(DropReason::TtlExpired) == 1);
  REQUIRE(t.a.frames.size() == 1);
  const auto info = t.a.frames[0].info();
  REQUIRE(info.icmp);
  CHECK(info.icmp->type == IcmpType::TimeExceeded);
  CHECK(info.icmp->code == 0);
  CHECK(info.ip->src == ip("192.168.1.1"));
  CHECK(info.ip->dst == ip("192.168.1.10"));
  const auto quoted = Ipv4Repr::parse_quoted(info.icmp->data);
  REQUIRE(quoted);
  CHECK(quoted->ttl == 1);
  CHECK(quoted->identification == 77);
  CHECK(info.icmp->data.size() == 20 + 8 + sizeof kData);  // the whole small datagram is quoted
}

TEST_CASE("no route: ICMP net unreachable; ICMP errors are never sent about ICMP errors") {
  Line t;
  const IcmpRepr echo{IcmpType::EchoRequest, 0, 5, 1, 0, kData};
  t.r.receive(t.g0, icmp_frame(t.net.ctx, mac(10), mac(1), t.from_a("203.0.113.9"), echo));
  t.net.run();
  CHECK(t.net.rec.count_drops(DropReason::NoRoute) == 1);
  REQUIRE(t.a.frames.size() == 1);
  auto info = t.a.frames[0].info();
  REQUIRE(info.icmp);
  CHECK(info.icmp->type == IcmpType::DestinationUnreachable);
  CHECK(info.icmp->code == 0);
  CHECK(info.ip->src == ip("192.168.1.1"));

  // An ICMP error that itself cannot be routed dies silently (RFC 1122 §3.2.2).
  std::vector<uint8_t> quote(28, 0);
  const IcmpRepr error{IcmpType::DestinationUnreachable, 1, 0, 0, 0, quote};
  t.r.receive(t.g0, icmp_frame(t.net.ctx, mac(10), mac(1), t.from_a("203.0.113.9"), error));
  t.net.run();
  CHECK(t.a.frames.size() == 1);
  CHECK(t.net.rec.decided("it was an ICMP error"));

  // Nor about a link-layer broadcast: it is not even forwarded.
  t.r.receive(t.g0, icmp_frame(t.net.ctx, wire::MacAddress::broadcast(), mac(1),
                               t.from_a("10.0.0.2"), echo));
  t.net.run();
  CHECK(t.b.frames.empty());
  CHECK(t.a.frames.size() == 1);
}

TEST_CASE("a datagram larger than the egress MTU is fragmented on 8-byte boundaries") {
  Line t(576);
  std::vector<uint8_t> data(1000);
  std::iota(data.begin(), data.end(), 0);
  const wire::UdpRepr udp{4000, 9, data};
  t.r.receive(t.g0, udp_frame(t.net.ctx, mac(10), mac(1), t.from_a("10.0.0.2"), udp));
  t.net.run();
  REQUIRE(t.b.frames.size() == 2);
  const auto f1 = t.b.frames[0].info(), f2 = t.b.frames[1].info();
  REQUIRE((f1.ip && f2.ip));
  CHECK(f1.ip->payload_len == 552);  // (576 - 20) rounded down to a multiple of 8
  CHECK(f1.ip->fragment_offset == 0);
  CHECK(f1.ip->more_fragments);
  CHECK(f2.ip->payload_len == 1008 - 552);
  CHECK(f2.ip->fragment_offset == 552);
  CHECK_FALSE(f2.ip->more_fragments);
  CHECK(f1.ip->identification == 77);
  CHECK(f2.ip->identification == 77);
  CHECK(f1.ip->ttl == 63);
  CHECK(t.net.rec.sent_at("r:g1").size() == 2);
  CHECK(t.net.rec.decided("r: fragmented a 1028-byte datagram into 2 for MTU 576"));
}

TEST_CASE("the default source: the route's interface, a borrowed one if unnumbered, dst if local") {
  Line t;
  devices::Ipv4Stack& stack = t.r.stack();
  CHECK(stack.source_address_for(ip("10.0.0.2")) == ip("10.0.0.1"));
  CHECK(stack.source_address_for(ip("192.168.1.77")) == ip("192.168.1.1"));
  CHECK(stack.source_address_for(ip("10.0.0.1")) == ip("10.0.0.1"));  // ours: looped back
  CHECK(stack.source_address_for(ip("127.0.0.5")) == ip("127.0.0.5"));
  CHECK(stack.source_address_for(ip("8.8.8.8")).is_zero());  // no route
  CHECK(stack.is_local_destination(ip("127.0.0.1")));
  CHECK_FALSE(stack.is_local_destination(ip("10.0.0.2")));
  // An unnumbered interface with a dev route borrows the first numbered address.
  Port& g2 = t.r.add_interface("g2", mac(12), std::nullopt);
  REQUIRE(t.r.add_static_route(prefix("172.16.0.0/16"), std::nullopt, "g2"));
  Sink& c = t.net.add<Sink>("c");
  t.net.link(g2, c.add_port("eth0", mac(3)));
  CHECK(stack.source_address_for(ip("172.16.1.1")) == ip("192.168.1.1"));
}

TEST_CASE("DF set and too big: ICMP fragmentation needed with the next-hop MTU") {
  Line t(576);
  std::vector<uint8_t> data(1000);
  const wire::UdpRepr udp{4000, 9, data};
  auto h = t.from_a("10.0.0.2");
  h.dont_fragment = true;
  t.r.receive(t.g0, udp_frame(t.net.ctx, mac(10), mac(1), h, udp));
  t.net.run();
  CHECK(t.b.frames.empty());
  CHECK(t.net.rec.count_drops(DropReason::MtuExceeded) == 1);
  REQUIRE(t.a.frames.size() == 1);
  const auto info = t.a.frames[0].info();
  REQUIRE(info.icmp);
  CHECK(info.icmp->type == IcmpType::DestinationUnreachable);
  CHECK(info.icmp->code == 4);
  CHECK(info.icmp->next_hop_mtu == 576);
  // Quoted up to 576 bytes in all (RFC 1812 §4.3.2.3).
  CHECK(info.ip->payload_len == 576 - 20);
}

TEST_CASE("when ARP for the next hop fails, the source hears host unreachable") {
  Line t;
  const IcmpRepr echo{IcmpType::EchoRequest, 0, 5, 1, 0, kData};
  t.r.receive(t.g0,
              icmp_frame(t.net.ctx, mac(10), mac(1), t.from_a("10.0.0.3"), echo));  // nobody has .3
  t.net.run();
  CHECK(t.net.rec.count_drops(DropReason::ArpFailed) == 1);
  const auto errors = icmp_only(t.a);
  REQUIRE(errors.size() == 1);
  const auto info = errors[0].info();
  CHECK(info.icmp->type == IcmpType::DestinationUnreachable);
  CHECK(info.icmp->code == 1);
  CHECK(errors[0].at >= seconds(3));
}

namespace {
// h (10.0.0.1, mac 1) -- peer sink (10.0.0.2, mac 2), the peer already in h's ARP cache.
struct HostLine {
  Net net;
  devices::IpNode& h = net.host("h");
  Port& eth0 = h.add_interface("eth0", mac(1), prefix("10.0.0.1/24"));
  Sink& peer = net.add<Sink>("peer");
  explicit HostLine(uint32_t mtu = 1500) {
    LinkParams p;
    p.mtu = mtu;
    net.link(eth0, peer.add_port("eth0", mac(2)), p);
    h.receive(eth0,
              arp_frame(net.ctx, mac(1),
                        {wire::ArpOperation::Request, mac(2), ip("10.0.0.2"), {}, ip("10.0.0.1")}));
    net.run();
    peer.frames.clear();
  }
  Ipv4Repr from_peer() {
    Ipv4Repr ip_header;
    ip_header.src = ip("10.0.0.2");
    ip_header.dst = ip("10.0.0.1");
    return ip_header;
  }
};
}  // namespace

TEST_CASE("an echo request is answered with the same identifier, sequence and data") {
  HostLine t;
  const IcmpRepr echo{IcmpType::EchoRequest, 0, 0x1234, 7, 0, kData};
  t.h.receive(t.eth0, icmp_frame(t.net.ctx, mac(1), mac(2), t.from_peer(), echo));
  t.net.run();
  REQUIRE(t.peer.frames.size() == 1);
  const auto& bytes = t.peer.frames[0].bytes;
  const auto info = t.peer.frames[0].info();
  CHECK(info.eth.dst == mac(2));
  CHECK(info.eth.src == mac(1));
  CHECK(info.ip->src == ip("10.0.0.1"));
  CHECK(info.ip->dst == ip("10.0.0.2"));
  CHECK(info.ip->ttl == 64);
  REQUIRE(info.icmp);
  CHECK(*info.icmp == IcmpRepr{IcmpType::EchoReply, 0, 0x1234, 7, 0, kData});
  // The bytes themselves: type 0, code 0, a checksum over the message that folds to zero.
  CHECK(bytes[34] == 0);
  CHECK(bytes[35] == 0);
  CHECK(wire::fold_checksum(
            wire::ones_complement_sum(std::span(bytes).subspan(34, 8 + sizeof kData))) == 0);
  CHECK(bytes.size() == 60);  // padded by the NIC
}

TEST_CASE("UDP to a port with no socket gets ICMP port unreachable; a host does not forward") {
  HostLine t;
  const wire::UdpRepr udp{4000, 33434, kData};
  t.h.receive(t.eth0, udp_frame(t.net.ctx, mac(1), mac(2), t.from_peer(), udp));
  t.net.run();
  CHECK(t.net.rec.count_drops(DropReason::PortUnreachable) == 1);
  REQUIRE(t.peer.frames.size() == 1);
  auto info = t.peer.frames[0].info();
  REQUIRE(info.icmp);
  CHECK(info.icmp->type == IcmpType::DestinationUnreachable);
  CHECK(info.icmp->code == 3);

  // Not our address: a host drops it (no forwarding), and so does a NIC for another MAC.
  auto other = t.from_peer();
  other.dst = ip("10.0.0.9");
  t.h.receive(t.eth0, udp_frame(t.net.ctx, mac(1), mac(2), other, udp));
  t.h.receive(t.eth0, udp_frame(t.net.ctx, mac(9), mac(2), t.from_peer(), udp));
  t.net.run();
  CHECK(t.net.rec.count_drops(DropReason::NotForUs) == 2);
  CHECK(t.peer.frames.size() == 1);
}

TEST_CASE("fragments addressed to us are reassembled; the reply is fragmented again") {
  HostLine t;
  // A 2000-byte echo request cut in two by hand: 1480 + 528 bytes of ICMP.
  std::vector<uint8_t> data(2000);
  std::iota(data.begin(), data.end(), 0);
  const IcmpRepr echo{IcmpType::EchoRequest, 0, 9, 1, 0, data};
  std::vector<uint8_t> message(echo.buffer_len());
  echo.emit(message);
  for (auto [offset, length] : {std::pair<size_t, size_t>{1480, 528}, {0, 1480}}) {  // out of order
    Ipv4Repr h = t.from_peer();
    h.protocol = wire::IpProtocol::Icmp;
    h.identification = 500;
    h.fragment_offset = static_cast<uint16_t>(offset);
    h.more_fragments = offset == 0;
    h.payload_len = static_cast<uint16_t>(length);
    std::vector<uint8_t> body(h.buffer_len());
    h.emit(body);
    std::copy_n(message.begin() + static_cast<long>(offset), length, body.begin() + 20);
    t.h.receive(
        t.eth0,
        ethernet_frame(t.net.ctx, {mac(1), mac(2), std::nullopt, wire::EtherType::Ipv4}, body));
  }
  t.net.run();
  REQUIRE(t.peer.frames.size() == 2);
  size_t total = 0;
  for (const auto& f : t.peer.frames) total += f.info().ip->payload_len;
  CHECK(total == 2008);
  CHECK(t.net.rec.decided("reassembled datagram id 500 from 10.0.0.2: 2008 bytes"));
}

TEST_CASE("a fragment ending beyond 65535 bytes is dropped as malformed, not held") {
  HostLine t;
  Ipv4Repr h = t.from_peer();
  h.protocol = wire::IpProtocol::Udp;
  h.identification = 12;
  h.fragment_offset = 65512;  // + 32 bytes of data runs past the largest datagram
  h.more_fragments = true;
  h.payload_len = 32;
  std::vector<uint8_t> body(h.buffer_len());
  h.emit(body);
  t.h.receive(t.eth0, ethernet_frame(t.net.ctx,
                                     {mac(1), mac(2), std::nullopt, wire::EtherType::Ipv4}, body));
  t.net.run();
  CHECK(t.net.rec.count_drops(DropReason::Malformed) == 1);
  CHECK(t.net.rec.decided("it ends beyond 65535 bytes"));
  CHECK_FALSE(t.net.rec.decided("held for reassembly"));
  CHECK(t.net.ctx.now() < seconds(30));  // no reassembly timer was started
  CHECK(t.peer.frames.empty());
}

TEST_CASE("an incomplete datagram times out after 30 s with time exceeded (reassembly)") {
  HostLine t;
  std::vector<uint8_t> data(100, 1);
  Ipv4Repr h = t.from_peer();
  h.protocol = wire::IpProtocol::Udp;
  h.identification = 9;
  h.more_fragments = true;
  h.payload_len = 16;
  std::vector<uint8_t> body(h.buffer_len());
  h.emit(body);
  t.h.receive(t.eth0, ethernet_frame(t.net.ctx,
                                     {mac(1), mac(2), std::nullopt, wire::EtherType::Ipv4}, body));
  t.net.run();
  CHECK(t.net.ctx.now() >= seconds(30));
  CHECK(t.net.rec.count_drops(DropReason::TtlExpired) == 1);
  REQUIRE(t.peer.frames.size() == 1);
  const auto info = t.peer.frames[0].info();
  REQUIRE(info.icmp);
  CHECK(info.icmp->type == IcmpType::TimeExceeded);
  CHECK(info.icmp->code == 1);
}
