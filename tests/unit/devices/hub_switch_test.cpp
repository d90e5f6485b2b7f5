// Hub repetition and the learning switch: learn, flood, forward, filter, age.
#include <catch2/catch.hpp>

#include "net_fixture.h"

using namespace netsim;
using namespace netsim::test;

namespace {
Packet frame_from(Context& ctx, uint8_t src, wire::MacAddress dst) {
  std::vector<uint8_t> body(46, 0xab);
  return ethernet_frame(ctx, {dst, mac(src), std::nullopt, wire::EtherType::Ipv4}, body);
}

// A node with `n` ports, each linked to its own Sink s1..sn.
template <typename Device>
struct Star {
  Net net;
  Device* device = nullptr;
  std::vector<Sink*> sinks;
  template <typename... Args>
  explicit Star(int n, Args&&... args) {
    device = &net.add<Device>(std::forward<Args>(args)...);
    for (int i = 1; i <= n; ++i) {
      Sink& s = net.add<Sink>("s" + std::to_string(i));
      net.link(device->add_port("p" + std::to_string(i), mac(static_cast<uint8_t>(100 + i))),
               s.add_port("eth0", mac(static_cast<uint8_t>(i))));
      sinks.push_back(&s);
    }
  }
  // Injects as if sink `from` (1-based) sent it.
  void inject(int from, Packet p) { device->receive(*device->ports()[from - 1], std::move(p)); }
};
}  // namespace

TEST_CASE("a hub repeats every frame out of every other port, sharing the buffer") {
  Star<devices::Hub> star(3, "hub1");
  star.sinks[0]->ports()[0]->send(frame_from(star.net.ctx, 1, mac(2)));
  star.net.run();
  CHECK(star.sinks[0]->frames.empty());
  REQUIRE(star.sinks[1]->frames.size() == 1);
  REQUIRE(star.sinks[2]->frames.size() == 1);
  // Port order: p2 sent before p3; both carry the same frame uid.
  auto sent = star.net.rec.sent;
  REQUIRE(sent.size() == 3);
  CHECK(sent[1].at == "hub1:p2");
  CHECK(sent[2].at == "hub1:p3");
  CHECK(sent[1].bytes == sent[2].bytes);
  CHECK(star.net.ctx.pool().buffers_created() == 1);  // one shared buffer, no copy per port
}

TEST_CASE("a switch floods unknown unicast, learns, then forwards to one port") {
  Star<devices::Switch> star(3, "sw1", seconds(300));
  auto& sw = *star.device;
  star.inject(1, frame_from(star.net.ctx, 1, mac(3)));  // unknown: flooded
  star.net.run();
  CHECK(star.sinks[0]->frames.empty());
  CHECK(star.sinks[1]->frames.size() == 1);
  CHECK(star.sinks[2]->frames.size() == 1);
  CHECK(sw.mac_table_lookup(mac(1), star.net.ctx.now()) == "p1");
  CHECK(star.net.rec.decided("learned 02:00:00:00:00:01 on p1"));
  CHECK(star.net.rec.decided("flooded unknown 02:00:00:00:00:03 out p2 p3"));

  star.inject(3, frame_from(star.net.ctx, 3, mac(1)));  // known: only p1
  star.net.run();
  CHECK(star.sinks[0]->frames.size() == 1);
  CHECK(star.sinks[1]->frames.size() == 1);
  CHECK(sw.mac_table_lookup(mac(3), star.net.ctx.now()) == "p3");

  star.inject(1, frame_from(star.net.ctx, 1, mac(3)));  // now known too
  star.net.run();
  CHECK(star.sinks[1]->frames.size() == 1);
  CHECK(star.sinks[2]->frames.size() == 2);

  const auto rows = sw.mac_table_rows(star.net.ctx.now());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].mac == mac(1));
  CHECK(rows[0].port == "p1");
  CHECK(rows[1].mac == mac(3));
  CHECK(rows[1].vlan == 1);
}

TEST_CASE("a switch floods broadcasts and never sends back out the ingress port") {
  Star<devices::Switch> star(3, "sw1", seconds(300));
  star.inject(2, frame_from(star.net.ctx, 2, wire::MacAddress::broadcast()));
  star.net.run();
  CHECK(star.sinks[0]->frames.size() == 1);
  CHECK(star.sinks[1]->frames.empty());
  CHECK(star.sinks[2]->frames.size() == 1);

  // mac(9) lives behind p1 (learned); a frame to it arriving on p1 is filtered.
  star.inject(1, frame_from(star.net.ctx, 9, mac(1)));
  star.net.run();
  star.inject(1, frame_from(star.net.ctx, 1, mac(9)));
  star.net.run();
  CHECK(star.net.rec.count_drops(DropReason::SameSegment) == 1);
  CHECK(star.net.rec.decided("it lives on p1, the ingress port"));
  CHECK(star.net.rec.decided("sw1: flooded broadcast out p1 p3"));
}

TEST_CASE("a switch floods multicast out every other port and names the group") {
  Star<devices::Switch> star(3, "sw1", seconds(300));
  const wire::MacAddress group{{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}};
  star.inject(1, frame_from(star.net.ctx, 1, group));
  star.net.run();
  CHECK(star.sinks[0]->frames.empty());
  CHECK(star.sinks[1]->frames.size() == 1);
  CHECK(star.sinks[2]->frames.size() == 1);
  CHECK(star.net.rec.decided("sw1: flooded multicast 01:00:5e:00:00:01 out p2 p3"));
  CHECK_FALSE(star.device->mac_table_lookup(group, star.net.ctx.now()));
}

TEST_CASE("MAC entries age lazily; a move is traced; a node down clears the table") {
  Star<devices::Switch> star(2, "sw1", seconds(10));
  auto& sw = *star.device;
  star.inject(1, frame_from(star.net.ctx, 1, mac(2)));
  star.net.run();
  CHECK(sw.mac_table_lookup(mac(1), seconds(9)) == "p1");
  CHECK_FALSE(sw.mac_table_lookup(mac(1), seconds(11)).has_value());
  CHECK(sw.mac_table_rows(seconds(11)).empty());

  star.inject(2, frame_from(star.net.ctx, 1, mac(2)));
  star.net.run();
  CHECK(sw.mac_table_lookup(mac(1), star.net.ctx.now()) == "p2");
  CHECK(star.net.rec.decided("moved 02:00:00:00:00:01 from p1 to p2"));

  sw.set_up(false);
  CHECK(sw.mac_table_rows(star.net.ctx.now()).empty());
}

TEST_CASE("a switch drops a runt as malformed and forgets MACs behind a lost link") {
  Star<devices::Switch> star(2, "sw1", seconds(300));
  Packet runt = star.net.ctx.new_packet(10);
  star.inject(1, std::move(runt));
  CHECK(star.net.rec.count_drops(DropReason::Malformed) == 1);
  CHECK(star.device->malformed_count() == 1);

  star.inject(1, frame_from(star.net.ctx, 1, mac(2)));
  star.net.run();
  REQUIRE(star.device->mac_table_lookup(mac(1), star.net.ctx.now()));
  star.net.set_link(*star.net.links[0], false);
  CHECK_FALSE(star.device->mac_table_lookup(mac(1), star.net.ctx.now()));
}
