// Spanning tree on real switches and links: BPDUs consumed (or, without
// spanning tree, flooded), always in the background; a double link between
// two switches loses one side to blocking and a broadcast crosses once.
#include <catch2/catch.hpp>

#include "devices/bridge/stp_agent.h"
#include "net_fixture.h"

using namespace netsim;
using namespace netsim::devices;
using namespace netsim::test;

namespace {
std::vector<StpPortConfig> port_configs(const Switch& sw) {
  std::vector<std::string> names;
  for (const auto& p : sw.ports()) names.push_back(p->name());
  const auto numbers = stp_port_numbers(names);
  std::vector<StpPortConfig> ports;
  for (size_t i = 0; i < names.size(); ++i) {
    StpPortConfig c;
    c.name = names[i];
    c.number = numbers[i];
    ports.push_back(c);
  }
  return ports;
}

void enable(Switch& sw, uint16_t priority, uint8_t mac_last, const BridgeNames* names) {
  StpBridgeConfig config;
  config.priority = priority;
  sw.enable_stp(config, {{0x02, 0, 0, 0, 0xbb, mac_last}}, port_configs(sw), names);
}

size_t bpdus(const Sink& sink) {
  size_t n = 0;
  for (const auto& f : sink.frames) n += f.info().has_proto("stp");
  return n;
}
}  // namespace

TEST_CASE("a switch with spanning tree consumes BPDUs; one without floods them; neither keeps a run going",
          "[stp]") {
  Net net;
  auto& sw1 = net.add<Switch>("sw1", seconds(300));
  auto& sw2 = net.add<Switch>("sw2", seconds(300));
  auto& a = net.add<Sink>("a");
  auto& b = net.add<Sink>("b");
  net.link(a.add_port("eth0", mac(1)), sw1.add_port("p1", mac(11)));
  net.link(sw1.add_port("p2", mac(12)), sw2.add_port("p1", mac(21)));
  net.link(sw2.add_port("p2", mac(22)), b.add_port("eth0", mac(2)));
  enable(sw1, 4096, 1, nullptr);
  for (auto& n : net.nodes) n->start();
  CHECK(net.ctx.scheduler().essential_pending() == 0);  // a run would end here
  net.run_until(seconds(5));
  CHECK(bpdus(a) >= 3);
  CHECK(bpdus(b) >= 3);  // sw2 runs no spanning tree: flooded like any multicast
  CHECK(b.frames.back().bytes[6 + 5] == 12);  // from sw1:p2's MAC, not sw2's
  CHECK(net.ctx.scheduler().essential_pending() == 0);

  // Something else sent to the bridge group address is dropped by sw1, not
  // flooded: another LLC protocol is unsupported, a cut BPDU malformed.
  const size_t before = b.frames.size();
  std::vector<uint8_t> other_sap(46, 0xaa);
  std::vector<uint8_t> cut_bpdu = {0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x00};
  for (const auto* body : {&other_sap, &cut_bpdu})
    a.ports()[0]->send(ethernet_frame(net.ctx,
                                      {wire::kBridgeGroupAddress, mac(1), std::nullopt,
                                       static_cast<wire::EtherType>(body->size())},
                                      *body));
  net.run_until(seconds(5) + milliseconds(1));
  CHECK(b.frames.size() == before);
  CHECK(net.rec.count_drops(DropReason::Unsupported) == 1);
  CHECK(net.rec.count_drops(DropReason::Malformed) == 1);
  CHECK(net.rec.decided("not a BPDU (truncated)"));
}

TEST_CASE("two links between two switches: spanning tree blocks one, a broadcast crosses once",
          "[stp]") {
  Net net;
  BridgeNames names;
  auto& sw1 = net.add<Switch>("sw1", seconds(300));
  auto& sw2 = net.add<Switch>("sw2", seconds(300));
  auto& a = net.add<Sink>("a");
  auto& b = net.add<Sink>("b");
  net.link(sw1.add_port("p1", mac(11)), sw2.add_port("p1", mac(21)));
  net.link(sw1.add_port("p2", mac(12)), sw2.add_port("p2", mac(22)));
  net.link(a.add_port("eth0", mac(1)), sw1.add_port("p3", mac(13)));
  Link& to_b = net.link(b.add_port("eth0", mac(2)), sw2.add_port("p3", mac(23)));
  enable(sw1, 4096, 1, &names);
  enable(sw2, 8192, 2, &names);
  names.add(sw1.stp()->engine().bridge_id(), "sw1");
  names.add(sw2.stp()->engine().bridge_id(), "sw2");
  for (auto& n : net.nodes) n->start();
  net.run_until(seconds(31));
  const StpEngine& e2 = sw2.stp()->engine();
  CHECK(e2.bridge_name(e2.root_id()) == "sw1");
  CHECK(e2.root_port() == 0u);  // p1: same cost, the root's lower port ID
  CHECK(e2.state(1) == PortState::Blocking);
  CHECK(sw2.bridge().port_state(1) == PortState::Blocking);  // the gate follows
  CHECK(e2.state(2) == PortState::Forwarding);

  const size_t before = b.frames.size();
  a.ports()[0]->send(arp_frame(net.ctx, wire::MacAddress::broadcast(),
                               {wire::ArpOperation::Request, mac(1), ip("10.0.0.1"), {}, ip("10.0.0.2")}));
  net.run_until(seconds(31) + milliseconds(10));
  size_t arps = 0;
  for (size_t i = before; i < b.frames.size(); ++i) arps += b.frames[i].info().arp.has_value();
  CHECK(arps == 1);
  CHECK(net.rec.count_drops(DropReason::PortBlocked) == 1);  // the copy over the blocked link

  // sw2's host link goes down: the engine disables the port at once.
  net.set_link(to_b, false);
  CHECK(e2.state(2) == PortState::Disabled);
  CHECK(e2.role(2) == PortRole::Disabled);
}
