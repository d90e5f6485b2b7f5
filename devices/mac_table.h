// A learning switch's MAC table: (VLAN, MAC) -> port index with lazy aging.
// Entries are never removed by time: a lookup ignores an entry older than
// the aging time, and the next learn of that key overwrites it. An entry
// stores when it was last seen, so a shorter aging time (spanning tree's
// topology change) applies to existing entries at once, as in Linux.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "devices/flat_map.h"
#include "sim/core/time.h"
#include "sim/wire/address.h"

namespace netsim::devices {

struct MacTableRecord {
  wire::MacAddress mac;
  uint16_t vlan = 1;
  uint32_t port = 0;
  Time expires_at{0};
};

class MacTable {
 public:
  enum class Learned : uint8_t { New, Moved, Refreshed };
  struct LearnResult {
    Learned what;
    uint32_t previous_port;  // Moved: where the MAC lived before
  };

  explicit MacTable(Time aging) : aging_(aging) {}

  Time aging() const { return aging_; }
  // Entries already stale under the old aging time are erased first, so a
  // longer aging time never brings them back.
  void set_aging(Time aging, Time now);

  // The source of a frame seen on `port`: (re)start its entry's lifetime.
  LearnResult learn(uint16_t vlan, wire::MacAddress mac, uint32_t port, Time now);
  std::optional<uint32_t> lookup(uint16_t vlan, wire::MacAddress mac, Time now) const;
  // A port lost its link: the MACs behind it may now be anywhere.
  void forget_port(uint32_t port);
  void clear() { entries_.clear(); }
  // Live entries sorted by (MAC, VLAN): the order dumps and checks rely on.
  std::vector<MacTableRecord> records(Time now) const;

 private:
  struct Entry {
    uint32_t port;
    Time last_seen;
  };
  bool live(const Entry& e, Time now) const { return e.last_seen + aging_ > now; }
  // VLAN in the top 16 bits, the MAC in the low 48: one integer key, so the
  // map hashes a word instead of a struct. A VLAN ID has 12 bits: the
  // all-ones key (FlatMap's empty slot) never occurs.
  static uint64_t key(uint16_t vlan, wire::MacAddress mac) {
    return uint64_t{vlan} << 48 | mac.to_u64();
  }

  Time aging_;
  FlatMap<Entry> entries_;  // iterated only into sorted output
};

std::string_view to_string(MacTable::Learned what);

}  // namespace netsim::devices
