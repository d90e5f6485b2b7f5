// The scheduler's queue of (time, sequence, slot) entries: a radix heap.
// Simulated time never runs backwards, so every entry pushed is at least the
// last one taken out, except events for the current instant ordered before it
// (see below). A radix heap files each entry in the bucket of the highest bit
// in which its key differs from the last minimum: a push is an append, and a
// pop refills bucket 0 by spreading the lowest non-empty bucket over the
// lower ones, so an entry moves a few times in its life, along arrays, with
// none of a binary heap's sifts through cache lines. Pops come out in exactly
// the order of the keys (a total order), as from any priority queue.
//
// An event scheduled for the current instant by an actor that sorts before
// the one that ran last has a key below that minimum; those few wait in a
// small ordinary heap that is served first (they precede every filed entry).
#pragma once
#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/core/time.h"

namespace netsim {

struct QueueEntry {
  Time time;
  uint64_t sequence;
  uint32_t slot;
};

class RadixQueue {
 public:
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }

  void push(const QueueEntry& e) {
    ++size_;
    const Key k = key(e);
    if (k < last_) {
      early_.push_back(e);
      std::push_heap(early_.begin(), early_.end(), later);
      return;
    }
    file(e, k);
  }
  // The earliest entry. Not empty.
  const QueueEntry& top() {
    if (!early_.empty()) return early_.front();
    if (buckets_[0].empty()) refill();
    return buckets_[0].back();
  }
  void pop() {
    top();
    --size_;
    if (!early_.empty()) {
      std::pop_heap(early_.begin(), early_.end(), later);
      early_.pop_back();
      return;
    }
    buckets_[0].pop_back();
    if (buckets_[0].empty()) occupied_[0] &= ~uint64_t{1};
  }
  // Removes every entry for which `gone(entry)` holds.
  template <typename Gone>
  void erase_if(Gone&& gone) {
    size_ -= std::erase_if(early_, gone);
    std::make_heap(early_.begin(), early_.end(), later);
    for (size_t b = 0; b < kBuckets; ++b) {
      size_ -= std::erase_if(buckets_[b], gone);
      if (buckets_[b].empty()) occupied_[b / 64] &= ~(uint64_t{1} << (b % 64));
    }
  }

 private:
  using Key = unsigned __int128;
  static constexpr size_t kBuckets = 129;  // equal to the minimum, or differing first in bit 0..127
  static constexpr size_t kKeptRoom = 64;
  static Key key(const QueueEntry& e) {
    return static_cast<Key>(static_cast<uint64_t>(e.time.count())) << 64 | e.sequence;
  }
  static bool later(const QueueEntry& a, const QueueEntry& b) { return key(a) > key(b); }
  size_t bucket_of(Key k) const {
    const Key diff = k ^ last_;
    const auto high = static_cast<uint64_t>(diff >> 64);
    if (high != 0) return 128 - static_cast<size_t>(std::countl_zero(high));
    const auto low = static_cast<uint64_t>(diff);
    return low == 0 ? 0 : 64 - static_cast<size_t>(std::countl_zero(low));
  }
  void file(const QueueEntry& e, Key k) {
    const size_t b = bucket_of(k);
    buckets_[b].push_back(e);
    occupied_[b / 64] |= uint64_t{1} << (b % 64);
  }
  // Bucket 0 is empty: the lowest non-empty bucket's minimum becomes the new
  // reference and its entries spread over the buckets below.
  void refill() {
    size_t b = 0;
    for (size_t w = 0; w < occupied_.size(); ++w)
      if (occupied_[w] != 0) {
        b = w * 64 + static_cast<size_t>(std::countr_zero(occupied_[w]));
        break;
      }
    assert(b != 0 && !buckets_[b].empty());
    std::vector<QueueEntry>& from = buckets_[b];
    Key low = key(from.front());
    for (const QueueEntry& e : from) low = std::min(low, key(e));
    last_ = low;
    occupied_[b / 64] &= ~(uint64_t{1} << (b % 64));
    spill_.swap(from);
    // The emptied bucket keeps a small array at most: a bucket that once held
    // thousands must not keep their room (memory follows what is queued).
    if (from.capacity() > kKeptRoom) std::vector<QueueEntry>().swap(from);
    for (const QueueEntry& e : spill_) file(e, key(e));
    spill_.clear();
  }

  std::array<std::vector<QueueEntry>, kBuckets> buckets_;
  std::array<uint64_t, 3> occupied_{};  // a bit per non-empty bucket
  std::vector<QueueEntry> spill_;       // the bucket being spread (keeps its capacity)
  std::vector<QueueEntry> early_;       // keys below last_: a heap, served first
  Key last_ = 0;
  size_t size_ = 0;
};

}  // namespace netsim
