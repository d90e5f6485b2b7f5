// The Internet checksum (RFC 1071) and its incremental update (RFC 1624).
#include "sim/wire/checksum.h"

#include <bit>
#include <cstring>

namespace netsim::wire {

namespace {
// Folds end-around carries until the value fits in 16 bits.
uint16_t fold16(uint64_t sum) {
  sum = (sum & 0xffffffff) + (sum >> 32);  // both halves: at most 33 bits
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}

inline uint64_t load64(const uint8_t* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}
// Adds with end-around carry (one add and one add-with-carry): 2^64 is 1
// modulo 0xffff, so a carry out of the top belongs at the bottom. Adding a
// nonzero word this way never yields 0, so the total is 0 only when every
// byte is, and folding it gives exactly what 16-bit addition gives,
// negative zero (0xffff) included.
inline uint64_t add_carry(uint64_t sum, uint64_t word) {
  uint64_t out;
  const bool carry = __builtin_add_overflow(sum, word, &out);
  return out + carry;
}
}  // namespace

uint32_t ones_complement_sum(std::span<const uint8_t> data, uint32_t initial) {
  // RFC 1071 §2: the sum does not depend on byte order except for a final
  // swap, and wider words sum to the same folded value as their 16-bit
  // parts (2^16 is 1 modulo 0xffff). So native 64-bit words are added, 32
  // bytes a round, and the folded result is swapped to big-endian once.
  const uint8_t* p = data.data();
  size_t n = data.size();
  uint64_t sum = 0;
  for (; n >= 32; p += 32, n -= 32) {
    sum = add_carry(sum, load64(p));
    sum = add_carry(sum, load64(p + 8));
    sum = add_carry(sum, load64(p + 16));
    sum = add_carry(sum, load64(p + 24));
  }
  for (; n >= 8; p += 8, n -= 8) sum = add_carry(sum, load64(p));
  // The last 0-7 bytes in a zeroed word: each keeps its even or odd offset,
  // and an odd trailing byte is the high byte of its 16-bit word, as RFC 1071
  // pads it with zero.
  if (n > 0) {  // an empty span's data() may be null, which memcpy may not see
    uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    sum = add_carry(sum, tail);
  }
  uint16_t folded = fold16(sum);
  if constexpr (std::endian::native == std::endian::little)
    folded = static_cast<uint16_t>(folded >> 8 | folded << 8);
  // Folding the total to 32 bits keeps its one's complement value, so callers may keep chaining.
  uint64_t total = uint64_t{initial} + folded;
  while (total >> 32) total = (total & 0xffffffffu) + (total >> 32);
  return static_cast<uint32_t>(total);
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
