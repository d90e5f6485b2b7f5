// UDP: parse with pseudo-header checksum, emit, round trip, rejects.
#include "sim/wire/udp.h"

#include <catch2/catch.hpp>

#include "sim/wire/bytes.h"
#include "vectors.h"

using namespace netsim::wire;
using namespace netsim::wire::test_vectors;

namespace {
const Ipv4Address kSrc = *Ipv4Address::parse("192.168.1.10");
const Ipv4Address kDst = *Ipv4Address::parse("192.168.2.20");
std::span<const uint8_t> datagram() { return bytes(kUdpFrame, kL4); }  // exactly 40 bytes
}  // namespace

TEST_CASE("UdpRepr parses a known datagram", "[udp]") {
  REQUIRE(datagram().size() == 40);
  const auto udp = UdpRepr::parse(datagram(), kSrc, kDst);
  REQUIRE(udp);
  CHECK(udp->src_port == 49152);
  CHECK(udp->dst_port == 33434);
  CHECK(udp->payload.size() == 32);
  CHECK(udp->payload[31] == 31);
  CHECK(udp->buffer_len() == 40);
}

TEST_CASE("UdpRepr emits a byte-exact datagram", "[udp]") {
  const auto parsed = UdpRepr::parse(datagram(), kSrc, kDst);
  REQUIRE(parsed);
  auto out = prefilled(40);
  parsed->emit(out, kSrc, kDst);
  CHECK(std::equal(out.begin(), out.begin() + 40, datagram().begin()));
  CHECK(guard_intact(out, 40));
}

TEST_CASE("UdpRepr round-trips, including empty and odd payloads", "[udp]") {
  for (size_t n : {0u, 1u, 7u, 100u, 1472u}) {
    std::vector<uint8_t> payload(n);
    for (size_t i = 0; i < n; ++i) payload[i] = static_cast<uint8_t>(i * 7);
    const UdpRepr repr{5353, 53, payload};
    std::vector<uint8_t> buffer(repr.buffer_len());
    repr.emit(buffer, kSrc, kDst);
    CHECK(UdpRepr::parse(buffer, kSrc, kDst) == repr);
  }
}

TEST_CASE("UdpRepr sends a computed zero checksum as 0xffff", "[udp]") {
  // Find a 2-byte payload whose checksum computes to zero, then check the wire value.
  for (uint32_t word = 0; word <= 0xffff; ++word) {
    const std::vector<uint8_t> payload = {static_cast<uint8_t>(word >> 8),
                                          static_cast<uint8_t>(word)};
    const UdpRepr repr{1, 2, payload};
    std::vector<uint8_t> buffer(repr.buffer_len());
    repr.emit(buffer, kSrc, kDst);
    if (load_be16(buffer.data() + 6) != 0xffff) continue;
    CHECK(UdpRepr::parse(buffer, kSrc, kDst) == repr);
    return;
  }
  FAIL("no payload gave a zero checksum");
}

TEST_CASE("UdpRepr accepts a zero (absent) checksum", "[udp]") {
  auto segment = std::vector<uint8_t>(datagram().begin(), datagram().end());
  store_be16(segment.data() + 6, 0);
  CHECK(UdpRepr::parse(segment, kSrc, kDst));
  CHECK(UdpRepr::parse(segment, kDst, *Ipv4Address::parse("1.1.1.1")));  // not verified at all
}

TEST_CASE("UdpRepr ignores bytes past the length field", "[udp]") {
  auto padded = std::vector<uint8_t>(datagram().begin(), datagram().end());
  padded.resize(60, 0);
  const auto udp = UdpRepr::parse(padded, kSrc, kDst);
  REQUIRE(udp);
  CHECK(udp->payload.size() == 32);
}

TEST_CASE("UdpRepr rejects truncation, bad lengths and bad checksums", "[udp]") {
  for (size_t n = 0; n < 40; ++n) {
    ParseError why{};
    CHECK_FALSE(UdpRepr::parse(datagram().first(n), kSrc, kDst, &why));
    CHECK(why == ParseError::Truncated);
  }
  auto segment = std::vector<uint8_t>(datagram().begin(), datagram().end());
  for (uint16_t length : {0, 7}) {
    auto bad = segment;
    store_be16(bad.data() + 4, length);
    ParseError why{};
    CHECK_FALSE(UdpRepr::parse(bad, kSrc, kDst, &why));
    CHECK(why == ParseError::BadLength);
  }
  ParseError why{};
  CHECK_FALSE(UdpRepr::parse(segment, kSrc, *Ipv4Address::parse("192.168.2.21"), &why));
  CHECK(why == ParseError::BadChecksum);  // pseudo header covers the addresses
  segment[20] ^= 0x80;
  CHECK_FALSE(UdpRepr::parse(segment, kSrc, kDst, &why));
  CHECK(why == ParseError::BadChecksum);
}
