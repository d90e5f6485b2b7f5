// CUBIC's curve (RFC 9438) and HyStart, driven by hand-made ACK clocks.
#include <catch2/catch.hpp>

#include "devices/stack/tcp/congestion_control.h"
#include "devices/stack/tcp/cubic.h"

using namespace netsim;
using namespace netsim::devices;

namespace {

constexpr uint32_t kMss = 1000;

// One round trip of ACKs, one per segment in the window, all at `t`; the window after it.
uint32_t round_trip(Cubic& cubic, uint32_t cwnd, Time t, Time rtt) {
  const uint32_t acks = cwnd / kMss;
  for (uint32_t i = 0; i < acks; ++i) cwnd = cubic.avoid(cwnd, kMss, kMss, t, rtt);
  return cwnd;
}

}  // namespace

TEST_CASE("CUBIC: a loss cuts to 0.7 and the window climbs back to W_max at K", "[tcp][cubic]") {
  Cubic cubic;
  const uint32_t ssthresh = cubic.on_congestion(100 * kMss, kMss);
  CHECK(ssthresh == 100 * kMss * 717 / 1024);  // Linux's beta
  CHECK(cubic.w_max() == Approx(100));
  // K = cbrt(W_max (1 - beta) / C): about 4.2 s for 100 segments.
  const Time rtt = milliseconds(100);
  uint32_t cwnd = ssthresh;
  Time t{0};
  cwnd = round_trip(cubic, cwnd, t, rtt);
  CHECK(cubic.k() == Approx(std::cbrt((100 - 70.0195) / 0.4)).epsilon(0.001));
  uint32_t at_half_k = 0;
  while (t < seconds(10)) {
    t += rtt;
    cwnd = round_trip(cubic, cwnd, t, rtt);
    if (at_half_k == 0 && t >= milliseconds(2100)) at_half_k = cwnd;
    if (t == milliseconds(4200)) {
      // Concave, then flat near W_max: within a few segments of it at K.
      CHECK(cwnd >= 97 * kMss);
      CHECK(cwnd <= 103 * kMss);
    }
  }
  // Half way to K most of the way back already (concave growth)...
  CHECK(at_half_k > 90 * kMss);
  CHECK(at_half_k < 100 * kMss);
  // ... and past K it probes beyond W_max, faster and faster (convex).
  CHECK(cwnd > 130 * kMss);
}

TEST_CASE("CUBIC: fast convergence aims lower after a loss below the last W_max", "[tcp][cubic]") {
  Cubic cubic;
  cubic.on_congestion(100 * kMss, kMss);
  cubic.on_congestion(80 * kMss, kMss);
  CHECK(cubic.w_max() == Approx(80 * (1 + 0.7002) / 2).epsilon(0.001));
}

TEST_CASE("CUBIC: never slower than Reno (the Reno-friendly region)", "[tcp][cubic]") {
  // A short RTT and a small window: the cubic curve barely moves in a round
  // trip, Reno's estimate grows by about alpha (0.53) segments per round.
  Cubic cubic;
  uint32_t cwnd = cubic.on_congestion(20 * kMss, kMss);
  const Time rtt = microseconds(500);
  Time t{0};
  for (int i = 0; i < 40; ++i, t += rtt) cwnd = round_trip(cubic, cwnd, t, rtt);
  // 14 segments + ~0.53 per round for 40 rounds, where the cubic curve alone
  // would have added well under a segment in 20 ms.
  CHECK(cwnd > 30 * kMss);
}

TEST_CASE("HyStart: a train of ACKs longer than half the minimum RTT ends slow start", "[tcp][cubic]") {
  CongestionControl cc(CongestionAlgorithm::Cubic);
  cc.start(kMss, SeqNumber(0), false, Time{0});
  SeqNumber ack(1);
  SeqNumber nxt(1 + 64 * kMss);
  // The handshake's RTT sample: 200 us. Then ACKs 10 us apart (a 1 Gbps
  // bottleneck's spacing): once the train passes 100 us, slow start ends.
  Time now = microseconds(200);
  cc.on_new_ack(ack, 0, 0, {now, microseconds(200), microseconds(200), nxt});
  uint32_t before = 0;
  while (cc.ssthresh() == UINT32_MAX && now < milliseconds(10)) {
    now += microseconds(10);
    ack += kMss;
    before = cc.cwnd();
    cc.on_new_ack(ack, kMss, 0, {now, microseconds(200), std::nullopt, nxt});
  }
  CHECK(cc.ssthresh() == before);       // ssthresh = cwnd where the train was seen
  CHECK(before >= 16 * kMss);           // not below hystart_low_window
  CHECK(cc.cwnd() < cc.ssthresh() + kMss);  // from here congestion avoidance
  // NewReno has no HyStart: the same ACKs keep doubling.
  CongestionControl reno(CongestionAlgorithm::NewReno);
  reno.start(kMss, SeqNumber(0), false, Time{0});
  SeqNumber a(1);
  for (int i = 0; i < 40; ++i) reno.on_new_ack(a += kMss, kMss, 0, {});
  CHECK(reno.ssthresh() == UINT32_MAX);
}
