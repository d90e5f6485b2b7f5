// App: one app's program running on one node, as an explicit machine in
// simulated time. Steps run back to back in zero time until a call blocks
// (sleep, ping, traceroute, name resolution, socket calls); the task then
// parks and the operation's completion resumes it through a scheduled event.
#pragma once
#include <algorithm>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>
#include <utility>

#include "sim/scenario/lang/program.h"
#include "sim/scenario/lang/running_app.h"
#include "sim/scenario/lang/services.h"
#include "sim/scenario/lang/task.h"

namespace netsim::lang {

// The App must outlive the scheduler's run and every operation it started
// through AppServices: completions call back into it.
class App final : public RunningApp {
 public:
  App(std::string name, const Program& program, AppServices& services);
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // At the app's start time (from an event): runs the main steps until they block.
  void start() override;

  const std::string& name() const override { return name_; }
  AppStatus status() const override { return status_; }
  // Failed: the Python error name ("ConnectionRefusedError"), its message and where it was raised.
  const std::string& error_name() const override { return error_name_; }
  const std::string& error_message() const override { return error_message_; }
  SourceLoc error_loc() const { return error_loc_; }
  std::optional<SourceLoc> failed_at() const override { return error_loc_; }
  // The main task's variables (what `expect var:` reads); null when unset.
  const Value* variable(std::string_view name) const override;
  // Every live task waits on the network with no deadline of its own (the
  // end-of-run rule). False when no task is live.
  bool waiting_without_timeout() const;

 private:
  // ---- the machine (interpreter.cpp) ----
  void run(Task& t);
  bool execute(Task& t, const Step& s);  // false: the task parked inside the step
  void end_of_block(Task& t);
  void leave_loop(Task& t, bool is_break);
  void raise(Task& t, const PyError& error, SourceLoc where);
  void finish_task(Task& t, const PyError* error, SourceLoc where);
  void stop_task(Task& t);
  void spawn_thread(Task& parent, const Step& s);
  void assign(Task& t, const Step& s, Value v);
  void reset_calls(Task& t, const Step& s);  // the step is over: its call slots serve the next
  std::string where(SourceLoc loc) const;

  // ---- expressions (evaluator.cpp); nullopt: the task parked ----
  std::optional<Value> eval(Task& t, const Expr& e);
  std::optional<Value> eval_node(Task& t, const Expr& e);
  std::optional<Value> eval_call(Task& t, const Expr& e);
  std::optional<Value> eval_method_call(Task& t, const Expr& e);
  // Pushes the values of e.operands[first:] on the task's stack; false: the task parked.
  bool push_operands(Task& t, const Expr& e, size_t first);

  // ---- calls that take simulated time (blocking_calls.cpp) ----
  std::optional<Value> sleep(Task& t, const Expr& call, const Value& seconds);
  std::optional<Value> ping(Task& t, const Expr& call, std::span<const Value> args);
  std::optional<Value> traceroute(Task& t, const Expr& call, std::span<const Value> args);
  std::optional<Value> gethostbyname(Task& t, const Expr& call, const Value& host);
  std::optional<wire::Ipv4Address> resolve_host(Task& t, int call_site, const Value& host);
  // A host that needs no lookup: a dotted quad, or "" (INADDR_ANY); else nullopt.
  static std::optional<wire::Ipv4Address> numeric_host(const Value& host);
  // A system call (socket(), a socket method, print) returned `result`: the
  // program goes on after the node's call time (AppServices::call_time).
  // nullopt: the task parked for it, and the call's value waits in its slot.
  std::optional<Value> spend_call_time(Task& t, const Expr& call, Value result);
  struct WaitRef {
    uint32_t task;
    int call_site;
    uint64_t token;
  };
  WaitRef park(Task& t, BlockedOn on);
  // How a completed task goes on: from an event of its own (a service's
  // callback may be in the middle of a frame), or right away when the
  // completion is itself an event (the task's timer, a TCP socket's wake-up).
  enum class Resume : uint8_t { Scheduled, Now };
  void complete(WaitRef ref, CallOutcome outcome, Resume how = Resume::Scheduled);
  // A parked task's deadline no longer applies (it completed or retries).
  void cancel_deadline(Task& t);
  void schedule_resume(Task& t);
  void resume_now(Task& t);
  void resume(uint32_t task, uint64_t token);

  // ---- sockets (socket_calls.cpp): the one place socket calls are dispatched ----
  std::optional<Value> open_socket(Task& t, const Expr& call, std::span<const Value> args);
  std::optional<Value> call_socket_method(Task& t, const Expr& call, int handle,
                                          std::span<const Value> args);
  std::optional<Value> socket_connect(Task& t, const Expr& call, int handle, const Value& address);
  std::optional<Value> socket_send(Task& t, const Expr& call, int handle,
                                   std::span<const Value> args);
  std::optional<Value> socket_recv(Task& t, const Expr& call, int handle,
                                   devices::SocketKind kind, const Value& bufsize);
  devices::SocketTable& socket_table();
  // Python's (host, port) tuple for an address.
  Value address_value(devices::SocketAddress a);
  // A handle this app now holds: its waker retries the tasks parked on it.
  Value adopt_socket(int handle, devices::SocketKind kind);
  void socket_ready(int handle, devices::SocketKind kind);
  // (host, port) with the host resolved; nullopt: the task parked on the lookup.
  std::optional<devices::SocketAddress> socket_address(Task& t, const Expr& call,
                                                       const Value& address);
  // An operation that did not complete: WouldBlock parks the task until the
  // socket's waker (or raises BlockingIOError on a non-blocking socket);
  // any other error raises its Python exception.
  std::optional<Value> wait_for_socket(Task& t, const Expr& call, int handle,
                                       devices::SocketError error,
                                       std::optional<int64_t> timeout_result = std::nullopt);
  // A socket this app holds; sockets_ keeps them sorted by handle, in one
  // array: an app holds one or a few, and every call and wake-up looks its
  // socket up (a map's node was one more cold cache line per resume).
  struct HeldSocket {
    int handle;
    devices::SocketKind kind;
    // Python's per-socket timeout: none blocks, zero never waits
    // (setblocking(False)), else the wait's limit.
    std::optional<Time> timeout;
  };
  // Where `handle` is or would go in sockets_.
  std::vector<HeldSocket>::iterator held_position(int handle) {
    return std::partition_point(sockets_.begin(), sockets_.end(),
                                [handle](const HeldSocket& h) { return h.handle < handle; });
  }
  HeldSocket* held_socket(int handle) {  // null: not (or no longer) this app's
    const auto at = held_position(handle);
    return at != sockets_.end() && at->handle == handle ? &*at : nullptr;
  }
  void close_socket(int handle);
  void close_all_sockets();  // the app ended: as at a process's exit

  Scheduler& scheduler() { return scheduler_; }

  // Members in the order a resume touches them: what every wake-up and
  // socket call reads comes first, on few cache lines (2,000 apps take
  // turns, so each resume finds its app cold); names and errors last.
  AppServices& services_;
  // What the node offers is fixed for its life: asked once, not on every
  // call (reaching the node's services object was a cold line per resume).
  Scheduler& scheduler_;
  devices::SocketTable* const table_;  // null: the node has no sockets
  const Time call_time_;
  AppStatus status_ = AppStatus::Waiting;
  // By id. A thread's slot is reused by a later thread once it has ended,
  // so a server that spawns a thread per connection keeps at most
  // kMaxLiveTasks slots, and every spawn and end is O(1).
  std::vector<std::unique_ptr<Task>> tasks_;
  // The sockets this app holds: open in the node's table exactly while held
  // here (handles are never reused, and only their app closes them), so
  // every call checks and learns its socket's kind here rather than there.
  std::vector<HeldSocket> sockets_;
  // recvfrom's last (data, address): `d, a = s.recvfrom(n)` lets go of it
  // before the next, whose items then reuse its block (Value::sequence_in).
  Value recvfrom_pair_;
  // socket_address's last (host, port) value that needed no name lookup, and
  // its address: a loop sending to one peer checks and parses it once. Held,
  // so its identity cannot pass to another value.
  std::optional<std::pair<Value, devices::SocketAddress>> last_sockaddr_;
  std::optional<std::pair<devices::SocketAddress, Value>> last_address_;  // address_value's last
  std::vector<uint32_t> free_slots_;  // ids of ended threads
  size_t live_tasks_ = 0;             // tasks not done
  int threads_started_ = 0;
  const Program& program_;
  std::string name_;
  std::string error_name_;
  std::string error_message_;
  SourceLoc error_loc_;
};

}  // namespace netsim::lang
