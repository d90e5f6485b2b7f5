// 802.1D-1998 driven through BPDUs alone: root election, the triangle's
// blocked port, the forward-delay timers, hello/relay/hold timing, inferior
// BPDUs, max-age expiry after a failure, topology change, edge ports.
#include <catch2/catch.hpp>

#include "stp_harness.h"

using namespace netsim;
using namespace netsim::devices;
using namespace netsim::test;

namespace {
constexpr uint32_t P1 = 0, P2 = 1, P3 = 2;

using Triangle = StpTriangle;
}  // namespace

TEST_CASE("802.1D elects the lowest bridge ID and blocks the triangle's worst port", "[stp]") {
  Triangle t;
  // The first answers wait for the hold time: everything is settled just after 1 s.
  t.net.run_until(seconds(1) + milliseconds(1));
  for (StpBridge* b : {&t.s1, &t.s2, &t.s3}) CHECK(b->root() == "s1");
  CHECK_FALSE(t.s1.engine->root_port());
  CHECK(t.s2.engine->root_port() == P1);
  CHECK(t.s3.engine->root_port() == P3);
  CHECK(t.s2.engine->root_path_cost() == 19);
  CHECK(t.s3.engine->root_path_cost() == 19);
  // s2 and s3 are both 19 from the root; s2 has the lower ID, so it serves s2-s3.
  CHECK(t.s2.role(P2) == PortRole::Designated);
  CHECK(t.s3.role(P2) == PortRole::Alternate);
  CHECK(t.s3.state(P2) == PortState::Blocking);
  CHECK(t.s3.role(P3) == PortRole::Root);
  CHECK(t.s3.role(P1) == PortRole::Designated);
}

TEST_CASE("802.1D ports listen for forward delay, learn for another, then forward", "[stp]") {
  Triangle t;
  t.net.run_until(seconds(10));
  CHECK(t.s3.state(P1) == PortState::Listening);
  CHECK(t.s3.state(P3) == PortState::Listening);
  CHECK(t.s3.state(P2) == PortState::Blocking);
  t.net.run_until(seconds(15) - milliseconds(1));
  CHECK(t.s1.state(P2) == PortState::Listening);
  t.net.run_until(seconds(15));
  CHECK(t.s1.state(P2) == PortState::Learning);
  CHECK(t.s3.state(P1) == PortState::Learning);
  CHECK(t.s3.states[P1] == PortState::Learning);  // written through to the bridge
  t.net.run_until(seconds(30) - milliseconds(1));
  CHECK(t.s3.state(P3) == PortState::Learning);
  t.net.run_until(seconds(30));
  for (StpBridge* b : {&t.s1, &t.s2, &t.s3})
    for (uint32_t p : {P1, P2, P3}) {
      const PortState want = b == &t.s3 && p == P2   ? PortState::Blocking
                             : b == &t.s2 && p == P3 ? PortState::Disabled  // no link
                                                     : PortState::Forwarding;
      CHECK(b->state(p) == want);
    }
}

TEST_CASE("802.1D BPDUs: the root every hello, relayed with message age + 1 s, none from blocked ports",
          "[stp]") {
  Triangle t;
  t.net.run_until(seconds(29));
  // Hello times 4, 6, ..., 28: after the first answers, which the hold time
  // spreads over 3 s, and before the topology change at 30 s adds
  // acknowledgements. 13 from the root, and s2 relays each on p2.
  const Time from = seconds(3) + milliseconds(500);
  CHECK(t.s1.count_sent(P2, from) == 13);
  CHECK(t.s2.count_sent(P2, from, wire::BpduType::Config) == 13);
  const auto* relayed = t.s2.last_sent(P2);
  REQUIRE(relayed);
  CHECK(relayed->bpdu.root == t.s1.engine->bridge_id());
  CHECK(relayed->bpdu.root_path_cost == 19);
  CHECK(relayed->bpdu.message_age == 256);
  CHECK(relayed->bpdu.port_id == 0x8002);
  CHECK(t.s1.last_sent(P2)->bpdu.message_age == 0);
  CHECK(t.s3.count_sent(P2, from, wire::BpduType::Config) == 0);  // blocked: silent
  CHECK(t.s3.count_sent(P1, from) == 13);                         // designated toward the host
}

TEST_CASE("802.1D sends at most one config BPDU per port per hold time", "[stp]") {
  Triangle t;
  t.net.run_until(seconds(5) + milliseconds(500));
  const size_t before = t.s1.count_sent(P2);
  // Three inferior BPDUs at once: one answer now, the rest (and the 6 s
  // hello) wait for the hold time to end at 6.5 s.
  wire::BpduRepr inferior;
  inferior.root = inferior.bridge = t.s2.engine->bridge_id();
  inferior.port_id = 0x8001;
  inferior.max_age = 20 * 256;
  inferior.hello_time = 2 * 256;
  inferior.forward_delay = 15 * 256;
  for (int i = 0; i < 3; ++i) t.s1.engine->receive(P2, inferior);
  CHECK(t.s1.count_sent(P2) == before + 1);
  t.net.run_until(seconds(6) + milliseconds(400));
  CHECK(t.s1.count_sent(P2) == before + 1);
  t.net.run_until(seconds(6) + milliseconds(600));
  CHECK(t.s1.count_sent(P2) == before + 2);
  t.net.run_until(seconds(7) + milliseconds(900));
  CHECK(t.s1.count_sent(P2) == before + 2);
  t.net.run_until(seconds(8) + milliseconds(100));
  CHECK(t.s1.count_sent(P2) == before + 3);
}

TEST_CASE("802.1D: a designated port answers an inferior BPDU with its own", "[stp]") {
  Triangle t;
  t.net.run_until(seconds(5) + milliseconds(500));
  const size_t before = t.s2.count_sent(P2);
  wire::BpduRepr claim;  // s3 claims to be root
  claim.root = claim.bridge = t.s3.engine->bridge_id();
  claim.port_id = 0x8002;
  claim.max_age = 20 * 256;
  claim.hello_time = 2 * 256;
  claim.forward_delay = 15 * 256;
  t.s2.engine->receive(P2, claim);
  REQUIRE(t.s2.count_sent(P2) == before + 1);
  CHECK(t.s2.last_sent(P2)->bpdu.root == t.s1.engine->bridge_id());
  CHECK(t.s2.root() == "s1");
  // A non-designated port ignores it: s3's blocked p2 keeps s2's information.
  const size_t s3_before = t.s3.sent.size();
  claim.root = claim.bridge = t.s2.engine->bridge_id();
  t.s3.engine->receive(P2, claim);
  CHECK(t.s3.sent.size() == s3_before);
  CHECK(t.s3.role(P2) == PortRole::Alternate);
}

TEST_CASE("802.1D failover waits for max age, then listens and learns", "[stp]") {
  Triangle t;
  t.net.run_until(seconds(60) + milliseconds(500));
  t.net.set_cable(t.s1, 2, false);  // s1:p2 - s2:p1
  CHECK(t.s1.state(P2) == PortState::Disabled);
  CHECK(t.s2.state(P1) == PortState::Disabled);
  CHECK(t.s2.root() == "s2");  // s2 believes it is root
  t.net.run_until(seconds(75));
  CHECK(t.s2.root() == "s2");
  CHECK(t.s3.root() == "s1");
  CHECK(t.s3.state(P2) == PortState::Blocking);  // s2's worse claims are ignored
  // s2 relayed the root's last BPDU at 60 s with message age 1: it ages out at 79 s.
  t.net.run_until(seconds(79) - milliseconds(10));
  CHECK(t.s3.state(P2) == PortState::Blocking);
  t.net.run_until(seconds(79) + milliseconds(10));
  CHECK(t.s3.state(P2) == PortState::Listening);
  CHECK(t.s3.role(P2) == PortRole::Designated);
  CHECK(t.s2.root() == "s1");  // s3 told s2 at once
  CHECK(t.s2.engine->root_port() == P2);
  CHECK(t.s2.engine->root_path_cost() == 38);
  CHECK(t.s2.count_sent(P2, seconds(79), wire::BpduType::Tcn) >= 1);
  t.net.run_until(seconds(94) + milliseconds(10));
  CHECK(t.s3.state(P2) == PortState::Learning);
  t.net.run_until(seconds(109) + milliseconds(10));
  CHECK(t.s3.state(P2) == PortState::Forwarding);
}

TEST_CASE("802.1D topology change: TCN to the root, TC for max age + forward delay, short aging",
          "[stp]") {
  Triangle t;
  t.net.run_until(seconds(29));
  CHECK_FALSE(t.s3.short_aging);
  t.net.run_until(seconds(30) + milliseconds(1));
  // Ports went forwarding at 30 s: s2 and s3 tell the root, which sets TC
  // at once and acknowledges when the hold time after its 30 s hello ends.
  CHECK(t.s3.count_sent(P3, seconds(30), wire::BpduType::Tcn) == 1);
  CHECK(t.s1.short_aging == seconds(15));
  t.net.run_until(seconds(31) + milliseconds(1));
  const auto* ack = t.s1.last_sent(P3);
  REQUIRE(ack);
  CHECK(ack->bpdu.has(wire::bpdu_flags::TopologyChangeAck));
  CHECK(ack->bpdu.has(wire::bpdu_flags::TopologyChange));
  t.net.run_until(seconds(32) + milliseconds(1));
  CHECK(t.s3.short_aging == seconds(15));  // learnt from the root's TC flag
  CHECK(t.s3.count_sent(P3, seconds(30), wire::BpduType::Tcn) == 1);  // acknowledged: no more
  t.net.run_until(seconds(64));
  CHECK(t.s1.short_aging);
  t.net.run_until(seconds(66) + milliseconds(1));
  CHECK_FALSE(t.s1.short_aging);  // 35 s after 30 s
  CHECK_FALSE(t.s1.last_sent(P2)->bpdu.has(wire::bpdu_flags::TopologyChange));
  t.net.run_until(seconds(67));
  CHECK_FALSE(t.s3.short_aging);
}

TEST_CASE("802.1D edge ports forward at once, send BPDUs and cause no topology change", "[stp]") {
  StpNet net;
  StpBridge& s1 = net.add("s1", 4096, 1, 2, StpMode::Stp, {true, false});
  net.start({{&s1, 1}});
  net.run_until(milliseconds(1));
  CHECK(s1.state(P1) == PortState::Forwarding);
  CHECK(s1.state(P2) == PortState::Disabled);
  net.run_until(seconds(40));
  CHECK(s1.count_sent(P1) == 21);
  CHECK_FALSE(s1.short_aging);
  net.set_cable(s1, 1, false);  // no cable: nothing happens
  CHECK(s1.state(P1) == PortState::Forwarding);
}

TEST_CASE("802.1D: a link that comes back starts blocking, then listens", "[stp]") {
  Triangle t;
  t.net.run_until(seconds(40));
  t.net.set_cable(t.s2, 2, false);
  CHECK(t.s2.state(P2) == PortState::Disabled);
  CHECK(t.s3.state(P2) == PortState::Disabled);
  t.net.run_until(seconds(50));
  t.net.set_cable(t.s2, 2, true);
  CHECK(t.s2.state(P2) == PortState::Listening);  // designated at once
  t.net.run_until(seconds(50) + milliseconds(1));
  CHECK(t.s3.state(P2) == PortState::Blocking);
  CHECK(t.s3.role(P2) == PortRole::Alternate);
  t.net.run_until(seconds(80) + milliseconds(1));
  CHECK(t.s2.state(P2) == PortState::Forwarding);
  CHECK(t.s3.state(P2) == PortState::Blocking);
}
