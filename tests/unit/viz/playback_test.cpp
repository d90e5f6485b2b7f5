// Playback speed ladder, default speed, idle skipping and stepping.
#include "viz/playback.h"

#include <catch2/catch.hpp>

#include "synthetic.h"

using namespace netsim;
using namespace netsim::viz;

TEST_CASE("speeds step along a 1-2-5 ladder") {
  CHECK(faster_speed(1e-4) == Approx(2e-4));
  CHECK(faster_speed(2e-4) == Approx(5e-4));
  CHECK(faster_speed(5e-4) == Approx(1e-3));
  CHECK(slower_speed(1e-4) == Approx(5e-5));
  CHECK(slower_speed(5e-5) == Approx(2e-5));
  CHECK(snap_speed(1.4e-4) == Approx(1e-4));
  CHECK(snap_speed(3.4e-4) == Approx(5e-4));
  CHECK(slower_speed(kMinSpeed) == Approx(kMinSpeed));
  CHECK(faster_speed(kMaxSpeed) == Approx(kMaxSpeed));
  double s = 1e-6;
  for (int i = 0; i < 9; ++i) s = faster_speed(s);
  CHECK(s == Approx(1e-3));
  CHECK(speed_text(1e-4) == format_duration(microseconds(100)) + "/s");
}

namespace {
// Two bursts of one 100us hop each, a second apart.
void bursts(Recording& r, synthetic::Events& ev) {
  const auto frame = synthetic::arp_request(1, 2);
  r.add(ev.sent(Time{0}, "a", "eth0", "b", "eth0", microseconds(100), frame, 1));
  r.add(ev.sent(seconds(1), "b", "eth0", "a", "eth0", seconds(1) + microseconds(100), frame, 2));
  r.finish(seconds(2));
}
}  // namespace

TEST_CASE("the default speed shows a median hop in about half a second") {
  Recording r;
  synthetic::Events ev;
  bursts(r, ev);
  CHECK(default_speed(r) == Approx(2e-4));  // 100us / 0.5s
}

TEST_CASE("advance maps wall time to simulated time and skips idle stretches") {
  Recording r;
  synthetic::Events ev;
  bursts(r, ev);
  Playback p(r, 1e-4);  // 100us of simulated time per second
  p.advance(0.5);
  CHECK(p.now() == microseconds(50));
  p.advance(0.25);
  CHECK(p.now() == microseconds(75));
  // After the frame arrives (100us) the idle tail lasts kIdleTail seconds of
  // playback (100us), then the clock jumps to kIdleLead (30us) before the next send.
  p.advance(0.5);
  CHECK(p.now() == microseconds(125));
  p.advance(1.0);
  CHECK(p.now() == seconds(1) - microseconds(30));
  p.advance(0.5);
  CHECK(p.now() == seconds(1) + microseconds(20));
  CHECK(r.any_in_flight(p.now()));
  // Past the last event the clock runs to the end and pauses there.
  p.advance(3.0);
  p.advance(3.0);
  CHECK(p.at_end());
  CHECK(p.paused());
  CHECK(p.now() == seconds(2));
}

TEST_CASE("stepping pauses on the next and previous event; restart and seek") {
  Recording r;
  synthetic::Events ev;
  bursts(r, ev);
  Playback p(r, 1e-4);
  p.step_forward();
  CHECK(p.paused());
  CHECK(p.now() == seconds(1));
  p.step_forward();
  CHECK(p.now() == seconds(1));  // nothing after the last send
  p.step_back();
  CHECK(p.now() == Time{0});
  p.seek(seconds(5));
  CHECK(p.now() == seconds(2));
  p.advance(1);
  CHECK(p.now() == seconds(2));  // paused
  p.restart();
  CHECK(p.now() == Time{0});
  CHECK_FALSE(p.paused());
  p.faster();
  CHECK(p.speed() == Approx(2e-4));
}
