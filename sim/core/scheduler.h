// The one event queue: a 4-ary heap keyed by (time, insertion sequence), so
// equal times run in the order they were scheduled. Event records live in
// fixed chunks reused through a free list: steady-state scheduling never
// allocates, and growing never copies records (a doubling vector held the old
// and the new copy at once: W1's peak).
// A cancelled event leaves a tombstone in the heap (cancel is O(1)); when
// tombstones outnumber live events the heap is rebuilt without them, so a
// timer re-armed on every ACK costs amortised O(1) and no memory.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/core/inplace_function.h"
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

  EventId schedule_at(Time at, Callback cb, EventKind kind = EventKind::Essential);
  EventId schedule_in(Time delay, Callback cb, EventKind kind = EventKind::Essential) {
    return schedule_at(now_ + delay, std::move(cb), kind);
  }
  // Cancelling an event that already ran or was cancelled is a no-op.
  void cancel(EventId id);
  bool pending(EventId id) const;
  // A background event that essential work now waits on (a frame queued
  // behind a BPDU's transmission) keeps the run going from here on.
  void make_essential(EventId id);

  // Runs the earliest event. Returns false when the queue is empty.
  bool run_next();
  // Time of the earliest live event, or kTimeNever.
  Time next_time();
  // Live events that keep the run going.
  uint64_t essential_pending() const { return essential_pending_; }
  uint64_t events_run() const { return events_run_; }
  bool empty() const { return live_ == 0; }
  // Heap entries, tombstones included: bounded by about twice the live events.
  size_t heap_entries() const { return heap_.size(); }
  // Moves the clock forward with no event (end of run, timed expect checks).
  void advance_to(Time t) {
    if (t > now_) now_ = t;
  }

 private:
  struct Record {
    Callback callback;
    uint32_t generation = 0;
    EventKind kind = EventKind::Essential;
    bool live = false;
  };
  struct HeapEntry {
    Time time;
    uint64_t sequence;
    uint32_t slot;
  };
  static bool earlier(const HeapEntry& a, const HeapEntry& b) {
    return a.time != b.time ? a.time < b.time : a.sequence < b.sequence;
  }
  void sift_up(size_t at);
  void sift_down(size_t at);
  void pop_top();
  void pop_dead();
  // Drops every tombstone and re-heapifies (order is total, so unchanged).
  void compact();
  void release(uint32_t slot);
  static constexpr uint32_t kChunkBits = 10;  // 1024 records (~120 kB) a chunk
  Record& record(uint32_t slot) {
    return chunks_[slot >> kChunkBits][slot & ((1u << kChunkBits) - 1)];
  }
  const Record& record(uint32_t slot) const {
    return chunks_[slot >> kChunkBits][slot & ((1u << kChunkBits) - 1)];
  }

  std::vector<std::unique_ptr<Record[]>> chunks_;
  uint32_t records_ = 0;  // made so far (slots below it exist)
  std::vector<uint32_t> free_slots_;
  std::vector<HeapEntry> heap_;
  Time now_{0};
  uint64_t next_sequence_ = 0;
  uint64_t essential_pending_ = 0;
  uint64_t live_ = 0;
  uint64_t events_run_ = 0;
};

// A re-armable timer: arming cancels the previous arming. Owners keep Timers
// as members; the callback runs at most once per arming.
class Timer {
 public:
  void arm(Scheduler& s, Time at, Scheduler::Callback cb, EventKind kind = EventKind::Essential) {
    s.cancel(id_);
    id_ = s.schedule_at(at, std::move(cb), kind);
  }
  void cancel(Scheduler& s) {
    s.cancel(id_);
    id_ = {};
  }
  bool armed(const Scheduler& s) const { return s.pending(id_); }

 private:
  EventId id_;
};

}  // namespace netsim
