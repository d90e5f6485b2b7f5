// ARP for Ethernet/IPv4: known request/reply, emit, round trip, rejects.
#include "sim/wire/arp.h"

#include <catch2/catch.hpp>

#include "vectors.h"

using namespace netsim::wire;
using namespace netsim::wire::test_vectors;

namespace {
const MacAddress kMacA = *MacAddress::parse("02:00:00:00:0a:01");
const MacAddress kMacB = *MacAddress::parse("02:00:00:00:0a:03");
const Ipv4Address kIpA = *Ipv4Address::parse("192.168.1.1");
const Ipv4Address kIpB = *Ipv4Address::parse("192.168.1.3");
const ArpRepr kRequest{ArpOperation::Request, kMacA, kIpA, MacAddress{}, kIpB};
const ArpRepr kReply{ArpOperation::Reply, kMacB, kIpB, kMacA, kIpA};
}  // namespace

TEST_CASE("ArpRepr parses a request and a reply (padding ignored)", "[arp]") {
  CHECK(ArpRepr::parse(bytes(kArpRequestFrame, kEth)) == kRequest);
  CHECK(ArpRepr::parse(bytes(kArpReplyFrame, kEth)) == kReply);
  CHECK(ArpRepr::parse(bytes(kArpReplyFrame, kEth).first(28)) == kReply);
}

TEST_CASE("ArpRepr emits byte-exact packets", "[arp]") {
  for (const auto* pair : {&kArpRequestFrame, &kArpReplyFrame}) {
    const ArpRepr& repr = pair == &kArpRequestFrame ? kRequest : kReply;
    auto out = prefilled(ArpRepr::kLength);
    repr.emit(out);
    CHECK(std::equal(out.begin(), out.begin() + 28, pair->begin() + kEth));
    CHECK(guard_intact(out, 28));
    CHECK(repr.buffer_len() == 28);
  }
}

TEST_CASE("ArpRepr round-trips unknown operations", "[arp]") {
  ArpRepr repr = kReply;
  repr.op = static_cast<ArpOperation>(9);
  std::vector<uint8_t> buffer(ArpRepr::kLength);
  repr.emit(buffer);
  CHECK(ArpRepr::parse(buffer) == repr);
  CHECK(to_string(repr.op) == "unknown");
  CHECK(to_string(ArpOperation::Request) == "request");
  CHECK(to_string(ArpOperation::Reply) == "reply");
}

TEST_CASE("ArpRepr rejects truncation at every length", "[arp]") {
  for (size_t n = 0; n < ArpRepr::kLength; ++n) {
    ParseError why{};
    CHECK_FALSE(ArpRepr::parse(bytes(kArpRequestFrame, kEth).first(n), &why));
    CHECK(why == ParseError::Truncated);
  }
}

TEST_CASE("ArpRepr rejects other hardware or protocol types", "[arp]") {
  for (size_t field : {1u, 3u, 4u, 5u}) {  // htype low byte, ptype low byte, hlen, plen
    auto packet = std::vector<uint8_t>(kArpRequestFrame.begin() + kEth, kArpRequestFrame.end());
    packet[field] ^= 0x01;
    ParseError why{};
    CHECK_FALSE(ArpRepr::parse(packet, &why));
    CHECK(why == ParseError::Unsupported);
  }
}
