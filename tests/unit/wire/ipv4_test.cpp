// IPv4 header: parse, emit, round trip, every reject, payload, TTL decrement.
#include "sim/wire/ipv4.h"

#include <catch2/catch.hpp>
#include <random>

#include "sim/wire/bytes.h"
#include "sim/wire/checksum.h"
#include "vectors.h"

using namespace netsim::wire;
using namespace netsim::wire::test_vectors;

namespace {
std::vector<uint8_t> packet_of(const std::vector<uint8_t>& frame) {
  return {frame.begin() + kEth, frame.end()};
}
void refresh_checksum(std::vector<uint8_t>& packet, size_t header_len = 20) {
  store_be16(packet.data() + 10, 0);
  store_be16(
      packet.data() + 10,
      fold_checksum(ones_complement_sum(std::span<const uint8_t>(packet).first(header_len))));
}
const Ipv4Repr kEcho{*Ipv4Address::parse("192.168.1.1"),
                     *Ipv4Address::parse("192.168.1.3"),
                     IpProtocol::Icmp,
                     64,
                     0x1c46,
                     true,
                     false,
                     0,
                     0,
                     64,
                     20};
}  // namespace

TEST_CASE("Ipv4Repr parses a known header", "[ipv4]") {
  const auto ip = Ipv4Repr::parse(bytes(kEchoRequestFrame, kEth));
  REQUIRE(ip);
  CHECK(*ip == kEcho);
  CHECK(ip->buffer_len() == 84);
  CHECK_FALSE(ip->is_fragment());
  const auto payload = ipv4_payload(bytes(kEchoRequestFrame, kEth), *ip);
  CHECK(payload.size() == 64);
  CHECK(payload[0] == 8);  // ICMP echo request type
}

TEST_CASE("Ipv4Repr parses Wikipedia's header example", "[ipv4]") {
  std::vector<uint8_t> packet = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                                 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
  packet.resize(0x73, 0);
  const auto ip = Ipv4Repr::parse(packet);
  REQUIRE(ip);
  CHECK(ip->protocol == IpProtocol::Udp);
  CHECK(ip->dont_fragment);
  CHECK(ip->payload_len == 0x73 - 20);
  CHECK(ip->src.to_string() == "192.168.0.1");
  CHECK(ip->dst.to_string() == "192.168.0.199");
}

TEST_CASE("Ipv4Repr emits a byte-exact header with its checksum", "[ipv4]") {
  auto out = prefilled(20);
  kEcho.emit(out);
  CHECK(std::equal(out.begin(), out.begin() + 20, kEchoRequestFrame.begin() + kEth));
  CHECK(guard_intact(out, 20));
}

TEST_CASE("Ipv4Repr round-trips flags, fragments and unknown protocols", "[ipv4]") {
  std::mt19937 rng(791);
  for (int i = 0; i < 500; ++i) {
    Ipv4Repr repr;
    repr.src = {static_cast<uint32_t>(rng())};
    repr.dst = {static_cast<uint32_t>(rng())};
    repr.protocol = static_cast<IpProtocol>(rng());
    repr.ttl = static_cast<uint8_t>(rng());
    repr.identification = static_cast<uint16_t>(rng());
    repr.dont_fragment = rng() & 1;
    repr.more_fragments = rng() & 1;
    repr.fragment_offset = static_cast<uint16_t>((rng() & 0x1fff) * 8);
    repr.tos = static_cast<uint8_t>(rng());
    repr.payload_len = static_cast<uint16_t>(rng() % 200);
    std::vector<uint8_t> buffer(repr.buffer_len());
    repr.emit(buffer);
    CHECK(Ipv4Repr::parse(buffer) == repr);
  }
}

TEST_CASE("Ipv4Repr allows trailing Ethernet padding", "[ipv4]") {
  const auto ip = Ipv4Repr::parse(bytes(kTcpSynFrame, kEth));  // 46 bytes carry a 44-byte datagram
  REQUIRE(ip);
  CHECK(ip->payload_len == 24);
  CHECK(ipv4_payload(bytes(kTcpSynFrame, kEth), *ip).size() == 24);
}

TEST_CASE("Ipv4Repr skips options using IHL", "[ipv4]") {
  auto packet = packet_of(kEchoRequestFrame);
  // Insert 4 bytes of options (NOP NOP NOP EOL) and fix IHL, total length, checksum.
  packet.insert(packet.begin() + 20, {0x01, 0x01, 0x01, 0x00});
  packet[0] = 0x46;
  store_be16(packet.data() + 2, 88);
  refresh_checksum(packet, 24);
  const auto ip = Ipv4Repr::parse(packet);
  REQUIRE(ip);
  CHECK(ip->header_len == 24);
  CHECK(ip->payload_len == 64);
  CHECK(ipv4_payload(packet, *ip)[0] == 8);
}

TEST_CASE("Ipv4Repr rejects truncation at every length", "[ipv4]") {
  const auto packet = bytes(kEchoRequestFrame, kEth);
  for (size_t n = 0; n < packet.size(); ++n) {
    ParseError why{};
    INFO(n);
    CHECK_FALSE(Ipv4Repr::parse(packet.first(n), &why));
    CHECK(why == ParseError::Truncated);
  }
}

TEST_CASE("Ipv4Repr rejects bad version, IHL, length and checksum", "[ipv4]") {
  auto check_reject = [](std::vector<uint8_t> packet, ParseError expected) {
    ParseError why{};
    CHECK_FALSE(Ipv4Repr::parse(packet, &why));
    CHECK(why == expected);
  };
  auto packet = packet_of(kEchoRequestFrame);

  auto v6 = packet;
  v6[0] = 0x65;
  refresh_checksum(v6);
  check_reject(v6, ParseError::BadVersion);

  for (uint8_t ihl = 0; ihl < 5; ++ihl) {
    auto short_ihl = packet;
    short_ihl[0] = static_cast<uint8_t>(0x40 | ihl);
    check_reject(short_ihl, ParseError::BadHeaderLength);
  }
  auto ihl_past_end = std::vector<uint8_t>(packet.begin(), packet.begin() + 40);
  ihl_past_end[0] = 0x4f;  // 60-byte header in 40 bytes
  check_reject(ihl_past_end, ParseError::Truncated);

  auto total_below_ihl = packet;
  store_be16(total_below_ihl.data() + 2, 19);
  refresh_checksum(total_below_ihl);
  check_reject(total_below_ihl, ParseError::BadLength);

  auto total_past_end = packet;
  store_be16(total_past_end.data() + 2, 85);
  refresh_checksum(total_past_end);
  check_reject(total_past_end, ParseError::Truncated);

  for (size_t byte = 0; byte < 20; ++byte) {
    if (byte == 0 || byte == 2 || byte == 3) continue;  // covered above
    auto corrupt = packet;
    corrupt[byte] ^= 0x10;
    INFO(byte);
    check_reject(corrupt, ParseError::BadChecksum);
  }
}

TEST_CASE("Ipv4Repr::parse_quoted accepts an ICMP-quoted header + 8 bytes", "[ipv4]") {
  const auto quoted = bytes(kTimeExceededFrame, kL4 + 8);
  CHECK_FALSE(Ipv4Repr::parse(quoted));
  const auto ip = Ipv4Repr::parse_quoted(quoted);
  REQUIRE(ip);
  CHECK(ip->ttl == 1);
  CHECK(ip->protocol == IpProtocol::Udp);
  CHECK(ip->dst.to_string() == "192.168.2.20");
  CHECK(ip->payload_len == 40);
  CHECK(ipv4_payload(quoted, *ip).size() == 8);  // clipped to the bytes present
  ParseError why{};
  CHECK_FALSE(Ipv4Repr::parse_quoted(quoted.first(19), &why));
  CHECK(why == ParseError::Truncated);
}

TEST_CASE("ipv4_decrement_ttl matches a full recompute", "[ipv4]") {
  std::mt19937 rng(1624);
  for (int i = 0; i < 5000; ++i) {
    Ipv4Repr repr;
    repr.src = {static_cast<uint32_t>(rng())};
    repr.dst = {static_cast<uint32_t>(rng())};
    repr.protocol = static_cast<IpProtocol>(rng());
    repr.ttl = static_cast<uint8_t>(rng() % 255 + 1);
    repr.identification = static_cast<uint16_t>(rng());
    repr.tos = static_cast<uint8_t>(rng());
    repr.payload_len = static_cast<uint16_t>(rng());
    std::vector<uint8_t> header(20);
    repr.emit(header);

    ipv4_decrement_ttl(header);
    Ipv4Repr expected = repr;
    --expected.ttl;
    std::vector<uint8_t> recomputed(20);
    expected.emit(recomputed);
    CHECK(header == recomputed);
  }
}

TEST_CASE("ipv4_decrement_ttl leaves short headers and TTL 0 alone", "[ipv4]") {
  auto packet = packet_of(kEchoRequestFrame);
  auto header = std::span<uint8_t>(packet).first(19);
  const std::vector<uint8_t> before(header.begin(), header.end());
  ipv4_decrement_ttl(header);
  CHECK(std::equal(header.begin(), header.end(), before.begin()));

  packet[8] = 0;
  refresh_checksum(packet);
  const auto zero_ttl = packet;
  ipv4_decrement_ttl(packet);
  CHECK(packet == zero_ttl);
}

TEST_CASE("IpProtocol names", "[ipv4]") {
  CHECK(to_string(IpProtocol::Icmp) == "ICMP");
  CHECK(to_string(IpProtocol::Tcp) == "TCP");
  CHECK(to_string(IpProtocol::Udp) == "UDP");
  CHECK(to_string(static_cast<IpProtocol>(47)) == "47");
}
