// ARP packet parsing and emission for Ethernet/IPv4 (RFC 826).
#include "sim/wire/arp.h"

#include <algorithm>
#include <cassert>

#include "sim/wire/bytes.h"

namespace netsim::wire {

namespace {
constexpr uint16_t kHardwareEthernet = 1;
constexpr uint16_t kProtocolIpv4 = 0x0800;
}  // namespace

std::string_view to_string(ArpOperation op) {
  switch (op) {
    case ArpOperation::Request: return "request";
    case ArpOperation::Reply: return "reply";
  }
  return "unknown";
}

std::optional<ArpRepr> ArpRepr::parse(std::span<const uint8_t> payload, ParseError* why) {
  auto fail = [why](ParseError e) -> std::optional<ArpRepr> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (payload.size() < kLength) return fail(ParseError::Truncated);
  const uint8_t* p = payload.data();
  if (load_be16(p) != kHardwareEthernet || load_be16(p + 2) != kProtocolIpv4 || p[4] != 6 ||
      p[5] != 4)
    return fail(ParseError::Unsupported);
  ArpRepr repr;
  repr.op = static_cast<ArpOperation>(load_be16(p + 6));
  std::copy_n(p + 8, 6, repr.sender_mac.octets.begin());
  repr.sender_ip = {load_be32(p + 14)};
  std::copy_n(p + 18, 6, repr.target_mac.octets.begin());
  repr.target_ip = {load_be32(p + 24)};
  return repr;
}

void ArpRepr::emit(std::span<uint8_t> out) const {
  assert(out.size() >= kLength && "ARP emit buffer too small");
  uint8_t* p = out.data();
  store_be16(p, kHardwareEthernet);
  store_be16(p + 2, kProtocolIpv4);
  p[4] = 6;
  p[5] = 4;
  store_be16(p + 6, static_cast<uint16_t>(op));
  std::copy(sender_mac.octets.begin(), sender_mac.octets.end(), p + 8);
  store_be32(p + 14, sender_ip.value);
  std::copy(target_mac.octets.begin(), target_mac.octets.end(), p + 18);
  store_be32(p + 24, target_ip.value);
}

}  // namespace netsim::wire
