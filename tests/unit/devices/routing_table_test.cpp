// Longest prefix match, origin preference, next-hop binding, dead interfaces.
#include <catch2/catch.hpp>

#include "net_fixture.h"

using namespace netsim;
using namespace netsim::test;
using devices::RouteOrigin;

namespace {
struct ThreeLegs {
  Net net;
  devices::IpNode& r = net.router("r");
  Port& g0 = r.add_interface("g0", mac(10), prefix("192.168.1.1/24"));
  Port& g1 = r.add_interface("g1", mac(11), prefix("10.0.0.1/30"));
  Port& g2 = r.add_interface("g2", mac(12), prefix("10.0.1.1/30"));
  ThreeLegs() {
    int i = 0;
    for (Port* p : {&g0, &g1, &g2}) {
      Sink& s = net.add<Sink>("s" + std::to_string(i));
      net.link(*p, s.add_port("eth0", mac(static_cast<uint8_t>(20 + i++))));
    }
  }
  std::string describe_first(const char* dst) {
    return r.stack().describe_route(*r.stack().route_lookup(ip(dst)));
  }
  std::string via(const char* dst) {
    const devices::Route* route = r.stack().route_lookup(ip(dst));
    if (!route) return "none";
    return (route->via ? route->via->to_string() : "direct") + " " +
           r.stack().route_port_name(*route);
  }
};
}  // namespace

TEST_CASE("longest prefix match picks /24 over /16 over the default") {
  ThreeLegs t;
  REQUIRE(t.r.add_static_route(prefix("0.0.0.0/0"), ip("10.0.0.2"), ""));
  REQUIRE(t.r.add_static_route(prefix("172.16.0.0/16"), ip("10.0.0.2"), ""));
  REQUIRE(t.r.add_static_route(prefix("172.16.5.0/24"), ip("10.0.1.2"), ""));
  CHECK(t.via("172.16.5.9") == "10.0.1.2 g2");
  CHECK(t.via("172.16.9.9") == "10.0.0.2 g1");
  CHECK(t.via("8.8.8.8") == "10.0.0.2 g1");
  CHECK(t.via("192.168.1.77") == "direct g0");
  CHECK(t.r.stack().describe_route(*t.r.stack().route_lookup(ip("172.16.5.9"))) ==
        "172.16.5.0/24 via 10.0.1.2 dev g2 static");

  // A dead interface's routes give way to a live match: the /16 takes over...
  t.net.set_link(*t.net.links[2], false);
  CHECK(t.via("172.16.5.9") == "10.0.0.2 g1");
  CHECK(t.via("10.0.1.2") == "10.0.0.2 g1");  // (even the connected /30 gives way to the default)
  // ...and are still used when nothing else matches (the packets die at the port).
  t.net.set_link(*t.net.links[1], false);
  CHECK(t.via("172.16.5.9") == "10.0.1.2 g2");
  // Links back: each answer is the live longest match again, whatever the
  // same destinations gave before (a router remembers recent lookups).
  t.net.set_link(*t.net.links[1], true);
  CHECK(t.via("172.16.5.9") == "10.0.0.2 g1");
  CHECK(t.via("172.16.5.9") == "10.0.0.2 g1");
  t.net.set_link(*t.net.links[2], true);
  CHECK(t.via("172.16.5.9") == "10.0.1.2 g2");
  CHECK(t.via("172.16.9.9") == "10.0.0.2 g1");
  t.net.set_link(*t.net.links[2], false);
  CHECK(t.via("172.16.5.9") == "10.0.0.2 g1");
  // A route added later wins at once.
  REQUIRE(t.r.add_static_route(prefix("172.16.5.9/32"), ip("10.0.1.2"), ""));
  t.net.set_link(*t.net.links[2], true);
  CHECK(t.describe_first("172.16.5.9") == "172.16.5.9/32 via 10.0.1.2 dev g2 static");
}

TEST_CASE("a next hop must be on a connected network; dev routes need none") {
  ThreeLegs t;
  CHECK_FALSE(t.r.add_static_route(prefix("172.16.0.0/16"), ip("10.9.9.9"), ""));
  CHECK_FALSE(t.r.add_static_route(prefix("172.16.0.0/16"), std::nullopt, ""));
  CHECK_FALSE(t.r.add_static_route(prefix("172.16.0.0/16"), std::nullopt, "nope"));
  CHECK(t.r.add_static_route(prefix("172.17.0.0/16"), std::nullopt, "g2"));
  CHECK(t.via("172.17.3.4") == "direct g2");
}

TEST_CASE("connected beats static beats auto for the same prefix; rows come sorted") {
  ThreeLegs t;
  auto& stack = t.r.stack();
  stack.replace_auto_routes({devices::Route{prefix("172.16.0.0/16"), ip("10.0.1.2"),
                                            &t.r.interface(t.g2), RouteOrigin::Auto, 2},
                             devices::Route{prefix("192.168.1.0/24"), ip("10.0.1.2"),
                                            &t.r.interface(t.g2), RouteOrigin::Auto, 3}});
  CHECK(t.via("172.16.1.1") == "10.0.1.2 g2");
  CHECK(t.via("192.168.1.5") == "direct g0");
  REQUIRE(t.r.add_static_route(prefix("172.16.0.0/16"), ip("10.0.0.2"), ""));
  CHECK(t.via("172.16.1.1") == "10.0.0.2 g1");
  CHECK(t.net.rec.decided("routes recomputed: 2 routes"));

  const auto rows = stack.route_rows();
  REQUIRE(rows.size() == 6);
  CHECK(rows[0].to == prefix("10.0.0.0/30"));
  CHECK(rows[1].to == prefix("10.0.1.0/30"));
  CHECK(rows[2].to == prefix("172.16.0.0/16"));
  CHECK(rows[2].origin == RouteOrigin::Static);
  CHECK(rows[3].origin == RouteOrigin::Auto);
  CHECK(rows[4].origin == RouteOrigin::Connected);
  CHECK(rows[5].origin == RouteOrigin::Auto);
}

TEST_CASE("a configured gateway binds once an interface reaches it") {
  Net net;
  devices::IpNodeConfig config;
  config.gateway = ip("192.168.1.1");
  auto& h = net.host("h", config);
  CHECK_FALSE(h.stack().route_lookup(ip("8.8.8.8")));
  Port& eth0 = h.add_interface("eth0", mac(1), prefix("192.168.1.10/24"));
  Sink& s = net.add<Sink>("s");
  net.link(eth0, s.add_port("eth0", mac(2)));
  const devices::Route* route = h.stack().route_lookup(ip("8.8.8.8"));
  REQUIRE(route);
  CHECK(route->via == ip("192.168.1.1"));
  CHECK(route->iface == &h.interface(eth0));
}
