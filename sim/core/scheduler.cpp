#include "sim/core/scheduler.h"

#include <algorithm>
#include <cassert>
#include <utility>

namespace netsim {

uint32_t Scheduler::acquire() {
  if (!free_slots_.empty()) {
    const uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  const uint32_t slot = records_++;
  if ((slot >> kChunkBits) == chunks_.size())
    chunks_.push_back(std::make_unique<Record[]>(size_t{1} << kChunkBits));
  return slot;
}

void Scheduler::count_live(const Record& r, int delta) {
  live_ += delta;
  if (r.kind == EventKind::Essential) essential_pending_ += delta;
}

EventId Scheduler::enqueue(uint32_t slot, Time at, EventKind kind, uint32_t owner) {
  assert(at >= now_ && "events cannot be scheduled in the past");
  Record& r = record(slot);
  r.kind = kind;
  r.live = true;
  r.deadline = at;
  r.queued_at = at;
  r.owner = owner;
  r.sequence = next_sequence();
  count_live(r, +1);
  queue_.push({at, r.sequence, slot});
  return {slot, r.generation};
}

void Scheduler::defer(uint32_t slot, Time at, EventKind kind) {
  assert(at >= now_ && "events cannot be scheduled in the past");
  Record& r = record(slot);
  if (r.live) count_live(r, -1);
  r.kind = kind;
  r.live = true;
  count_live(r, +1);
  r.deadline = at;
  r.owner = actor_;
  r.sequence = next_sequence();  // the order of a fresh scheduling
  top_settled_ = false;
}

void Scheduler::cancel(EventId id) {
  if (!pending(id)) return;
  Record& r = record(id.slot);
  r.live = false;
  r.callback.reset();
  top_settled_ = false;
  count_live(r, -1);
  // The heap entry stays as a tombstone (a timer may revive it); settle_top()
  // or compact() frees the slot.
  constexpr size_t kSlack = 256;  // small heaps: popping tombstones is cheaper than rebuilding
  if (queue_.size() > 2 * live_ + kSlack) compact();
}

void Scheduler::make_essential(EventId id) {
  if (!pending(id) || record(id.slot).kind == EventKind::Essential) return;
  record(id.slot).kind = EventKind::Essential;
  ++essential_pending_;
}

void Scheduler::release(uint32_t slot) {
  ++record(slot).generation;
  free_slots_.push_back(slot);
}

void Scheduler::settle() {
  while (!queue_.empty()) {
    const QueueEntry top = queue_.top();
    Record& r = record(top.slot);
    if (!r.live) {
      queue_.pop();
      release(top.slot);
    } else if (r.sequence != top.sequence) {
      // A timer re-armed later: its entry moves to the new deadline.
      queue_.pop();
      queue_.push({r.deadline, r.sequence, top.slot});
      r.queued_at = r.deadline;
    } else {
      break;
    }
  }
  top_settled_ = true;
}

void Scheduler::compact() {
  queue_.erase_if([this](const QueueEntry& e) {
    if (record(e.slot).live) return false;
    release(e.slot);
    return true;
  });
}

bool Scheduler::run_next() {
  settle_top();
  if (queue_.empty()) return false;
  const QueueEntry top = queue_.top();
  queue_.pop();
  top_settled_ = false;
  Record& r = record(top.slot);
  now_ = top.time;
  r.live = false;
  count_live(r, -1);
  ++r.generation;  // its id is spent: no cancel or re-arm can reach the running event
  ++events_run_;
  // In place: chunks never move, and the slot is not free until the callback returns.
  const uint32_t outer = std::exchange(actor_, r.owner);
  // The next event's record is read first thing after this one: its cache
  // miss (records are ~150 bytes apart in a large pool) overlaps the callback.
  if (!queue_.empty()) __builtin_prefetch(&record(queue_.top().slot));
  r.callback();
  actor_ = outer;
  r.callback.reset();
  free_slots_.push_back(top.slot);
  return true;
}

}  // namespace netsim
