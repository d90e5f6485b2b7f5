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
  heap_.push_back({at, r.sequence, slot});
  sift_up(heap_.size() - 1);
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
}

void Scheduler::cancel(EventId id) {
  if (!pending(id)) return;
  Record& r = record(id.slot);
  r.live = false;
  r.callback.reset();
  count_live(r, -1);
  // The heap entry stays as a tombstone (a timer may revive it); settle_top()
  // or compact() frees the slot.
  constexpr size_t kSlack = 256;  // small heaps: popping tombstones is cheaper than rebuilding
  if (heap_.size() > 2 * live_ + kSlack) compact();
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

// 4-ary: half the depth of a binary heap, and a node's children share a cache line or two.
constexpr size_t kArity = 4;

void Scheduler::sift_up(size_t at) {
  const HeapEntry moving = heap_[at];
  while (at > 0) {
    const size_t parent = (at - 1) / kArity;
    if (!earlier(moving, heap_[parent])) break;
    heap_[at] = heap_[parent];
    at = parent;
  }
  heap_[at] = moving;
}

// Floyd's way: the hole goes down to a leaf along the earliest children (three
// comparisons a level, none against the moving entry, which came from the
// bottom and nearly always belongs there), then the entry rises into place.
void Scheduler::sift_down(size_t at) {
  HeapEntry* const h = heap_.data();
  const size_t n = heap_.size();
  const HeapEntry moving = h[at];
  const size_t start = at;
  for (;;) {
    const size_t first = at * kArity + 1;
    if (first >= n) break;
    size_t best = first;
    if (first + kArity <= n) {
      const size_t a = earlier(h[first + 1], h[first]) ? first + 1 : first;
      const size_t b = earlier(h[first + 3], h[first + 2]) ? first + 3 : first + 2;
      best = earlier(h[b], h[a]) ? b : a;
    } else {
      for (size_t c = first + 1; c < n; ++c) best = earlier(h[c], h[best]) ? c : best;
    }
    h[at] = h[best];
    at = best;
  }
  while (at > start) {
    const size_t parent = (at - 1) / kArity;
    if (!earlier(moving, h[parent])) break;
    h[at] = h[parent];
    at = parent;
  }
  h[at] = moving;
}

void Scheduler::pop_top() {
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
}

void Scheduler::settle_top() {
  while (!heap_.empty()) {
    HeapEntry& top = heap_.front();
    Record& r = record(top.slot);
    if (!r.live) {
      const uint32_t slot = top.slot;
      pop_top();
      release(slot);
    } else if (r.sequence != top.sequence) {
      // A timer re-armed later: its entry moves to the new deadline (one sift, no pop and push).
      top.time = r.deadline;
      top.sequence = r.sequence;
      r.queued_at = r.deadline;
      sift_down(0);
    } else {
      return;
    }
  }
}

void Scheduler::compact() {
  std::erase_if(heap_, [this](const HeapEntry& e) {
    if (record(e.slot).live) return false;
    release(e.slot);
    return true;
  });
  for (size_t i = heap_.size() / kArity + 1; i-- > 0;)
    if (i < heap_.size()) sift_down(i);
}

bool Scheduler::run_next() {
  settle_top();
  if (heap_.empty()) return false;
  const HeapEntry top = heap_.front();
  pop_top();
  Record& r = record(top.slot);
  now_ = top.time;
  r.live = false;
  count_live(r, -1);
  ++r.generation;  // its id is spent: no cancel or re-arm can reach the running event
  ++events_run_;
  // In place: chunks never move, and the slot is not free until the callback returns.
  const uint32_t outer = std::exchange(actor_, r.owner);
  r.callback();
  actor_ = outer;
  r.callback.reset();
  free_slots_.push_back(top.slot);
  return true;
}

}  // namespace netsim
