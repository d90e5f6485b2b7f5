// The inspector's layer view (in, decisions, out) and hex view.
#include "viz/frame_layers.h"

#include <catch2/catch.hpp>

#include "synthetic.h"

using namespace netsim;
using namespace netsim::viz;

TEST_CASE("hex lines show offset, two groups of eight bytes and the printable characters") {
  std::vector<uint8_t> bytes(20);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(0x41 + i);
  const auto lines = hex_lines(bytes, 256);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "0000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP");
  CHECK(lines[1].starts_with("0010  51 52 53 54 "));
  CHECK(lines[1].ends_with("  QRST"));
  CHECK(hex_lines(bytes, 16).back() == "... 4 more bytes");
}

TEST_CASE("the layer view follows a frame in at a router and out again") {
  Recording r;
  synthetic::Events ev;
  const auto echo = synthetic::icmp_echo(0x0a000001, 0x0a000102, 1);
  r.add(ev.sent(microseconds(0), "pc", "eth0", "r1", "g0", microseconds(10), echo, 7));
  r.add(ev.decision(microseconds(10), "r1", "g0", "forwarded 10.0.0.1 -> 10.0.1.2 out g1", Layer::Network));
  // The layer is the one the decision's maker named, whatever its words.
  r.add(ev.decision(microseconds(10), "r1", "g0", "ARP-like words", Layer::Transport));
  r.add(ev.decision(microseconds(10), "r1", "g0", "a decision of no layer"));
  r.add(ev.sent(microseconds(10), "r1", "g1", "pc2", "eth0", microseconds(20), echo, 7));
  r.finish(microseconds(30));
  const auto lines = osi_lines(r, 0);
  REQUIRE(lines.size() >= 5);
  CHECK(lines[0] == "at r1 (layers in and out, as --explain knows them):");
  CHECK(lines[1] == "  in  L1  " + std::to_string(echo.size()) + " bytes on g0 at 0.000010000");
  CHECK(std::find(lines.begin(), lines.end(),
                  "  in  L3  forwarded 10.0.0.1 -> 10.0.1.2 out g1") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "  in  L4  ARP-like words") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "  in      a decision of no layer") != lines.end());
  CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.starts_with("  out L1  ") && l.find("on g1 > pc2:eth0") != std::string::npos;
  }));
}
