// The l3switch: SVIs over the bridge core (a broadcast both flooded and
// processed, one shared MAC, carrier from the VLAN's ports, MTU from their
// links), routing between VLANs, answers from the arrival VLAN, and auto
// routing's neighbours found through VLANs.
#include "devices/l3switch.h"

#include <catch2/catch.hpp>

#include "devices/routing/auto_routing.h"
#include "net_fixture.h"

using namespace netsim;
using namespace netsim::test;
using devices::VlanConfig;
using wire::IcmpType;
using wire::Ipv4Repr;

namespace {

const wire::MacAddress kSharedMac = mac(0x30);
const uint8_t kData[] = {'s', 'v', 'i'};

// l3 with p1 (access 10), p2 (access 10), p3 (access 20), each to a Sink,
// and SVIs vlan10 192.168.10.1/24, vlan20 192.168.20.1/24.
struct TwoVlans {
  Net net;
  devices::L3Switch& l3 =
      net.add<devices::L3Switch>("l3", seconds(300), kSharedMac, devices::IpNodeConfig{});
  std::vector<Sink*> sinks;
  std::vector<Link*> links;
  TwoVlans() {
    const uint16_t vlans[] = {10, 10, 20};
    for (int i = 0; i < 3; ++i) {
      const std::string n = std::to_string(i + 1);
      Sink& s = net.add<Sink>("s" + n);
      links.push_back(&net.link(l3.add_port("p" + n, mac(static_cast<uint8_t>(100 + i))),
                                s.add_port("eth0", mac(static_cast<uint8_t>(1 + i)))));
      l3.bridge().set_vlans(static_cast<uint32_t>(i), VlanConfig::access(vlans[i]));
      sinks.push_back(&s);
    }
    l3.add_vlan_interface(10, prefix("192.168.10.1/24"));
    l3.add_vlan_interface(20, prefix("192.168.20.1/24"));
  }
  Port& port(int n) { return *l3.ports()[static_cast<size_t>(n - 1)]; }
  void arrive(int n, Packet frame) {
    l3.receive(port(n), std::move(frame));
    net.run();
  }
  // Sink 1 (192.168.10.10) and sink 3 (192.168.20.10) introduce themselves.
  void introduce() {
    arrive(1,
           arp_frame(
               net.ctx, wire::MacAddress::broadcast(),
               {wire::ArpOperation::Request, mac(1), ip("192.168.10.10"), {}, ip("192.168.10.1")}));
    arrive(3,
           arp_frame(
               net.ctx, wire::MacAddress::broadcast(),
               {wire::ArpOperation::Request, mac(3), ip("192.168.20.10"), {}, ip("192.168.20.1")}));
    for (Sink* s : sinks) s->frames.clear();
  }
  // An echo request from sink 1 (192.168.10.10) to its gateway's MAC.
  void ping_from_sink1(const char* dst, uint8_t ttl = 64) {
    Ipv4Repr h;
    h.src = ip("192.168.10.10");
    h.dst = ip(dst);
    h.ttl = ttl;
    h.identification = 5;
    arrive(1,
           icmp_frame(net.ctx, kSharedMac, mac(1), h, {IcmpType::EchoRequest, 0, 7, 1, 0, kData}));
  }
};

}  // namespace

TEST_CASE("a broadcast in a VLAN is flooded to that VLAN and answered by its SVI") {
  TwoVlans t;
  t.arrive(1,
           arp_frame(
               t.net.ctx, wire::MacAddress::broadcast(),
               {wire::ArpOperation::Request, mac(1), ip("192.168.10.10"), {}, ip("192.168.10.1")}));
  REQUIRE(t.sinks[1]->frames.size() == 1);  // flooded in VLAN 10
  CHECK(t.sinks[1]->frames[0].info().arp->op == wire::ArpOperation::Request);
  CHECK(t.sinks[2]->frames.empty());        // VLAN 20 never sees it
  REQUIRE(t.sinks[0]->frames.size() == 1);  // vlan10's answer, switched to where s1 was learned
  const auto reply = t.sinks[0]->frames[0].info();
  REQUIRE(reply.arp);
  CHECK(reply.arp->op == wire::ArpOperation::Reply);
  CHECK(reply.arp->sender_mac == kSharedMac);
  CHECK(reply.eth.src == kSharedMac);
  CHECK_FALSE(reply.eth.vlan);
  CHECK(t.net.rec.decided("l3: ARP reply to 192.168.10.10: 192.168.10.1 is at 02:00:00:00:00:30"));
  REQUIRE(t.l3.ip().stack().arp_rows().size() == 1);
  CHECK(t.l3.ip().stack().arp_rows()[0].iface == "vlan10");
}

TEST_CASE("an l3switch routes between its VLANs: TTL lowered, ARP in the outgoing VLAN") {
  TwoVlans t;
  t.introduce();
  t.ping_from_sink1("192.168.20.10");
  REQUIRE(t.sinks[2]->frames.size() == 1);
  const auto out = t.sinks[2]->frames[0].info();
  REQUIRE(out.ip);
  CHECK(out.ip->ttl == 63);
  CHECK(out.eth.src == kSharedMac);
  CHECK(out.eth.dst == mac(3));
  CHECK(t.sinks[1]->frames.empty());  // to the shared MAC: never flooded in VLAN 10
  CHECK(t.net.rec.decided("forwarded 192.168.10.10 -> 192.168.20.10 out vlan20"));
  const devices::Route* route = t.l3.ip().stack().route_lookup(ip("192.168.20.10"));
  REQUIRE(route);
  CHECK(t.l3.ip().stack().route_port_name(*route) == "vlan20");
}

TEST_CASE("a packet to the other VLAN's address is answered from the VLAN it came in") {
  TwoVlans t;
  t.introduce();
  t.ping_from_sink1("192.168.20.1");
  REQUIRE(t.sinks[0]->frames.size() == 1);
  const auto reply = t.sinks[0]->frames[0].info();
  REQUIRE(reply.icmp);
  CHECK(reply.icmp->type == IcmpType::EchoReply);
  CHECK(reply.ip->src == ip("192.168.20.1"));
  CHECK(t.sinks[2]->frames.empty());  // VLAN 20 saw nothing
}

TEST_CASE("TTL 1 through an l3switch: time exceeded from the interface facing the sender") {
  TwoVlans t;
  t.introduce();
  t.ping_from_sink1("192.168.20.10", 1);
  CHECK(t.sinks[2]->frames.empty());
  REQUIRE(t.sinks[0]->frames.size() == 1);
  const auto error = t.sinks[0]->frames[0].info();
  REQUIRE(error.icmp);
  CHECK(error.icmp->type == IcmpType::TimeExceeded);
  CHECK(error.ip->src == ip("192.168.10.1"));
}

TEST_CASE("an SVI is up while a port of its VLAN has a link; its MTU is its links' smallest") {
  TwoVlans t;
  devices::Svi& vlan10 = *t.l3.vlan_interface(10);
  devices::Svi& vlan20 = *t.l3.vlan_interface(20);
  CHECK(vlan10.name() == "vlan10");
  CHECK(vlan10.mac() == kSharedMac);
  CHECK(vlan10.carrier());
  t.links[0]->params().mtu = 1400;
  CHECK(vlan10.mtu() == 1400);
  CHECK(vlan20.mtu() == 1500);

  t.introduce();
  REQUIRE(t.l3.ip().stack().arp_lookup(ip("192.168.20.10")));
  t.net.set_link(*t.links[2], false);
  CHECK_FALSE(vlan20.carrier());
  CHECK(t.net.rec.decided("l3: vlan20 down: no port of VLAN 20 has a link"));
  CHECK_FALSE(t.l3.ip().stack().arp_lookup(ip("192.168.20.10")));  // flushed with the carrier
  t.net.set_link(*t.links[0], false);
  CHECK(vlan10.carrier());  // p2 still carries VLAN 10
  t.net.set_link(*t.links[2], true);
  CHECK(vlan20.carrier());
  CHECK(t.net.rec.decided("l3: vlan20 up: p3 is its VLAN's first port with a link"));
}

TEST_CASE("auto routing: an l3switch and a router are neighbours only when they share a VLAN") {
  for (const uint16_t r_vlan : {99, 20}) {
    // l3 (vlan99 10.0.99.1/30, p24 trunk [99]) -- sw (p24 trunk [99], p9 access r_vlan) -- r
    Net net;
    devices::IpNodeConfig automatic;
    automatic.routing_auto = true;
    auto& l3 = net.add<devices::L3Switch>("l3", seconds(300), kSharedMac, automatic);
    auto& sw = net.add<devices::Switch>("sw", seconds(300));
    auto& r = net.router("r", automatic);
    const std::vector<uint16_t> trunk = {99};
    net.link(l3.add_port("p24", mac(10)), sw.add_port("p24", mac(11)));
    l3.bridge().set_vlans(0, VlanConfig::trunk(trunk));
    sw.bridge().set_vlans(0, VlanConfig::trunk(trunk));
    net.link(sw.add_port("p9", mac(12)), r.add_interface("g0", mac(13), prefix("10.0.99.2/30")));
    sw.bridge().set_vlans(1, VlanConfig::access(r_vlan));
    Sink& lan = net.add<Sink>("lan");
    net.link(r.add_interface("g1", mac(14), prefix("10.1.0.1/24")), lan.add_port("eth0", mac(15)));
    l3.add_vlan_interface(99, prefix("10.0.99.1/30"));

    devices::AutoRouting(net.node_list()).recompute();
    const devices::Route* route = l3.ip().stack().route_lookup(ip("10.1.0.10"));
    if (r_vlan == 99) {
      REQUIRE(route);
      CHECK(route->via == ip("10.0.99.2"));
      CHECK(l3.ip().stack().route_port_name(*route) == "vlan99");
    } else {
      CHECK_FALSE(route);  // r's port is in VLAN 20: another broadcast domain
    }
  }
}
