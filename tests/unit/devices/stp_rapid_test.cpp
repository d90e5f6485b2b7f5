// RSTP (802.1D-2004 clause 17) driven through BPDUs alone: proposal and
// agreement between switches, the 2 x forward delay of a port nobody agrees
// with, edge ports, fast failover, TC as a flag that flushes, and fallback to
// 802.1D on a port that hears a config BPDU.
#include <catch2/catch.hpp>

#include "devices/bridge/stp_rapid.h"
#include "stp_harness.h"

using namespace netsim;
using namespace netsim::devices;
using namespace netsim::test;

namespace {
constexpr uint32_t P1 = 0, P2 = 1, P3 = 2;

// RSTP everywhere unless s2 is given another mode.
struct Triangle : StpTriangle {
  explicit Triangle(bool host_edge = false, StpMode s2_mode = StpMode::Rstp)
      : StpTriangle(StpMode::Rstp, host_edge, s2_mode) {}
};
}  // namespace

TEST_CASE("RSTP: proposal and agreement bring the triangle up in milliseconds", "[rstp]") {
  Triangle t(true);
  t.net.run_until(milliseconds(100));
  for (StpBridge* b : {&t.s1, &t.s2, &t.s3}) CHECK(b->root() == "s1");
  CHECK(t.s2.engine->root_port() == P1);
  CHECK(t.s3.engine->root_port() == P3);
  CHECK(t.s3.role(P2) == PortRole::Alternate);
  CHECK(t.s3.state(P2) == PortState::Blocking);
  CHECK(t.s3.engine->state_name(t.s3.state(P2)) == "discarding");
  for (auto [b, p] : {std::pair{&t.s1, P1}, {&t.s1, P2}, {&t.s1, P3}, {&t.s2, P1}, {&t.s2, P2},
                      {&t.s3, P1}, {&t.s3, P3}})
    CHECK(b->state(p) == PortState::Forwarding);
  // The agreements are RST BPDUs with the flag set, from root and alternate ports.
  bool agreement = false;
  for (const auto& s : t.s3.sent)
    agreement = agreement || (s.port == P2 && s.bpdu.has(wire::bpdu_flags::Agreement));
  CHECK(agreement);
  for (const auto& s : t.s1.sent) CHECK(s.bpdu.type == wire::BpduType::Rst);
}

TEST_CASE("RSTP: a designated port nobody agrees with waits 2 x forward delay", "[rstp]") {
  Triangle t(false);
  t.net.run_until(seconds(14));
  CHECK(t.s3.state(P1) == PortState::Blocking);
  CHECK(t.s3.role(P1) == PortRole::Designated);
  t.net.run_until(seconds(15) + milliseconds(1));
  CHECK(t.s3.state(P1) == PortState::Learning);
  t.net.run_until(seconds(29));
  CHECK(t.s3.state(P1) == PortState::Learning);
  t.net.run_until(seconds(30) + milliseconds(1));
  CHECK(t.s3.state(P1) == PortState::Forwarding);
}

TEST_CASE("RSTP: designated ports send every hello time, and at once on a change", "[rstp]") {
  Triangle t(true);
  t.net.run_until(seconds(1));
  const size_t before = t.s1.count_sent(P2);
  t.net.run_until(seconds(21));
  CHECK(t.s1.count_sent(P2) - before == 10);
  CHECK(t.s3.count_sent(P2, seconds(2)) == 0);  // alternate: silent once agreed
}

TEST_CASE("RSTP: an edge port forwards at once and stops being edge when a BPDU arrives",
          "[rstp]") {
  Triangle t(true);
  t.net.run_until(milliseconds(1));
  CHECK(t.s3.state(P1) == PortState::Forwarding);
  auto* engine = dynamic_cast<RapidStp*>(t.s3.engine.get());
  REQUIRE(engine);
  CHECK(engine->edge(P1));
  wire::BpduRepr rogue;  // a switch plugged into the host port
  rogue.type = wire::BpduType::Rst;
  rogue.version = wire::kRstpVersion;
  rogue.set_role(wire::BpduRole::Designated);
  rogue.root = rogue.bridge = wire::BridgeId::make(0xf000, {{0x02, 0, 0, 0, 0, 9}});
  rogue.port_id = 0x8001;
  rogue.max_age = 20 * 256;
  rogue.hello_time = 2 * 256;
  rogue.forward_delay = 15 * 256;
  t.s3.engine->receive(P1, rogue);
  CHECK_FALSE(engine->edge(P1));
  CHECK(t.s3.role(P1) == PortRole::Designated);  // its claim is worse than root s1
}

TEST_CASE("RSTP failover: the alternate port takes over at once", "[rstp]") {
  Triangle t(true);
  t.net.run_until(seconds(10));
  const int flushes_before = t.s3.flushes[P3];
  t.net.set_cable(t.s1, 2, false);  // s1:p2 - s2:p1
  t.net.run_until(seconds(10) + milliseconds(100));
  CHECK(t.s2.root() == "s1");
  CHECK(t.s2.engine->root_port() == P2);
  CHECK(t.s2.engine->root_path_cost() == 38);
  CHECK(t.s3.role(P2) == PortRole::Designated);
  CHECK(t.s3.state(P2) == PortState::Forwarding);
  CHECK(t.s2.state(P2) == PortState::Forwarding);
  // The topology change travels as a flag; non-edge ports are flushed at once.
  CHECK(t.s3.flushes[P3] > flushes_before);
  for (const auto& s : t.s2.sent) CHECK(s.bpdu.type != wire::BpduType::Tcn);
}

TEST_CASE("RSTP: information from the designated bridge replaces what a port held", "[rstp]") {
  Triangle t(true);
  t.net.run_until(seconds(10));
  wire::BpduRepr claim;  // s2, designated for s2-s3, now says it is root itself
  claim.type = wire::BpduType::Rst;
  claim.version = wire::kRstpVersion;
  claim.set_role(wire::BpduRole::Designated);
  claim.root = claim.bridge = t.s2.engine->bridge_id();
  claim.port_id = 0x8002;
  claim.max_age = 20 * 256;
  claim.hello_time = 2 * 256;
  claim.forward_delay = 15 * 256;
  t.s3.engine->receive(P2, claim);
  // No max-age wait: s3's p2 at once holds the worse claim and becomes designated.
  CHECK(t.s3.role(P2) == PortRole::Designated);
  CHECK(t.s3.last_sent(P2)->bpdu.root == t.s1.engine->bridge_id());
}

TEST_CASE("RSTP falls back to 802.1D on a port that hears a config BPDU", "[rstp]") {
  Triangle t(true, StpMode::Stp);  // s2 speaks 802.1D-1998 and ignores RST BPDUs
  // s2 believes itself root until s1, having heard its config BPDUs, answers in kind.
  t.net.run_until(seconds(8));
  auto* s1 = dynamic_cast<RapidStp*>(t.s1.engine.get());
  auto* s3 = dynamic_cast<RapidStp*>(t.s3.engine.get());
  CHECK(s1->sends_stp(P2));
  CHECK(s3->sends_stp(P2));
  CHECK_FALSE(s1->sends_stp(P3));
  CHECK(t.s1.last_sent(P2)->bpdu.type == wire::BpduType::Config);
  CHECK(t.s1.last_sent(P3)->bpdu.type == wire::BpduType::Rst);
  CHECK(t.s2.root() == "s1");
  CHECK(t.s3.role(P2) == PortRole::Alternate);
  // No agreement over an 802.1D link: s1's port to s2 waits 2 x forward delay.
  CHECK(t.s1.state(P2) != PortState::Forwarding);
  t.net.run_until(seconds(31));
  CHECK(t.s1.state(P2) == PortState::Forwarding);
  CHECK(t.s2.state(P1) == PortState::Forwarding);
}

TEST_CASE("RSTP ages information out after three hello times without BPDUs", "[rstp]") {
  StpNet net;
  StpBridge& a = net.add("a", 4096, 1, 1, StpMode::Rstp);
  StpBridge& b = net.add("b", 8192, 2, 1, StpMode::Rstp);
  net.connect(a, 1, b, 1);
  net.start();
  net.run_until(seconds(3));
  CHECK(b.root() == "a");
  // a stops talking without b noticing the link (a one-way failure).
  a.engine->disable_port(P1);
  // The last BPDU came at 2 s: 3 x hello later, at 8 s, it is gone.
  net.run_until(seconds(7) + milliseconds(500));
  CHECK(b.root() == "a");
  net.run_until(seconds(8) + milliseconds(500));
  CHECK(b.root() == "b");
}
