// The Internet checksum (RFC 1071) and its incremental update (RFC 1624).
#include "sim/wire/checksum.h"

#include "sim/wire/bytes.h"

namespace netsim::wire {

namespace {
// Folds end-around carries until the value fits in 16 bits.
uint16_t fold16(uint64_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}
}  // namespace

uint32_t ones_complement_sum(std::span<const uint8_t> data, uint32_t initial) {
  // A 64-bit accumulator cannot overflow for any span; folding it down to 32
  // bits keeps the one's complement value, so callers may keep chaining.
  uint64_t sum = initial;
  size_t i = 0;
  for (; i + 1 < data.size(); i += 2) sum += load_be16(data.data() + i);
  if (i < data.size()) sum += uint32_t{data[i]} << 8;
  while (sum >> 32) sum = (sum & 0xffffffffu) + (sum >> 32);
  return static_cast<uint32_t>(sum);
}

uint16_t fold_checksum(uint32_t sum) { return static_cast<uint16_t>(~fold16(sum)); }

uint32_t pseudo_header_sum(Ipv4Address src, Ipv4Address dst, uint8_t protocol, uint16_t length) {
  return (src.value >> 16) + (src.value & 0xffff) + (dst.value >> 16) + (dst.value & 0xffff) +
         protocol + length;
}

uint16_t checksum_update16(uint16_t old_checksum, uint16_t old_value, uint16_t new_value) {
  // RFC 1624 eqn 3. Unlike eqn 2 it never produces a checksum of 0xffff (-0)
  // for data whose full recomputation gives 0x0000.
  const uint32_t sum = uint32_t{static_cast<uint16_t>(~old_checksum)} +
                       uint32_t{static_cast<uint16_t>(~old_value)} + new_value;
  return static_cast<uint16_t>(~fold16(sum));
}

}  // namespace netsim::wire
