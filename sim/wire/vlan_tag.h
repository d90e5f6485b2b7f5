// The 802.1Q tag (IEEE 802.1Q §9.6): its TCI fields, and inserting, removing
// or rewriting the 4 tag bytes that follow the source MAC of a frame.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace netsim::wire {

// Tag Control Information: priority, drop eligible, VLAN ID.
struct VlanTci {
  uint8_t pcp = 0;    // 3 bits
  bool dei = false;
  uint16_t vid = 0;   // 12 bits; 0 = priority tag only, 4095 reserved

  static VlanTci from_u16(uint16_t tci);
  uint16_t to_u16() const;
  bool operator==(const VlanTci&) const = default;
};

constexpr uint16_t kVidPriorityOnly = 0, kVidReserved = 0xfff;

// The TCI of a tagged frame (TPID 0x8100 at offset 12), else nullopt.
std::optional<VlanTci> vlan_tci(std::span<const uint8_t> frame);
// In place, so a frame that is not shared changes form without a copy:
// `frame` holds an untagged frame in all but its last 4 bytes; afterwards it
// is that frame with a tag carrying `tci` after the source MAC.
void insert_vlan_tag(std::span<uint8_t> frame, VlanTci tci);
// In place: the tag of a tagged `frame` is removed; the frame is then the
// first size() - 4 bytes, and the caller shrinks the buffer.
void remove_vlan_tag(std::span<uint8_t> frame);
// Rewrites the VID of a tagged frame in place, keeping PCP and DEI.
void set_vlan_vid(std::span<uint8_t> tagged, uint16_t vid);

}  // namespace netsim::wire
