// A run's watch from outside the simulation: Ctrl-C and SIGTERM, a wall-clock
// limit (`netsim test --timeout`) and the progress line on a terminal. The
// signal handler only sets a flag; a watch thread turns the flag or the limit
// into a stop that the run loop asks for between events (RunOptions::progress),
// so the trace, JSONL and pcaps end cleanly at that instant. A Python program
// that never returns to the simulator gets a KeyboardInterrupt from that
// thread, as Ctrl-C gives it in Python.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

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
  // Frames are counted for the progress line only.
  bool wants_frames() const override { return terminal_; }
  void finish(Time end) override;

  static bool signalled();  // Ctrl-C or SIGTERM since the program started
  bool timed_out() const { return timed_out_.load(); }

 private:
  void show(Time now, uint64_t events);
  void watch();  // the watch thread's loop

  std::optional<std::chrono::nanoseconds> wall_limit_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point shown_at_ = started_;
  bool terminal_ = false;
  bool line_shown_ = false;
  uint64_t frames_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> timed_out_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool closing_ = false;  // under mutex_
  std::thread thread_;    // last: started once every member above exists
};

// `options` with its progress hook asking `watch`.
scenario::RunOptions with_watch(scenario::RunOptions options, RunWatch& watch);

}  // namespace netsim::cli
