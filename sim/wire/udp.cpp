// UDP datagram parsing and emission with the pseudo-header checksum (RFC 768).
#include "sim/wire/udp.h"

#include <algorithm>
#include <cassert>

#include "sim/wire/bytes.h"
#include "sim/wire/checksum.h"
#include "sim/wire/ipv4.h"

namespace netsim::wire {

std::optional<UdpRepr> UdpRepr::parse(std::span<const uint8_t> segment, Ipv4Address src,
                                      Ipv4Address dst, ParseError* why) {
  auto fail = [why](ParseError e) -> std::optional<UdpRepr> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (segment.size() < kUdpHeaderLen) return fail(ParseError::Truncated);
  const uint8_t* p = segment.data();
  const uint16_t length = load_be16(p + 4);
  if (length < kUdpHeaderLen) return fail(ParseError::BadLength);
  if (length > segment.size()) return fail(ParseError::Truncated);
  const auto datagram = segment.first(length);
  // RFC 768: a zero checksum means the sender computed none.
  if (load_be16(p + 6) != 0) {
    const uint32_t pseudo =
        pseudo_header_sum(src, dst, static_cast<uint8_t>(IpProtocol::Udp), length);
    if (fold_checksum(ones_complement_sum(datagram, pseudo)) != 0)
      return fail(ParseError::BadChecksum);
  }
  UdpRepr repr;
  repr.src_port = load_be16(p);
  repr.dst_port = load_be16(p + 2);
  repr.payload = datagram.subspan(kUdpHeaderLen);
  return repr;
}

void UdpRepr::emit(std::span<uint8_t> out, Ipv4Address src, Ipv4Address dst) const {
  assert(out.size() >= buffer_len() && "UDP emit buffer too small");
  const auto length = static_cast<uint16_t>(buffer_len());
  uint8_t* p = out.data();
  store_be16(p, src_port);
  store_be16(p + 2, dst_port);
  store_be16(p + 4, length);
  store_be16(p + 6, 0);
  std::copy(payload.begin(), payload.end(), p + kUdpHeaderLen);
  const uint32_t pseudo =
      pseudo_header_sum(src, dst, static_cast<uint8_t>(IpProtocol::Udp), length);
  const uint16_t checksum = fold_checksum(ones_complement_sum(out.first(length), pseudo));
  // RFC 768: a computed zero is sent as all ones, since zero means "none".
  store_be16(p + 6, checksum == 0 ? 0xffff : checksum);
}

bool operator==(const UdpRepr& a, const UdpRepr& b) {
  return a.src_port == b.src_port && a.dst_port == b.dst_port &&
         std::equal(a.payload.begin(), a.payload.end(), b.payload.begin(), b.payload.end());
}

}  // namespace netsim::wire
