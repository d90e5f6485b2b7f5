// The event list: filters by protocol, node and kind; stepping through what it shows.
#include "viz/event_list.h"

#include <catch2/catch.hpp>

#include "synthetic.h"

using namespace netsim;
using namespace netsim::viz;

namespace {
Recording sample() {
  Recording r;
  synthetic::Events ev;
  r.add(ev.sent(microseconds(0), "a", "eth0", "r1", "g0", microseconds(10),
                synthetic::arp_request(0x0a000001, 0x0a000002), 1));
  r.add(ev.sent(microseconds(20), "a", "eth0", "r1", "g0", microseconds(30),
                synthetic::icmp_echo(0x0a000001, 0x0a000102, 1), 2));
  r.add(ev.sent(microseconds(30), "r1", "g1", "b", "eth0", microseconds(40),
                synthetic::icmp_echo(0x0a000001, 0x0a000102, 1), 2));
  r.add(ev.dropped(microseconds(50), "r1", "g1", DropReason::QueueFull));
  r.finish(microseconds(100));
  return r;
}
}  // namespace

TEST_CASE("event filters parse from proto=, node=, kind= and say what they keep") {
  const EventFilter f = parse_event_filter("proto=icmp,node=r1,kind=sent");
  CHECK(f.protocol == "icmp");
  CHECK(f.node == "r1");
  CHECK(f.kind == "sent");
  CHECK(to_string(f) == "icmp, node r1, sent");
  CHECK(to_string(parse_event_filter("")) == "all events");
  CHECK_THROWS_AS(parse_event_filter("proto=xyz"), std::invalid_argument);
  CHECK_THROWS_AS(parse_event_filter("colour=red"), std::invalid_argument);
}

TEST_CASE("the event list keeps what the filter asks for and steps through it") {
  const Recording r = sample();
  EventList list(r);
  CHECK(list.size() == 4);
  list.set_filter(parse_event_filter("proto=icmp"));
  CHECK(list.size() == 2);
  CHECK(list.next(Time{0}) == microseconds(20));
  CHECK(list.next(microseconds(20)) == microseconds(30));
  CHECK(!list.next(microseconds(30)));
  CHECK(list.previous(microseconds(30)) == microseconds(20));
  list.set_filter(parse_event_filter("node=r1"));
  CHECK(list.size() == 4);  // r1 receives the first two, sends the third, drops the fourth
  list.set_filter(parse_event_filter("node=b"));
  CHECK(list.size() == 1);
  list.set_filter(parse_event_filter("kind=drop"));
  REQUIRE(list.size() == 1);
  const auto lines = list.lines(microseconds(60), 10, 200);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].starts_with("> 0.000050000 r1:g1"));
  CHECK(lines[0].find("drop (queue-full)") != std::string::npos);
}

TEST_CASE("the event list's first line: filter fields a click cycles, and clear") {
  const EventListHeader h = event_list_header(parse_event_filter("proto=tcp"), 12);
  CHECK(h.text.starts_with("proto tcp | node any | kind any | clear   (12 events"));
  CHECK(h.field_at(0) == FilterField::Protocol);
  CHECK(h.field_at(8) == FilterField::Protocol);
  CHECK_FALSE(h.field_at(10));  // the bar between fields
  CHECK(h.field_at(12) == FilterField::Node);
  CHECK(h.field_at(23) == FilterField::Kind);
  CHECK(h.field_at(34) == FilterField::Clear);
  CHECK_FALSE(h.field_at(50));
  const std::vector<std::string> nodes{"r1", "a", "b"};
  EventFilter f = cycled({}, FilterField::Protocol, nodes);
  CHECK(f.protocol == "arp");
  f = cycled(f, FilterField::Node, nodes);
  CHECK(f.node == "a");  // names in order
  f = cycled(cycled(cycled(f, FilterField::Node, nodes), FilterField::Node, nodes), FilterField::Node, nodes);
  CHECK(f.node.empty());  // after the last: any
  f = cycled(f, FilterField::Kind, nodes);
  CHECK(f.kind == "sent");
  CHECK(cycled(f, FilterField::Clear, nodes) == EventFilter{});
  CHECK(cycled(parse_event_filter("proto=stp"), FilterField::Protocol, nodes).protocol.empty());
}

TEST_CASE("a row of the event list is the event a click picks") {
  const Recording r = sample();
  EventList list(r);
  list.set_filter(parse_event_filter("proto=icmp"));
  // At 25 us: the first echo is done, the second still to come; both on screen.
  REQUIRE(list.lines(microseconds(25), 10, 200).size() == 2);
  CHECK(list.event_on_row(microseconds(25), 10, 0) == 1u);
  CHECK(list.event_on_row(microseconds(25), 10, 1) == 2u);
  CHECK_FALSE(list.event_on_row(microseconds(25), 10, 2));
}
