// Port VLAN membership as the scenario gives it, and how it is labelled and coloured.
#include "viz/vlan_style.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace netsim;
using namespace netsim::viz;

namespace {
bool same(Rgb a, Rgb b) { return a.r == b.r && a.g == b.g && a.b == b.b; }
PortVlans access(uint16_t vid) { return {vid, {}, {}}; }
PortVlans trunk(std::vector<uint16_t> vids, std::optional<uint16_t> native = {}) {
  return {kDefaultVlan, std::move(vids), native};
}
}  // namespace

TEST_CASE("a port takes the frames its VLANs allow, as the bridge's ingress filter does") {
  const PortVlans a = access(10);
  CHECK(a.ingress_vlan(std::nullopt) == 10);
  CHECK(a.ingress_vlan(0) == 10);   // a priority tag means untagged
  CHECK_FALSE(a.ingress_vlan(10));  // an access port takes untagged frames only
  CHECK(a.carries(10));
  CHECK_FALSE(a.carries(1));
  const PortVlans t = trunk({10, 20}, 1);
  CHECK(t.ingress_vlan(std::nullopt) == 1);
  CHECK(t.ingress_vlan(20) == 20);
  CHECK(t.ingress_vlan(1) == 1);  // the native VLAN, tagged, is still its VLAN
  CHECK_FALSE(t.ingress_vlan(30));
  CHECK(t.carries(1));
  CHECK_FALSE(trunk({10, 20}).ingress_vlan(std::nullopt));  // no native: untagged is dropped
  CHECK(PortVlans{}.is_default());
  CHECK_FALSE(t.is_default());
}

TEST_CASE("port labels: v10 for an access port, T with the VLANs and n for the native one") {
  const auto a = vlan_label(access(10));
  REQUIRE(a.size() == 1);
  CHECK(a[0].text == "v10");
  CHECK(a[0].vid == 10);
  const auto t = vlan_label(trunk({1, 10, 20}, 1));
  REQUIRE(t.size() == 4);
  CHECK(t[0].text == "T");
  CHECK_FALSE(t[0].vid);
  CHECK(t[1].text == "10");
  CHECK(t[2].text == "20");
  CHECK(t[3].text == "n1");
  CHECK(t[3].vid == 1);
  CHECK(vlan_words(access(20)) == "access 20");
  CHECK(vlan_words(trunk({10, 20}, 1)) == "trunk 10,20 native 1");
  CHECK(vlan_words(trunk({10, 20})) == "trunk 10,20");
}

TEST_CASE("VLANs people use together get different colours, VLAN 1 the plain link's") {
  for (const std::vector<uint16_t>& together :
       {std::vector<uint16_t>{10, 20, 30, 40, 50, 60, 70, 80, 90, 99},
        std::vector<uint16_t>{100, 200, 300}, std::vector<uint16_t>{2, 3, 4, 5, 6}}) {
    for (size_t i = 0; i < together.size(); ++i)
      for (size_t j = i + 1; j < together.size(); ++j)
        CHECK_FALSE(same(vlan_colour(together[i]), vlan_colour(together[j])));
  }
  CHECK(same(vlan_colour(10), vlan_colour(10)));
  const Rgb neutral = vlan_colour(1);
  CHECK(std::max({neutral.r, neutral.g, neutral.b}) - std::min({neutral.r, neutral.g, neutral.b}) <
        24);  // a grey
  for (uint16_t vid = 2; vid < 200; ++vid) CHECK_FALSE(same(vlan_colour(vid), neutral));
  // Text on a tag reads: white on dark fills, dark on light ones.
  CHECK(same(ink_on({20, 20, 120}), {255, 255, 255}));
  CHECK_FALSE(same(ink_on({240, 230, 200}), {255, 255, 255}));
}

TEST_CASE("port names sort as people count: p2 before p10") {
  CHECK(natural_less("p2", "p10"));
  CHECK_FALSE(natural_less("p10", "p2"));
  CHECK(natural_less("p1", "p24"));
  CHECK(natural_less("eth0", "p1"));
  CHECK(natural_less("p", "p1"));
  CHECK_FALSE(natural_less("p3", "p3"));
  CHECK(natural_less("gi0/2", "gi0/10"));
}
