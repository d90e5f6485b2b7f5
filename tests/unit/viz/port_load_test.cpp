// A link end's load over a window: the share of it spent transmitting.
#include "viz/port_load.h"

#include <catch2/catch.hpp>

#include "synthetic.h"

using namespace netsim;
using namespace netsim::viz;

TEST_CASE("utilisation is the share of the window a port spent between first and last bits") {
  Topology t;
  t.nodes = {{"a", NodeKind::Host, {}, {}}, {"b", NodeKind::Host, {}, {}}};
  t.links = {{{0, "eth0"}, {1, "eth0"}}};
  Recording r;
  synthetic::Events ev;
  // a sends 1 ms frames (tx_end is a tenth of the way to arrival) at 0, 2 and 4 ms.
  for (int i = 0; i < 3; ++i)
    r.add(ev.sent(milliseconds(2 * i), "a", "eth0", "b", "eth0", milliseconds(2 * i + 10),
                  synthetic::arp_request(1, 2), static_cast<uint64_t>(i + 1)));
  r.finish(milliseconds(20));
  const PortLoad load(r, t);
  REQUIRE(load.sending_ends().size() == 1);
  const uint32_t a = load.sending_ends()[0];
  CHECK(a == 0);  // the link's a end
  CHECK(load.utilisation(a, milliseconds(1), milliseconds(1)) == Approx(1.0));
  CHECK(load.utilisation(a, milliseconds(2), milliseconds(2)) == Approx(0.5));
  CHECK(load.utilisation(a, milliseconds(6), milliseconds(6)) == Approx(0.5));
  // Half of the frame from 4 ms has left by 4.5 ms.
  CHECK(load.utilisation(a, microseconds(4500), milliseconds(1)) == Approx(0.5));
  CHECK(load.utilisation(a, milliseconds(10), milliseconds(4)) == Approx(0.0));
  CHECK(load.utilisation(a, milliseconds(5), Time{0}) == 0.0);
  CHECK(load.utilisation(1, milliseconds(5), milliseconds(5)) == 0.0);  // b sent nothing
}
