// Ethernet II / 802.1Q header parsing and emission.
#include "sim/wire/ethernet.h"

#include <algorithm>
#include <cassert>
#include <cstdio>

#include "sim/wire/bytes.h"

namespace netsim::wire {

std::string to_string(EtherType type) {
  switch (type) {
    case EtherType::Ipv4: return "IPv4";
    case EtherType::Arp: return "ARP";
    case EtherType::Vlan: return "802.1Q";
    case EtherType::Ipv6: return "IPv6";
  }
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%04x", static_cast<unsigned>(type));
  return buf;
}

std::optional<EthernetRepr> EthernetRepr::parse(std::span<const uint8_t> frame, ParseError* why) {
  auto fail = [why](ParseError e) -> std::optional<EthernetRepr> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (frame.size() < kEthernetHeaderLen) return fail(ParseError::Truncated);
  EthernetRepr repr;
  std::copy_n(frame.begin(), 6, repr.dst.octets.begin());
  std::copy_n(frame.begin() + 6, 6, repr.src.octets.begin());
  uint16_t type = load_be16(frame.data() + 12);
  if (type == static_cast<uint16_t>(EtherType::Vlan)) {
    if (frame.size() < kEthernetHeaderLen + kVlanTagLen) return fail(ParseError::Truncated);
    repr.vlan = load_be16(frame.data() + 14) & 0x0fff;
    type = load_be16(frame.data() + 16);
  }
  repr.ethertype = static_cast<EtherType>(type);
  return repr;
}

void EthernetRepr::emit(std::span<uint8_t> out) const {
  assert(out.size() >= header_len() && "Ethernet emit buffer too small");
  std::copy(dst.octets.begin(), dst.octets.end(), out.begin());
  std::copy(src.octets.begin(), src.octets.end(), out.begin() + 6);
  uint8_t* type_field = out.data() + 12;
  if (vlan) {
    store_be16(type_field, static_cast<uint16_t>(EtherType::Vlan));
    store_be16(out.data() + 14, *vlan & 0x0fff);
    type_field = out.data() + 16;
  }
  store_be16(type_field, static_cast<uint16_t>(ethertype));
}

std::span<const uint8_t> ethernet_payload(std::span<const uint8_t> frame,
                                          const EthernetRepr& repr) {
  return frame.subspan(std::min(repr.header_len(), frame.size()));
}

}  // namespace netsim::wire
