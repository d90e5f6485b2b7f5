// IPv4 header parsing, emission and the forwarding TTL decrement (RFC 791, RFC 1624).
#include "sim/wire/ipv4.h"

#include <algorithm>
#include <cassert>
#include <cstdint>

#include "sim/wire/bytes.h"
#include "sim/wire/checksum.h"

namespace netsim::wire {

namespace {
constexpr uint16_t kFlagDontFragment = 0x4000, kFlagMoreFragments = 0x2000, kOffsetMask = 0x1fff;

// Shared by parse(), parse_head() and parse_quoted(): they differ only in how
// many bytes must cover total_length (`present`; SIZE_MAX: any, quoted).
std::optional<Ipv4Repr> parse_header(std::span<const uint8_t> packet, size_t present,
                                     ParseError* why) {
  auto fail = [why](ParseError e) -> std::optional<Ipv4Repr> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (packet.size() < kIpv4HeaderLen) return fail(ParseError::Truncated);
  const uint8_t* p = packet.data();
  if (p[0] >> 4 != 4) return fail(ParseError::BadVersion);
  const size_t header_len = size_t{p[0] & 0x0fu} * 4;
  if (header_len < kIpv4HeaderLen) return fail(ParseError::BadHeaderLength);
  if (header_len > packet.size()) return fail(ParseError::Truncated);
  const uint16_t total_length = load_be16(p + 2);
  if (total_length < header_len) return fail(ParseError::BadLength);
  if (total_length > present) return fail(ParseError::Truncated);
  const uint32_t sum = header_len == kIpv4HeaderLen ? ipv4_header_sum(p)
                                                    : ones_complement_sum(packet.first(header_len));
  if (fold_checksum(sum) != 0)
    return fail(ParseError::BadChecksum);

  Ipv4Repr repr;
  repr.tos = p[1];
  repr.payload_len = static_cast<uint16_t>(total_length - header_len);
  repr.header_len = static_cast<uint8_t>(header_len);
  repr.identification = load_be16(p + 4);
  const uint16_t flags_offset = load_be16(p + 6);
  repr.dont_fragment = flags_offset & kFlagDontFragment;
  repr.more_fragments = flags_offset & kFlagMoreFragments;
  repr.fragment_offset = static_cast<uint16_t>((flags_offset & kOffsetMask) * 8);
  repr.ttl = p[8];
  repr.protocol = static_cast<IpProtocol>(p[9]);
  repr.src = {load_be32(p + 12)};
  repr.dst = {load_be32(p + 16)};
  return repr;
}
}  // namespace

std::string to_string(IpProtocol protocol) {
  switch (protocol) {
    case IpProtocol::Icmp: return "ICMP";
    case IpProtocol::Tcp: return "TCP";
    case IpProtocol::Udp: return "UDP";
  }
  return std::to_string(static_cast<unsigned>(protocol));
}

std::optional<Ipv4Repr> Ipv4Repr::parse(std::span<const uint8_t> packet, ParseError* why) {
  return parse_header(packet, packet.size(), why);
}

std::optional<Ipv4Repr> Ipv4Repr::parse_head(std::span<const uint8_t> head, size_t present,
                                             ParseError* why) {
  return parse_header(head, present, why);
}

std::optional<Ipv4Repr> Ipv4Repr::parse_quoted(std::span<const uint8_t> quoted, ParseError* why) {
  return parse_header(quoted, SIZE_MAX, why);
}

void Ipv4Repr::emit(std::span<uint8_t> out) const {
  assert(out.size() >= kIpv4HeaderLen && "IPv4 emit buffer too small");
  uint8_t* p = out.data();
  p[0] = 0x45;
  p[1] = tos;
  store_be16(p + 2, static_cast<uint16_t>(kIpv4HeaderLen + payload_len));
  store_be16(p + 4, identification);
  uint16_t flags_offset = static_cast<uint16_t>((fragment_offset / 8) & kOffsetMask);
  if (dont_fragment) flags_offset |= kFlagDontFragment;
  if (more_fragments) flags_offset |= kFlagMoreFragments;
  store_be16(p + 6, flags_offset);
  p[8] = ttl;
  p[9] = static_cast<uint8_t>(protocol);
  store_be16(p + 10, 0);
  store_be32(p + 12, src.value);
  store_be32(p + 16, dst.value);
  store_be16(p + 10, fold_checksum(ipv4_header_sum(p)));
}

std::span<const uint8_t> ipv4_payload(std::span<const uint8_t> packet, const Ipv4Repr& repr) {
  const size_t begin = std::min<size_t>(repr.header_len, packet.size());
  const size_t end = std::min<size_t>(size_t{repr.header_len} + repr.payload_len, packet.size());
  return packet.subspan(begin, end - begin);
}

void ipv4_decrement_ttl(std::span<uint8_t> header) {
  if (header.size() < kIpv4HeaderLen || header[8] == 0) return;
  // TTL is the high byte of the 16-bit word at offset 8 (TTL, protocol).
  const uint16_t old_word = load_be16(header.data() + 8);
  const uint16_t new_word = static_cast<uint16_t>(old_word - 0x0100);
  store_be16(header.data() + 8, new_word);
  store_be16(header.data() + 10,
             checksum_update16(load_be16(header.data() + 10), old_word, new_word));
}

}  // namespace netsim::wire
