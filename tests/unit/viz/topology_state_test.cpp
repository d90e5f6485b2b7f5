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
  r.add(ev.topology(seconds(1), "link r-1:x-r2:x down"));
  r.add(ev.topology(seconds(2), "node r2 down"));
  r.add(ev.topology(seconds(3), "link r2:x-r-1:x up"));  // either order of ends
  r.add(ev.topology(seconds(3), "node r2 up"));
  r.add(
      ev.topology(seconds(4), "link r-1:x-r2:x changed: bandwidth 1bps, delay 1s, loss 0, cost 1"));
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
