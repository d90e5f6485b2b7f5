// MAC learning and lazy aging.
#include "devices/mac_table.h"

#include <algorithm>
#include <string_view>

namespace netsim::devices {

MacTable::LearnResult MacTable::learn(uint16_t vlan, wire::MacAddress mac, uint32_t port,
                                      Time now) {
  auto [found, inserted] = entries_.try_emplace(key(vlan, mac), Entry{port, now});
  if (inserted) return {Learned::New, port};
  Entry& e = *found;
  const bool was_live = live(e, now);
  const uint32_t previous = e.port;
  e = Entry{port, now};
  if (!was_live) return {Learned::New, port};
  return {previous == port ? Learned::Refreshed : Learned::Moved, previous};
}

std::optional<uint32_t> MacTable::lookup(uint16_t vlan, wire::MacAddress mac, Time now) const {
  const Entry* e = entries_.find(key(vlan, mac));
  if (!e || !live(*e, now)) return std::nullopt;
  return e->port;
}

void MacTable::set_aging(Time aging, Time now) {
  entries_.erase_if([&](uint64_t, const Entry& e) { return !live(e, now); });
  aging_ = aging;
}

void MacTable::forget_port(uint32_t port) {
  entries_.erase_if([port](uint64_t, const Entry& e) { return e.port == port; });
}

std::vector<MacTableRecord> MacTable::records(Time now) const {
  std::vector<MacTableRecord> out;
  entries_.for_each([&](uint64_t k, const Entry& e) {
    if (!live(e, now)) return;
    MacTableRecord r;
    for (int i = 0; i < 6; ++i) r.mac.octets[i] = static_cast<uint8_t>(k >> (40 - 8 * i));
    r.vlan = static_cast<uint16_t>(k >> 48);
    r.port = e.port;
    r.expires_at = e.last_seen + aging_;
    out.push_back(r);
  });
  std::sort(out.begin(), out.end(), [](const MacTableRecord& a, const MacTableRecord& b) {
    return a.mac != b.mac ? a.mac < b.mac : a.vlan < b.vlan;
  });
  return out;
}

std::string_view to_string(MacTable::Learned what) {
  switch (what) {
    case MacTable::Learned::New:
      return "learned";
    case MacTable::Learned::Moved:
      return "moved";
    case MacTable::Learned::Refreshed:
      return "refreshed";
  }
  return "learned";
}

}  // namespace netsim::devices
