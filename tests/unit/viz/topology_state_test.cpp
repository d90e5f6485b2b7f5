// Link and node up/down state at time T from the run's Topology events.
#include "viz/topology_state.h"

#include <catch2/catch.hpp>

#include "synthetic.h"

using namespace netsim;
using namespace netsim::viz;

TEST_CASE("links and nodes go down and up when the run says so, names matched exactly") {
  Topology t;
  t.nodes = {{"r-1", NodeKind::Router, {}, {}},
             {"r2", NodeKind::Router, {}, {}},
             {"r-1:x-r2", NodeKind::Host, {}, {}}};
  t.links = {{{0, "x"}, {1, "x"}}};
  Recording r;
  synthetic::Events ev;
  r.add(ev.link_topology(seconds(1), "r-1", "x", "r2", "x", "link r-1:x-r2:x down"));
  r.add(ev.node_topology(seconds(2), "r2", "node r2 down"));
  // Either order of ends.
  r.add(ev.link_topology(seconds(3), "r2", "x", "r-1", "x", "link r2:x-r-1:x up"));
  r.add(ev.node_topology(seconds(3), "r2", "node r2 up"));
  r.add(ev.link_topology(seconds(4), "r-1", "x", "r2", "x",
                         "link r-1:x-r2:x changed: bandwidth 1bps, delay 1s, loss 0, cost 1"));
  r.finish(seconds(5));
  const TopologyState s(r, t);
  CHECK(s.any_changes());
  CHECK(s.link_up(0, Time{0}));
  CHECK_FALSE(s.link_up(0, seconds(1)));
  CHECK_FALSE(s.link_up(0, seconds(2)));
  CHECK(s.link_up(0, seconds(3)));
  CHECK(s.link_up(0, seconds(4)));
  CHECK(s.node_up(1, seconds(1)));
  CHECK_FALSE(s.node_up(1, seconds(2)));
  CHECK(s.node_up(1, seconds(3)));
  CHECK(s.node_up(0, seconds(2)));
  CHECK(s.node_up(2, seconds(2)));
}

TEST_CASE("topology events that bring nothing down leave the picture as built") {
  Topology t;
  t.nodes = {{"r1", NodeKind::Router, {}, {}},
             {"r2", NodeKind::Router, {}, {}},
             {"h3", NodeKind::Host, {}, {}}};
  t.links = {{{0, "g0"}, {1, "g0"}}, {{1, "g1"}, {2, "eth0"}}};
  Recording r;
  synthetic::Events ev;
  r.add(ev.node_topology(seconds(1), "r1", "ARP cache of r1 cleared"));
  r.add(ev.node_topology(seconds(1), "r2", "MAC table of r2 cleared"));
  r.add(ev.node_topology(seconds(1), "nobody", "node nobody down"));  // not drawn
  // Ends of two different links: no link of the picture.
  r.add(ev.link_topology(seconds(1), "r1", "g0", "h3", "eth0", "link r1:g0-h3:eth0 down"));
  r.add(ev.link_topology(seconds(1), "r1", "g0", "r2", "g0",
                         "link r1:g0-r2:g0 changed: bandwidth 1bps, delay 1s, loss 0, cost 1"));
  r.finish(seconds(2));
  const TopologyState s(r, t);
  CHECK_FALSE(s.any_changes());
  for (uint32_t n = 0; n < 3; ++n) CHECK(s.node_up(n, seconds(2)));
  for (uint32_t l = 0; l < 2; ++l) CHECK(s.link_up(l, seconds(2)));
}
