// Whole small networks run end to end: ping and traceroute across routers,
// a hub's bystander, a routing loop, auto routing on a ring with a failure.
#include <catch2/catch.hpp>

#include "devices/routing/auto_routing.h"
#include "net_fixture.h"

using namespace netsim;
using namespace netsim::test;

namespace {
// routed-ping-traceroute.yaml: pc1 - sw1 - r1 =(10.0.0.0/30)= r2 - sw2 - pc2
struct TwoRouters {
  Net net;
  devices::IpNode* pc1;
  devices::IpNode* pc2;
  devices::IpNode* r1;
  devices::IpNode* r2;
  TwoRouters() {
    devices::IpNodeConfig c1, c2;
    c1.gateway = ip("192.168.1.1");
    c2.gateway = ip("192.168.2.1");
    pc1 = &net.host("pc1", c1);
    pc2 = &net.host("pc2", c2);
    auto& sw1 = net.add<devices::Switch>("sw1", seconds(300));
    auto& sw2 = net.add<devices::Switch>("sw2", seconds(300));
    r1 = &net.router("r1");
    r2 = &net.router("r2");
    Port& pc1_eth0 = pc1->add_interface("eth0", mac(1), prefix("192.168.1.10/24"));
    Port& pc2_eth0 = pc2->add_interface("eth0", mac(2), prefix("192.168.2.20/24"));
    Port& r1g0 = r1->add_interface("g0", mac(10), prefix("192.168.1.1/24"));
    Port& r1g1 = r1->add_interface("g1", mac(11), prefix("10.0.0.1/30"));
    Port& r2g0 = r2->add_interface("g0", mac(20), prefix("192.168.2.1/24"));
    Port& r2g1 = r2->add_interface("g1", mac(21), prefix("10.0.0.2/30"));
    REQUIRE(r1->add_static_route(prefix("192.168.2.0/24"), ip("10.0.0.2"), ""));
    REQUIRE(r2->add_static_route(prefix("192.168.1.0/24"), ip("10.0.0.1"), ""));
    LinkParams lan;
    lan.delay = microseconds(100);
    LinkParams wan;
    wan.bandwidth_bps = 10'000'000;
    wan.delay = milliseconds(2);
    net.link(pc1_eth0, sw1.add_port("p1", mac(31)), lan);
    net.link(sw1.add_port("p2", mac(32)), r1g0, lan);
    net.link(r1g1, r2g1, wan);
    net.link(r2g0, sw2.add_port("p1", mac(41)), lan);
    net.link(sw2.add_port("p2", mac(42)), pc2_eth0, lan);
  }
};
}  // namespace

TEST_CASE("ping across two routers: three requests a second apart, three replies") {
  TwoRouters t;
  int replies = -1;
  Time finished{0};
  t.pc1->stack().ping(ip("192.168.2.20"), 3, [&](int n) {
    replies = n;
    finished = t.net.ctx.now();
  });
  t.net.run();
  CHECK(replies == 3);
  CHECK(finished > seconds(2));
  CHECK(finished < seconds(3));
  // The requests reach pc2 with TTL 62; 84-byte IP packets like Linux ping.
  int requests = 0;
  for (const auto& s : t.net.rec.sent_at("sw2:p2"))
    if (auto info = s.info(); info.icmp && info.icmp->type == wire::IcmpType::EchoRequest) {
      ++requests;
      CHECK(info.ip->ttl == 62);
      CHECK(info.ip->buffer_len() == 84);
    }
  CHECK(requests == 3);
  CHECK(t.pc1->stack().arp_lookup(ip("192.168.1.1")) == mac(10));
}

TEST_CASE("traceroute across two routers lists each hop, then the destination") {
  TwoRouters t;
  std::vector<std::string> hops;
  t.pc1->stack().traceroute(ip("192.168.2.20"), 30,
                            [&](std::vector<std::string> h) { hops = std::move(h); });
  t.net.run();
  CHECK(hops == std::vector<std::string>{"192.168.1.1", "10.0.0.2", "192.168.2.20"});
  const devices::Route* route = t.r1->stack().route_lookup(ip("192.168.2.20"));
  REQUIRE(route);
  CHECK(route->via == ip("10.0.0.2"));
}

TEST_CASE("an unanswered hop shows as * and the probe count stops at max_hops") {
  TwoRouters t;
  t.r2->set_up(false);  // the far side is dead: hop 2 and beyond are silent
  std::vector<std::string> hops;
  t.pc1->stack().traceroute(ip("192.168.2.20"), 3,
                            [&](std::vector<std::string> h) { hops = std::move(h); });
  t.net.run();
  CHECK(hops == std::vector<std::string>{"192.168.1.1", "*", "*"});
  int replies = -1;
  t.pc1->stack().ping(ip("192.168.2.20"), 2, [&](int n) { replies = n; });
  t.net.run();
  CHECK(replies == 0);
}

TEST_CASE("ping to the node's own address and to localhost loops back") {
  TwoRouters t;
  int own = -1, local = -1;
  t.pc1->stack().ping(ip("192.168.1.10"), 2, [&](int n) { own = n; });
  t.pc1->stack().ping(ip("127.0.0.1"), 1, [&](int n) { local = n; });
  t.net.run();
  CHECK(own == 2);
  CHECK(local == 1);
  CHECK(t.net.rec.sent_at("pc1:eth0").empty());
}

TEST_CASE("on a hub the bystander sees the conversation; it drops the unicast as not for it") {
  Net net;
  auto& hub = net.add<devices::Hub>("hub1");
  devices::IpNode* hosts[3];
  for (int i = 0; i < 3; ++i) {
    hosts[i] = &net.host("a" + std::to_string(i + 1));
    const std::string address = "192.168.1." + std::to_string(i + 1) + "/24";
    Port& eth0 =
        hosts[i]->add_interface("eth0", mac(static_cast<uint8_t>(i + 1)), prefix(address.c_str()));
    net.link(eth0, hub.add_port("p" + std::to_string(i + 1), mac(static_cast<uint8_t>(50 + i))));
  }
  int replies = -1;
  hosts[0]->stack().ping(ip("192.168.1.3"), 2, [&](int n) { replies = n; });
  net.run();
  CHECK(replies == 2);
  size_t bystander_drops = 0;
  for (const auto& d : net.rec.drops)
    bystander_drops += d.node == "a2" && d.reason == DropReason::NotForUs;
  CHECK(bystander_drops == 5);  // ARP reply, 2 requests, 2 replies
  CHECK(hosts[2]->stack().arp_lookup(ip("192.168.1.1")) == mac(1));
}

TEST_CASE("a routing loop ends when the TTL runs out; the source hears once") {
  Net net;
  devices::IpNodeConfig c;
  c.gateway = ip("192.168.1.1");
  auto& pc1 = net.host("pc1", c);
  auto& r1 = net.router("r1");
  auto& r2 = net.router("r2");
  Port& eth0 = pc1.add_interface("eth0", mac(1), prefix("192.168.1.10/24"));
  Port& r1g0 = r1.add_interface("g0", mac(10), prefix("192.168.1.1/24"));
  Port& r1g1 = r1.add_interface("g1", mac(11), prefix("10.0.0.1/30"));
  Port& r2g1 = r2.add_interface("g1", mac(21), prefix("10.0.0.2/30"));
  REQUIRE(r1.add_static_route(prefix("0.0.0.0/0"), ip("10.0.0.2"), ""));
  REQUIRE(r2.add_static_route(prefix("0.0.0.0/0"), ip("10.0.0.1"), ""));
  REQUIRE(r2.add_static_route(prefix("192.168.1.0/24"), ip("10.0.0.1"), ""));
  net.link(eth0, r1g0);
  net.link(r1g1, r2g1);
  int replies = -1;
  pc1.stack().ping(ip("203.0.113.9"), 1, [&](int n) { replies = n; });
  net.run();
  CHECK(replies == 0);
  int exceeded = 0, looped = 0;
  for (const auto& s : net.rec.sent) {
    const auto info = s.info();
    if (s.at == "r1:g0" && info.icmp && info.icmp->type == wire::IcmpType::TimeExceeded) ++exceeded;
    // Sent or received at r1:g1 (what r2:g1 sent), as the scenario counts.
    if ((s.at == "r1:g1" || s.at == "r2:g1") && info.icmp &&
        info.icmp->type == wire::IcmpType::EchoRequest)
      ++looped;
  }
  CHECK(exceeded == 1);
  CHECK(looped == 63);  // TTL 63 down to 1 after r1's first decrement
}

namespace {
// auto-routing-failover.yaml: four routers in a ring, a host on r1 and on r2.
struct Ring {
  Net net;
  std::map<std::string, devices::IpNode*> n;
  std::map<std::string, Port*> p;
  std::map<std::string, Link*> l;
  std::unique_ptr<devices::AutoRouting> routing;
  void iface(const std::string& node, const std::string& name, const char* address) {
    static uint8_t next_mac = 1;
    p[node + ":" + name] = &n[node]->add_interface(name, mac(next_mac++), prefix(address));
  }
  void link(const std::string& a, const std::string& b, uint32_t cost = 1) {
    LinkParams params;
    params.delay = milliseconds(1);
    params.cost = cost;
    l[a + "-" + b] = &net.link(*p[a], *p[b], params);
  }
  explicit Ring(uint32_t r3_r4_cost = 1) {
    devices::IpNodeConfig ha, hb, auto_router;
    ha.gateway = ip("172.16.1.1");
    hb.gateway = ip("172.16.2.1");
    auto_router.routing_auto = true;
    n["a"] = &net.host("a", ha);
    n["b"] = &net.host("b", hb);
    for (const char* r : {"r1", "r2", "r3", "r4"}) n[r] = &net.router(r, auto_router);
    iface("a", "eth0", "172.16.1.10/24");
    iface("b", "eth0", "172.16.2.10/24");
    iface("r1", "lan", "172.16.1.1/24");
    iface("r1", "x", "10.0.12.1/30");
    iface("r1", "y", "10.0.14.1/30");
    iface("r2", "lan", "172.16.2.1/24");
    iface("r2", "x", "10.0.12.2/30");
    iface("r2", "y", "10.0.23.2/30");
    iface("r3", "x", "10.0.23.3/30");
    iface("r3", "y", "10.0.34.3/30");
    iface("r4", "x", "10.0.34.4/30");
    iface("r4", "y", "10.0.14.4/30");
    link("a:eth0", "r1:lan");
    link("b:eth0", "r2:lan");
    link("r1:x", "r2:x");
    link("r2:y", "r3:x");
    link("r3:y", "r4:x", r3_r4_cost);
    link("r4:y", "r1:y");
    routing = std::make_unique<devices::AutoRouting>(net.node_list());
    routing->recompute();
  }
  std::string via(const char* node, const char* dst) {
    const devices::Route* r = n[node]->stack().route_lookup(ip(dst));
    return r ? n[node]->stack().describe_route(*r) : "none";
  }
};
}  // namespace

TEST_CASE("auto routing on a ring: the direct path first, the long way after a failure") {
  Ring t;
  CHECK(t.via("r1", "172.16.2.10") == "172.16.2.0/24 via 10.0.12.2 dev x auto metric 1");
  CHECK(t.via("r3", "172.16.1.10") ==
        "172.16.1.0/24 via 10.0.23.2 dev x auto metric 2");  // tie: r2 < r4
  CHECK(t.via("r1", "10.0.23.3") == "10.0.23.0/30 via 10.0.12.2 dev x auto metric 1");
  CHECK(t.via("r1", "10.0.12.2") == "10.0.12.0/30 dev x connected");
  // As in the YAML, r3/r4 and r4/r1 sit in different /30s (10.0.34.3/30 is
  // in .0/30, 10.0.34.4/30 is its own network): neighbours are found on the
  // segment, not by subnet, so r1 also learns r4's two networks.
  CHECK(t.via("r1", "10.0.34.5") == "10.0.34.4/30 via 10.0.14.4 dev y auto metric 1");
  CHECK(t.net.rec.decided("r1: routes recomputed: 5 routes"));

  int before = -1;
  t.n["a"]->stack().ping(ip("172.16.2.10"), 2, [&](int r) { before = r; });
  t.net.run();
  CHECK(before == 2);

  t.net.set_link(*t.l["r1:x-r2:x"], false);
  t.routing->recompute();
  CHECK(t.via("r1", "172.16.2.10") == "172.16.2.0/24 via 10.0.14.4 dev y auto metric 3");
  CHECK(t.via("r2", "172.16.1.10") == "172.16.1.0/24 via 10.0.23.3 dev y auto metric 3");
  // The dead link's network is advertised by nobody now: only the dead connected route matches.
  CHECK(t.via("r1", "10.0.12.2") == "10.0.12.0/30 dev x connected");

  int after = -1;
  std::vector<std::string> hops;
  t.n["a"]->stack().ping(ip("172.16.2.10"), 2, [&](int r) {
    after = r;
    t.n["a"]->stack().traceroute(ip("172.16.2.10"), 30,
                                 [&](std::vector<std::string> h) { hops = std::move(h); });
  });
  t.net.run();
  CHECK(after == 2);
  CHECK(hops == std::vector<std::string>{"172.16.1.1", "10.0.14.4", "10.0.34.3", "10.0.23.2",
                                         "172.16.2.10"});

  t.net.set_link(*t.l["r1:x-r2:x"], true);
  t.routing->recompute();
  CHECK(t.via("r1", "172.16.2.10") == "172.16.2.0/24 via 10.0.12.2 dev x auto metric 1");
}

TEST_CASE("auto routing weighs link costs and ignores down routers") {
  Ring t(10);  // r3-r4 expensive: r3 reaches r1's LAN through r2
  CHECK(t.via("r3", "172.16.1.10") == "172.16.1.0/24 via 10.0.23.2 dev x auto metric 2");
  t.n["r2"]->set_up(false);
  t.routing->recompute();
  CHECK(t.via("r3", "172.16.1.10") == "172.16.1.0/24 via 10.0.34.4 dev y auto metric 11");
  CHECK(t.via("r1", "172.16.2.10") == "none");
}
