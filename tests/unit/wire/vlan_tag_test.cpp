// 802.1Q tag bytes: TCI fields, insertion, removal and VID rewrite.
#include "sim/wire/vlan_tag.h"

#include <catch2/catch.hpp>

#include "sim/wire/ethernet.h"
#include "vectors.h"

using namespace netsim::wire;
using namespace netsim::wire::test_vectors;

TEST_CASE("VlanTci packs PCP, DEI and VID as 802.1Q lays them out", "[vlan]") {
  const VlanTci tci{5, true, 0x123};
  CHECK(tci.to_u16() == 0xb123);  // 101 1 000100100011
  CHECK(VlanTci::from_u16(0xb123) == tci);
  CHECK(VlanTci::from_u16(0x000a) == VlanTci{0, false, 10});
}

TEST_CASE("inserting a tag gives the known tagged frame; removing it gives the original back", "[vlan]") {
  // kVlanEchoFrame is the untagged echo request with a VLAN 10 tag (PCP 0),
  // 60 bytes: its untagged form is those bytes without the 4 tag bytes.
  std::vector<uint8_t> untagged(kVlanEchoFrame.size() - kVlanTagLen);
  remove_vlan_tag(kVlanEchoFrame, untagged);
  CHECK(std::equal(untagged.begin(), untagged.begin() + 12, kVlanEchoFrame.begin()));
  CHECK(untagged[12] == 0x08);
  CHECK(untagged[13] == 0x00);
  CHECK_FALSE(vlan_tci(untagged));

  auto out = prefilled(kVlanEchoFrame.size());
  insert_vlan_tag(untagged, VlanTci{0, false, 10}, std::span(out).first(kVlanEchoFrame.size()));
  CHECK(std::equal(kVlanEchoFrame.begin(), kVlanEchoFrame.end(), out.begin()));
  CHECK(guard_intact(out, kVlanEchoFrame.size()));
  CHECK(vlan_tci(out) == VlanTci{0, false, 10});
}

TEST_CASE("a tag inserted into a larger buffer leaves the rest as padding", "[vlan]") {
  const std::vector<uint8_t> arp(kArpRequestFrame.begin(), kArpRequestFrame.begin() + 42);
  std::vector<uint8_t> out(64, 0);
  insert_vlan_tag(arp, VlanTci{0, false, 20}, out);
  const auto eth = EthernetRepr::parse(out);
  REQUIRE(eth);
  CHECK(eth->vlan == 20);
  CHECK(eth->ethertype == EtherType::Arp);
  CHECK(std::all_of(out.begin() + 46, out.end(), [](uint8_t b) { return b == 0; }));
}

TEST_CASE("rewriting a VID keeps the priority and drop-eligible bits", "[vlan]") {
  auto frame = kVlanEchoFrame;
  frame[14] |= 0xf0;  // PCP 7, DEI 1
  set_vlan_vid(frame, 99);
  CHECK(vlan_tci(frame) == VlanTci{7, true, 99});
  CHECK(vlan_tci(std::span(frame).first(17)) == std::nullopt);  // too short to hold a tag
}
