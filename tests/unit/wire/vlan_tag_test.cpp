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
  // kVlanEchoFrame is the echo request with a VLAN 10 tag (PCP 0): without
  // its 4 tag bytes it is the untagged frame.
  std::vector<uint8_t> frame = kVlanEchoFrame;
  remove_vlan_tag(frame);
  frame.resize(frame.size() - kVlanTagLen);
  CHECK(std::equal(frame.begin(), frame.begin() + 12, kVlanEchoFrame.begin()));
  CHECK(frame[12] == 0x08);
  CHECK(frame[13] == 0x00);
  CHECK(std::equal(frame.begin() + 14, frame.end(), kVlanEchoFrame.begin() + 18));
  CHECK_FALSE(vlan_tci(frame));

  frame.resize(frame.size() + kVlanTagLen, 0xa5);
  insert_vlan_tag(frame, VlanTci{0, false, 10});
  CHECK(frame == kVlanEchoFrame);
  CHECK(vlan_tci(frame) == VlanTci{0, false, 10});
}

TEST_CASE("a tag inserted into a padded frame keeps the padding after the payload", "[vlan]") {
  std::vector<uint8_t> frame(kArpRequestFrame.begin(), kArpRequestFrame.begin() + 42);
  frame.resize(60 + kVlanTagLen, 0);
  insert_vlan_tag(frame, VlanTci{0, false, 20});
  const auto eth = EthernetRepr::parse(frame);
  REQUIRE(eth);
  CHECK(eth->vlan == 20);
  CHECK(eth->ethertype == EtherType::Arp);
  CHECK(std::equal(frame.begin() + 18, frame.begin() + 46, kArpRequestFrame.begin() + 14));
  CHECK(std::all_of(frame.begin() + 46, frame.end(), [](uint8_t b) { return b == 0; }));
}

TEST_CASE("rewriting a VID keeps the priority and drop-eligible bits", "[vlan]") {
  auto frame = kVlanEchoFrame;
  frame[14] |= 0xf0;  // PCP 7, DEI 1
  set_vlan_vid(frame, 99);
  CHECK(vlan_tci(frame) == VlanTci{7, true, 99});
  CHECK(vlan_tci(std::span(frame).first(17)) == std::nullopt);  // too short to hold a tag
}
