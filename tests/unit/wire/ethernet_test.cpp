// Ethernet II and 802.1Q header: parse, emit, round trip, truncation.
#include "sim/wire/ethernet.h"

#include <catch2/catch.hpp>

#include "vectors.h"

using namespace netsim::wire;
using namespace netsim::wire::test_vectors;

TEST_CASE("EthernetRepr parses an untagged frame", "[ethernet]") {
  const auto eth = EthernetRepr::parse(kArpRequestFrame);
  REQUIRE(eth);
  CHECK(eth->dst == MacAddress::broadcast());
  CHECK(eth->src.to_string() == "02:00:00:00:0a:01");
  CHECK_FALSE(eth->vlan);
  CHECK(eth->ethertype == EtherType::Arp);
  CHECK(eth->header_len() == 14);
  CHECK(ethernet_payload(kArpRequestFrame, *eth).size() == 46);
}

TEST_CASE("EthernetRepr parses an 802.1Q tag and ignores PCP/DEI", "[ethernet]") {
  const auto eth = EthernetRepr::parse(kVlanEchoFrame);
  REQUIRE(eth);
  CHECK(eth->vlan == 10);
  CHECK(eth->ethertype == EtherType::Ipv4);
  CHECK(eth->header_len() == 18);

  auto frame = kVlanEchoFrame;
  frame[14] |= 0xf0;  // PCP 7, DEI 1
  CHECK(EthernetRepr::parse(frame)->vlan == 10);
}

TEST_CASE("EthernetRepr emits byte-exact headers", "[ethernet]") {
  const EthernetRepr untagged{*MacAddress::parse("02:00:00:00:0a:03"),
                              *MacAddress::parse("02:00:00:00:0a:01"), std::nullopt,
                              EtherType::Ipv4};
  auto out = prefilled(14);
  untagged.emit(out);
  CHECK(std::equal(out.begin(), out.begin() + 14, kEchoRequestFrame.begin()));
  CHECK(guard_intact(out, 14));

  EthernetRepr tagged = untagged;
  tagged.vlan = 10;
  auto out_tagged = prefilled(18);
  tagged.emit(out_tagged);
  CHECK(std::equal(out_tagged.begin(), out_tagged.begin() + 18, kVlanEchoFrame.begin()));
  CHECK(guard_intact(out_tagged, 18));
}

TEST_CASE("EthernetRepr round-trips unknown and 802.3 type values", "[ethernet]") {
  for (uint16_t type : {0x0800, 0x0806, 0x86dd, 0x88cc, 0x0026, 0xffff}) {
    for (std::optional<uint16_t> vlan :
         {std::optional<uint16_t>{}, std::optional<uint16_t>{4095}}) {
      const EthernetRepr repr{MacAddress::broadcast(), *MacAddress::parse("02:00:00:00:00:01"),
                              vlan, static_cast<EtherType>(type)};
      std::vector<uint8_t> buffer(repr.header_len());
      repr.emit(buffer);
      CHECK(EthernetRepr::parse(buffer) == repr);
    }
  }
}

TEST_CASE("EthernetRepr rejects truncated headers", "[ethernet]") {
  for (size_t n = 0; n < 14; ++n) {
    ParseError why{};
    CHECK_FALSE(EthernetRepr::parse(bytes(kArpRequestFrame).first(n), &why));
    CHECK(why == ParseError::Truncated);
  }
  for (size_t n = 14; n < 18; ++n) {
    ParseError why{};
    CHECK_FALSE(EthernetRepr::parse(bytes(kVlanEchoFrame).first(n), &why));
    CHECK(why == ParseError::Truncated);
  }
  CHECK(EthernetRepr::parse(bytes(kVlanEchoFrame).first(18)));
}

TEST_CASE("EtherType names", "[ethernet]") {
  CHECK(to_string(EtherType::Ipv4) == "IPv4");
  CHECK(to_string(EtherType::Arp) == "ARP");
  CHECK(to_string(EtherType::Vlan) == "802.1Q");
  CHECK(to_string(EtherType::Ipv6) == "IPv6");
  CHECK(to_string(static_cast<EtherType>(0x88cc)) == "0x88cc");
  CHECK(to_string(static_cast<EtherType>(0x0026)) == "0x0026");
}
