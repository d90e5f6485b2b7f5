// Frames forwarded per second of wall time, and heap allocations per frame
// during the run, for one scenario: `forwarding_bench FILE.yaml`.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "sim/scenario/loader.h"
#include "sim/scenario/simulation.h"

namespace {
uint64_t g_allocations = 0;

struct FrameCounter : netsim::TraceSink {
  uint64_t sent = 0, dropped = 0;
  void on_event(const netsim::TraceEvent& e) override {
    sent += e.kind == netsim::TraceKind::FrameSent;
    dropped += e.kind == netsim::TraceKind::FrameDropped;
  }
};
}  // namespace

void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: forwarding_bench FILE.yaml\n");
    return 2;
  }
  const auto scenario = netsim::scenario::load_scenario_file(argv[1]);
  netsim::scenario::Simulation sim(scenario, {});
  FrameCounter frames;
  sim.ctx().trace().add_sink(&frames);
  const uint64_t allocations_before = g_allocations;
  const auto start = std::chrono::steady_clock::now();
  sim.run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const uint64_t allocations = g_allocations - allocations_before;
  std::printf("%s\n  nodes %zu, links %zu, simulated %.3f s\n", scenario.name.c_str(), sim.nodes().size(),
              sim.links().size(), netsim::to_seconds(sim.end_time()));
  std::printf("  %llu frames sent (one per hop), %llu dropped, %llu events in %.3f s wall\n",
              static_cast<unsigned long long>(frames.sent), static_cast<unsigned long long>(frames.dropped),
              static_cast<unsigned long long>(sim.ctx().scheduler().events_run()), wall);
  std::printf("  %.0f frames/s, %.0f events/s, %.3f heap allocations per frame (%llu packet buffers)\n",
              static_cast<double>(frames.sent) / wall,
              static_cast<double>(sim.ctx().scheduler().events_run()) / wall,
              static_cast<double>(allocations) / static_cast<double>(frames.sent ? frames.sent : 1),
              static_cast<unsigned long long>(sim.ctx().pool().buffers_created()));
}
