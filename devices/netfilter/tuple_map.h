// A flat hash map from ConnTuple to a connection number: open addressing
// with linear probing over one array, tombstones for erasures, rehashed when
// live plus dead slots pass half the capacity. Lookups allocate nothing; the
// array grows only with the number of connections.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "devices/netfilter/conn_tuple.h"

namespace netsim::devices {

class TupleMap {
 public:
  std::optional<uint32_t> find(const ConnTuple& key) const;
  // The key must be absent.
  void insert(const ConnTuple& key, uint32_t value);
  void erase(const ConnTuple& key);
  size_t size() const { return live_; }

 private:
  enum class Slot : uint8_t { Empty, Full, Dead };
  struct Entry {
    ConnTuple key;
    uint32_t value = 0;
    Slot slot = Slot::Empty;
  };
  // The slot holding `key`, or the capacity when absent.
  size_t locate(const ConnTuple& key) const;
  void rehash(size_t capacity);

  std::vector<Entry> entries_;  // a power of two in size, or empty
  size_t live_ = 0, dead_ = 0;
};

}  // namespace netsim::devices
