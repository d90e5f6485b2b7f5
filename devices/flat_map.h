// An open-addressing hash map from a 64-bit integer key to a small value,
// for the tables a device consults on every frame (the MAC table). One
// probe is usually one cache line: keys and values sit inline in one array
// (linear probing, at most half full), where std::unordered_map walks a
// bucket list to a node of its own. `kEmpty` is a key that never occurs.
// `kFirstCapacity` (a power of two) is the array's size at the first insert:
// a table most nodes keep two entries in (a host's ARP cache) starts at four
// slots, one cache line. Values may be move-only (a unique_ptr to a large
// entry whose address must outlive rehashing). Erasing one key shifts its
// successors back; erasing by predicate rebuilds the array: tables shrink
// rarely, they are looked up per frame.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace netsim::devices {

template <class Value, uint64_t kEmpty = ~uint64_t{0}, size_t kFirstCapacity = 16>
class FlatMap {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  Value* find(uint64_t key) {
    if (slots_.empty()) return nullptr;
    for (size_t i = home(key);; i = (i + 1) & mask()) {
      Slot& s = slots_[i];
      if (s.key == key) return &s.value;
      if (s.key == kEmpty) return nullptr;
    }
  }
  const Value* find(uint64_t key) const { return const_cast<FlatMap*>(this)->find(key); }

  // The value under `key`, inserted as `value` when absent; true when inserted.
  std::pair<Value*, bool> try_emplace(uint64_t key, Value value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (size_t i = home(key);; i = (i + 1) & mask()) {
      Slot& s = slots_[i];
      if (s.key == key) return {&s.value, false};
      if (s.key == kEmpty) {
        s.key = key;
        s.value = std::move(value);
        ++size_;
        return {&s.value, true};
      }
    }
  }

  // Removes `key`, if present: each entry after it in its probe run moves
  // back into the hole unless that would put it before its home slot.
  bool erase(uint64_t key) {
    if (slots_.empty()) return false;
    size_t hole = home(key);
    for (; slots_[hole].key != key; hole = (hole + 1) & mask())
      if (slots_[hole].key == kEmpty) return false;
    for (size_t i = (hole + 1) & mask(); slots_[i].key != kEmpty; i = (i + 1) & mask()) {
      // The entry at i may fill the hole when its home is not in (hole, i], cyclically.
      const size_t h = home(slots_[i].key);
      const bool stays = hole < i ? hole < h && h <= i : hole < h || h <= i;
      if (stays) continue;
      slots_[hole] = std::move(slots_[i]);
      hole = i;
    }
    slots_[hole] = Slot{};
    --size_;
    return true;
  }

  // Removes every entry for which erase(key, value) is true.
  template <class Pred>
  void erase_if(Pred&& erase) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.resize(old.size());
    size_ = 0;
    for (Slot& s : old)
      if (s.key != kEmpty && !erase(s.key, s.value)) insert_new(s.key, std::move(s.value));
  }
  void clear() {
    slots_.clear();
    size_ = 0;
  }

  // Calls f(key, value) for each entry, in no particular order.
  template <class F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_)
      if (s.key != kEmpty) f(s.key, s.value);
  }

 private:
  struct Slot {
    uint64_t key = kEmpty;
    Value value{};
  };
  size_t mask() const { return slots_.size() - 1; }
  // Fibonacci hashing: the multiply spreads MACs that differ only in their
  // low bytes, and the top bits index the power-of-two array.
  size_t home(uint64_t key) const {
    return static_cast<size_t>((key * 0x9e3779b97f4a7c15ull) >> shift_);
  }
  void insert_new(uint64_t key, Value value) {
    size_t i = home(key);
    while (slots_[i].key != kEmpty) i = (i + 1) & mask();
    slots_[i] = Slot{key, std::move(value)};
    ++size_;
  }
  void grow() {
    static_assert(kFirstCapacity >= 2 && (kFirstCapacity & (kFirstCapacity - 1)) == 0);
    std::vector<Slot> old;
    old.swap(slots_);
    const size_t capacity = old.empty() ? kFirstCapacity : old.size() * 2;
    slots_.resize(capacity);
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    size_ = 0;
    for (Slot& s : old)
      if (s.key != kEmpty) insert_new(s.key, std::move(s.value));
  }

  std::vector<Slot> slots_;  // a power of two, at most half full
  size_t size_ = 0;
  unsigned shift_ = 64;      // 64 - log2(slots_.size())
};

}  // namespace netsim::devices
