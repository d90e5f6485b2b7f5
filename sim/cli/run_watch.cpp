// Signals, wall-clock limit and the progress line of a run.
#include "sim/cli/run_watch.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "sim/scenario/python_support.h"

namespace netsim::cli {
namespace {

volatile std::sig_atomic_t g_signalled = 0;

extern "C" void on_signal(int) { g_signalled = 1; }

using Handler = void (*)(int);
Handler g_previous_int = SIG_DFL, g_previous_term = SIG_DFL;

}  // namespace

RunWatch::RunWatch(std::optional<std::chrono::nanoseconds> wall_limit, bool progress_line)
    : wall_limit_(wall_limit), terminal_(progress_line && isatty(STDERR_FILENO) == 1) {
  g_previous_int = std::signal(SIGINT, on_signal);
  g_previous_term = std::signal(SIGTERM, on_signal);
  thread_ = std::thread([this] { watch(); });
}

RunWatch::~RunWatch() {
  {
    const std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_one();
  thread_.join();
  std::signal(SIGINT, g_previous_int);
  std::signal(SIGTERM, g_previous_term);
  if (line_shown_) std::fputs("\r\033[K", stderr);
}

bool RunWatch::signalled() { return g_signalled != 0; }

// A signal handler cannot wake a condition variable, so the thread looks
// every 50 ms. Once stopping, it interrupts a running Python program again at
// each look: a program that catches KeyboardInterrupt and loops on gets
// another, as with Ctrl-C pressed again. One that has kept the run from
// stopping for kGiveUp on end is ended with the process, files unfinished: the
// only way left, and said so.
void RunWatch::watch() {
  constexpr auto kGiveUp = std::chrono::seconds(5);
  std::chrono::steady_clock::time_point stopping_since;
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(50), [this] { return closing_; })) {
    const auto wall = std::chrono::steady_clock::now();
    if (!stop_.load()) {
      if (signalled()) {
        stop_ = true;
      } else if (wall_limit_ && wall - started_ > *wall_limit_) {
        timed_out_ = true;
        stop_ = true;
      }
      stopping_since = wall;
    }
    if (!stop_.load()) continue;
    if (!scenario::interrupt_python_programs()) {
      stopping_since = wall;  // the simulator has the run: it stops between events
    } else if (wall - stopping_since > kGiveUp) {
      std::fputs("\nnetsim: a Python program ignores KeyboardInterrupt and never returns to the simulator;"
                 " exiting without finishing the run's files\n", stderr);
      std::_Exit(kExitInterrupted);
    }
  }
}

bool RunWatch::keep_going(Time now, uint64_t events) {
  if (stop_.load(std::memory_order_relaxed) || signalled()) return false;
  const auto wall = std::chrono::steady_clock::now();
  if (terminal_ && wall - shown_at_ > std::chrono::milliseconds(500)) {
    shown_at_ = wall;
    show(now, events);
  }
  return true;
}

void RunWatch::show(Time now, uint64_t events) {
  const double seconds = std::chrono::duration<double>(shown_at_ - started_).count();
  std::fprintf(stderr, "\r\033[K[netsim] simulated %s  %.2fM events (%.2fM/s)  %llu frames",
               format_duration(now).c_str(), static_cast<double>(events) / 1e6,
               static_cast<double>(events) / 1e6 / seconds, static_cast<unsigned long long>(frames_));
  std::fflush(stderr);
  line_shown_ = true;
}

void RunWatch::on_event(const TraceEvent& e) {
  if (e.kind == TraceKind::FrameSent) ++frames_;
}

void RunWatch::finish(Time) {
  if (line_shown_) std::fputs("\r\033[K", stderr);
  line_shown_ = false;
}

scenario::RunOptions with_watch(scenario::RunOptions options, RunWatch& watch) {
  options.progress = [&watch](Time now, uint64_t events) { return watch.keep_going(now, events); };
  return options;
}

}  // namespace netsim::cli
