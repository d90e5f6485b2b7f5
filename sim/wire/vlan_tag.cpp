// 802.1Q tag insertion and removal over frame bytes.
#include "sim/wire/vlan_tag.h"

#include <algorithm>
#include <cassert>

#include "sim/wire/bytes.h"
#include "sim/wire/ethernet.h"

namespace netsim::wire {

namespace {
constexpr size_t kMacsLen = 12;  // dst + src: the tag goes right after them
}

VlanTci VlanTci::from_u16(uint16_t tci) {
  return {static_cast<uint8_t>(tci >> 13), (tci & 0x1000) != 0, static_cast<uint16_t>(tci & 0x0fff)};
}

uint16_t VlanTci::to_u16() const {
  return static_cast<uint16_t>((pcp & 0x7) << 13 | (dei ? 0x1000 : 0) | (vid & 0x0fff));
}

std::optional<VlanTci> vlan_tci(std::span<const uint8_t> frame) {
  if (frame.size() < kEthernetHeaderLen + kVlanTagLen) return std::nullopt;
  if (load_be16(frame.data() + kMacsLen) != static_cast<uint16_t>(EtherType::Vlan)) return std::nullopt;
  return VlanTci::from_u16(load_be16(frame.data() + kMacsLen + 2));
}

void insert_vlan_tag(std::span<uint8_t> frame, VlanTci tci) {
  assert(frame.size() >= kEthernetHeaderLen + kVlanTagLen);
  std::copy_backward(frame.begin() + kMacsLen, frame.end() - kVlanTagLen, frame.end());
  store_be16(frame.data() + kMacsLen, static_cast<uint16_t>(EtherType::Vlan));
  store_be16(frame.data() + kMacsLen + 2, tci.to_u16());
}

void remove_vlan_tag(std::span<uint8_t> frame) {
  assert(frame.size() >= kEthernetHeaderLen + kVlanTagLen);
  std::copy(frame.begin() + kMacsLen + kVlanTagLen, frame.end(), frame.begin() + kMacsLen);
}

void set_vlan_vid(std::span<uint8_t> tagged, uint16_t vid) {
  assert(vlan_tci(tagged).has_value());
  VlanTci tci = VlanTci::from_u16(load_be16(tagged.data() + kMacsLen + 2));
  tci.vid = vid;
  store_be16(tagged.data() + kMacsLen + 2, tci.to_u16());
}

}  // namespace netsim::wire
