// The step machine: frames and program counters, loops, try/except with
// Python's subclass rule, threads, and the app's life from start to its end.
#include "sim/scenario/lang/interpreter.h"

#include <algorithm>
#include <cassert>

#include "sim/scenario/lang/pure_calls.h"
#include "sim/scenario/lang/utf8.h"

namespace netsim::lang {
namespace {

// Steps a task may run without ever waiting. Simulated time cannot advance
// while a task runs, so a loop that never blocks would hang the whole run;
// past this it fails the app instead (Python would spin forever).
constexpr int kMaxStepsWithoutWaiting = 1'000'000;
// Python raises "can't start new thread" when the system refuses one.
constexpr size_t kMaxLiveTasks = 1024;

}  // namespace

std::string_view to_string(AppStatus status) {
  switch (status) {
    case AppStatus::Waiting:
      return "waiting";
    case AppStatus::Running:
      return "running";
    case AppStatus::Finished:
      return "finished";
    case AppStatus::Failed:
      return "failed";
  }
  return "?";
}

App::App(std::string name, const Program& program, AppServices& services)
    : services_(services),
      scheduler_(services.scheduler()),
      table_(services.sockets()),
      call_time_(services.call_time()),
      program_(program),
      name_(std::move(name)) {}

void App::start() {
  assert(status_ == AppStatus::Waiting && "an app starts once");
  status_ = AppStatus::Running;
  services_.app_status(name_, "running");
  auto main = std::make_unique<Task>();
  main->name = "main";
  main->variables.resize(program_.names.size());
  main->frames.push_back({program_.steps, 0, Frame::Kind::Block});
  tasks_.push_back(std::move(main));
  ++live_tasks_;
  run(*tasks_.front());
}

const Value* App::variable(std::string_view name) const {
  if (tasks_.empty()) return nullptr;
  const std::optional<uint32_t> slot = program_.slot_of(name);
  if (!slot) return nullptr;
  const std::optional<Value>& v = tasks_.front()->variables[*slot];
  return v ? &*v : nullptr;
}

bool App::waiting_without_timeout() const {
  bool any_live = false;
  for (const auto& t : tasks_) {
    if (t->done) continue;
    any_live = true;
    if (t->blocked.what != WaitKind::Socket || t->blocked.deadline != kTimeNever) return false;
  }
  return any_live;
}

void App::run(Task& t) {
  int budget = kMaxStepsWithoutWaiting;
  while (!t.done && t.blocked.what == WaitKind::Nothing) {
    const Frame& f = t.frames.back();
    if (f.pc == f.steps.size()) {
      end_of_block(t);
      continue;
    }
    const Step& s = f.steps[f.pc];
    if (--budget < 0) {
      const PyError busy(ErrorKind::RuntimeError,
                         "busy loop: " + std::to_string(kMaxStepsWithoutWaiting) +
                             " steps ran without waiting, so simulated time cannot advance");
      finish_task(t, &busy, s.loc);
      return;
    }
    // Clean for a fresh step; after a park they keep the step's calls so far.
    if (t.calls.size() < static_cast<size_t>(s.call_sites))
      t.calls.resize(static_cast<size_t>(s.call_sites));
    t.step_calls = s.call_sites;
    t.error_offset = -1;
    try {
      if (!execute(t, s)) return;  // parked: the wake-up runs this step again
    } catch (const PyError& e) {
      reset_calls(t, s);
      raise(t, e, t.error_offset >= 0 ? s.at(static_cast<uint32_t>(t.error_offset)) : s.loc);
      continue;
    }
    reset_calls(t, s);
  }
}

void App::reset_calls(Task& t, const Step& s) {
  // Bounded by the slots there are: a stopped task has none left.
  const size_t used = std::min(static_cast<size_t>(s.call_sites), t.calls.size());
  for (size_t i = 0; i < used; ++i) t.calls[i].reset();
}

bool App::execute(Task& t, const Step& s) {
  auto next = [&t] { ++t.frames.back().pc; };
  auto enter = [&t](const std::vector<Step>& steps, Frame::Kind kind, int64_t repeats_left = 0) {
    t.frames.push_back({steps, 0, kind, repeats_left});
  };
  switch (s.kind) {
    case StepKind::Pass:
      next();
      return true;
    case StepKind::Break:
      leave_loop(t, true);
      return true;
    case StepKind::Continue:
      leave_loop(t, false);
      return true;
    case StepKind::Assign:
    case StepKind::Evaluate: {
      std::optional<Value> v = eval(t, *s.expr);
      if (!v) return false;
      if (s.kind == StepKind::Assign) assign(t, s, std::move(*v));
      next();
      return true;
    }
    case StepKind::If:
    case StepKind::While: {
      const std::optional<Value> c = eval(t, *s.expr);
      if (!c) return false;
      if (s.kind == StepKind::While) {
        if (c->truthy()) {
          enter(s.body, Frame::Kind::WhileBody);
        } else {
          next();
        }
        return true;
      }
      const std::vector<Step>& branch = c->truthy() ? s.body : s.orelse;
      if (branch.empty()) {
        next();
      } else {
        enter(branch, Frame::Kind::Block);
      }
      return true;
    }
    case StepKind::Repeat: {
      const std::optional<Value> n = eval(t, *s.expr);
      if (!n) return false;
      t.error_offset = s.expr->offset;  // where a non-int count is reported
      const int64_t count = integer_argument(*n);
      if (count > 0) {
        enter(s.body, Frame::Kind::RepeatBody, count - 1);
      } else {
        next();
      }
      return true;
    }
    case StepKind::Try:
      enter(s.body, Frame::Kind::TryBody);
      return true;
    case StepKind::Thread:
      spawn_thread(t, s);
      next();
      return true;
  }
  return true;
}

void App::end_of_block(Task& t) {
  Frame& f = t.frames.back();
  if (f.kind == Frame::Kind::RepeatBody && f.repeats_left > 0) {
    --f.repeats_left;
    f.pc = 0;
    return;
  }
  const Frame::Kind kind = f.kind;
  t.frames.pop_back();
  if (t.frames.empty()) {
    finish_task(t, nullptr, {});
    return;
  }
  if (kind != Frame::Kind::WhileBody) ++t.frames.back().pc;  // a while step re-tests its condition
}

void App::leave_loop(Task& t, bool is_break) {
  while (t.frames.back().kind != Frame::Kind::WhileBody &&
         t.frames.back().kind != Frame::Kind::RepeatBody) {
    t.frames.pop_back();
    assert(!t.frames.empty() && "the parser allows break/continue only inside a loop body");
  }
  Frame& loop = t.frames.back();
  if (is_break) {
    t.frames.pop_back();
    ++t.frames.back().pc;
  } else {
    loop.pc = static_cast<uint32_t>(loop.steps.size());  // end_of_block starts the next iteration
  }
}

void App::raise(Task& t, const PyError& error, SourceLoc where) {
  while (!t.frames.empty()) {
    const Frame::Kind kind = t.frames.back().kind;
    t.frames.pop_back();
    if (kind != Frame::Kind::TryBody) continue;
    const Frame& parent = t.frames.back();
    const Step& try_step = parent.steps[parent.pc];
    for (const Handler& h : try_step.handlers) {
      if (std::any_of(h.catches.begin(), h.catches.end(),
                      [&](ErrorKind k) { return catches(k, error.kind()); })) {
        t.frames.push_back({h.body, 0, Frame::Kind::Handler});
        return;
      }
    }
  }
  finish_task(t, &error, where);
}

std::string App::where(SourceLoc loc) const {
  return program_.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

void App::stop_task(Task& t) {
  if (!t.done) {
    --live_tasks_;
    if (t.id != 0) free_slots_.push_back(t.id);
  }
  t.done = true;
  ++t.wait_token;  // completions still in flight find a stale token
  t.timer.cancel(scheduler());
  scheduler().cancel(t.resume_event);
  t.blocked = {};
  t.frames.clear();
  t.calls.clear();
}

void App::finish_task(Task& t, const PyError* error, SourceLoc loc) {
  stop_task(t);
  if (t.id != 0) t.variables.clear();  // the main task's variables stay for `expect var:`
  if (error != nullptr) {
    if (t.id == 0) {
      // An uncaught error in the main steps ends the app, threads included.
      services_.print(name_, "Traceback (" + where(loc) + "): " + error->describe());
      error_name_ = std::string(to_string(error->kind()));
      error_message_ = error->message();
      error_loc_ = loc;
      for (auto& other : tasks_) {
        if (!other->done) stop_task(*other);
      }
      status_ = AppStatus::Failed;
      services_.app_status(name_, "failed " + error_name_);
      close_all_sockets();
      return;
    }
    // Python prints a thread's uncaught error and the thread dies; the app goes on.
    services_.print(
        name_, "Exception in thread " + t.name + " (" + where(loc) + "): " + error->describe());
  }
  if (live_tasks_ == 0 && status_ == AppStatus::Running) {
    status_ = AppStatus::Finished;
    services_.app_status(name_, "finished");
    close_all_sockets();
  }
}

void App::spawn_thread(Task& parent, const Step& s) {
  if (live_tasks_ >= kMaxLiveTasks) {  // raised at the thread step itself
    throw PyError(ErrorKind::RuntimeError, "can't start new thread");
  }
  auto task = std::make_unique<Task>();
  if (free_slots_.empty()) {
    task->id = static_cast<uint32_t>(tasks_.size());
    tasks_.emplace_back();
  } else {
    // An ended thread's slot: its completions still in flight carry tokens
    // up to its last, so the newcomer's tokens start past them.
    task->id = free_slots_.back();
    free_slots_.pop_back();
    task->wait_token = tasks_[task->id]->wait_token + 1;
  }
  task->name = "Thread-" + std::to_string(++threads_started_);
  task->variables = parent.variables;  // a copy: each thread then has its own
  task->frames.push_back({s.body, 0, Frame::Kind::Block});
  Task& started = *task;
  tasks_[started.id] = std::move(task);
  ++live_tasks_;
  // It starts after the spawning task parks, from the event queue: a fixed order.
  schedule_resume(started);
}

void App::assign(Task& t, const Step& s, Value v) {
  if (!s.unpack) {
    t.variables[s.targets.front()] = std::move(v);
    return;
  }
  // A tuple or list hands out its own items; only text is split into new values.
  std::vector<Value> split;
  std::span<const Value> items;
  if (v.is_sequence()) {
    items = v.items();
  } else if (v.kind() == ValueKind::Bytes) {
    for (char c : v.text()) split.push_back(Value::from_int(static_cast<uint8_t>(c)));
    items = split;
  } else if (v.kind() == ValueKind::Str) {
    size_t i = 0;
    while (i < v.text().size()) {
      const size_t start = i;
      utf8::next(v.text(), i);
      split.push_back(Value::str(v.text().substr(start, i - start)));
    }
    items = split;
  } else {
    t.error_offset = s.expr->offset;
    throw PyError(ErrorKind::TypeError,
                  "cannot unpack non-iterable " + std::string(v.type_name()) + " object");
  }
  const size_t expected = s.targets.size();
  if (items.size() != expected) {
    t.error_offset = s.expr->offset;
    throw PyError(ErrorKind::ValueError,
                  items.size() > expected
                      ? "too many values to unpack (expected " + std::to_string(expected) + ")"
                      : "not enough values to unpack (expected " + std::to_string(expected) +
                            ", got " + std::to_string(items.size()) + ")");
  }
  for (size_t i = 0; i < expected; ++i) t.variables[s.targets[i]] = items[i];
}

}  // namespace netsim::lang
