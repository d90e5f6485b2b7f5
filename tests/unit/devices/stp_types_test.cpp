// Spanning-tree vocabulary: path costs from link speed, port numbers from
// port names, port IDs, BPDU times.
#include <catch2/catch.hpp>

#include "devices/bridge/stp_engine.h"
#include "devices/bridge/stp_types.h"

using namespace netsim;
using namespace netsim::devices;

TEST_CASE("path costs follow 802.1D-1998 Table 8-5", "[stp]") {
  CHECK(stp_path_cost(100'000'000'000ull) == 2);
  CHECK(stp_path_cost(10'000'000'000ull) == 2);
  CHECK(stp_path_cost(9'999'999'999ull) == 4);
  CHECK(stp_path_cost(1'000'000'000ull) == 4);
  CHECK(stp_path_cost(100'000'000ull) == 19);
  CHECK(stp_path_cost(99'999'999ull) == 100);
  CHECK(stp_path_cost(10'000'000ull) == 100);
}

TEST_CASE("port numbers come from the names; names without one come after, in name order", "[stp]") {
  CHECK(stp_port_numbers({"p3", "p1", "p24"}) == std::vector<uint16_t>{3, 1, 24});
  CHECK(stp_port_numbers({"uplink", "p2", "eth", "g1"}) == std::vector<uint16_t>{4, 2, 3, 1});
  // p0 is no port number, a second "1" is taken: both come after the highest.
  CHECK(stp_port_numbers({"a1", "b1", "p0", "p5"}) == std::vector<uint16_t>{1, 6, 7, 5});
  CHECK(stp_port_numbers({"x", "y"}) == std::vector<uint16_t>{1, 2});
}

TEST_CASE("a port ID is the priority's high nibble, then the 12-bit port number", "[stp]") {
  StpPortConfig p;
  p.number = 2;
  CHECK(p.port_id() == 0x8002);
  p.priority = 64;
  p.number = 300;
  CHECK(p.port_id() == 0x412c);
  p.priority = 240;
  p.number = 4095;
  CHECK(p.port_id() == 0xffff);
}

TEST_CASE("BPDU times are 1/256 s", "[stp]") {
  CHECK(to_bpdu_time(seconds(20)) == 20 * 256);
  CHECK(to_bpdu_time(milliseconds(1500)) == 384);
  CHECK(to_bpdu_time(Time{3'906'249}) == 0);  // rounded down
  CHECK(to_bpdu_time(seconds(1000)) == 0xffff);
  CHECK(from_bpdu_time(256) == seconds(1));
  CHECK(from_bpdu_time(1) == Time{3'906'250});
  CHECK(to_string(PortRole::Alternate) == "alternate");
  CHECK(to_string(StpMode::Rstp) == "rstp");
}
