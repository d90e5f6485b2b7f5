// A switch's MAC table at T: rows from the bridge, lifetimes from the frames it received.
#include "viz/mac_table_view.h"

#include <catch2/catch.hpp>

#include "synthetic.h"

using namespace netsim;
using namespace netsim::viz;

namespace {
Time s(int64_t n) { return seconds(n); }
std::string key(uint8_t mac, int vlan) {
  char text[40];
  std::snprintf(text, sizeof text, "02:00:00:00:00:%02x vlan %d", mac, vlan);
  return text;
}

// sw1: p1 access 10, p2 access 20, p24 a trunk of 10 and 20 with native 1; aging 10 s.
Topology office() {
  Topology t;
  TopologyNode sw{.name = "sw1", .kind = NodeKind::Switch, .mac_aging = s(10)};
  sw.ports = {{"p1", {10, {}, {}}}, {"p2", {20, {}, {}}}, {"p24", {1, {10, 20}, 1}}};
  t.nodes = {sw, {"h1", NodeKind::Host}, {"h2", NodeKind::Host}, {"sw2", NodeKind::Switch}};
  t.links = {{{0, "p1"}, {1, "eth0"}}, {{0, "p2"}, {2, "eth0"}}, {{0, "p24"}, {3, "p24"}}};
  return t;
}
}  // namespace

TEST_CASE("entries live from learning until aged out, refreshed by frames the port accepts") {
  const Topology t = office();
  Recording r;
  synthetic::Events ev;
  uint64_t uid = 0;
  auto arrive = [&](int64_t at, const char* port, std::vector<uint8_t> frame) {
    r.add(ev.received(s(at), "sw1", port, std::move(frame), ++uid));
  };
  arrive(1, "p1", synthetic::from_mac(0x11));
  r.add(ev.table(s(1), "sw1", "mac", key(0x11, 10), "p1"));
  arrive(5, "p1", synthetic::from_mac(0x11));                         // refreshed: lives until 15
  arrive(7, "p1", synthetic::tagged(synthetic::from_mac(0x11), 10));  // refused: tagged on access
  arrive(8, "p24", synthetic::tagged(synthetic::from_mac(0x22), 10));
  r.add(ev.table(s(8), "sw1", "mac", key(0x22, 10), "p24"));
  arrive(9, "p2", synthetic::from_mac(0x11));  // the same MAC in VLAN 20: another entry
  r.add(ev.table(s(9), "sw1", "mac", key(0x11, 20), "p2"));
  arrive(10, "p24", synthetic::tagged(synthetic::from_mac(0x22), 20));  // VLAN 20: not 0x22's entry
  r.add(ev.table(s(12), "sw1", "mac", key(0x22, 10), ""));              // flushed
  r.add(ev.table(s(13), "sw1", "mac", key(0x11, 20), "p24"));           // moved
  r.finish(s(40));

  const MacTableView view(r, t, 0, PortStates(r, t));
  CHECK(view.aging() == s(10));
  CHECK(view.at(s(0)).empty());
  auto rows = view.at(s(1));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].mac == "02:00:00:00:00:11");
  CHECK(rows[0].vlan == 10);
  CHECK(rows[0].port == "p1");
  CHECK(rows[0].expires == s(11));
  CHECK(view.at(s(7))[0].expires == s(15));  // the tagged frame at 7 changed nothing
  rows = view.at(s(10));
  REQUIRE(rows.size() == 3);  // by VLAN, then MAC
  CHECK((rows[0].vlan == 10 && rows[0].mac == "02:00:00:00:00:11"));
  CHECK((rows[1].vlan == 10 && rows[1].mac == "02:00:00:00:00:22" && rows[1].port == "p24"));
  CHECK((rows[2].vlan == 20 && rows[2].mac == "02:00:00:00:00:11" && rows[2].port == "p2"));
  CHECK(rows[1].expires == s(18));    // the VLAN 20 frame at 10 is not its refresh
  CHECK(view.at(s(12)).size() == 2);  // 0x22 flushed
  rows = view.at(s(14));
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].port == "p24");
  CHECK(rows[1].expires == s(23));    // a move restarts the lifetime
  CHECK(view.at(s(15)).size() == 1);  // 0x11 in VLAN 10 aged out at 15
  CHECK(view.at(s(23)).empty());
  // The epoch changes exactly where the rows do.
  CHECK(view.epoch(s(2)) == view.epoch(s(4)));
  CHECK(view.epoch(s(4)) != view.epoch(s(5)));
  CHECK(view.epoch(s(30)) == view.epoch(s(40)));
}

TEST_CASE("a port that does not learn refreshes nothing") {
  const Topology t = office();
  Recording r;
  synthetic::Events ev;
  r.add(ev.received(s(1), "sw1", "p1", synthetic::from_mac(0x11), 1));
  r.add(ev.table(s(1), "sw1", "mac", key(0x11, 10), "p1"));
  r.add(ev.table(s(2), "sw1", "stp", "p1", "alternate blocking"));
  r.add(ev.received(s(5), "sw1", "p1", synthetic::from_mac(0x11), 2));
  r.finish(s(20));
  const MacTableView view(r, t, 0, PortStates(r, t));
  CHECK(view.at(s(5))[0].expires == s(11));
  CHECK(view.at(s(11)).empty());
}
