// Recording queries: frames in flight, drops, steps, trace lines; and the
// interpolation of a frame along its link.
#include "viz/recording.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "synthetic.h"
#include "viz/scene.h"

using namespace netsim;
using namespace netsim::viz;

namespace {
Time us(int64_t n) { return microseconds(n); }

// pc1 -> sw1 -> pc2: an ARP broadcast, an echo request with a long flight, a drop.
void fill(Recording& r, synthetic::Events& ev) {
  r.add(ev.sent(us(0), "pc1", "eth0", "sw1", "p1", us(15),
                synthetic::arp_request(0x0a000001, 0x0a000002), 1));
  r.add(ev.received(us(15), "sw1", "p1", synthetic::arp_request(0x0a000001, 0x0a000002), 1));
  r.add(ev.sent(us(15), "sw1", "p2", "pc2", "eth0", us(30),
                synthetic::arp_request(0x0a000001, 0x0a000002), 1));
  r.add(ev.sent(us(20), "pc1", "eth0", "sw1", "p1", us(120),
                synthetic::icmp_echo(0x0a000001, 0x0a000002, 1), 2));
  r.add(ev.received(us(30), "pc2", "eth0", synthetic::arp_request(0x0a000001, 0x0a000002), 1));
  r.add(ev.dropped(us(40), "sw1", "p2", DropReason::QueueFull));
  r.finish(us(200));
}
}  // namespace

TEST_CASE("frames in flight at T are those sent by T and not yet arrived") {
  Recording r;
  synthetic::Events ev;
  fill(r, ev);
  std::vector<uint32_t> out;
  r.frames_in_flight(us(0), out);
  CHECK(out == std::vector<uint32_t>{0});
  r.frames_in_flight(us(15), out);  // the first arrived exactly now; the second left now
  CHECK(out == std::vector<uint32_t>{2});
  r.frames_in_flight(us(25), out);
  CHECK(out == std::vector<uint32_t>{2, 3});
  r.frames_in_flight(us(50), out);
  CHECK(out == std::vector<uint32_t>{3});
  CHECK(r.any_in_flight(us(119)));
  CHECK_FALSE(r.any_in_flight(us(120)));
  r.frames_in_flight(us(150), out);
  CHECK(out.empty());
  CHECK(r.end_time() == us(200));
}

TEST_CASE("frames are classified by protocol when recorded") {
  Recording r;
  synthetic::Events ev;
  fill(r, ev);
  CHECK(r.event(0).frame_class == FrameClass::Arp);
  CHECK(r.event(3).frame_class == FrameClass::Icmp);
}

TEST_CASE("a reception points at the bytes its sending recorded, per receiver") {
  Recording r;
  synthetic::Events ev;
  const auto arp = synthetic::arp_request(1, 2);
  const auto tagged = synthetic::tagged(arp, 10);
  // One flood: the same uid leaves sw1 untagged on p1 and tagged on p24.
  r.add(ev.sent(us(0), "sw1", "p1", "pc2", "eth0", us(10), arp, 7));
  r.add(ev.sent(us(0), "sw1", "p24", "sw2", "p24", us(12), tagged, 7));
  r.add(ev.received(us(10), "pc2", "eth0", {}, 7));
  r.add(ev.received(us(12), "sw2", "p24", {}, 7));
  r.finish(us(20));
  const RecordedEvent &access = r.event(2), &trunk = r.event(3);
  CHECK(std::ranges::equal(r.frame(access), arp));
  CHECK(std::ranges::equal(r.frame(trunk), tagged));
  CHECK(access.frame_class == FrameClass::Arp);
  CHECK_FALSE(access.vlan);
  CHECK(trunk.vlan == 10);
}

TEST_CASE("drops, steps and trace lines by time") {
  Recording r;
  synthetic::Events ev;
  fill(r, ev);
  CHECK(r.drops_between(us(39), us(40)).size() == 1);
  CHECK(r.drops_between(us(40), us(100)).empty());
  CHECK(r.next_step(us(0)) == us(15));
  CHECK(r.next_step(us(15)) == us(20));
  CHECK(r.next_step(us(40)) == std::nullopt);
  CHECK(r.previous_step(us(20)) == us(15));
  CHECK(r.previous_step(us(0)) == std::nullopt);
  const auto lines = r.trace_events_until(us(25), 2);
  REQUIRE(lines.size() == 2);
  CHECK(r.trace_line(lines[1]).find("pc1:eth0") != std::string::npos);
  CHECK(r.trace_line(lines[1]).find("ICMP echo request") != std::string::npos);
  CHECK(r.trace_line(5).find("drop (queue-full)") != std::string::npos);
}

TEST_CASE("flight_fraction maps send..arrival onto 0..1") {
  CHECK(flight_fraction(us(10), us(20), us(10)) == 0);
  CHECK(flight_fraction(us(10), us(20), us(15)) == Approx(0.5));
  CHECK(flight_fraction(us(10), us(20), us(20)) == 1);
  CHECK(flight_fraction(us(10), us(20), us(5)) == 0);
  CHECK(flight_fraction(us(10), us(20), us(99)) == 1);
  CHECK(flight_fraction(us(10), us(10), us(10)) == 1);
}

TEST_CASE("a frame moves from the sender's end of its link to the receiver's") {
  Recording r;
  synthetic::Events ev;
  fill(r, ev);
  Topology t;
  t.nodes = {{"pc1", NodeKind::Host, {}, std::pair<double, double>{0, 0}},
             {"sw1", NodeKind::Switch, {}, std::pair<double, double>{100, 0}},
             {"pc2", NodeKind::Host, {}, std::pair<double, double>{200, 0}}};
  t.links = {{{0, "eth0"}, {1, "p1"}}, {{1, "p2"}, {2, "eth0"}}};
  const Scene scene(t, r, compute_layout(t, 1), {0, 0, 1000, 400});
  const RecordedEvent& echo = r.event(3);  // pc1 -> sw1, 20us .. 120us
  const auto start = *scene.frame_position(echo, us(20)),
             middle = *scene.frame_position(echo, us(70)),
             end = *scene.frame_position(echo, us(120));
  const sf::Vector2f from = scene.link_end(0, 0), to = scene.link_end(0, 1);
  const float offset = scene.dot_radius();  // dots ride beside the line, by direction
  CHECK(std::hypot(start.x - from.x, start.y - from.y) <= offset);
  CHECK(std::hypot(end.x - to.x, end.y - to.y) <= offset);
  CHECK(middle.x == Approx((from.x + to.x) / 2));
  CHECK(from.x < to.x);
  // The drop sits at sw1's end of its link to pc2.
  const auto drop = *scene.drop_position(r.event(5));
  CHECK(drop.x == Approx(scene.link_end(1, 0).x));
}

TEST_CASE("a transmission its sender dropped for a collision is marked and cut short") {
  Recording r;
  synthetic::Events ev;
  const auto arp = synthetic::arp_request(0x0a000001, 0x0a000002);
  r.add(ev.sent(us(0), "h1", "eth0", "hub1", "p1", us(100), arp, 7));   // tx_end 10, delay 90
  r.add(ev.sent(us(1), "h2", "eth0", "hub1", "p2", us(101), arp, 8));   // goes through
  TraceEvent collided = ev.dropped(us(4), "h1", "eth0", DropReason::Collision);
  collided.frame_uid = 7;
  r.add(collided);
  TraceEvent spoiled = ev.dropped(us(5), "h2", "eth0", DropReason::Collision);
  spoiled.frame_uid = 7;  // h2 receiving h1's frame: not h2's own transmission
  r.add(spoiled);
  r.add(ev.sent(us(200), "h1", "eth0", "hub1", "p1", us(300), arp, 7));  // the retry
  r.finish(us(400));
  CHECK(r.event(0).collided);
  CHECK(r.event(0).arrival == us(4 + 90));
  CHECK_FALSE(r.event(1).collided);
  CHECK_FALSE(r.event(4).collided);
  std::vector<uint32_t> out;
  r.frames_in_flight(us(95), out);
  CHECK(out == std::vector<uint32_t>{1});
}
