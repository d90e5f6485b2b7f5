// The event queue: (time, insertion) order, lazy cancel, essential counting, timers
// that move their deadline lazily.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "sim/core/scheduler.h"

using namespace netsim;

TEST_CASE("events run in time order, ties in insertion order") {
  Scheduler s;
  std::string order;
  s.schedule_at(microseconds(5), [&] { order += "c"; });
  s.schedule_at(microseconds(1), [&] { order += "a"; });
  s.schedule_at(microseconds(5), [&] { order += "d"; });
  s.schedule_at(microseconds(1), [&] { order += "b"; });
  while (s.run_next()) {
  }
  CHECK(order == "abcd");
  CHECK(s.now() == microseconds(5));
  CHECK(s.events_run() == 4);
}

TEST_CASE("an event may schedule more events, including at the same time") {
  Scheduler s;
  std::string order;
  s.schedule_at(seconds(1), [&] {
    order += "a";
    s.schedule_in(Time{0}, [&] { order += "c"; });
  });
  s.schedule_at(seconds(1), [&] { order += "b"; });
  while (s.run_next()) {
  }
  CHECK(order == "abc");
}

TEST_CASE("cancel is lazy and exact") {
  Scheduler s;
  int fired = 0;
  EventId a = s.schedule_at(seconds(1), [&] { ++fired; });
  EventId b = s.schedule_at(seconds(2), [&] { fired += 10; }, EventKind::Background);
  CHECK(s.essential_pending() == 1);
  s.cancel(a);
  CHECK(s.essential_pending() == 0);
  CHECK_FALSE(s.pending(a));
  CHECK(s.pending(b));
  s.cancel(a);  // twice is a no-op
  CHECK(s.next_time() == seconds(2));
  while (s.run_next()) {
  }
  CHECK(fired == 10);
  // A stale id never cancels the event that reuses its slot.
  EventId c = s.schedule_at(seconds(3), [&] { fired += 100; });
  s.cancel(a);
  s.cancel(b);
  CHECK(s.pending(c));
  s.run_next();
  CHECK(fired == 110);
}

TEST_CASE("timer re-arming cancels the previous arming") {
  Scheduler s;
  Timer t;
  int fired = 0;
  t.arm(s, seconds(1), [&] { fired += 1; });
  t.arm(s, seconds(2), [&] { fired += 2; });
  CHECK(s.essential_pending() == 1);
  while (s.run_next()) {
  }
  CHECK(fired == 2);
  CHECK_FALSE(t.armed(s));
}

TEST_CASE("slots are reused: steady-state scheduling does not grow storage") {
  Scheduler s;
  int n = 0;
  for (int round = 0; round < 1000; ++round) {
    s.schedule_in(microseconds(1), [&] { ++n; });
    s.run_next();
  }
  CHECK(n == 1000);
}

TEST_CASE("transmission_time rounds up to the nanosecond") {
  CHECK(transmission_time(60, 100'000'000) == nanoseconds(4800));
  CHECK(transmission_time(1, 3) == nanoseconds(2'666'666'667));
  CHECK(transmission_time(1514, 10'000'000) == nanoseconds(1'211'200));
}

TEST_CASE("format_time and format_duration") {
  CHECK(format_time(nanoseconds(1'000'120'000)) == "1.000120000");
  CHECK(format_duration(milliseconds(1500)) == "1.5s");
  CHECK(format_duration(microseconds(250)) == "250us");
  CHECK(format_duration(seconds(120)) == "2m");
}

TEST_CASE("make_essential: a background event that essential work waits on keeps the run going") {
  Scheduler s;
  const EventId id = s.schedule_in(seconds(1), [] {}, EventKind::Background);
  CHECK(s.essential_pending() == 0);
  s.make_essential(id);
  CHECK(s.essential_pending() == 1);
  s.make_essential(id);  // once only
  CHECK(s.essential_pending() == 1);
  s.run_next();
  CHECK(s.essential_pending() == 0);
  s.make_essential(id);  // already ran: nothing
  CHECK(s.essential_pending() == 0);
}

TEST_CASE("a timer re-armed a million times leaves no trail of cancelled entries") {
  Scheduler s;
  Timer rto;
  std::string order;
  s.schedule_at(seconds(2), [&] { order += "b"; });
  for (int i = 0; i < 1'000'000; ++i) rto.arm(s, seconds(1) + Time{i}, [&] { order += "a"; });
  CHECK(s.heap_entries() == 2);  // later armings move the one entry's deadline
  // Compaction never changes the order: the last arming runs, before the later event.
  EventId late = s.schedule_at(seconds(3), [&] { order += "c"; });
  EventId early = s.schedule_at(seconds(1), [&] { order += "x"; });
  s.cancel(early);
  while (s.run_next()) {
  }
  CHECK(order == "abc");
  CHECK(!s.pending(late));
  CHECK(s.events_run() == 3);
}

TEST_CASE("a re-armed timer keeps the order of a fresh scheduling") {
  Scheduler s;
  Timer t;
  std::string order;
  t.arm(s, seconds(1), [&] { order += "x"; });
  s.schedule_at(seconds(2), [&] { order += "a"; });
  t.arm(s, seconds(2), [&] { order += "t"; });  // later than "a" at the same time: after it
  s.schedule_at(seconds(2), [&] { order += "b"; });
  CHECK(s.heap_entries() == 3);
  CHECK(s.next_time() == seconds(2));  // the entry at 1 s was only the old deadline
  while (s.run_next()) {
  }
  CHECK(order == "atb");
}

TEST_CASE("a timer armed earlier than its entry, and one cancelled then armed again") {
  Scheduler s;
  Timer early, revived;
  std::string order;
  early.arm(s, seconds(5), [&] { order += "5"; });
  early.arm(s, seconds(1), [&] { order += "e"; });  // earlier: a new entry, the old one dead
  revived.arm(s, seconds(2), [&] { order += "x"; });
  revived.cancel(s);
  CHECK_FALSE(revived.armed(s));
  CHECK(s.essential_pending() == 1);
  revived.arm(s, seconds(3), [&] { order += "r"; }, EventKind::Background);  // reuses the queued entry
  CHECK(revived.armed(s));
  CHECK(s.essential_pending() == 1);
  CHECK(s.heap_entries() == 3);
  while (s.run_next()) {
  }
  CHECK(order == "er");
  CHECK(s.events_run() == 2);
}

TEST_CASE("a timer re-armed from its own callback runs again") {
  Scheduler s;
  Timer t;
  int fired = 0;
  std::function<void()> tick = [&] {
    if (++fired < 3) t.arm(s, s.now() + seconds(1), tick);
    CHECK(t.armed(s) == (fired < 3));
  };
  t.arm(s, seconds(1), tick);
  while (s.run_next()) {
  }
  CHECK(fired == 3);
  CHECK(s.now() == seconds(3));
}

TEST_CASE("equal times run per actor, each actor's events in the order it scheduled them") {
  Scheduler s;
  const uint32_t a = s.new_actor();
  const uint32_t b = s.new_actor();
  std::string order;
  {
    Scheduler::Acting as(s, b);
    s.schedule_at(seconds(1), [&] { order += "b1 "; });
  }
  {
    Scheduler::Acting as(s, a);
    s.schedule_at(seconds(1), [&] { order += "a1 "; });
    s.schedule_for(b, seconds(1), [&] {  // a frame from a arriving at b: it runs as b
      order += "b2 ";
      CHECK(s.actor() == b);
      s.schedule_at(seconds(1), [&] { order += "b3 "; });
    });
  }
  s.schedule_at(seconds(1), [&] { order += "s "; });  // the scenario's (actor 0): first
  while (s.run_next()) {
  }
  // Not insertion order: a's events first, the arrival in a's order, then b's own.
  CHECK(order == "s a1 b2 b1 b3 ");
  CHECK(s.actor() == 0);
}
