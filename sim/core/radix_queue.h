// The scheduler's queue of (time, sequence, slot) entries: a radix heap.
// Simulated time never runs backwards, so every entry pushed is at least the
// last one taken out, except events for the current instant ordered before it
// (see below). A radix heap files each entry by where its key first differs
// from the last minimum: a push is an append, and a pop refills bucket 0 by
// spreading the lowest non-empty bucket over the lower ones, so an entry moves
// a few times in its life, along arrays, with none of a binary heap's sifts
// through cache lines. Pops come out in exactly the order of the keys (a total
// order), as from any priority queue.
//
// Keys are read in hexadecimal digits: an entry is filed by the highest digit
// in which it differs from the minimum and by its own value of that digit, so
// every spreading moves it at least one digit lower. A timer 1 ms ahead (2^20
// ns) moves about 5 times instead of 20 with one bucket a bit, and a flood's
// hundreds of arrivals at one instant (keys differing in the low bits of their
// sequence) about 3 times.
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
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

#include "sim/core/time.h"

namespace netsim {

struct QueueEntry {
  Time time;
  uint64_t sequence;
  uint32_t slot;
};

// A bucket's entries: an array that grows by doubling. Its append is inline
// (std::vector's push_back is not, at -O2, and a queue files a few entries an event).
class QueueBucket {
 public:
  QueueBucket() = default;
  QueueBucket(const QueueBucket&) = delete;
  QueueBucket& operator=(const QueueBucket&) = delete;
  ~QueueBucket() { std::free(data_); }

  bool empty() const { return size_ == 0; }
  uint32_t size() const { return size_; }
  const QueueEntry* begin() const { return data_; }
  const QueueEntry* end() const { return data_ + size_; }
  const QueueEntry& front() const { return data_[0]; }
  void append(const QueueEntry& e) {
    if (size_ == capacity_) [[unlikely]] grow();
    data_[size_++] = e;
  }
  // Empties the bucket; room above `kept` entries is given back (a bucket
  // that once held thousands must not keep their room: memory follows what
  // is queued).
  void clear(uint32_t kept) {
    size_ = 0;
    if (capacity_ > kept) {
      std::free(std::exchange(data_, nullptr));
      capacity_ = 0;
    }
  }
  template <typename Gone>
  uint32_t erase_if(Gone& gone) {
    const auto left = static_cast<uint32_t>(std::remove_if(data_, data_ + size_, gone) - data_);
    return std::exchange(size_, left) - left;
  }

 private:
  void grow() {
    const uint32_t capacity = capacity_ == 0 ? 8 : 2 * capacity_;
    auto* data = static_cast<QueueEntry*>(std::realloc(data_, capacity * sizeof(QueueEntry)));
    if (data == nullptr) throw std::bad_alloc();
    data_ = data;
    capacity_ = capacity;
  }

  QueueEntry* data_ = nullptr;
  uint32_t size_ = 0;
  uint32_t capacity_ = 0;
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
    if (!has_least_) refill();
    return least_;
  }
  void pop() {
    top();
    --size_;
    if (!early_.empty()) {
      std::pop_heap(early_.begin(), early_.end(), later);
      early_.pop_back();
      return;
    }
    has_least_ = false;
  }
  // Removes every entry for which `gone(entry)` holds.
  template <typename Gone>
  void erase_if(Gone&& gone) {
    size_ -= std::erase_if(early_, gone);
    std::make_heap(early_.begin(), early_.end(), later);
    if (has_least_ && gone(least_)) {
      has_least_ = false;
      --size_;
    }
    for (size_t b = 1; b < kBuckets; ++b) {
      size_ -= buckets_[b].erase_if(gone);
      if (buckets_[b].empty()) occupied_[b / 64] &= ~(uint64_t{1} << (b % 64));
    }
  }

 private:
  using Key = unsigned __int128;
  static constexpr unsigned kDigitBits = 4;
  static constexpr unsigned kDigitValues = 1u << kDigitBits;
  static constexpr unsigned kDigits = 128 / kDigitBits;
  // "Bucket" 0 is the key equal to the minimum: keys are unique (a sequence
  // is never reused), so it is one entry, `least_`. Digit d's buckets hold
  // keys whose value there (above the minimum's, so 1..15) is v:
  // d * 15 + v. Bucket order is key order.
  static constexpr size_t kBuckets = 1 + kDigits * (kDigitValues - 1);
  static constexpr uint32_t kKeptRoom = 64;
  static Key key(const QueueEntry& e) {
    return static_cast<Key>(static_cast<uint64_t>(e.time.count())) << 64 | e.sequence;
  }
  static bool later(const QueueEntry& a, const QueueEntry& b) { return key(a) > key(b); }
  size_t bucket_of(Key k) const {
    const Key diff = k ^ last_;
    const auto diff_high = static_cast<uint64_t>(diff >> 64);
    const auto diff_low = static_cast<uint64_t>(diff);
    if ((diff_high | diff_low) == 0) return 0;
    // A digit never straddles the two halves (4 divides 64).
    const bool high = diff_high != 0;
    const uint64_t half = high ? static_cast<uint64_t>(k >> 64) : static_cast<uint64_t>(k);
    const unsigned bit = 63 - static_cast<unsigned>(std::countl_zero(high ? diff_high : diff_low));
    const unsigned digit = bit / kDigitBits;
    const auto value = static_cast<unsigned>(half >> (digit * kDigitBits)) & (kDigitValues - 1);
    return (high ? kDigits / 2 + digit : digit) * (kDigitValues - 1) + value;
  }
  void file(const QueueEntry& e, Key k) {
    const size_t b = bucket_of(k);
    if (b == 0) {
      assert(!has_least_ && "queue keys are unique");
      least_ = e;
      has_least_ = true;
      return;
    }
    buckets_[b].append(e);
    occupied_[b / 64] |= uint64_t{1} << (b % 64);
  }
  // The least entry was taken: the lowest non-empty bucket's minimum becomes
  // the new reference and its entries spread over the buckets below (they
  // agree with the new minimum in the digit they were filed by and every one
  // above it).
  void refill() {
    size_t b = 0;
    for (size_t w = 0; w < occupied_.size(); ++w)
      if (occupied_[w] != 0) {
        b = w * 64 + static_cast<size_t>(std::countr_zero(occupied_[w]));
        break;
      }
    assert(b != 0 && !buckets_[b].empty());
    QueueBucket& from = buckets_[b];
    occupied_[b / 64] &= ~(uint64_t{1} << (b % 64));
    if (from.size() == 1) {
      // Most refills: events at distinct times leave one entry a bucket.
      least_ = from.front();
      has_least_ = true;
      last_ = key(least_);
    } else {
      Key low = key(from.front());
      for (const QueueEntry& e : from) low = std::min(low, key(e));
      last_ = low;
      for (const QueueEntry& e : from) file(e, key(e));  // the minimum becomes least_
    }
    from.clear(kKeptRoom);
  }

  std::array<QueueBucket, kBuckets> buckets_;  // [0] unused: see least_
  std::array<uint64_t, (kBuckets + 63) / 64> occupied_{};  // a bit per non-empty bucket
  std::vector<QueueEntry> early_;  // keys below last_: a heap, served first
  QueueEntry least_{};             // the entry whose key is last_, while has_least_
  bool has_least_ = false;
  Key last_ = 0;
  size_t size_ = 0;
};

}  // namespace netsim
