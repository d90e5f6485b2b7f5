// The bridge core: 802.1Q ingress filtering, per-VLAN learning and flooding,
// tag bytes on egress, native VLANs, the spanning-tree gate and the hooks
// spanning tree and an l3switch's SVIs use.
#include <catch2/catch.hpp>

#include "net_fixture.h"
#include "sim/wire/bytes.h"
#include "sim/wire/vlan_tag.h"

using namespace netsim;
using namespace netsim::test;
using devices::PortState;
using devices::VlanConfig;

namespace {
const std::vector<uint16_t> k10and20 = {10, 20};

// sw1 with one port per config (p1, p2, ...), each linked to a Sink s1, s2, ...
struct VlanSwitch {
  Net net;
  devices::Switch* sw = nullptr;
  std::vector<Sink*> sinks;
  explicit VlanSwitch(const std::vector<VlanConfig>& configs) {
    sw = &net.add<devices::Switch>("sw1", seconds(300));
    for (size_t i = 0; i < configs.size(); ++i) {
      const std::string n = std::to_string(i + 1);
      Sink& s = net.add<Sink>("s" + n);
      net.link(sw->add_port("p" + n, mac(static_cast<uint8_t>(100 + i))),
               s.add_port("eth0", mac(static_cast<uint8_t>(200 + i))));
      sw->bridge().set_vlans(static_cast<uint32_t>(i), configs[i]);
      sinks.push_back(&s);
    }
  }
  devices::BridgeCore& bridge() { return sw->bridge(); }
  // A 60-byte frame from `src`, tagged with `vlan` when given, as if it arrived on port `port`.
  void inject(int port, uint8_t src, wire::MacAddress dst, std::optional<uint16_t> vlan = {}) {
    std::vector<uint8_t> body(vlan ? 42 : 46, 0xab);
    sw->receive(*sw->ports()[port - 1],
                ethernet_frame(net.ctx, {dst, mac(src), vlan, wire::EtherType::Ipv4}, body));
    net.run();
  }
  size_t got(int port) const { return sinks[port - 1]->frames.size(); }
  const Sink::Arrival& last(int port) const { return sinks[port - 1]->frames.back(); }
  std::optional<std::string> where(uint8_t m, uint16_t vlan) {
    return sw->mac_table_lookup(mac(m), net.ctx.now(), vlan);
  }
};

// Records what the bridge passes up, as an l3switch's SVIs would get it.
struct Upper : devices::BridgeUpper {
  struct Got {
    uint16_t vid;
    std::string port;
    std::vector<uint8_t> bytes;
  };
  std::vector<Got> got;
  void receive_from_bridge(uint16_t vid, Port& in, Packet frame) override {
    got.push_back({vid, in.name(), {frame.bytes().begin(), frame.bytes().end()}});
  }
};

struct Bpdus : devices::BpduReceiver {
  std::vector<std::string> ports;
  void receive_bpdu(Port& in, Packet) override { ports.push_back(in.name()); }
};
}  // namespace

TEST_CASE("ingress filtering drops, before learning, what the port does not carry") {
  VlanSwitch t({VlanConfig::access(10), VlanConfig::access(10), VlanConfig::trunk(k10and20)});
  t.inject(1, 1, wire::MacAddress::broadcast(), 10);  // tagged on an access port
  t.inject(3, 3, wire::MacAddress::broadcast(), 30);  // VLAN 30 is not on the trunk
  t.inject(3, 4, wire::MacAddress::broadcast());      // untagged, and the trunk has no native VLAN
  t.inject(3, 5, wire::MacAddress::broadcast(), 4095);
  CHECK(t.net.rec.count_drops(DropReason::VlanFiltered) == 4);
  CHECK(t.net.rec.decided("sw1: dropped: tagged frame (VLAN 10) on access port p1"));
  CHECK(t.net.rec.decided("sw1: dropped: VLAN 30 not allowed on p3"));
  CHECK(t.net.rec.decided("sw1: dropped: untagged frame on trunk p3, which has no native VLAN"));
  CHECK(t.net.rec.decided("reserved VLAN ID 4095 on p3"));
  CHECK(t.net.rec.sent.empty());
  CHECK(t.sw->mac_table_rows(t.net.ctx.now()).empty());
}

TEST_CASE("a switch learns (VLAN, MAC): one MAC may live on different ports in different VLANs") {
  VlanSwitch t({VlanConfig::access(10), VlanConfig::access(20), VlanConfig::trunk(k10and20)});
  t.inject(1, 1, mac(9));
  t.inject(3, 1, mac(9), 20);
  CHECK(t.where(1, 10) == "p1");
  CHECK(t.where(1, 20) == "p3");
  CHECK_FALSE(t.where(1, 1));
  CHECK(t.net.rec.decided("learned 02:00:00:00:00:01 in VLAN 20 on p3"));
  const auto rows = t.sw->mac_table_rows(t.net.ctx.now());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].vlan == 10);
  CHECK(rows[1].vlan == 20);

  // Known in VLAN 20 only: a VLAN 10 frame to it still floods within VLAN 10.
  t.inject(2, 2, mac(1));  // VLAN 20, known on p3: out p3 only, tagged
  CHECK(t.got(3) == 2);
  CHECK(t.last(3).info().eth.vlan == 20);
  CHECK(t.net.rec.decided("forwarded 02:00:00:00:00:01 in VLAN 20 out p3 tagged"));
}

TEST_CASE("floods stay in their VLAN, never leave by the ingress port, and tag on trunks") {
  VlanSwitch t({VlanConfig::access(10), VlanConfig::access(10), VlanConfig::access(20),
                VlanConfig::trunk(k10and20)});
  t.inject(1, 1, wire::MacAddress::broadcast());
  CHECK(t.got(1) == 0);
  CHECK(t.got(2) == 1);
  CHECK(t.got(3) == 0);
  CHECK(t.got(4) == 1);
  CHECK(t.net.rec.decided("sw1: flooded broadcast in VLAN 10 out p2, tagged out p4"));

  t.inject(4, 4, mac(77), 20);  // unknown unicast in VLAN 20 from the trunk
  CHECK(t.got(3) == 1);
  CHECK(t.got(4) == 1);  // not back out of the trunk it came in on
  CHECK(t.got(2) == 1);
  CHECK_FALSE(t.last(3).info().eth.vlan);
}

TEST_CASE("tag bytes: 60 bytes untagged are 64 tagged, and 60 again once untagged") {
  VlanSwitch t({VlanConfig::access(10), VlanConfig::trunk(k10and20), VlanConfig::access(10)});
  t.inject(1, 1, wire::MacAddress::broadcast());
  // Copies: the arrival list grows (and moves) as the run below goes on.
  const std::vector<uint8_t> on_trunk = t.last(2).bytes;
  REQUIRE(on_trunk.size() == 64);
  CHECK(on_trunk[12] == 0x81);
  CHECK(on_trunk[13] == 0x00);
  CHECK(wire::vlan_tci(on_trunk) == wire::VlanTci{0, false, 10});
  CHECK(on_trunk[16] == 0x08);  // the EtherType, after the tag
  const std::vector<uint8_t> untagged = t.last(3).bytes;
  REQUIRE(untagged.size() == 60);
  // The tagged copy is the untagged frame plus the tag, nothing else changed.
  std::vector<uint8_t> stripped = on_trunk;
  wire::remove_vlan_tag(stripped);
  stripped.resize(60);
  CHECK(stripped == untagged);

  // Back the other way: the trunk's 64 bytes leave an access port as 60.
  t.sw->receive(*t.sw->ports()[1], [&] {
    Packet p = t.net.ctx.new_packet(64);
    std::copy(on_trunk.begin(), on_trunk.end(), p.mutable_bytes().begin());
    return p;
  }());
  t.net.run();
  CHECK(t.last(1).bytes == untagged);
}

TEST_CASE("a frame that stays tagged keeps its priority bits; a priority tag means the native VLAN") {
  VlanSwitch t({VlanConfig::trunk(k10and20, 1), VlanConfig::trunk(k10and20), VlanConfig::access(1)});
  Packet p = ethernet_frame(t.net.ctx, {wire::MacAddress::broadcast(), mac(1), 20, wire::EtherType::Ipv4},
                            std::vector<uint8_t>(42, 0));
  wire::VlanTci tci{5, false, 20};
  wire::store_be16(p.mutable_bytes().data() + 14, tci.to_u16());
  t.sw->receive(*t.sw->ports()[0], std::move(p));
  t.net.run();
  CHECK(wire::vlan_tci(t.last(2).bytes) == tci);
  CHECK(t.got(3) == 0);

  t.inject(1, 1, wire::MacAddress::broadcast(), 0);  // priority-tagged: VLAN 1, the native one
  CHECK(t.got(3) == 1);
  CHECK_FALSE(t.last(3).info().eth.vlan);
  CHECK(t.got(2) == 1);  // VLAN 1 is not on p2
}

TEST_CASE("a native VLAN crosses a trunk untagged both ways") {
  VlanSwitch t({VlanConfig::access(1), VlanConfig::trunk(std::vector<uint16_t>{10}, 1),
                VlanConfig::access(10)});
  CHECK(t.bridge().vlans(1).to_string() == "trunk 10 native 1");
  t.inject(1, 1, wire::MacAddress::broadcast());
  REQUIRE(t.got(2) == 1);
  CHECK_FALSE(t.last(2).info().eth.vlan);
  CHECK(t.last(2).bytes.size() == 60);
  CHECK(t.got(3) == 0);

  t.inject(2, 2, wire::MacAddress::broadcast());  // untagged on the trunk: VLAN 1
  CHECK(t.got(1) == 1);
  CHECK(t.got(3) == 0);
  CHECK(t.where(2, 1) == "p2");
  t.inject(2, 3, wire::MacAddress::broadcast(), 1);  // VLAN 1 tagged is accepted too
  CHECK(t.got(1) == 2);
}

TEST_CASE("the spanning-tree gate: blocked ports neither learn nor relay; learning ports only learn") {
  VlanSwitch t({VlanConfig{}, VlanConfig{}, VlanConfig{}});
  t.bridge().set_port_state(1, PortState::Blocking);
  CHECK(t.bridge().port_state(1) == PortState::Blocking);
  t.inject(2, 2, wire::MacAddress::broadcast());
  CHECK(t.net.rec.count_drops(DropReason::PortBlocked) == 1);
  CHECK(t.net.rec.decided("sw1: dropped: p2 is blocking"));
  CHECK_FALSE(t.where(2, 1));

  t.inject(1, 1, wire::MacAddress::broadcast());  // floods skip the blocked port
  CHECK(t.got(2) == 0);
  CHECK(t.got(3) == 1);

  t.bridge().set_port_state(2, PortState::Learning);
  t.inject(3, 3, mac(1));
  CHECK(t.where(3, 1) == "p3");
  CHECK(t.got(1) == 0);
  CHECK(t.net.rec.decided("not relayed: p3 is learning"));

  // A known destination behind a port that stopped forwarding: dropped there.
  t.bridge().set_port_state(2, PortState::Forwarding);
  t.bridge().set_port_state(0, PortState::Listening);
  t.inject(3, 3, mac(1));
  CHECK(t.got(1) == 0);
  CHECK(t.net.rec.decided("not forwarded to 02:00:00:00:00:01: p1 is listening"));
}

TEST_CASE("BPDUs: flooded as multicast without spanning tree, handed to it before any VLAN check with it") {
  VlanSwitch t({VlanConfig::access(10), VlanConfig::trunk(k10and20), VlanConfig::access(10)});
  const auto group = devices::BridgeCore::kBridgeGroupAddress;
  t.inject(1, 1, group);
  CHECK(t.got(3) == 1);
  CHECK(t.got(2) == 1);
  t.inject(2, 2, group);  // untagged data on a trunk without native: dropped
  CHECK(t.net.rec.count_drops(DropReason::VlanFiltered) == 1);

  Bpdus stp;
  t.bridge().set_bpdu_receiver(&stp);
  t.bridge().set_port_state(1, PortState::Blocking);
  t.inject(2, 2, group);
  t.inject(1, 1, group);
  CHECK(stp.ports == std::vector<std::string>{"p2", "p1"});
  CHECK(t.got(3) == 1);
  CHECK(t.net.rec.count_drops(DropReason::VlanFiltered) == 1);
}

TEST_CASE("the upper layer gets its VLANs' broadcasts (also flooded) and frames to its MAC (not flooded)") {
  VlanSwitch t({VlanConfig::access(10), VlanConfig::trunk(k10and20), VlanConfig::access(20)});
  Upper upper;
  const wire::MacAddress own = mac(50);
  t.bridge().attach_upper(upper, own);
  t.bridge().add_upper_vlan(10);

  t.inject(2, 2, wire::MacAddress::broadcast(), 10);
  REQUIRE(upper.got.size() == 1);
  CHECK(upper.got[0].vid == 10);
  CHECK(upper.got[0].port == "p2");
  CHECK(upper.got[0].bytes.size() == 60);  // untagged for the IP stack
  CHECK_FALSE(wire::decode_frame(upper.got[0].bytes).eth.vlan);
  CHECK(t.got(1) == 1);  // and flooded

  t.inject(2, 2, own, 10);  // to the bridge itself: up only
  CHECK(upper.got.size() == 2);
  CHECK(t.got(1) == 1);
  CHECK(t.net.rec.decided("to the bridge itself in VLAN 10"));

  t.inject(2, 2, wire::MacAddress::broadcast(), 20);  // no SVI in VLAN 20
  CHECK(upper.got.size() == 2);
  CHECK(t.got(3) == 1);
}

TEST_CASE("the upper layer sends into a VLAN as if from a local port, learned or flooded") {
  VlanSwitch t({VlanConfig::access(10), VlanConfig::trunk(k10and20), VlanConfig::access(20),
                VlanConfig::access(10)});
  Upper upper;
  const wire::MacAddress own = mac(50);
  t.bridge().attach_upper(upper, own);
  t.bridge().add_upper_vlan(10);
  auto from_upper = [&](wire::MacAddress dst) {
    // A 42-byte ARP-sized frame, as an IP stack hands it down before padding.
    t.bridge().send_from_upper(
        10, ethernet_frame(t.net.ctx, {dst, own, std::nullopt, wire::EtherType::Arp}, std::vector<uint8_t>(28, 1)));
    t.net.run();
  };
  from_upper(wire::MacAddress::broadcast());
  CHECK(t.got(1) == 1);
  CHECK(t.got(2) == 1);
  CHECK(t.got(3) == 0);
  CHECK(t.got(4) == 1);
  CHECK(t.last(1).bytes.size() == 60);
  CHECK(t.last(2).bytes.size() == 64);
  CHECK(t.last(2).info().eth.vlan == 10);
  CHECK(t.sw->mac_table_rows(t.net.ctx.now()).empty());  // nothing learned from itself

  t.inject(4, 4, own);  // mac(4) now known on p4 in VLAN 10
  from_upper(mac(4));
  CHECK(t.got(4) == 2);
  CHECK(t.got(1) == 1);
  CHECK(t.got(2) == 1);
}

TEST_CASE("MACs of a port whose link went down are forgotten; short aging applies to old entries") {
  VlanSwitch t({VlanConfig::access(10), VlanConfig::access(10), VlanConfig::trunk(k10and20)});
  t.inject(1, 1, mac(9));
  t.inject(3, 3, mac(9), 20);
  CHECK(t.bridge().vlan_has_carrier(20));
  t.net.set_link(*t.net.links[2], false);
  CHECK_FALSE(t.where(3, 20));
  CHECK(t.where(1, 10) == "p1");
  CHECK_FALSE(t.bridge().vlan_has_carrier(20));
  CHECK(t.bridge().vlan_has_carrier(10));

  // Topology change: 15 s aging for entries already there.
  t.net.run_until(seconds(20));
  t.bridge().set_short_aging(seconds(15));
  CHECK_FALSE(t.where(1, 10));
  t.bridge().set_short_aging(std::nullopt);  // back to 300 s: the stale entry stays gone
  CHECK_FALSE(t.where(1, 10));
}

TEST_CASE("flushing one port, or every non-edge port, traces each removed row") {
  VlanSwitch t({VlanConfig{}, VlanConfig{}, VlanConfig{}});
  t.inject(1, 1, mac(9));
  t.inject(2, 2, mac(9));
  t.inject(3, 3, mac(9));
  t.bridge().set_edge(0, true);
  CHECK(t.bridge().edge(0));
  t.bridge().flush_non_edge_ports();
  CHECK(t.where(1, 1) == "p1");
  CHECK_FALSE(t.where(2, 1));
  CHECK_FALSE(t.where(3, 1));
  t.bridge().flush_port(0);
  CHECK(t.sw->mac_table_rows(t.net.ctx.now()).empty());
}
