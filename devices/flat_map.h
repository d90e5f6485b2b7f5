// An open-addressing hash map from a 64-bit integer key to a small value,
// for the tables a device consults on every frame (the MAC table). One
// probe is usually one cache line: keys and values sit inline in one array
// (linear probing, at most half full), where std::unordered_map walks a
// bucket list to a node of its own. `kEmpty` is a key that never occurs.
// Erasing is by predicate and rebuilds the array: tables shrink rarely (a
// link lost, aging changed), they are looked up per frame.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace netsim::devices {

template <class Value, uint64_t kEmpty = ~uint64_t{0}>
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
  std::pair<Value*, bool> try_emplace(uint64_t key, const Value& value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (size_t i = home(key);; i = (i + 1) & mask()) {
      Slot& s = slots_[i];
      if (s.key == key) return {&s.value, false};
      if (s.key == kEmpty) {
        s.key = key;
        s.value = value;
        ++size_;
        return {&s.value, true};
      }
    }
  }

  // Removes every entry for which erase(key, value) is true.
  template <class Pred>
  void erase_if(Pred&& erase) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size(), Slot{});
    size_ = 0;
    for (const Slot& s : old)
      if (s.key != kEmpty && !erase(s.key, s.value)) insert_new(s.key, s.value);
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
  void insert_new(uint64_t key, const Value& value) {
    size_t i = home(key);
    while (slots_[i].key != kEmpty) i = (i + 1) & mask();
    slots_[i] = Slot{key, value};
    ++size_;
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    const size_t capacity = old.empty() ? 16 : old.size() * 2;
    slots_.assign(capacity, Slot{});
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    size_ = 0;
    for (const Slot& s : old)
      if (s.key != kEmpty) insert_new(s.key, s.value);
  }

  std::vector<Slot> slots_;  // a power of two, at most half full
  size_t size_ = 0;
  unsigned shift_ = 64;      // 64 - log2(slots_.size())
};

}  // namespace netsim::devices
