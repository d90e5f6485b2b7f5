// A run's watch from outside the simulation: Ctrl-C and SIGTERM, a wall-clock
// limit (`netsim test --timeout`) and the progress line on a terminal. The
// signal handler only sets a flag; the run loop asks between events
// (RunOptions::progress), so the trace, JSONL and pcaps end cleanly at that
// instant.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>

#include "sim/core/time.h"
#include "sim/scenario/simulation.h"
#include "sim/trace/trace.h"

namespace netsim::cli {

// The shell's convention for a process ended by SIGINT: 128 + 2.
constexpr int kExitInterrupted = 130;

class RunWatch : public TraceSink {
 public:
  // Installs the SIGINT/SIGTERM handlers for its lifetime. `wall_limit`: the
  // run is interrupted past it. `progress_line`: show one on stderr, when it
  // is a terminal.
  RunWatch(std::optional<std::chrono::nanoseconds> wall_limit, bool progress_line);
  ~RunWatch() override;
  RunWatch(const RunWatch&) = delete;
  RunWatch& operator=(const RunWatch&) = delete;

  // For RunOptions::progress.
  bool keep_going(Time now, uint64_t events);
  void on_event(const TraceEvent& e) override;
  void finish(Time end) override;

  static bool signalled();  // Ctrl-C or SIGTERM since the program started
  bool timed_out() const { return timed_out_; }

 private:
  void show(Time now, uint64_t events);

  std::optional<std::chrono::nanoseconds> wall_limit_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point shown_at_ = started_;
  bool terminal_ = false;
  bool line_shown_ = false;
  bool timed_out_ = false;
  uint64_t frames_ = 0;
};

// `options` with its progress hook asking `watch`.
scenario::RunOptions with_watch(scenario::RunOptions options, RunWatch& watch);

}  // namespace netsim::cli
