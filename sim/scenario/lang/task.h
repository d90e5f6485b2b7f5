// One line of execution inside an app (the main steps, or a thread): its
// variables, its stack of step lists with program counters, and what it is
// parked on. The state App's explicit machine works on.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/core/scheduler.h"
#include "sim/core/time.h"
#include "sim/scenario/lang/program.h"
#include "sim/scenario/lang/py_error.h"
#include "sim/scenario/lang/value.h"
#include "sim/wire/address.h"

namespace netsim::lang {

// A step list being run. The step that opened a frame stays under its
// parent's pc while the frame runs; the frame's kind says what happens to
// the parent when the list ends.
struct Frame {
  enum class Kind : uint8_t {
    Block,       // main/thread steps, an if branch: the parent moves on
    WhileBody,   // the parent's while step runs again (its condition decides)
    RepeatBody,  // runs again while repeats_left > 0, then the parent moves on
    TryBody,     // the parent's try step's handlers apply to errors raised inside
    Handler,     // an except body: the parent moves on past the try
  };
  // The list itself (not the vector holding it: one pointer less to chase
  // on every step; the program never changes while it runs).
  std::span<const Step> steps;
  uint32_t pc = 0;
  Kind kind = Kind::Block;
  int64_t repeats_left = 0;
};

enum class WaitKind : uint8_t {
  Nothing,  // runnable (or done)
  Resume,   // an operation completed; a zero-delay event will resume the task
  Sleep,
  Resolve,  // a host name, before the operation proper
  Ping,
  Traceroute,
  Socket,  // a socket call (accept, recv, connect, ...)
};

// What a parked task waits for. A deadline (a socket's timeout) wakes the task
// with TimeoutError at `call_site` if the operation has not completed by then
// (or, when `timeout_result` is set, makes the call return that value:
// connect_ex returns EAGAIN where connect raises).
struct BlockedOn {
  WaitKind what = WaitKind::Nothing;
  int call_site = -1;
  Time deadline = kTimeNever;
  int socket = -1;  // WaitKind::Socket: the handle waited on
  std::optional<int64_t> timeout_result = std::nullopt;
};

// What one call of the step being run has produced so far. A blocked step is
// evaluated again when its task wakes; each call answers from here first.
// What every call reads and writes comes first; the whole slot fits two
// cache lines (a rare error is held by pointer).
struct CallOutcome {
  std::optional<Value> result;  // the call is done: its value
  // A socket call retried on each wake-up: its receiver and arguments as
  // first evaluated (so `sendall(b"x" * 1000000)` builds its data once;
  // empty until it first blocks), the deadline its socket's timeout set when
  // it first blocked, and how many bytes sendall has handed over so far.
  std::vector<Value> operands;
  std::optional<Time> deadline;
  size_t progress = 0;
  std::optional<wire::Ipv4Address> resolved;  // its host argument resolved (ping, connect, ...)
  std::unique_ptr<PyError> error;             // it failed after blocking: raised at the call

  // A fresh call's state again. The operands keep their storage: the slot
  // serves the task's next steps, and a call that blocks each time (recv in
  // a loop) then parks without allocating.
  void reset() {
    result.reset();
    resolved.reset();
    error.reset();
    operands.clear();
    deadline.reset();
    progress = 0;
  }
};

// Fields in the order a resume reads them (its state, then its frames,
// call slots and variables), the name last: few cache lines per wake-up.
struct Task {
  uint32_t id = 0;  // index in the app's task list; 0 is the main task
  bool done = false;
  // The running step's calls: with one, its value is never asked for again
  // (nothing after it in the step can park), so it is not kept in its slot.
  int step_calls = 0;
  BlockedOn blocked;
  uint64_t wait_token =
      0;        // bumped at every park and wake: completions carry it, stale ones are ignored
  Timer timer;  // a sleep's end, or a blocking call's deadline
  EventId resume_event;
  std::vector<Frame> frames;  // empty once done
  // By call site, for the step under the top frame's pc; reset (not freed)
  // after each step, so it holds as many slots as the task's largest step.
  std::vector<CallOutcome> calls;
  std::vector<std::optional<Value>> variables;  // by slot (Program::names); nullopt: unset
  // The operands of the calls being evaluated, innermost last: one stack
  // reused by every step, where a vector per call would allocate each time.
  std::vector<Value> stack;
  // Where in the running step's text the error being raised came from (the
  // innermost expression); -1: the step itself.
  int64_t error_offset = -1;
  std::string name;  // "main", "Thread-1", ...: for tracebacks
};

}  // namespace netsim::lang
