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
    slot = static_cast<uint32_t>(records_.size());
    records_.emplace_back();
  }
  Record& r = records_[slot];
  r.callback = std::move(cb);
  r.kind = kind;
  r.live = true;
  ++live_;
  if (kind == EventKind::Essential) ++essential_pending_;
  heap_.push_back({at, next_sequence_++, slot});
  std::push_heap(heap_.begin(), heap_.end(), later);
  return {slot, r.generation};
}

bool Scheduler::pending(EventId id) const {
  return id.valid() && id.slot < records_.size() && records_[id.slot].live &&
         records_[id.slot].generation == id.generation;
}

void Scheduler::cancel(EventId id) {
  if (!pending(id)) return;
  Record& r = records_[id.slot];
  r.live = false;
  r.callback.reset();
  --live_;
  if (r.kind == EventKind::Essential) --essential_pending_;
  // The heap entry stays as a tombstone; pop_dead() frees the slot later.
}

void Scheduler::make_essential(EventId id) {
  if (!pending(id) || records_[id.slot].kind == EventKind::Essential) return;
  records_[id.slot].kind = EventKind::Essential;
  ++essential_pending_;
}

void Scheduler::release(uint32_t slot) {
  ++records_[slot].generation;
  free_slots_.push_back(slot);
}

void Scheduler::pop_dead() {
  while (!heap_.empty() && !records_[heap_.front().slot].live) {
    const uint32_t slot = heap_.front().slot;
    std::pop_heap(heap_.begin(), heap_.end(), later);
    heap_.pop_back();
    release(slot);
  }
}

Time Scheduler::next_time() {
  pop_dead();
  return heap_.empty() ? kTimeNever : heap_.front().time;
}

bool Scheduler::run_next() {
  pop_dead();
  if (heap_.empty()) return false;
  const HeapEntry top = heap_.front();
  std::pop_heap(heap_.begin(), heap_.end(), later);
  heap_.pop_back();
  Record& r = records_[top.slot];
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
