// The calls that take simulated time, and the park/complete/resume protocol
// they share with the socket calls: a call parks its task and returns
// nullopt; the completion records the call's outcome and runs the blocked
// step again. A completion that is an event of its own (the task's timer)
// runs it right there; a service's callback schedules a zero-delay resume
// event instead, so the interpreter never runs inside a service's work.
#include <cmath>

#include "sim/scenario/lang/interpreter.h"
#include "sim/scenario/lang/pure_calls.h"
#include "sim/scenario/units.h"

namespace netsim::lang {
namespace {

constexpr int64_t kDefaultPingCount = 4;  // Linux ping's default is endless; Windows sends 4
constexpr int64_t kMaxPingCount = 1'000'000;
constexpr int64_t kDefaultMaxHops = 30;  // traceroute(8)'s default

}  // namespace

App::WaitRef App::park(Task& t, BlockedOn on) {
  ++t.wait_token;
  t.blocked = on;
  const WaitRef ref{t.id, on.call_site, t.wait_token};
  if (on.deadline != kTimeNever) {
    t.timer.arm(scheduler(), on.deadline, [this, ref, value = on.timeout_result] {
      CallOutcome timed_out;
      if (value) {
        timed_out.result = Value::from_int(*value);
      } else {
        timed_out.error = std::make_unique<PyError>(ErrorKind::TimeoutError, "timed out");
      }
      complete(ref, std::move(timed_out), Resume::Now);
    });
  }
  return ref;
}

void App::complete(WaitRef ref, CallOutcome outcome, Resume how) {
  Task& t = *tasks_[ref.task];
  if (t.done || t.wait_token != ref.token)
    return;  // the task moved on (timed out, or the app ended)
  CallOutcome& slot = t.calls[static_cast<size_t>(ref.call_site)];
  if (outcome.result) slot.result = std::move(outcome.result);
  if (outcome.resolved) slot.resolved = outcome.resolved;
  if (outcome.error) slot.error = std::move(outcome.error);
  cancel_deadline(t);
  if (how == Resume::Now) {
    resume_now(t);
  } else {
    schedule_resume(t);
  }
}

void App::cancel_deadline(Task& t) {
  // Only a wait with a deadline armed the timer for it (a sleep's or a
  // call time's timer is the completion itself, done by now): the others
  // need not reach into the scheduler's record, a cold line per resume.
  if (t.blocked.deadline != kTimeNever) t.timer.cancel(scheduler());
}

void App::schedule_resume(Task& t) {
  ++t.wait_token;
  t.blocked = {WaitKind::Resume};
  const uint32_t id = t.id;
  const uint64_t token = t.wait_token;
  t.resume_event = scheduler().schedule_in(Time{0}, [this, id, token] { resume(id, token); });
}

void App::resume(uint32_t task, uint64_t token) {
  Task& t = *tasks_[task];
  if (t.done || t.wait_token != token) return;
  t.blocked = {};
  run(t);
}

void App::resume_now(Task& t) {
  ++t.wait_token;  // completions still in flight for this wait are stale now
  t.blocked = {};
  run(t);
}

std::optional<wire::Ipv4Address> App::numeric_host(const Value& host) {
  if (host.kind() != ValueKind::Str) return std::nullopt;
  // A dotted quad needs no lookup; "" is INADDR_ANY, as for gethostbyname("").
  if (host.text().empty()) return wire::Ipv4Address::any();
  return wire::Ipv4Address::parse(host.text());
}

std::optional<wire::Ipv4Address> App::resolve_host(Task& t, int call_site, const Value& host) {
  CallOutcome& slot = t.calls[static_cast<size_t>(call_site)];
  if (slot.resolved) return slot.resolved;
  if (host.kind() != ValueKind::Str) {
    throw PyError(ErrorKind::TypeError,
                  "str, bytes or bytearray expected, not " + std::string(host.type_name()));
  }
  if (auto a = numeric_host(host)) return slot.resolved = a;
  const WaitRef ref = park(t, {WaitKind::Resolve, call_site});
  services_.resolve(host.text(), [this, ref](std::optional<wire::Ipv4Address> address) {
    CallOutcome outcome;
    if (address) {
      outcome.resolved = address;
    } else {
      outcome.error =
          std::make_unique<PyError>(ErrorKind::GaiError, "[Errno -2] Name or service not known");
    }
    complete(ref, std::move(outcome));
  });
  return std::nullopt;
}

std::optional<Value> App::sleep(Task& t, const Expr& call, const Value& seconds) {
  if (!seconds.is_number()) {
    throw PyError(ErrorKind::TypeError, "'" + std::string(seconds.type_name()) +
                                            "' object cannot be interpreted as an integer");
  }
  const double s = seconds.as_float();
  if (std::isnan(s)) throw PyError(ErrorKind::ValueError, "Invalid value NaN (not a number)");
  if (s < 0) throw PyError(ErrorKind::ValueError, "sleep length must be non-negative");
  if (s > to_seconds(scenario::kMaxDuration))
    throw PyError(ErrorKind::OverflowError, "sleep length is too large (at most 10 years)");
  const WaitRef ref = park(t, {WaitKind::Sleep, call.call_site});
  const Time delay{std::llround(s * 1e9)};
  t.timer.arm(scheduler(), scheduler().now() + delay, [this, ref] {
    CallOutcome woke;
    woke.result = Value::none();
    complete(ref, std::move(woke), Resume::Now);
  });
  return std::nullopt;
}

std::optional<Value> App::spend_call_time(Task& t, const Expr& call, Value result) {
  const Time cost = call_time_;
  if (cost == Time{0}) return result;
  t.calls[static_cast<size_t>(call.call_site)].result = std::move(result);
  const WaitRef ref = park(t, {WaitKind::Sleep, call.call_site});
  t.timer.arm(scheduler(), scheduler().now() + cost, [this, ref] { complete(ref, {}, Resume::Now); });
  return std::nullopt;
}

std::optional<Value> App::ping(Task& t, const Expr& call, std::span<const Value> args) {
  const int64_t count = args.size() > 1 ? integer_argument(args[1]) : kDefaultPingCount;
  if (count < 1 || count > kMaxPingCount) {
    throw PyError(ErrorKind::ValueError,
                  "ping count must be between 1 and " + std::to_string(kMaxPingCount));
  }
  const std::optional<wire::Ipv4Address> dst = resolve_host(t, call.call_site, args[0]);
  if (!dst) return std::nullopt;
  const WaitRef ref = park(t, {WaitKind::Ping, call.call_site});
  services_.ping(*dst, static_cast<int>(count), [this, ref](int replies) {
    CallOutcome outcome;
    outcome.result = Value::from_int(replies);
    complete(ref, std::move(outcome));
  });
  return std::nullopt;
}

std::optional<Value> App::traceroute(Task& t, const Expr& call, std::span<const Value> args) {
  const int64_t max_hops = args.size() > 1 ? integer_argument(args[1]) : kDefaultMaxHops;
  if (max_hops < 1 || max_hops > 255)
    throw PyError(ErrorKind::ValueError, "max_hops must be between 1 and 255");
  const std::optional<wire::Ipv4Address> dst = resolve_host(t, call.call_site, args[0]);
  if (!dst) return std::nullopt;
  const WaitRef ref = park(t, {WaitKind::Traceroute, call.call_site});
  services_.traceroute(*dst, static_cast<int>(max_hops),
                       [this, ref](std::vector<std::string> hops) {
                         std::vector<Value> items;
                         for (std::string& h : hops) items.push_back(Value::str(std::move(h)));
                         CallOutcome outcome;
                         outcome.result = Value::list(std::move(items));
                         complete(ref, std::move(outcome));
                       });
  return std::nullopt;
}

std::optional<Value> App::gethostbyname(Task& t, const Expr& call, const Value& host) {
  const std::optional<wire::Ipv4Address> a = resolve_host(t, call.call_site, host);
  if (!a) return std::nullopt;
  return Value::str(a->to_string());
}

}  // namespace netsim::lang
