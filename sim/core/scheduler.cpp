#include "sim/core/scheduler.h"

#include <algorithm>
#include <cassert>

namespace netsim {

EventId Scheduler::schedule_at(Time at, Callback cb, EventKind kind) {
  assert(at >= now_ && "events cannot be scheduled in the past");
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = records_++;
    if ((slot >> kChunkBits) == chunks_.size())
      chunks_.push_back(std::make_unique<Record[]>(size_t{1} << kChunkBits));
  }
  Record& r = record(slot);
  r.callback = std::move(cb);
  r.kind = kind;
  r.live = true;
  ++live_;
  if (kind == EventKind::Essential) ++essential_pending_;
  heap_.push_back({at, next_sequence_++, slot});
  sift_up(heap_.size() - 1);
  return {slot, r.generation};
}

bool Scheduler::pending(EventId id) const {
  return id.valid() && id.slot < records_ && record(id.slot).live &&
         record(id.slot).generation == id.generation;
}

void Scheduler::cancel(EventId id) {
  if (!pending(id)) return;
  Record& r = record(id.slot);
  r.live = false;
  r.callback.reset();
  --live_;
  if (r.kind == EventKind::Essential) --essential_pending_;
  // The heap entry stays as a tombstone; pop_dead() or compact() frees the slot.
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

void Scheduler::sift_down(size_t at) {
  const size_t n = heap_.size();
  const HeapEntry moving = heap_[at];
  for (;;) {
    const size_t first = at * kArity + 1;
    if (first >= n) break;
    size_t best = first;
    const size_t last = std::min(first + kArity, n);
    for (size_t c = first + 1; c < last; ++c)
      if (earlier(heap_[c], heap_[best])) best = c;
    if (!earlier(heap_[best], moving)) break;
    heap_[at] = heap_[best];
    at = best;
  }
  heap_[at] = moving;
}

void Scheduler::pop_top() {
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
}

void Scheduler::pop_dead() {
  while (!heap_.empty() && !record(heap_.front().slot).live) {
    const uint32_t slot = heap_.front().slot;
    pop_top();
    release(slot);
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

Time Scheduler::next_time() {
  pop_dead();
  return heap_.empty() ? kTimeNever : heap_.front().time;
}

bool Scheduler::run_next() {
  pop_dead();
  if (heap_.empty()) return false;
  const HeapEntry top = heap_.front();
  pop_top();
  Record& r = record(top.slot);
  now_ = top.time;
  Callback cb = std::move(r.callback);
  r.live = false;
  --live_;
  if (r.kind == EventKind::Essential) --essential_pending_;
  release(top.slot);  // before running: the callback may schedule into this slot
  ++events_run_;
  cb();
  return true;
}

}  // namespace netsim
