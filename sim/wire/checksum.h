// The Internet checksum (RFC 1071) and its incremental update (RFC 1624):
// free functions shared by IPv4, ICMP, UDP, TCP and, later, NAT.
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>

#include "sim/wire/address.h"

namespace netsim::wire {

// One's complement sum of 16-bit big-endian words, added to `initial`; an odd
// trailing byte is padded with zero. The result is an unfolded accumulator:
// sums can be chained (`initial`) before a single fold_checksum().
uint32_t ones_complement_sum(std::span<const uint8_t> data, uint32_t initial = 0);

// ones_complement_sum of exactly the 20 bytes at `header` (an IPv4 header
// without options), inline: every IPv4 packet is parsed and emitted through
// it, and the general function's call and loops cost more than the sum.
inline uint32_t ipv4_header_sum(const uint8_t* header) {
  uint64_t a, b;
  uint32_t c;
  std::memcpy(&a, header, 8);
  std::memcpy(&b, header + 8, 8);
  std::memcpy(&c, header + 16, 4);
  // End-around carry, as in ones_complement_sum: 2^64 is 1 modulo 0xffff.
  uint64_t sum;
  sum = a + b;
  sum += sum < b;
  const uint64_t before = sum;
  sum += c;
  sum += sum < before;
  sum = (sum & 0xffffffff) + (sum >> 32);
  sum = (sum & 0xffff) + (sum >> 16);
  sum = (sum & 0xffff) + (sum >> 16);
  sum = (sum & 0xffff) + (sum >> 16);
  const auto folded = static_cast<uint16_t>(sum);
  if constexpr (std::endian::native == std::endian::little)
    return static_cast<uint16_t>(folded >> 8 | folded << 8);
  return folded;
}

// Folds the carries of an accumulator into 16 bits and complements it: the
// value to store in a checksum field. Over bytes that include a correct
// checksum field it yields 0, which is how every parser verifies.
uint16_t fold_checksum(uint32_t sum);

// Sum of the IPv4 pseudo header used by UDP and TCP (RFC 768, RFC 9293 §3.1).
uint32_t pseudo_header_sum(Ipv4Address src, Ipv4Address dst, uint8_t protocol, uint16_t length);

// RFC 1624 eqn 3: HC' = ~(~HC + ~m + m'), the checksum after one 16-bit field
// changed from old_value to new_value.
uint16_t checksum_update16(uint16_t old_checksum, uint16_t old_value, uint16_t new_value);

}  // namespace netsim::wire
