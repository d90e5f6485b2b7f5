// The one event queue: a radix heap (radix_queue.h) keyed by (time, actor,
// the actor's own count). An actor is a node (or 0, the scenario); events at equal times run
// in the order of who scheduled them, then in the order that actor did: a
// node's events are ordered without regard to what other nodes scheduled
// meanwhile, so a run split by node across processes orders them alike. Event records live in
// fixed chunks reused through a free list: steady-state scheduling never
// allocates, and growing never copies records (a doubling vector held the old
// and the new copy at once: W1's peak). A callback is built in its record and
// runs there: no copy of its captures on the way.
// A cancelled event leaves a tombstone in the heap (cancel is O(1)); when
// tombstones outnumber live events the heap is rebuilt without them.
// A Timer re-armed later than its queued entry keeps that entry and only
// moves its deadline (the entry, reaching the top early, is re-keyed and sunk
// in place), so a retransmission timer re-armed on every ACK pushes nothing.
// The order is exactly the one of cancelling and scheduling anew: an arming
// takes a fresh sequence number either way.
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/core/inplace_function.h"
#include "sim/core/radix_queue.h"
#include "sim/core/time.h"

namespace netsim {

// Whether an event keeps the run alive. Cache expiry, TIME_WAIT and other
// housekeeping are Background: a run with only those left has ended.
enum class EventKind : uint8_t { Essential, Background };

struct EventId {
  uint32_t slot = UINT32_MAX;
  uint32_t generation = 0;
  bool valid() const { return slot != UINT32_MAX; }
};

class Scheduler {
 public:
  using Callback = InplaceFunction<void(), 96>;

  Time now() const { return now_; }

  // `f`: a callable (built in the event's record) or a Callback (moved there).
  template <typename F>
  EventId schedule_at(Time at, F&& f, EventKind kind = EventKind::Essential) {
    return schedule_for(actor_, at, std::forward<F>(f), kind);
  }
  // Runs `f` as `owner` (a frame arriving at the far node): what it schedules
  // in turn is the owner's. The order among equal times is still the scheduler's.
  template <typename F>
  EventId schedule_for(uint32_t owner, Time at, F&& f, EventKind kind = EventKind::Essential) {
    const uint32_t slot = acquire();
    record(slot).callback.emplace(std::forward<F>(f));
    return enqueue(slot, at, kind, owner);
  }
  template <typename F>
  EventId schedule_in(Time delay, F&& f, EventKind kind = EventKind::Essential) {
    return schedule_at(now_ + delay, std::forward<F>(f), kind);
  }
  // Replaces event `id` (pending, cancelled, or already run) by `f` at `at`:
  // a Timer's arming. When `id`'s heap entry is still queued no later than
  // `at`, the entry is reused; otherwise `id` is cancelled and `f` scheduled.
  template <typename F>
  EventId rearm(EventId id, Time at, F&& f, EventKind kind = EventKind::Essential) {
    if (!reusable(id, at)) {
      cancel(id);
      return schedule_at(at, std::forward<F>(f), kind);
    }
    record(id.slot).callback.emplace(std::forward<F>(f));
    defer(id.slot, at, kind);
    return id;
  }
  // Cancelling an event that already ran or was cancelled is a no-op.
  void cancel(EventId id);
  bool pending(EventId id) const { return queued(id) && record(id.slot).live; }
  // A background event that essential work now waits on (a frame queued
  // behind a BPDU's transmission) keeps the run going from here on.
  void make_essential(EventId id);

  // Runs the earliest event. Returns false when the queue is empty.
  bool run_next();
  // Time of the earliest live event, or kTimeNever.
  Time next_time() {
    settle_top();
    return queue_.empty() ? kTimeNever : queue_.top().time;
  }
  // Live events that keep the run going.
  uint64_t essential_pending() const { return essential_pending_; }
  uint64_t events_run() const { return events_run_; }
  bool empty() const { return live_ == 0; }
  // Heap entries, tombstones included: bounded by about twice the live events.
  size_t heap_entries() const { return queue_.size(); }
  // A new actor (a node, made in the scenario's order: ids agree across processes).
  uint32_t new_actor() {
    if (actor_sequence_.size() > kMaxActor) throw std::length_error("more than 16M event actors");
    actor_sequence_.push_back(0);
    return static_cast<uint32_t>(actor_sequence_.size() - 1);
  }
  uint32_t actor() const { return actor_; }
  // Code run outside any event on a node's behalf (its start at time 0)
  // schedules as that node.
  class Acting {
   public:
    Acting(Scheduler& s, uint32_t actor) : s_(s), outer_(std::exchange(s.actor_, actor)) {}
    ~Acting() { s_.actor_ = outer_; }
    Acting(const Acting&) = delete;
    Acting& operator=(const Acting&) = delete;

   private:
    Scheduler& s_;
    uint32_t outer_;
  };
  // Moves the clock forward with no event (end of run, timed expect checks).
  void advance_to(Time t) {
    if (t > now_) now_ = t;
  }

 private:
  struct Record {
    Callback callback;
    Time deadline{0};   // when it runs: its heap entry may be earlier (a timer re-armed later)
    Time queued_at{0};  // its heap entry's time
    uint64_t sequence = 0;    // order key among equal times: actor, then the actor's count
    uint32_t generation = 0;  // bumped when the slot is freed or its event starts running
    uint32_t owner = 0;       // the actor it runs as
    EventKind kind = EventKind::Essential;
    bool live = false;
  };
  // The generation matches only while the slot's entry is in the heap and its event has not started.
  bool queued(EventId id) const {
    return id.valid() && id.slot < records_ && record(id.slot).generation == id.generation;
  }
  bool reusable(EventId id, Time at) const { return queued(id) && record(id.slot).queued_at <= at; }
  uint32_t acquire();
  EventId enqueue(uint32_t slot, Time at, EventKind kind, uint32_t owner);
  static constexpr int kCountBits = 40;  // 10^12 events an actor; 2^24 actors
  static constexpr uint64_t kMaxActor = (uint64_t{1} << (64 - kCountBits)) - 1;
  uint64_t next_sequence() {
    const uint64_t count = actor_sequence_[actor_]++;
    if (count >> kCountBits) throw std::length_error("an actor scheduled 2^40 events");
    return uint64_t{actor_} << kCountBits | count;
  }
  void defer(uint32_t slot, Time at, EventKind kind);
  void count_live(const Record& r, int delta);
  // Pops tombstones and re-keys deferred entries until the top is an event due
  // at its time. A push keeps a settled top settled (a fresh entry is live and
  // current); a cancel, a re-arm or a pop may not.
  void settle_top() {
    if (!top_settled_) settle();
  }
  void settle();
  // Drops every tombstone and re-heapifies (order is total, so unchanged).
  void compact();
  void release(uint32_t slot);
  static constexpr uint32_t kChunkBits = 10;  // 1024 records (~150 kB) a chunk
  Record& record(uint32_t slot) {
    return chunks_[slot >> kChunkBits][slot & ((1u << kChunkBits) - 1)];
  }
  const Record& record(uint32_t slot) const {
    return chunks_[slot >> kChunkBits][slot & ((1u << kChunkBits) - 1)];
  }

  std::vector<std::unique_ptr<Record[]>> chunks_;
  uint32_t records_ = 0;  // made so far (slots below it exist)
  std::vector<uint32_t> free_slots_;
  RadixQueue queue_;
  Time now_{0};
  uint32_t actor_ = 0;                            // who is running: what it schedules is its
  std::vector<uint64_t> actor_sequence_{0};  // events each actor scheduled so far
  uint64_t essential_pending_ = 0;
  uint64_t live_ = 0;
  uint64_t events_run_ = 0;
  bool top_settled_ = false;
};

// A re-armable timer: arming replaces the previous arming. Owners keep Timers
// as members; the callback runs at most once per arming. A timer re-armed
// later, or cancelled and armed again later, reuses its queued heap entry.
class Timer {
 public:
  template <typename F>
  void arm(Scheduler& s, Time at, F&& cb, EventKind kind = EventKind::Essential) {
    id_ = s.rearm(id_, at, std::forward<F>(cb), kind);
  }
  // Keeps the id: a later arming may revive the entry.
  void cancel(Scheduler& s) { s.cancel(id_); }
  bool armed(const Scheduler& s) const { return s.pending(id_); }

 private:
  EventId id_;
};

}  // namespace netsim
