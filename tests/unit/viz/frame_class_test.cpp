// Frame classes and 802.1Q tags as the animation draws them.
#include "viz/frame_class.h"

#include <catch2/catch.hpp>

#include "synthetic.h"

using namespace netsim;
using namespace netsim::viz;

TEST_CASE("a BPDU is its own class, as the shared decode says") {
  const FrameLook bpdu = classify_frame(synthetic::config_bpdu(1));
  CHECK(bpdu.frame_class == FrameClass::Stp);
  CHECK_FALSE(bpdu.vlan);
  CHECK(to_string(FrameClass::Stp) == "STP (BPDU)");
  // The same address without spanning tree's LLC header is some other protocol.
  std::vector<uint8_t> not_stp = synthetic::config_bpdu(1);
  not_stp[14] = 0xaa;
  CHECK(classify_frame(not_stp).frame_class == FrameClass::Other);
  // A frame cut short never reads past its end.
  const std::vector<uint8_t> whole = synthetic::config_bpdu(1);
  CHECK(classify_frame(std::span(whole).first(15)).frame_class == FrameClass::Other);
}

TEST_CASE("a tagged frame keeps its protocol class and says its VLAN") {
  const auto arp = synthetic::arp_request(0x0a000001, 0x0a000002);
  CHECK_FALSE(classify_frame(arp).vlan);
  const FrameLook tagged = classify_frame(synthetic::tagged(arp, 20));
  CHECK(tagged.frame_class == FrameClass::Arp);
  CHECK(tagged.vlan == 20);
  const FrameLook echo = classify_frame(synthetic::tagged(synthetic::icmp_echo(1, 2, 1), 10));
  CHECK(echo.frame_class == FrameClass::Icmp);
  CHECK(echo.vlan == 10);
}

TEST_CASE("every frame class has a legend word and a colour of its own") {
  for (FrameClass a : kFrameClasses)
    for (FrameClass b : kFrameClasses) {
      if (a == b) continue;
      CHECK(to_string(a) != to_string(b));
      const Rgb x = frame_class_colour(a), y = frame_class_colour(b);
      CHECK((x.r != y.r || x.g != y.g || x.b != y.b));
    }
}
