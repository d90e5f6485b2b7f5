// A translated frame's inspector names both sides, from the router's "nat" and
// "virtual servers" rows, on either side of the router and in either direction.
#include "viz/nat_view.h"

#include <catch2/catch.hpp>

#include "synthetic.h"
#include "viz/inspector.h"

using namespace netsim;
using namespace netsim::viz;

namespace {
constexpr uint32_t kInside = 0xc0a8010a;   // 192.168.1.10
constexpr uint32_t kPublic = 0xcb007101;   // 203.0.113.1
constexpr uint32_t kServer = 0xcb007114;   // 203.0.113.20
constexpr uint32_t kWeb = 0xc0a80114;      // 192.168.1.20

std::vector<std::string> lines_for(const Recording& r, std::vector<uint8_t> frame, Time t) {
  return translation_lines(r, wire::decode_frame(frame), t, t + microseconds(10));
}
}  // namespace

TEST_CASE("a source-NAT row names the inside and outside side of each of the four forms") {
  Recording r;
  synthetic::Events ev;
  r.add(ev.table(microseconds(10), "gw", "nat", "udp 192.168.1.10:40000 > 203.0.113.20:7",
                 "as 203.0.113.1:21210"));
  r.add(ev.table(milliseconds(30), "gw", "nat", "udp 192.168.1.10:40000 > 203.0.113.20:7", ""));
  r.finish(milliseconds(40));
  const std::string both = "NAT at gw: inside 192.168.1.10:40000 <-> outside 203.0.113.1:21210";
  // The flow's first datagram is on the inside link before the row exists: it counts.
  auto l = lines_for(r, synthetic::udp_datagram(kInside, 40000, kServer, 7), microseconds(1));
  REQUIRE(l.size() == 1);
  CHECK(l[0] == both + " (this frame: inside)");
  l = lines_for(r, synthetic::udp_datagram(kPublic, 21210, kServer, 7), microseconds(20));
  REQUIRE(l.size() == 1);
  CHECK(l[0] == both + " (this frame: outside)");
  CHECK(lines_for(r, synthetic::udp_datagram(kServer, 7, kPublic, 21210), milliseconds(1)).size() == 1);
  CHECK(lines_for(r, synthetic::udp_datagram(kServer, 7, kInside, 40000), milliseconds(1))[0] ==
        both + " (this frame: inside)");
  // Another flow, another protocol, or after the row expired: nothing.
  CHECK(lines_for(r, synthetic::udp_datagram(kInside, 40001, kServer, 7), milliseconds(1)).empty());
  CHECK(lines_for(r, synthetic::tcp_segment(kInside, 40000, kServer, 7, 1, 0, wire::tcp_flags::Syn),
                  milliseconds(1))
            .empty());
  CHECK(lines_for(r, synthetic::udp_datagram(kPublic, 21210, kServer, 7), milliseconds(31)).empty());
}

TEST_CASE("a port forward and an ICMP echo translation") {
  Recording r;
  synthetic::Events ev;
  r.add(ev.table(microseconds(10), "gw", "nat", "tcp 203.0.113.20:49152 > 203.0.113.1:8080",
                 "to 192.168.1.20:80"));
  r.add(ev.table(microseconds(10), "gw", "nat", "icmp 192.168.1.10 > 203.0.113.20 id 1",
                 "as 203.0.113.1 id 30847"));
  r.finish(milliseconds(40));
  auto l = lines_for(r, synthetic::tcp_segment(kServer, 49152, kWeb, 80, 1, 0, wire::tcp_flags::Syn),
                     microseconds(20));
  REQUIRE(l.size() == 1);
  CHECK(l[0] == "forward at gw: inside 192.168.1.20:80 <-> outside 203.0.113.1:8080 (this frame: inside)");
  l = lines_for(r, synthetic::tcp_segment(kWeb, 80, kServer, 49152, 1, 1, wire::tcp_flags::Ack),
                microseconds(20));
  REQUIRE(l.size() == 1);
  const wire::FrameInfo info = wire::decode_frame(synthetic::icmp_echo(kPublic, kServer, 1, 30847));
  REQUIRE(info.icmp);
  CHECK(translation_lines(r, info, microseconds(20), microseconds(30)) ==
        std::vector<std::string>{"NAT at gw: inside 192.168.1.10 id 1 <-> outside 203.0.113.1 id "
                                 "30847 (this frame: outside)"});
}

TEST_CASE("the frame inspector shows the translation under the summary") {
  Recording r;
  synthetic::Events ev;
  r.add(ev.table(microseconds(10), "gw", "nat", "udp 192.168.1.10:40000 > 203.0.113.20:7",
                 "as 203.0.113.1:21210"));
  r.add(ev.sent(microseconds(20), "gw", "wan", "srv", "eth0", microseconds(30),
                synthetic::udp_datagram(kPublic, 21210, kServer, 7), 4));
  r.finish(milliseconds(1));
  const auto lines = frame_panel_lines(r, 1);
  const auto at = std::find(lines.begin(), lines.end(), "address translation:");
  REQUIRE(at != lines.end());
  CHECK(at[1] == "  NAT at gw: inside 192.168.1.10:40000 <-> outside 203.0.113.1:21210 (this frame: outside)");
}
