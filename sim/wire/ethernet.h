// Ethernet II header with an optional 802.1Q tag: EtherType and EthernetRepr.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "sim/wire/address.h"
#include "sim/wire/parse_error.h"

namespace netsim::wire {

// Lossless: any 16-bit value may be held (unknown types are forwarded as is;
// values below 0x0600 are 802.3 length fields and are kept verbatim too).
enum class EtherType : uint16_t { Ipv4 = 0x0800, Arp = 0x0806, Vlan = 0x8100, Ipv6 = 0x86dd };
std::string to_string(EtherType type);  // "IPv4", "ARP", "802.1Q", "IPv6", else "0x88cc"

constexpr size_t kEthernetHeaderLen = 14, kVlanTagLen = 4;
constexpr size_t kEthernetMinFrame = 60;  // without FCS; shorter frames are zero-padded

struct EthernetRepr {
  MacAddress dst, src;
  std::optional<uint16_t> vlan;  // 802.1Q VID (PCP/DEI 0 on emit, ignored on parse)
  EtherType ethertype{};         // the inner type (after the tag)

  static std::optional<EthernetRepr> parse(std::span<const uint8_t> frame,
                                           ParseError* why = nullptr);
  size_t header_len() const { return vlan ? kEthernetHeaderLen + kVlanTagLen : kEthernetHeaderLen; }
  // Writes header_len() bytes; `out` must hold at least that many.
  void emit(std::span<uint8_t> out) const;
  bool operator==(const EthernetRepr&) const = default;
};

// The bytes after the header (including any trailing padding).
std::span<const uint8_t> ethernet_payload(std::span<const uint8_t> frame, const EthernetRepr& repr);

}  // namespace netsim::wire
