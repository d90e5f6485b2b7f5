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
