// The event queue alone: ns per event with P pending events, each of which
// schedules its successor at a random later time (the "hold" model), with
// and without a re-armed timer per event (a TCP sender re-arms its
// retransmission timer on every ACK, leaving a cancelled entry behind).
//   event_queue_bench [events]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "sim/core/random.h"
#include "sim/core/scheduler.h"

using namespace netsim;

namespace {

struct Hold {
  Scheduler s;
  RandomStream draws{42, "bench"};
  Timer rto;
  bool rearm = false;
  uint64_t left = 0;

  void fire() {
    if (left == 0) return;
    --left;
    if (rearm) rto.arm(s, s.now() + milliseconds(200), [] {});
    s.schedule_in(Time{static_cast<int64_t>(draws.uniform(1, 1'000'000))}, [this] { fire(); });
  }
};

double run(uint64_t pending, uint64_t events, bool rearm) {
  Hold h;
  h.rearm = rearm;
  h.left = events;
  for (uint64_t i = 0; i < pending; ++i)
    h.s.schedule_in(Time{static_cast<int64_t>(h.draws.uniform(1, 1'000'000))}, [&h] { h.fire(); });
  const auto start = std::chrono::steady_clock::now();
  while (h.s.run_next()) {
  }
  const auto ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start);
  return ns.count() / static_cast<double>(h.s.events_run());
}

}  // namespace

int main(int argc, char** argv) {
  const uint64_t events = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 5'000'000;
  std::printf("%10s %14s %14s\n", "pending", "ns/event", "with re-arm");
  for (uint64_t pending : {1, 1000, 100000})
    std::printf("%10llu %14.1f %14.1f\n", static_cast<unsigned long long>(pending),
                run(pending, events, false), run(pending, events, true));
}
