// Good scenarios: every shared example loads, and each key lands in the model
// with the meaning the format gives it.
#include "sim/scenario/loader.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace netsim;
using namespace netsim::scenario;
namespace fs = std::filesystem;

namespace {

// The shared contract examples and the project's own scenarios, found from
// this file's place in the tree (tests/unit/scenario/ -> the repository root).
std::vector<fs::path> scenario_files() {
  const fs::path root = fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
  std::vector<fs::path> files;
  for (const fs::path& dir : {root / ".." / "shared" / "spec" / "examples", root / "scenarios"}) {
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
      if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

wire::Ipv4Address ip(const char* text) { return *wire::Ipv4Address::parse(text); }
wire::Ipv4Prefix prefix(const char* text) { return *wire::Ipv4Prefix::parse(text); }
wire::MacAddress mac(const char* text) { return *wire::MacAddress::parse(text); }

const InterfaceSpec& iface(const NodeSpec& node, const std::string& name) {
  const auto found = std::find_if(node.interfaces.begin(), node.interfaces.end(),
                                  [&](const InterfaceSpec& i) { return i.name == name; });
  REQUIRE(found != node.interfaces.end());
  return *found;
}

}  // namespace

// The contract's rule: an example that uses what this build lacks is refused
// by name; every other example, and every scenario of ours, loads.
TEST_CASE("every shared example and project scenario loads or names what is not built") {
  const auto files = scenario_files();
  REQUIRE(files.size() >= 11);  // the contract's foundation and sockets examples at least
  int loaded = 0;
  for (const fs::path& file : files) {
    INFO(file.string());
    // Without sim/python linked in, as here, `python:` apps are refused.
    const bool ours = file.string().find("/scenarios/") != std::string::npos &&
                      file.parent_path().filename() != "python";
    const bool implemented = ours || file.parent_path().filename() == "foundation" ||
                             file.parent_path().filename() == "sockets";
    try {
      load_scenario_file(file.string());
      ++loaded;
    } catch (const ScenarioError& e) {
      CHECK_FALSE(implemented);
      CHECK_THAT(e.what(), Catch::Contains("not built in this version of netsim"));
    }
  }
  CHECK(loaded >= 11);
}

TEST_CASE("the tcp-chat example, in detail") {
  const auto files = scenario_files();
  const auto chat = std::find_if(files.begin(), files.end(),
                                 [](const fs::path& p) { return p.filename() == "tcp-chat.yaml"; });
  REQUIRE(chat != files.end());
  const Scenario s = load_scenario_file(chat->string());
  CHECK(s.name == "The seed's TCP chat, client and server on one LAN");
  CHECK(s.seed == 1);
  CHECK_FALSE(s.stop);
  REQUIRE(s.nodes.size() == 3);
  CHECK(iface(*s.find_node("server"), "eth0").mac == mac("58:20:b1:44:99:db"));
  const ExpectSpec& table = s.expects[6];
  CHECK(table.kind == ExpectSpec::Kind::MacTable);
  REQUIRE(table.tables().mac_table.size() == 1);
  CHECK(table.tables().mac_table[0].first == mac("58:20:b1:44:99:db"));
  CHECK(table.tables().mac_table[0].second == "p2");
  const ExpectSpec& sequence = s.expects.back();
  CHECK(sequence.kind == ExpectSpec::Kind::Sequence);
  REQUIRE(sequence.tables().sequence_at);
  CHECK(sequence.tables().sequence_at->text() == "pc1:eth0");
  REQUIRE(sequence.tables().sequence.size() == 10);
  CHECK(sequence.tables().sequence[0].proto == "arp");
  CHECK(sequence.tables().sequence[0].detail == "request");
  CHECK(sequence.tables().sequence[3].proto == "tcp");
  CHECK(sequence.tables().sequence[3].detail == "SYN-ACK");
}

TEST_CASE("every key lands in the model") {
  const Scenario s = load_scenario_text(R"(name: Everything
description: all the keys
seed: 42
stop: 1.5s
link_defaults: {bandwidth: 1Gbps, delay: 1ms, loss: 0.5%, mtu: 9000, queue: 10, cost: 3}
topology:
  nodes:
    pc1:
      kind: host
      pos: [10, -2.5]
      interfaces:
        eth0: {ip: 192.168.1.10/24, mac: 58-20-B1-44-99-DB}
        eth1: {dhcp: false}
        lo1:
      gateway: 192.168.1.1
      hosts: {www.jd.com: 203.0.113.80, db: 10.9.9.9}
      routes:
        - {to: 10.1.2.3/16, via: 192.168.1.2}
        - {to: 172.16.0.0/12, dev: eth1}
        - {to: default, via: 192.168.1.1}
      arp_timeout: 30s
      tcp: {mss: 536, nagle: false, delayed_ack: false, rto_min: 1s, time_wait: 2s, congestion: newreno,
            sack: false, timestamps: false, quickack: false, pmtu_discovery: false, window_scaling: true}
      ephemeral_ports: 1024-2047
    sw1:
      kind: switch
      ports:
        p1: {vlan: 10}
        p24: {trunk: [10, 20]}
        p3:
      mac_aging: 5m
      stp: false
    hub1: {kind: hub}
    r1:
      kind: router
      routing: auto
      interfaces: {lan: {ip: 192.168.1.1/24}, wan: {ip: 203.0.113.1/24}}
    l3:
      kind: l3switch
      vlans:
        10: {ip: 192.168.10.1/24}
  links:
    - {endpoints: ["pc1:eth0", "sw1:p1"]}
    - {endpoints: [sw1:p24, r1:lan], bandwidth: 10Mbps, delay: 2ms, loss: 0.01, mtu: 1500, queue: 64, cost: 10}
    - [pc1:eth1, hub1:a]
    - [hub1:b, l3:p1]
    - [sw1:p2, sw1:p3]
apps:
  client:
    node: pc1
    start: 100ms
    steps:
      - x = 1
  server: {node: r1, steps: [y = 2]}
events:
  - {at: 2s, link_down: [sw1:p1, pc1:eth0]}
  - {at: 3s, link_up: [pc1:eth0, sw1:p1]}
  - {at: 1s, node_down: r1}
  - {at: 1s, node_up: r1}
  - {at: 5s, clear_arp: pc1}
  - {at: 5s, clear_mac_table: l3}
  - {at: 4s, set_link: [r1:lan, sw1:p24], loss: 0.2, delay: 50ms}
expect:
  - {app: client, status: finished}
  - {app: client, status: failed, error: socket.timeout}
  - {at: 1.5s, app: client, var: x, equals: true}
  - {app: client, var: x, equals: True}
  - {app: client, var: x, equals: "true"}
  - {app: client, var: x, equals: 3}
  - {app: client, var: x, equals: -7}
  - {app: client, var: x, equals: 2.5}
  - {app: client, var: x, equals: null}
  - {app: client, var: x, equals: None}
  - {app: client, var: x, equals: ""}
  - {app: client, var: x, equals: ["192.168.1.10", 7788, [1, "a"]]}
  - {app: client, var: x, equals: 3.0}
  - {app: client, var: x, min: 2.99, max: 3.01}
  - {node: pc1, arp: {192.168.1.1: any, 192.168.1.2: 02:00:00:00:00:02}}
  - {node: sw1, mac_table: {58:20:b1:44:99:db: p1, 02:00:00:00:0b:03: p24}}
  - {node: pc1, ip: {eth1: 192.168.1.100/24}}
  - {app: client, printed: "from server"}
  - {node: r1, route: {to: 10.1.2.3, via: 10.0.0.2}}
  - {node: pc1, route: {to: 172.16.1.1, dev: eth1}}
  - {frames: {proto: arp, op: request}, count: 1}
  - {frames: {at: pc1:eth0, proto: tcp, flags: SYN}, min: 1}
  - {frames: {at: sw1:p24, proto: tcp, src: 203.0.113.1:80, dst: 10.0.0.1, ttl: 64, vlan: 10}, max: 5}
  - {frames: {proto: dns}, min: 1, max: 2}
  - {frames: {proto: dhcp}, count: 0}
  - {frames: {flags: RST-ACK}, count: 0}
  - sequence:
      frames: [arp request, udp, icmp unreachable, dhcp, dns, tcp FIN-PSH-ACK, eth, ipv4]
)",
                                        "all.yaml");
  CHECK(s.file == "all.yaml");
  CHECK(s.name == "Everything");
  CHECK(s.description == "all the keys");
  CHECK(s.seed == 42);
  CHECK(s.stop == milliseconds(1500));
  CHECK(s.link_defaults.bandwidth_bps == 1'000'000'000u);
  CHECK(s.link_defaults.delay == milliseconds(1));
  CHECK(s.link_defaults.loss == Approx(0.005));
  CHECK(s.link_defaults.mtu == 9000u);
  CHECK(s.link_defaults.queue == 10u);
  CHECK(s.link_defaults.cost == 3u);

  REQUIRE(s.nodes.size() == 5);
  const NodeSpec& pc1 = s.nodes[0];
  CHECK(pc1.name == "pc1");
  CHECK(pc1.kind == NodeKind::Host);
  CHECK(pc1.loc.line == 8);
  CHECK(pc1.loc.col == 5);
  CHECK(pc1.pos == std::pair{10.0, -2.5});
  REQUIRE(pc1.interfaces.size() == 3);
  CHECK(pc1.interfaces[0].name == "eth0");
  CHECK(pc1.interfaces[0].ip == prefix("192.168.1.10/24"));
  CHECK(pc1.interfaces[0].mac == mac("58:20:b1:44:99:db"));
  CHECK_FALSE(pc1.interfaces[1].ip);
  CHECK(pc1.interfaces[2].name == "lo1");
  CHECK_FALSE(pc1.interfaces[2].ip);
  CHECK(pc1.gateway == ip("192.168.1.1"));
  REQUIRE(pc1.hosts.size() == 2);
  CHECK(pc1.hosts[0] == std::pair{std::string("www.jd.com"), ip("203.0.113.80")});
  CHECK(pc1.hosts[1].first == "db");
  REQUIRE(pc1.routes.size() == 3);
  CHECK(pc1.routes[0].to == prefix("10.1.0.0/16"));  // normalised to the network
  CHECK(pc1.routes[0].via == ip("192.168.1.2"));
  CHECK(pc1.routes[0].dev.empty());
  CHECK(pc1.routes[0].loc.line == 18);
  CHECK(pc1.routes[1].to == prefix("172.16.0.0/12"));
  CHECK_FALSE(pc1.routes[1].via);
  CHECK(pc1.routes[1].dev == "eth1");
  CHECK(pc1.routes[2].to == prefix("0.0.0.0/0"));
  CHECK_FALSE(pc1.routing_auto);
  CHECK(pc1.arp_timeout == seconds(30));
  CHECK(pc1.tcp.mss == 536u);
  CHECK_FALSE(pc1.tcp.nagle);
  CHECK(pc1.tcp.delayed_ack == Time{0});
  CHECK(pc1.tcp.rto_min == seconds(1));
  CHECK(pc1.tcp.time_wait == seconds(2));
  CHECK(pc1.tcp.congestion == devices::CongestionAlgorithm::NewReno);
  CHECK(pc1.tcp.ephemeral_low == 1024);
  CHECK(pc1.tcp.ephemeral_high == 2047);

  const NodeSpec& sw1 = *s.find_node("sw1");
  CHECK(sw1.kind == NodeKind::Switch);
  REQUIRE(sw1.ports.size() == 3);
  CHECK(sw1.ports[0].name == "p1");
  CHECK(sw1.ports[0].vlan == 10);
  CHECK(sw1.ports[0].trunk.empty());
  CHECK(sw1.ports[1].trunk == std::vector{10, 20});
  CHECK(sw1.ports[2].vlan == 1);
  CHECK(sw1.mac_aging == seconds(300));
  CHECK(s.find_node("hub1")->kind == NodeKind::Hub);
  CHECK(s.find_node("r1")->routing_auto);
  CHECK(s.find_node("r1")->kind == NodeKind::Router);
  CHECK(s.find_node("l3")->kind == NodeKind::L3Switch);
  CHECK(s.find_node("nobody") == nullptr);

  REQUIRE(s.links.size() == 5);
  CHECK(s.links[0].a.text() == "pc1:eth0");
  CHECK(s.links[0].b.text() == "sw1:p1");
  CHECK(s.links[0].params.bandwidth_bps == 1'000'000'000u);  // link_defaults
  CHECK(s.links[0].params.cost == 3u);
  CHECK(s.links[0].loc.line == 43);
  CHECK(s.links[0].loc.col == 7);
  CHECK(s.links[0].a.loc.line == 43);
  CHECK(s.links[1].params.bandwidth_bps == 10'000'000u);
  CHECK(s.links[1].params.delay == milliseconds(2));
  CHECK(s.links[1].params.loss == Approx(0.01));
  CHECK(s.links[1].params.mtu == 1500u);
  CHECK(s.links[1].params.queue == 64u);
  CHECK(s.links[1].params.cost == 10u);
  CHECK(s.links[4].a.text() == "sw1:p2");  // a switch may loop to itself on two ports
  CHECK(s.links[4].b.text() == "sw1:p3");

  REQUIRE(s.apps.size() == 2);
  CHECK(s.apps[0].name == "client");
  CHECK(s.apps[0].node == "pc1");
  CHECK(s.apps[0].start == milliseconds(100));
  CHECK(s.apps[1].name == "server");
  CHECK(s.apps[1].start == Time{0});

  using EK = EventSpec::Kind;
  REQUIRE(s.events.size() == 7);
  CHECK(s.events[0].kind == EK::LinkDown);
  CHECK(s.events[0].at == seconds(2));
  CHECK(s.events[0].a.text() ==
        "pc1:eth0");  // the link's own order, whichever order the event names it in
  CHECK(s.events[0].b.text() == "sw1:p1");
  CHECK(s.events[1].kind == EK::LinkUp);
  CHECK(s.events[2].kind == EK::NodeDown);
  CHECK(s.events[2].node == "r1");
  CHECK(s.events[3].kind == EK::NodeUp);
  CHECK(s.events[4].kind == EK::ClearArp);
  CHECK(s.events[5].kind == EK::ClearMacTable);
  CHECK(s.events[5].node == "l3");
  const EventSpec& set = s.events[6];
  CHECK(set.kind == EK::SetLink);
  CHECK(set.a.text() == "sw1:p24");
  CHECK(set.loss == Approx(0.2));
  CHECK(set.delay == milliseconds(50));
  CHECK_FALSE(set.bandwidth_bps);
  CHECK_FALSE(set.mtu);

  using K = ExpectSpec::Kind;
  using VK = ExpectedValue::Kind;
  const auto& e = s.expects;
  REQUIRE(e.size() == 27);
  CHECK(e[0].kind == K::AppStatus);
  CHECK(e[0].status == "finished");
  CHECK_FALSE(e[0].at);
  CHECK(e[1].status == "failed");
  CHECK(e[1].error == "TimeoutError");
  CHECK(e[2].kind == K::AppVar);
  CHECK(e[2].at == milliseconds(1500));
  CHECK(e[2].var == "x");
  CHECK(e[2].equals->kind == VK::Bool);
  CHECK(e[2].equals->boolean);
  CHECK(e[3].equals->kind == VK::Bool);
  CHECK(e[4].equals->kind == VK::String);  // quoted: a string
  CHECK(e[4].equals->text == "true");
  CHECK(e[5].equals->kind == VK::Int);
  CHECK(e[5].equals->integer == 3);
  CHECK(e[6].equals->integer == -7);
  CHECK(e[7].equals->kind == VK::Float);
  CHECK(e[7].equals->real == 2.5);
  CHECK(e[8].equals->kind == VK::None);
  CHECK(e[9].equals->kind == VK::None);
  CHECK(e[10].equals->kind == VK::String);
  CHECK(e[10].equals->text.empty());
  CHECK(e[11].equals->kind == VK::List);
  CHECK(e[11].equals->to_string() == "['192.168.1.10', 7788, [1, 'a']]");
  CHECK(e[12].equals->kind == VK::Float);
  CHECK(e[12].equals->to_string() == "3.0");
  CHECK_FALSE(e[13].equals);
  CHECK(e[13].min == 2.99);
  CHECK(e[13].max == 3.01);

  CHECK(e[14].kind == K::Arp);
  CHECK(e[14].node == "pc1");
  REQUIRE(e[14].tables().arp.size() == 2);
  CHECK(e[14].tables().arp[0].first == ip("192.168.1.1"));
  CHECK_FALSE(e[14].tables().arp[0].second);
  CHECK(e[14].tables().arp[1].second == mac("02:00:00:00:00:02"));
  CHECK(e[15].kind == K::MacTable);
  REQUIRE(e[15].tables().mac_table.size() == 2);
  CHECK(e[15].tables().mac_table[1] == std::pair{mac("02:00:00:00:0b:03"), std::string("p24")});
  CHECK(e[16].kind == K::Ip);
  CHECK(e[16].tables().ip[0].first == "eth1");
  CHECK(e[16].tables().ip[0].second == prefix("192.168.1.100/24"));
  CHECK(e[17].kind == K::AppPrinted);
  CHECK(e[17].printed == "from server");
  CHECK(e[18].kind == K::Route);
  CHECK(e[18].tables().route_to == ip("10.1.2.3"));
  CHECK(e[18].tables().route_via == ip("10.0.0.2"));
  CHECK(e[19].tables().route_dev == "eth1");
  CHECK_FALSE(e[19].tables().route_via);

  CHECK(e[20].kind == K::Frames);
  CHECK(e[20].tables().filter.proto == "arp");
  CHECK(e[20].tables().filter.op == "request");
  CHECK(e[20].count == 1u);
  CHECK_FALSE(e[20].min);
  CHECK(e[21].tables().filter.at->text() == "pc1:eth0");
  CHECK(e[21].tables().filter.flags == "SYN");
  CHECK(e[21].min == 1.0);
  const FrameFilter& f = e[22].tables().filter;
  CHECK(f.src == ip("203.0.113.1"));
  CHECK(f.src_port == 80);
  CHECK(f.dst == ip("10.0.0.1"));
  CHECK_FALSE(f.dst_port);
  CHECK(f.ttl == 64);
  CHECK(f.vlan == 10);
  CHECK(e[22].max == 5.0);
  CHECK(f.text() == "at sw1:p24, proto tcp, src 203.0.113.1:80, dst 10.0.0.1, ttl 64, vlan 10");
  CHECK(e[23].tables().filter.proto == "dns");
  CHECK(e[24].tables().filter.proto == "dhcp");
  CHECK(e[25].tables().filter.proto.empty());
  CHECK(e[25].tables().filter.flags == "RST-ACK");
  CHECK(e[26].kind == K::Sequence);
  CHECK_FALSE(e[26].tables().sequence_at);
  REQUIRE(e[26].tables().sequence.size() == 8);
  CHECK(e[26].tables().sequence[1].proto == "udp");
  CHECK(e[26].tables().sequence[1].detail.empty());
  CHECK(e[26].tables().sequence[5].detail == "FIN-PSH-ACK");
}

TEST_CASE("defaults of a minimal scenario") {
  const Scenario s = load_scenario_text("name: x\n", "x.yaml");
  CHECK(s.seed == 1);
  CHECK_FALSE(s.stop);
  CHECK(s.link_defaults.bandwidth_bps == 100'000'000u);
  CHECK(s.link_defaults.delay == microseconds(10));
  CHECK(s.link_defaults.loss == 0);
  CHECK(s.link_defaults.mtu == 1500u);
  CHECK(s.link_defaults.queue == 100u);
  CHECK(s.link_defaults.cost == 1u);
  CHECK(s.nodes.empty());
  const Scenario empty_sections =
      load_scenario_text("name: x\nnodes:\nlinks:\napps:\nevents:\nexpect:\n", "x.yaml");
  CHECK(empty_sections.nodes.empty());
}

TEST_CASE("duplex: half on a hub's links by default, and wherever it is asked for") {
  const Scenario s = load_scenario_text(R"(name: x
nodes:
  a: {kind: host, interfaces: {eth0: {ip: 10.0.0.1/24}, eth1: {ip: 10.0.1.1/24}}}
  b: {kind: host, interfaces: {eth0: {ip: 10.0.0.2/24}, eth1: {ip: 10.0.2.1/24}}}
  h: {kind: hub}
  sw: {kind: switch}
links:
  - [a:eth0, h:p1]
  - {endpoints: [b:eth0, h:p2], duplex: half}
  - {endpoints: [a:eth1, sw:p1], duplex: half}
  - [b:eth1, sw:p2]
expect:
  - {node: a, collisions: 0}
  - {node: b, collisions: {min: 1, max: 4}}
  - {node: h, collisions: {max: 9}}
)",
                                        "x.yaml");
  REQUIRE(s.links.size() == 4);
  CHECK(s.links[0].params.duplex == Duplex::Half);
  CHECK(s.links[1].params.duplex == Duplex::Half);
  CHECK(s.links[2].params.duplex == Duplex::Half);
  CHECK(s.links[3].params.duplex == Duplex::Full);
  REQUIRE(s.expects.size() == 3);
  CHECK(s.expects[0].kind == ExpectSpec::Kind::Collisions);
  CHECK(s.expects[0].count == 0u);
  CHECK(s.expects[1].min == 1);
  CHECK(s.expects[1].max == 4);
  CHECK_FALSE(s.expects[1].count);
  CHECK_FALSE(s.expects[2].min);
  CHECK(s.expects[2].max == 9);
}

TEST_CASE("expected values print as Python would") {
  ExpectedValue v;
  CHECK(v.to_string() == "None");
  v.kind = ExpectedValue::Kind::Bool;
  CHECK(v.to_string() == "False");
  v.kind = ExpectedValue::Kind::Int;
  v.integer = -12;
  CHECK(v.to_string() == "-12");
  v.kind = ExpectedValue::Kind::Float;
  v.real = 2.99;
  CHECK(v.to_string() == "2.99");
  v.real = 100;
  CHECK(v.to_string() == "100.0");
  v.real = 1e20;
  CHECK(v.to_string() == "1e+20");
  v.real = 1e15;  // Python writes it out up to 16 digits, as lang's float repr does
  CHECK(v.to_string() == "1000000000000000.0");
  v.real = 1e-5;
  CHECK(v.to_string() == "1e-05");
  v.kind = ExpectedValue::Kind::String;
  v.text = "it's";
  CHECK(v.to_string() == "\"it's\"");
  v.text = "a'b\"c\\\n";
  CHECK(v.to_string() == "'a\\'b\"c\\\\\\n'");
  v.text = "数据";
  CHECK(v.to_string() == "'数据'");
  ExpectedValue list;
  list.kind = ExpectedValue::Kind::List;
  CHECK(list.to_string() == "[]");
  list.items = {v, ExpectedValue{}};
  CHECK(list.to_string() == "['数据', None]");
}

TEST_CASE("frame filters describe themselves") {
  FrameFilter f;
  CHECK(f.text() == "any frame");
  f.proto = "icmp";
  f.type = "echo-reply";
  f.at = EndpointSpec{"pc1", "eth0", {}};
  CHECK(f.text() == "at pc1:eth0, proto icmp, type echo-reply");
  FrameFilter g;
  g.dst = ip("10.0.0.53");
  g.dst_port = 53;
  CHECK(g.text() == "dst 10.0.0.53:53");
}

TEST_CASE("spanning tree: every form of stp, the bridge MAC and the port keys") {
  const Scenario s = load_scenario_text(R"(name: stp forms
nodes:
  a: {kind: switch, stp: true}
  b: {kind: switch, stp: rstp, mac: 02:00:00:00:00:0b}
  c: {kind: switch, stp: {mode: rstp, priority: 4096, hello: 1s, max_age: 10s, forward_delay: 8s}}
  d: {kind: switch, stp: false, ports: {p1: {stp_cost: 4, stp_priority: 64, edge: true}}}
  e: {kind: switch, stp: {priority: 0}}
links:
  - [a:p1, b:p1]
  - [c:p1, d:p1]
  - [d:p2, e:p1]
expect:
  - {node: a, stp: {root: b, root_port: p1, root_cost: 19, ports: {p1: discarding}, roles: {p1: root}}}
  - {node: b, stp: {root_port: none}}
  - {frames: {proto: stp, type: tcn}, count: 0}
  - sequence: {at: a:p1, frames: [stp config, stp rst]}
)",
                                        "stp.yaml");
  using devices::StpMode;
  const NodeSpec& a = *s.find_node("a");
  REQUIRE(a.stp);
  CHECK(a.stp->mode == StpMode::Stp);
  CHECK(a.stp->priority == 32768);
  CHECK(a.stp->hello == seconds(2));
  CHECK(a.stp->max_age == seconds(20));
  CHECK(a.stp->forward_delay == seconds(15));
  CHECK_FALSE(a.mac);
  const NodeSpec& b = *s.find_node("b");
  REQUIRE(b.stp);
  CHECK(b.stp->mode == StpMode::Rstp);
  CHECK(b.mac == mac("02:00:00:00:00:0b"));
  const NodeSpec& c = *s.find_node("c");
  REQUIRE(c.stp);
  CHECK(c.stp->mode == StpMode::Rstp);
  CHECK(c.stp->priority == 4096);
  CHECK(c.stp->hello == seconds(1));
  CHECK(c.stp->max_age == seconds(10));
  CHECK(c.stp->forward_delay == seconds(8));
  const NodeSpec& d = *s.find_node("d");
  CHECK_FALSE(d.stp);
  REQUIRE(d.ports.size() == 1);
  CHECK(d.ports[0].stp_cost == 4u);
  CHECK(d.ports[0].stp_priority == 64);
  CHECK(d.ports[0].edge);
  CHECK(s.find_node("e")->stp->priority == 0);

  REQUIRE(s.expects.size() == 4);
  const StpExpect& x = s.expects[0].tables().stp;
  CHECK(s.expects[0].kind == ExpectSpec::Kind::Stp);
  CHECK(x.root == "b");
  CHECK(x.root_port == "p1");
  CHECK(x.root_cost == 19u);
  CHECK(x.ports == std::vector<std::pair<std::string, std::string>>{{"p1", "discarding"}});
  CHECK(x.roles == std::vector<std::pair<std::string, std::string>>{{"p1", "root"}});
  CHECK(s.expects[1].tables().stp.root_port == "none");
  CHECK(s.expects[2].tables().filter.proto == "stp");
  CHECK(s.expects[2].tables().filter.type == "tcn");
  CHECK(s.expects[3].tables().sequence[1].detail == "rst");
}
