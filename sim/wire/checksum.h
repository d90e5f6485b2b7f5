// The Internet checksum (RFC 1071) and its incremental update (RFC 1624):
// free functions shared by IPv4, ICMP, UDP, TCP and, later, NAT.
#pragma once
#include <cstdint>
#include <span>

#include "sim/wire/address.h"

namespace netsim::wire {

// One's complement sum of 16-bit big-endian words, added to `initial`; an odd
// trailing byte is padded with zero. The result is an unfolded accumulator:
// sums can be chained (`initial`) before a single fold_checksum().
uint32_t ones_complement_sum(std::span<const uint8_t> data, uint32_t initial = 0);

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
