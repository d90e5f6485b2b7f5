// Panel text: layers field by field, tables, decisions, wrapping.
#include "viz/inspector.h"

#include <catch2/catch.hpp>

#include "synthetic.h"

using namespace netsim;
using namespace netsim::viz;

TEST_CASE("a describe_layers line becomes a heading and one line per field") {
  const auto lines = layer_lines(
      "TCP: src_port=80 dst_port=49152 flags=SYN-ACK options=[mss 1460, sackOK] payload_len=0");
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == "TCP");
  CHECK(lines[1] == "  src_port    = 80");
  CHECK(lines[4] == "  options     = [mss 1460, sackOK]");
  CHECK(layer_lines("Payload: fragment, 12 bytes") ==
        std::vector<std::string>{"Payload", "  fragment, 12 bytes"});
}

TEST_CASE("wrap_line breaks at spaces and indents the rest") {
  const auto w = wrap_line("  alpha beta gamma delta", 12);
  REQUIRE(w.size() == 3);
  CHECK(w[0] == "  alpha beta");
  CHECK(w[1] == "    gamma");
  CHECK(w[2] == "    delta");
  CHECK(wrap_line("short", 12) == std::vector<std::string>{"short"});
}

TEST_CASE("the node panel lists the tables with their rows") {
  Topology t;
  t.nodes = {{"r1", NodeKind::Router, {"g0 10.0.0.1/24"}, {}}};
  Tables tables;
  tables["arp"]["10.0.0.2"] = "02:00:00:00:00:02";
  const auto lines = node_panel_lines(t, 0, tables);
  CHECK(lines[0] == "r1  (router)");
  CHECK(lines[1] == "  g0 10.0.0.1/24");
  CHECK(std::find(lines.begin(), lines.end(), "arp (1 entry)") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "  10.0.0.2  02:00:00:00:00:02") != lines.end());
}

TEST_CASE("the frame panel shows the layers and the decisions on the frame") {
  Recording r;
  synthetic::Events ev;
  r.add(ev.decision(microseconds(5), "pc1", "eth0", "route 10.0.0.2: connected"));
  r.add(ev.sent(microseconds(5), "pc1", "eth0", "r1", "g0", microseconds(25),
                synthetic::icmp_echo(0x0a000001, 0x0a000002, 7), 3));
  r.add(ev.decision(microseconds(25), "r1", "g0", "forward to 10.0.0.2 via g1"));
  r.add(ev.decision(microseconds(26), "r1", "g0", "something later"));
  r.finish(microseconds(100));
  const auto lines = frame_panel_lines(r, 1);
  auto has = [&](std::string_view needle) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(needle) != std::string::npos; });
  };
  CHECK(lines[1] == "pc1:eth0 -> r1:g0");
  CHECK(has("ICMP"));
  CHECK(has("  ttl"));
  CHECK(has("route 10.0.0.2: connected"));
  CHECK(has("forward to 10.0.0.2 via g1"));
  CHECK_FALSE(has("something later"));
}

TEST_CASE("a router's panel shows the routes announced at the start of the run") {
  Topology t;
  t.nodes = {{"r1", NodeKind::Router, {"g0 10.0.0.1/24", "g1 10.1.0.1/24"}, {}}};
  Recording r;
  synthetic::Events ev;
  // As Ipv4Stack::announce_routes() says them, at time 0.
  r.add(ev.table(Time{0}, "r1", "route", "10.0.0.0/24 connected", "dev g0"));
  r.add(ev.table(Time{0}, "r1", "route", "10.1.0.0/24 connected", "dev g1"));
  r.add(ev.table(Time{0}, "r1", "route", "0.0.0.0/0 static", "via 10.1.0.2 dev g1"));
  r.finish(milliseconds(1));
  TableHistory h(r, r.find_name("r1"));
  const auto lines = node_panel_lines(t, 0, h.at(Time{0}));
  const std::vector<std::string> expected = {"r1  (router)",
                                             "  g0 10.0.0.1/24",
                                             "  g1 10.1.0.1/24",
                                             "",
                                             "route (3 entries)",
                                             "  0.0.0.0/0 static       via 10.1.0.2 dev g1",
                                             "  10.0.0.0/24 connected  dev g0",
                                             "  10.1.0.0/24 connected  dev g1"};
  CHECK(lines == expected);
}

namespace {
bool has_line(const std::vector<std::string>& lines, std::string_view line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}
}  // namespace

TEST_CASE("a switch's panel: its ports with VLANs and STP state, its MAC table per VLAN") {
  Topology t;
  TopologyNode sw{.name = "floor1", .kind = NodeKind::Switch};
  sw.ports = {{"p1", {10, {}, {}}}, {"p2", {20, {}, {}}}, {"p24", {1, {10, 20}, 1}}};
  t.nodes = {sw};
  Tables tables;
  tables["mac"]["02:00:00:00:10:11 vlan 10"] = "p1";  // shown as the MAC table below instead
  tables["stp"]["p24"] = "designated forwarding";     // shown with the ports instead
  tables["stp"]["root"] = "32768.02:00:00:00:00:01";  // not a port: shown as a row
  tables["igmp"]["x"] = "y";                          // any other table as it is
  BridgePanel bridge{seconds(3), {}, {}, seconds(300)};
  bridge.port_stp = {std::nullopt, PortStp{StpRole::Alternate, StpState::Blocking},
                     PortStp{StpRole::Designated, StpState::Forwarding}};
  bridge.mac_rows = {{10, "02:00:00:00:10:11", "p1", seconds(1), seconds(301)},
                     {20, "02:00:00:00:20:21", "p24", seconds(3), seconds(303)}};
  const auto lines = node_panel_lines(t, 0, tables, &bridge);
  CHECK(lines[0] == "floor1  (switch)");
  CHECK(has_line(lines, "ports (3)"));
  CHECK(has_line(lines, "  p1   access 10"));
  CHECK(has_line(lines, "  p2   access 20             alternate blocking"));
  CHECK(has_line(lines, "  p24  trunk 10,20 native 1  designated forwarding"));
  CHECK(has_line(lines, "MAC table (2 entries, aging 300 s)"));
  CHECK(has_line(lines, "  MAC                port  vlan  expires"));
  CHECK(has_line(lines, "  02:00:00:00:10:11  p1    10    in 298 s"));
  CHECK(has_line(lines, "  02:00:00:00:20:21  p24   20    in 300 s"));
  CHECK(has_line(lines, "igmp (1 entry)"));
  CHECK_FALSE(has_line(lines, "mac (1 entry)"));
  CHECK(has_line(lines, "stp (1 entry)"));
  CHECK(has_line(lines, "  root  32768.02:00:00:00:00:01"));
  CHECK_FALSE(has_line(lines, "  p24   designated forwarding"));
  CHECK(expires_text(seconds(10), milliseconds(9500)) == "in 1 s");
  CHECK(expires_text(seconds(10), seconds(11)) == "in 0 s");
}

TEST_CASE("an l3switch's panel lists its VLAN interfaces and the ports that carry them") {
  Topology t;
  TopologyNode l3{.name = "core", .kind = NodeKind::L3Switch};
  l3.addresses = {"vlan10 192.168.10.1/24", "vlan20 192.168.20.1/24"};
  l3.svis = {
      {10, "vlan10", "192.168.10.1/24"}, {20, "vlan20", "192.168.20.1/24"}, {30, "vlan30", ""}};
  l3.ports = {{"p1", {10, {}, {}}}, {"p24", {1, {10, 20}, {}}}};
  t.nodes = {l3};
  Tables tables;
  tables["route"]["192.168.10.0/24"] = "dev vlan10";
  tables["arp"]["192.168.20.7"] = "02:00:00:00:20:07 vlan20";
  const BridgePanel bridge{seconds(1), {}, {}, seconds(300)};
  const auto lines = node_panel_lines(t, 0, tables, &bridge);
  CHECK(lines[0] == "core  (l3switch)");
  CHECK(has_line(lines, "VLAN interfaces (SVIs)"));
  CHECK(has_line(lines, "  vlan10  192.168.10.1/24  on p1 p24"));
  CHECK(has_line(lines, "  vlan20  192.168.20.1/24  on p24"));
  CHECK(has_line(lines, "  vlan30  (no address)     no port carries it"));
  CHECK_FALSE(has_line(lines, "  vlan10 192.168.10.1/24"));  // not twice
  CHECK(has_line(lines, "route (1 entry)"));
  CHECK(has_line(lines, "arp (1 entry)"));
  CHECK(has_line(lines, "MAC table (0 entries, aging 300 s)"));
}
