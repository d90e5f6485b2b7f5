// The 802.1Q keys: port VLANs (access, trunk, native), mac_table per VLAN,
// the `vlan` frame filter with `none`; and what the loader refuses.
#include <catch2/catch.hpp>

#include "sim/scenario/loader.h"

using namespace netsim;
using namespace netsim::scenario;
using Catch::Matchers::Contains;

namespace {
std::string with_switch(const std::string& ports, const std::string& expect = "") {
  return "name: t\nnodes:\n  pc1: {kind: host, interfaces: {eth0: {ip: 10.0.0.1/24}}}\n"
         "  sw1: {kind: switch, ports: " + ports + "}\n"
         "  sw2: {kind: switch}\n"
         "links:\n  - [pc1:eth0, sw1:p1]\n  - [sw1:p24, sw2:p1]\n" + expect;
}
}  // namespace

TEST_CASE("port VLANs: access, trunk and native land in the model") {
  const Scenario s =
      load_scenario_text(with_switch("{p1: {vlan: 10}, p24: {trunk: [10, 20], native: 1}}"), "t.yaml");
  const NodeSpec& sw1 = *s.find_node("sw1");
  REQUIRE(sw1.ports.size() == 2);
  CHECK(sw1.ports[0].vlan == 10);
  CHECK_FALSE(sw1.ports[0].native);
  CHECK(sw1.ports[1].trunk == std::vector{10, 20});
  CHECK(sw1.ports[1].native == 1);
}

TEST_CASE("mac_table takes a vlan; the vlan frame filter takes none") {
  const Scenario s = load_scenario_text(
      with_switch("{p1: {vlan: 10}}",
                  "expect:\n  - {node: sw1, vlan: 10, mac_table: {02:00:00:00:00:01: p1}}\n"
                  "  - {node: sw1, mac_table: {02:00:00:00:00:01: p1}}\n"
                  "  - {frames: {at: sw1:p1, vlan: none}, min: 1}\n"
                  "  - {frames: {at: sw1:p24, vlan: 20}, min: 1}\n"),
      "t.yaml");
  REQUIRE(s.expects.size() == 4);
  CHECK(s.expects[0].tables().mac_table_vlan == 10);
  CHECK_FALSE(s.expects[1].tables().mac_table_vlan);
  CHECK(s.expects[2].tables().filter.vlan == FrameFilter::kUntagged);
  CHECK(s.expects[2].tables().filter.text() == "at sw1:p1, vlan none");
  CHECK(s.expects[3].tables().filter.vlan == 20);
}

TEST_CASE("VLAN keys that make no sense are refused with their place") {
  CHECK_THROWS_WITH(load_scenario_text(with_switch("{p1: {vlan: 10, trunk: [10]}}"), "bad.yaml"),
                    Contains("bad.yaml:4:42: a port is an access port (vlan) or a trunk (trunk), not both"));
  CHECK_THROWS_WITH(load_scenario_text(with_switch("{p1: {vlan: 10, native: 1}}"), "bad.yaml"),
                    Contains("bad.yaml:4:54: native applies to trunks only"));
  CHECK_THROWS_WITH(load_scenario_text(with_switch("{p1: {trunk: [10], native: 0}}"), "bad.yaml"),
                    Contains("native VLAN 0 is out of range"));
  CHECK_THROWS_WITH(
      load_scenario_text(with_switch("{}", "expect:\n  - {node: pc1, vlan: 10, arp: {10.0.0.2: any}}\n"),
                         "bad.yaml"),
      Contains("'vlan' goes with mac_table only"));
  CHECK_THROWS_WITH(
      load_scenario_text(with_switch("{}", "expect:\n  - {frames: {vlan: untagged}, count: 0}\n"), "bad.yaml"),
      Contains("vlan 'untagged'"));
}
