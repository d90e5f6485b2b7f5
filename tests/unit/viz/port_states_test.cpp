// Spanning-tree port states replayed from a switch's "stp" table rows.
#include "viz/port_states.h"

#include <catch2/catch.hpp>

#include "synthetic.h"

using namespace netsim;
using namespace netsim::viz;

TEST_CASE("a row's value says the port's role and state; RSTP's discarding blocks") {
  CHECK(parse_port_stp("designated forwarding") ==
        PortStp{StpRole::Designated, StpState::Forwarding});
  CHECK(parse_port_stp("alternate blocking") == PortStp{StpRole::Alternate, StpState::Blocking});
  CHECK(parse_port_stp("alternate discarding") == PortStp{StpRole::Alternate, StpState::Blocking});
  CHECK(parse_port_stp("root learning") == PortStp{StpRole::Root, StpState::Learning});
  CHECK(parse_port_stp("disabled disabled") == PortStp{StpRole::Disabled, StpState::Disabled});
  CHECK(parse_port_stp("listening") == PortStp{StpRole::Unknown, StpState::Listening});
  CHECK_FALSE(parse_port_stp(""));
  CHECK_FALSE(parse_port_stp("designated"));
  CHECK(learns(StpState::Learning));
  CHECK_FALSE(learns(StpState::Listening));
}

TEST_CASE("port states at T follow the rows of the switch's stp table, per link end") {
  // s1 -- s2 -- s3 -- s1: a triangle; s3's p2 ends up blocking.
  Topology t;
  t.nodes = {{"s1", NodeKind::Switch}, {"s2", NodeKind::Switch}, {"s3", NodeKind::Switch}};
  t.links = {{{0, "p1"}, {1, "p1"}}, {{1, "p2"}, {2, "p1"}}, {{2, "p2"}, {0, "p2"}}};
  Recording r;
  synthetic::Events ev;
  for (const char* node : {"s1", "s2", "s3"})
    for (const char* port : {"p1", "p2"})
      r.add(ev.table(Time{0}, node, "stp", port, "designated listening"));
  r.add(ev.table(seconds(2), "s2", "stp", "p1", "root listening"));
  r.add(ev.table(seconds(2), "s3", "stp", "p1", "root listening"));
  r.add(ev.table(seconds(4), "s3", "stp", "p2", "alternate blocking"));
  r.add(ev.table(seconds(15), "s1", "stp", "p1", "designated learning"));
  r.add(ev.table(seconds(30), "s1", "stp", "p1", "designated forwarding"));
  r.add(ev.table(seconds(40), "s2", "stp", "p2", ""));  // row removed: no state drawn
  r.add(ev.table(seconds(1), "s1", "mac", "02:00:00:00:00:01 vlan 1", "p1"));  // another table
  r.finish(seconds(50));
  const PortStates states(r, t);
  CHECK(states.ends().size() == 6);
  CHECK(states.runs_stp(r.find_name("s1")));
  CHECK(states.at(0, 0, Time{0})->state == StpState::Listening);
  CHECK(states.at(0, 0, seconds(15))->state == StpState::Learning);
  CHECK(states.at(0, 0, seconds(29))->state == StpState::Learning);
  CHECK(states.at(0, 0, seconds(30))->state == StpState::Forwarding);
  CHECK(states.at(0, 1, seconds(3))->role == StpRole::Root);
  CHECK(states.at(2, 0, seconds(3))->state == StpState::Listening);
  CHECK(states.at(2, 0, seconds(4)) == PortStp{StpRole::Alternate, StpState::Blocking});
  CHECK(states.at(r.find_name("s3"), "p2", seconds(45))->state == StpState::Blocking);
  CHECK(states.at(1, 0, seconds(39)));
  CHECK_FALSE(states.at(1, 0, seconds(40)));
  CHECK_FALSE(states.at(0, 0, Time{-1}));  // before the first row
}

TEST_CASE("switches without spanning tree have no port states") {
  Topology t;
  t.nodes = {{"s1", NodeKind::Switch}, {"h1", NodeKind::Host}};
  t.links = {{{0, "p1"}, {1, "eth0"}}};
  Recording r;
  synthetic::Events ev;
  r.add(ev.table(Time{0}, "s1", "mac", "02:00:00:00:00:01 vlan 1", "p1"));
  r.add(ev.table(Time{0}, "s1", "stp", "p9", "designated forwarding"));  // no link: not drawn
  r.finish(seconds(1));
  const PortStates states(r, t);
  CHECK(states.ends().empty());
  CHECK_FALSE(states.at(0, 0, seconds(1)));
  CHECK_FALSE(states.runs_stp(r.find_name("h1")));
}
