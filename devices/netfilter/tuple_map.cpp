// Open addressing with linear probing.
#include "devices/netfilter/tuple_map.h"

#include <algorithm>
#include <cassert>

namespace netsim::devices {

size_t TupleMap::locate(const ConnTuple& key) const {
  if (entries_.empty()) return 0;
  const size_t mask = entries_.size() - 1;
  for (size_t i = key.hash() & mask;; i = (i + 1) & mask) {
    const Entry& e = entries_[i];
    if (e.slot == Slot::Empty) return entries_.size();
    if (e.slot == Slot::Full && e.key == key) return i;
  }
}

std::optional<uint32_t> TupleMap::find(const ConnTuple& key) const {
  const size_t i = locate(key);
  if (i >= entries_.size()) return std::nullopt;
  return entries_[i].value;
}

void TupleMap::insert(const ConnTuple& key, uint32_t value) {
  assert(!find(key) && "TupleMap::insert of a present key");
  if ((live_ + dead_ + 1) * 2 > entries_.size())
    rehash(live_ * 4 > entries_.size() ? entries_.size() * 2 : std::max<size_t>(entries_.size(), 64));
  const size_t mask = entries_.size() - 1;
  size_t i = key.hash() & mask;
  while (entries_[i].slot == Slot::Full) i = (i + 1) & mask;
  if (entries_[i].slot == Slot::Dead) --dead_;
  entries_[i] = Entry{key, value, Slot::Full};
  ++live_;
}

void TupleMap::erase(const ConnTuple& key) {
  const size_t i = locate(key);
  if (i >= entries_.size()) return;
  entries_[i].slot = Slot::Dead;
  --live_;
  ++dead_;
}

void TupleMap::rehash(size_t capacity) {
  std::vector<Entry> old = std::move(entries_);
  entries_.assign(capacity, Entry{});
  live_ = dead_ = 0;
  for (const Entry& e : old)
    if (e.slot == Slot::Full) insert(e.key, e.value);
}

}  // namespace netsim::devices
