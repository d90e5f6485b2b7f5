// A hub is one collision domain: cut-through repetition, collisions at the
// hub, deferral, chained hubs, and every frame sent accounted for exactly once.
#include <catch2/catch.hpp>

#include "net_fixture.h"
#include "sim/net/csma_cd.h"

using namespace netsim;
using namespace netsim::test;

namespace {

// Counts what happened to frames: each FrameSent must end in one FrameReceived or FrameDropped.
struct Ledger : TraceSink {
  void on_event(const TraceEvent& e) override {
    const std::string at = std::string(e.node) + ":" + std::string(e.iface);
    if (e.kind == TraceKind::FrameSent) sent.push_back({at, e.time});
    if (e.kind == TraceKind::FrameReceived) received.push_back({at, e.time});
    if (e.kind == TraceKind::FrameDropped) ++dropped;
  }
  struct Seen {
    std::string at;
    Time time;
  };
  std::vector<Seen> sent, received;
  size_t dropped = 0;
  size_t received_at(const std::string& at) const {
    size_t n = 0;
    for (const Seen& r : received) n += r.at == at;
    return n;
  }
};

// 10 Mb/s, 5 us per link: stations are 10 us apart through the hub; a
// 60-byte frame lasts 48 us.
struct HubNet {
  Net net;
  Ledger ledger;
  std::vector<devices::Hub*> hubs;
  std::vector<Sink*> stations;
  LinkParams params;
  HubNet() {
    params.bandwidth_bps = 10'000'000;
    params.delay = microseconds(5);
    net.ctx.trace().add_sink(&ledger);
  }
  devices::Hub& hub(const std::string& name) {
    hubs.push_back(&net.add<devices::Hub>(name));
    return *hubs.back();
  }
  Sink& station(devices::Hub& hub, int n) {
    Sink& s = net.add<Sink>("s" + std::to_string(n));
    net.link(s.add_port("eth0", mac(static_cast<uint8_t>(n))),
             hub.add_port("p" + std::to_string(n), mac(static_cast<uint8_t>(100 + n))), params);
    stations.push_back(&s);
    return s;
  }
  void send_at(Sink& s, Time t, uint8_t to = 0xff) {
    net.ctx.scheduler().schedule_at(t, [this, &s, to] {
      std::vector<uint8_t> body(46, 0xab);
      const wire::MacAddress dst = to == 0xff ? wire::MacAddress::broadcast() : mac(to);
      s.ports()[0]->send(ethernet_frame(
          net.ctx, {dst, s.ports()[0]->mac(), std::nullopt, wire::EtherType::Ipv4}, body));
    });
  }
};

}  // namespace

TEST_CASE("a hub repeats cut-through: the repeat starts with the first bit") {
  HubNet h;
  auto& hub = h.hub("hub1");
  Sink& s1 = h.station(hub, 1);
  Sink& s2 = h.station(hub, 2);
  h.send_at(s1, Time{0});
  h.net.run();
  REQUIRE(h.ledger.sent.size() == 2);
  CHECK(h.ledger.sent[1].at == "hub1:p2");
  CHECK(h.ledger.sent[1].time == microseconds(5));  // store and forward would be 53 us
  REQUIRE(s2.frames.size() == 1);
  CHECK(s2.frames[0].at == microseconds(5 + 48 + 5));
  CHECK(h.net.rec.decided("hub1: repeating out of p2 as the bits arrive"));
}

TEST_CASE("stations on a hub that start within their propagation delay collide") {
  HubNet h;
  auto& hub = h.hub("hub1");
  Sink& s1 = h.station(hub, 1);
  Sink& s2 = h.station(hub, 2);
  Sink& s3 = h.station(hub, 3);
  h.send_at(s1, Time{0});
  h.send_at(s2, microseconds(9));  // s1's signal reaches s2 at 10 us
  h.net.run();
  CHECK(collisions_of(s1) >= 1);
  CHECK(collisions_of(s2) >= 1);
  CHECK(collisions_of(hub) >= 1);
  CHECK(h.net.rec.decided("hub1: collision: p1 and p2 receive at once: jam out of every port"));
  CHECK(h.net.rec.decided("s2: collision on hub1 segment: s2:eth0 and s1:eth0, attempt 1"));
  // The bystander receives each frame exactly once: the collided copies are not frames.
  CHECK(s3.frames.size() == 2);
  CHECK(h.ledger.received_at("s3:eth0") == 2);
  CHECK(h.ledger.received_at("hub1:p1") == 1);
  CHECK(h.ledger.received_at("hub1:p2") == 1);
  CHECK(s1.frames.size() == 1);
  CHECK(s2.frames.size() == 1);
  CHECK(h.ledger.sent.size() == h.ledger.received.size() + h.ledger.dropped);
}

TEST_CASE("a station that hears the repeat before it starts defers") {
  HubNet h;
  auto& hub = h.hub("hub1");
  Sink& s1 = h.station(hub, 1);
  Sink& s2 = h.station(hub, 2);
  h.send_at(s1, Time{0});
  h.send_at(s2, microseconds(11));
  h.net.run();
  CHECK(collisions_of(hub) == 0);
  CHECK(h.ledger.dropped == 0);
  // s2 goes once s1's last bit has passed it (58 us) and the gap (9.6 us).
  REQUIRE(h.ledger.sent.size() == 4);
  CHECK(h.ledger.sent[2].at == "s2:eth0");
  CHECK(h.ledger.sent[2].time == nanoseconds(58'000 + 9'600));
  CHECK(s1.frames.size() == 1);
  CHECK(s2.frames.size() == 1);
}

TEST_CASE(
    "a busy hub: every frame is sent, received or dropped exactly once, and all get through") {
  HubNet h;
  auto& hub = h.hub("hub1");
  for (int n = 1; n <= 5; ++n) h.station(hub, n);
  for (Sink* s : h.stations)
    for (int k = 0; k < 4; ++k) h.send_at(*s, microseconds(k * 30));
  h.net.run();
  CHECK(collisions_of(hub) > 0);
  CHECK(h.ledger.sent.size() == h.ledger.received.size() + h.ledger.dropped);
  size_t given_up = h.net.rec.count_drops(DropReason::ExcessiveCollisions);
  for (Sink* s : h.stations) CHECK(s->frames.size() + given_up >= 16);  // 4 from each other station
  CHECK(h.net.ctx.scheduler().empty());
}

TEST_CASE("hubs joined by a link are one collision domain") {
  HubNet h;
  auto& hub1 = h.hub("hub1");
  auto& hub2 = h.hub("hub2");
  h.net.link(hub1.add_port("p9", mac(109)), hub2.add_port("p9", mac(209)), h.params);
  Sink& s1 = h.station(hub1, 1);
  Sink& s2 = h.station(hub2, 2);
  Sink& s3 = h.station(hub2, 3);
  h.send_at(s1, Time{0});
  h.send_at(s2, Time{0});
  h.net.run();
  CHECK(collisions_of(s1) >= 1);
  CHECK(collisions_of(s2) >= 1);
  CHECK(collisions_of(hub2) >= 1);
  CHECK(s3.frames.size() == 2);
  CHECK(h.ledger.sent.size() == h.ledger.received.size() + h.ledger.dropped);
  // Through two hubs the repeat starts at the first bit at each: 5 + 5 us, then the last link.
  h.send_at(s1, milliseconds(10));
  h.net.run();
  CHECK(s3.frames.back().at == milliseconds(10) + microseconds(5 + 5 + 48 + 5));
}

TEST_CASE("a hub link going down mid-repeat cuts the repeats once and leaves no carrier") {
  HubNet h;
  auto& hub = h.hub("hub1");
  Sink& s1 = h.station(hub, 1);
  Sink& s2 = h.station(hub, 2);
  h.station(hub, 3);
  h.send_at(s1, Time{0});
  h.net.ctx.scheduler().schedule_at(microseconds(20),
                                    [&] { h.net.set_link(*h.net.links[0], false); });
  h.net.ctx.scheduler().schedule_at(microseconds(30),
                                    [&] { h.net.set_link(*h.net.links[0], true); });
  h.send_at(s2, microseconds(200));
  h.net.run();
  CHECK(h.net.rec.count_drops(DropReason::LinkDown) == 3);  // at hub1:p1, and both repeats
  CHECK(h.ledger.sent.size() == h.ledger.received.size() + h.ledger.dropped);
  CHECK(s1.frames.size() == 1);  // s2's frame, later, got through
}
