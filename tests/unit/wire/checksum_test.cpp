// Internet checksum: RFC 1071 examples, pseudo header, RFC 1624 incremental update.
#include "sim/wire/checksum.h"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "sim/wire/bytes.h"

using namespace netsim::wire;

TEST_CASE("ones_complement_sum: RFC 1071 section 3 example", "[checksum]") {
  const std::vector<uint8_t> data = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  const uint32_t sum = ones_complement_sum(data);
  CHECK(sum % 0xffff == 0x2ddf0 % 0xffff);  // 0001 + f203 + f4f5 + f6f7, the same value
  CHECK(fold_checksum(sum) == static_cast<uint16_t>(~0xddf2));
}

TEST_CASE("fold_checksum: a well-known IPv4 header sums to zero", "[checksum]") {
  // The header from Wikipedia's "IPv4 header checksum" article: checksum b861.
  std::vector<uint8_t> header = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                                 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
  CHECK(fold_checksum(ones_complement_sum(header)) == 0);
  header[10] = header[11] = 0;
  CHECK(fold_checksum(ones_complement_sum(header)) == 0xb861);
}

TEST_CASE("ones_complement_sum: odd trailing byte is padded with zero", "[checksum]") {
  const std::vector<uint8_t> odd = {0x12, 0x34, 0x56};
  const std::vector<uint8_t> padded = {0x12, 0x34, 0x56, 0x00};
  CHECK(ones_complement_sum(odd) == ones_complement_sum(padded));
  CHECK(ones_complement_sum(odd) == 0x1234 + 0x5600);
  CHECK(ones_complement_sum({}) == 0);
  CHECK(fold_checksum(0) == 0xffff);
}

TEST_CASE("ones_complement_sum: word at a time equals RFC 1071's 16-bit big-endian loop", "[checksum]") {
  std::mt19937 rng(11);
  for (size_t len = 0; len < 70; ++len) {
    std::vector<uint8_t> data(len + 1);
    for (auto& b : data) b = static_cast<uint8_t>(rng());
    // From an odd address too: the words are read unaligned.
    for (size_t from : {0u, 1u}) {
      const std::span<const uint8_t> span = std::span<const uint8_t>(data).subspan(from, len);
      uint64_t naive = 0xfffe;
      for (size_t i = 0; i < span.size(); i += 2)
        naive += i + 1 < span.size() ? load_be16(span.data() + i) : uint32_t{span[i]} << 8;
      while (naive >> 16) naive = (naive & 0xffff) + (naive >> 16);
      CHECK(fold_checksum(ones_complement_sum(span, 0xfffe)) ==
            fold_checksum(static_cast<uint32_t>(naive)));
    }
  }
}

namespace {
// RFC 1071's reference: 16-bit big-endian words, end-around carry.
uint16_t naive_sum(std::span<const uint8_t> span) {
  uint64_t naive = 0;
  for (size_t i = 0; i < span.size(); i += 2)
    naive += i + 1 < span.size() ? load_be16(span.data() + i) : uint32_t{span[i]} << 8;
  while (naive >> 16) naive = (naive & 0xffff) + (naive >> 16);
  return static_cast<uint16_t>(naive);
}
}  // namespace

TEST_CASE("ones_complement_sum: 64-bit rounds equal the 16-bit loop on frame-sized data", "[checksum]") {
  std::mt19937 rng(1071);
  std::vector<uint8_t> data(1604);  // the longest span (1599) at the farthest offset (3)
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  for (size_t len : {31u, 32u, 33u, 39u, 40u, 63u, 64u, 65u, 1459u, 1460u, 1480u, 1599u}) {
    for (size_t from : {0u, 1u, 3u}) {
      const auto span = std::span<const uint8_t>(data).subspan(from, len);
      // The unfolded accumulator itself, not only its fold: callers chain it.
      CHECK(ones_complement_sum(span) == naive_sum(span));
    }
  }
  // Negative zero stays what 16-bit addition makes of it: all ones sum to
  // 0xffff, all zeros to 0, however many words carry around.
  const std::vector<uint8_t> ones(1460, 0xff), zeros(1460, 0);
  CHECK(ones_complement_sum(ones) == 0xffff);
  CHECK(ones_complement_sum(zeros) == 0);
  CHECK(fold_checksum(ones_complement_sum(ones)) == 0);
}

TEST_CASE("ipv4_header_sum equals ones_complement_sum over 20 bytes", "[checksum]") {
  std::mt19937 rng(791);
  for (int round = 0; round < 5000; ++round) {
    std::vector<uint8_t> header(20);
    for (auto& b : header) b = static_cast<uint8_t>(rng());
    if (round % 5 == 0) std::fill(header.begin(), header.end(), 0xff);  // carries everywhere
    if (round % 7 == 0) std::fill(header.begin(), header.end(), 0);
    CHECK(ipv4_header_sum(header.data()) == ones_complement_sum(header));
  }
}

TEST_CASE("ones_complement_sum: chaining through `initial` equals one pass", "[checksum]") {
  std::mt19937 rng(7);
  std::vector<uint8_t> data(1001);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  const std::span<const uint8_t> all(data);
  // Split at even offsets: word alignment is what makes chaining exact.
  for (size_t split : {0u, 2u, 100u, 1000u}) {
    const uint32_t chained =
        ones_complement_sum(all.subspan(split), ones_complement_sum(all.first(split)));
    CHECK(fold_checksum(chained) == fold_checksum(ones_complement_sum(all)));
  }
  // A huge initial value does not overflow: carries are folded back in.
  CHECK(fold_checksum(ones_complement_sum(all, 0xffffffffu)) ==
        fold_checksum(ones_complement_sum(all, 0xffff)));
}

TEST_CASE("pseudo_header_sum: the 12-byte IPv4 pseudo header", "[checksum]") {
  const Ipv4Address src{0xc0a8010a}, dst{0xc0a80214};
  const std::vector<uint8_t> pseudo = {0xc0, 0xa8, 0x01, 0x0a, 0xc0, 0xa8,
                                       0x02, 0x14, 0x00, 17,   0x00, 40};
  CHECK(fold_checksum(pseudo_header_sum(src, dst, 17, 40)) ==
        fold_checksum(ones_complement_sum(pseudo)));
}

TEST_CASE("checksum_update16: RFC 1624 equals a full recompute", "[checksum]") {
  std::mt19937 rng(1624);  // fixed seed: the same headers on every run
  for (int round = 0; round < 20000; ++round) {
    std::vector<uint8_t> header(20);
    for (auto& b : header) b = static_cast<uint8_t>(rng());
    // Edge cases the RFC discusses: words of all zeros and all ones.
    if (round % 7 == 0) std::fill(header.begin(), header.end(), 0);
    if (round % 11 == 0) std::fill(header.begin(), header.begin() + 10, 0xff);
    header[10] = header[11] = 0;
    store_be16(header.data() + 10, fold_checksum(ones_complement_sum(header)));

    const size_t field = (rng() % 10) * 2;
    if (field == 10) continue;  // the checksum field itself
    const uint16_t old_value = load_be16(header.data() + field);
    const uint16_t new_value =
        round % 5 == 0 ? static_cast<uint16_t>(~old_value & 0xffff) : static_cast<uint16_t>(rng());
    const uint16_t incremental =
        checksum_update16(load_be16(header.data() + 10), old_value, new_value);
    store_be16(header.data() + field, new_value);
    header[10] = header[11] = 0;
    const uint16_t full = fold_checksum(ones_complement_sum(header));
    // Both are valid; RFC 1624 eqn 3 may differ from a recompute only in the
    // 0x0000 / 0xffff representation of zero, and only for an all-zero sum.
    if (incremental != full) {
      INFO("field " << field << " old " << old_value << " new " << new_value);
      CHECK(((incremental == 0 && full == 0xffff) || (incremental == 0xffff && full == 0)));
    }
    store_be16(header.data() + 10, incremental);
    CHECK(fold_checksum(ones_complement_sum(header)) == 0);
  }
}
