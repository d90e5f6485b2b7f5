// A validated scenario: what the loader produces from YAML and the builder
// turns into a network. Every element keeps its source location so later
// checks (the builder's, the expect checker's) can still point at the file.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "devices/bridge/stp_types.h"
#include "devices/dns/dns_server_config.h"
#include "devices/dhcp/dhcp_config.h"
#include "devices/netfilter/netfilter_config.h"
#include "devices/stack/tcp/tcp_config.h"
#include "sim/core/time.h"
#include "sim/net/link.h"
#include "sim/net/node.h"
#include "sim/scenario/error.h"
#include "sim/scenario/lang/program.h"
#include "sim/scenario/python_support.h"
#include "sim/wire/address.h"

namespace netsim::scenario {

struct InterfaceSpec {
  std::string name;
  SourceLoc loc;
  std::optional<wire::Ipv4Prefix> ip;   // address with prefix length
  std::optional<wire::MacAddress> mac;  // assigned deterministically when absent
  int vlan = 0;                         // an l3switch's SVI vlanN (`vlans: {N: ...}`): N
  bool dhcp = false;                    // `dhcp: true`: the address comes from a DHCP server
};

struct RouteSpec {
  wire::Ipv4Prefix to;                  // normalised to its network address
  std::optional<wire::Ipv4Address> via;
  std::string dev;                      // egress interface, when given
  SourceLoc loc;
};

struct PortSpec {
  std::string name;
  SourceLoc loc;
  int vlan = 1;                         // access VLAN
  std::vector<int> trunk;               // tagged VLANs (empty: access port)
  std::optional<int> native;            // trunks: the VLAN carried untagged
  std::optional<uint32_t> stp_cost;     // spanning-tree path cost; default from the link's bandwidth
  uint8_t stp_priority = 128;           // spanning-tree port priority
  bool edge = false;                    // a spanning-tree edge port
};

struct NodeSpec {
  std::string name;
  NodeKind kind = NodeKind::Host;
  SourceLoc loc;
  std::vector<InterfaceSpec> interfaces;  // declaration order; an l3switch's SVIs from `vlans`
  std::vector<PortSpec> ports;            // settings for switch/hub ports named by links
  std::optional<wire::Ipv4Address> gateway;
  std::vector<std::pair<std::string, wire::Ipv4Address>> hosts;  // the hosts file, in order
  std::vector<wire::Ipv4Address> dns;                            // resolv.conf's servers, in order
  std::optional<devices::DnsServerConfig> dns_server;
  std::vector<RouteSpec> routes;
  bool routing_auto = false;
  Time arp_timeout = seconds(60);
  bool arp_nud = false;  // Linux's neighbour re-validation (an addition to the contract)
  Time call_time{0};  // a host's programs: time per system call (an addition to the contract)
  Time mac_aging = seconds(300);
  std::optional<wire::MacAddress> mac;    // a switch's bridge MAC; an l3switch's SVIs share it
  std::optional<devices::StpBridgeConfig> stp;      // spanning tree, when on
  devices::TcpConfig tcp;                 // the `tcp:` keys and `ephemeral_ports`, as the engine takes them
  std::optional<std::pair<double, double>> pos;
  std::vector<devices::DhcpServedInterface> dhcp_server;  // `dhcp_server`, by interface
  std::vector<devices::DhcpRelayInterface> dhcp_relay;    // `dhcp_relay`, by interface
  devices::NetfilterConfig netfilter;     // `nat` and `virtual_servers` (routers, l3switches)
  bool has_netfilter() const { return netfilter.nat || !netfilter.virtual_servers.empty(); }
};

struct EndpointSpec {
  std::string node;
  std::string iface;
  SourceLoc loc;
  std::string text() const { return node + ":" + iface; }
};

struct LinkSpec {
  EndpointSpec a, b;
  LinkParams params;
  SourceLoc loc;
};

struct AppSpec {
  std::string name;
  std::string node;
  Time start{0};
  SourceLoc loc;
  lang::Program program;
  // Set: a real Python program instead of steps (a pointer: 200 bytes inline in every app).
  std::shared_ptr<PythonProgram> python;
};

struct EventSpec {
  enum class Kind { LinkDown, LinkUp, NodeDown, NodeUp, ClearArp, ClearMacTable, SetLink, DhcpRelease, ClearDnsCache };
  Kind kind = Kind::LinkDown;
  Time at{0};
  SourceLoc loc;
  EndpointSpec a, b;   // link events; dhcp_release: a is the client's node:iface
  std::string node;    // node events
  // set_link: only the keys given change.
  std::optional<uint64_t> bandwidth_bps;
  std::optional<Time> delay;
  std::optional<double> loss;
  std::optional<uint32_t> mtu, queue, cost;
};

// A value written in an expect entry (`equals:`): compared with an app variable.
struct ExpectedValue {
  enum class Kind { None, Bool, Int, Float, String, List };
  Kind kind = Kind::None;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text;
  std::vector<ExpectedValue> items;
  std::string to_string() const;  // Python-like: "None", "True", "3", "'abc'", "['a', 1]"
};

struct FrameFilter {
  std::optional<EndpointSpec> at;  // frames sent or received there; else each frame once per link
  std::string proto;               // "" any; eth arp ipv4 icmp udp tcp dhcp dns
  std::string op;                  // arp request|reply
  std::string type;                // icmp echo-request|echo-reply|unreachable|time-exceeded; dhcp/dns types
  std::string flags;               // tcp exact flag set: SYN, SYN-ACK, ACK, PSH-ACK, FIN-ACK, RST, RST-ACK
  std::optional<wire::Ipv4Address> src, dst;
  std::optional<uint16_t> src_port, dst_port;
  std::optional<int> ttl;
  std::optional<int> vlan;         // 802.1Q VID, or kUntagged (`vlan: none`)
  std::string qname;               // dns: the question's name, any case, trailing dot optional
  std::string rcode;               // dns responses: NOERROR, NXDOMAIN, SERVFAIL, REFUSED
  static constexpr int kUntagged = 0;  // VID 0 is never a VLAN here: untagged frames only
  std::string text() const;        // for messages: "at pc1:eth0, proto icmp, type echo-reply"
};

// "arp request", "tcp SYN-ACK", "udp": a protocol and an optional op/type/flags word.
struct SequenceItem {
  std::string proto;
  std::string detail;
};

// `stp:` of a node expectation; each part given is checked.
struct StpExpect {
  std::optional<std::string> root;       // the node believed root
  std::optional<std::string> root_port;  // a port name, or "none" on the root
  std::optional<uint32_t> root_cost;
  std::vector<std::pair<std::string, std::string>> ports;  // port -> state word
  std::vector<std::pair<std::string, std::string>> roles;  // port -> role word
};

// What a node's tables, frames or a sequence are expected to hold: ~750 bytes
// that an app expectation (most of a large scenario's: W1 K=20 has 4,000) does
// not carry, kept for the whole run.
struct ExpectTables {
  std::vector<std::pair<wire::Ipv4Address, std::optional<wire::MacAddress>>> arp;  // nullopt: any
  std::vector<std::pair<wire::MacAddress, std::string>> mac_table;                  // MAC -> port
  std::optional<int> mac_table_vlan;                // MacTable: in this VLAN's table, else in any
  std::vector<std::pair<std::string, std::optional<wire::Ipv4Prefix>>> ip;          // iface -> address (none: no address)
  wire::Ipv4Address route_to;                       // Route: destination looked up
  std::optional<wire::Ipv4Address> route_via;       // expected next hop (none: directly connected)
  std::string route_dev;                            // expected egress interface, when given
  StpExpect stp;                                    // Stp
  std::vector<std::pair<devices::Endpoint, uint64_t>> vs_connections;  // real server -> bindings
  // DnsCache: name -> a dotted quad, "none" or "NXDOMAIN".
  std::vector<std::pair<std::string, std::string>> dns_cache;
  FrameFilter filter;                               // Frames
  std::optional<EndpointSpec> sequence_at;          // Sequence
  std::vector<SequenceItem> sequence;
};

struct ExpectSpec {
  enum class Kind { AppStatus, AppVar, AppPrinted, Arp, MacTable, Ip, Route, Stp, Collisions, NatEntries, VsConnections, DnsCache, Frames, Sequence };
  Kind kind = Kind::AppStatus;
  SourceLoc loc;
  std::optional<Time> at;          // checked at this time instead of at the end
  std::string app;                 // AppStatus, AppVar, AppPrinted
  std::string printed;             // AppPrinted: text some printed line contains
  std::string node;                // Arp .. Route
  std::string status;              // finished | failed | running
  std::string error;               // with status failed: the Python error name
  std::string var;
  std::optional<ExpectedValue> equals;
  std::optional<double> min, max;  // AppVar bounds; Frames, Collisions: count bounds
  std::optional<uint64_t> count;   // Frames, Collisions: exact count

  // Empty tables for app expectations.
  const ExpectTables& tables() const;
  ExpectTables& edit_tables();  // the loader's: made on first use

 private:
  std::shared_ptr<ExpectTables> tables_;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  uint64_t seed = 1;
  std::optional<Time> stop;
  LinkParams link_defaults;
  std::vector<NodeSpec> nodes;     // file order
  std::vector<LinkSpec> links;
  std::vector<AppSpec> apps;       // file order
  std::vector<EventSpec> events;   // file order
  std::vector<ExpectSpec> expects;
  // "file:line:col: warning: ..." for setups legal but usually a mistake
  // (address_checks.h); `check` and `run` print them, the run goes on.
  std::vector<std::string> warnings;

  const NodeSpec* find_node(std::string_view name) const;
  const AppSpec* find_app(std::string_view name) const;

  // Name -> position, extended on lookup over what the loader appended since
  // (lookups stay logarithmic: `check` grows linearly with the file).
  struct NameIndex {
    std::map<std::string, size_t, std::less<>> at;
    size_t covered = 0;  // specs indexed so far
  };
  mutable NameIndex node_index, app_index;
};

}  // namespace netsim::scenario
