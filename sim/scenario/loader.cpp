// Scenario loading: parses the YAML, then checks each section against the
// format contract and the sections before it (links name nodes, events name
// links, expect names apps and ports), building the model as it goes.
#include "sim/scenario/loader.h"

#include <yaml-cpp/exceptions.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "sim/scenario/dhcp_keys.h"
#include "sim/scenario/dns_loader.h"
#include "sim/scenario/lang/parser.h"
#include "sim/scenario/lang/py_error.h"
#include "sim/scenario/netfilter_loader.h"
#include "sim/scenario/python_loader.h"
#include "sim/scenario/units.h"
#include "sim/scenario/address_checks.h"
#include "sim/scenario/yaml_guard.h"
#include "sim/scenario/yaml_tree.h"
#include "sim/scenario/yaml_util.h"

namespace netsim::scenario {

namespace {

using Keys = std::vector<std::string>;

bool contains(const Keys& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// ---- vocabulary of the format ----

// Each kind (named by to_string(NodeKind)) with the keys its nodes accept.
struct KindInfo {
  NodeKind kind;
  Keys keys;
};

const std::vector<KindInfo>& node_kinds() {
  static const std::vector<KindInfo> kinds = {
      {NodeKind::Host,
       {"kind", "pos", "interfaces", "gateway", "dns", "hosts", "routes", "routing", "arp_timeout", "arp_nud",
        "tcp", "ephemeral_ports", "call_time", "dhcp_server", "dhcp_relay", "dns_server"}},
      {NodeKind::Hub, {"kind", "pos"}},
      {NodeKind::Switch, {"kind", "pos", "ports", "mac", "mac_aging", "stp"}},
      {NodeKind::L3Switch,
       {"kind", "pos", "ports", "mac", "mac_aging", "stp", "vlans", "routes", "routing",
        "arp_timeout", "arp_nud", "nat", "virtual_servers", "dhcp_server", "dhcp_relay", "dns_server"}},
      {NodeKind::Router,
       {"kind", "pos", "interfaces", "routes", "routing", "arp_timeout", "arp_nud", "nat", "virtual_servers",
        "dhcp_server", "dhcp_relay", "dns_server"}},
  };
  return kinds;
}

// What the contract lists that this build does not implement yet, by the
// map it appears in: refused by name (the contract's rule), never accepted and
// ignored. A line goes when its feature lands.
struct Unbuilt {
  std::string_view where;  // "node", "app", "event", "expect", "frames"
  std::string_view key;
  std::string_view feature;
};
constexpr std::array<Unbuilt, 0> kNotBuilt{};

const KindInfo& kind_info(NodeKind kind) {
  for (const KindInfo& info : node_kinds())
    if (info.kind == kind) return info;
  return node_kinds().front();
}

std::string kind_name(NodeKind kind) { return std::string(to_string(kind)); }

// "a hub", "an l3switch": for messages.
std::string a_kind(NodeKind kind) {
  const std::string name = kind_name(kind);
  return (name == "host" || name == "hub" || name == "switch" || name == "router" ? "a " : "an ") +
         name;
}

bool has_ip(NodeKind k) {
  return k == NodeKind::Host || k == NodeKind::Router || k == NodeKind::L3Switch;
}
bool has_interfaces(NodeKind k) { return k == NodeKind::Host || k == NodeKind::Router; }
bool is_switch(NodeKind k) { return k == NodeKind::Switch || k == NodeKind::L3Switch; }

const Keys kLinkParamKeys = {"bandwidth", "delay", "loss", "mtu", "queue", "cost"};
const Keys kProtocols = {"eth", "arp", "ipv4", "icmp", "udp", "tcp", "dhcp", "dns", "stp"};
const Keys kArpOps = {"request", "reply"};
const Keys kTcpFlags = {"SYN",     "SYN-ACK",     "ACK", "PSH-ACK",
                        "FIN-ACK", "FIN-PSH-ACK", "RST", "RST-ACK"};
const Keys kIcmpTypes = {"echo-request", "echo-reply", "unreachable", "time-exceeded"};
const Keys kDhcpTypes = {"DISCOVER", "OFFER", "REQUEST", "ACK", "NAK", "RELEASE"};
const Keys kDnsTypes = {"query", "response"};
const Keys kStpTypes = {"config", "tcn", "rst"};

// The words that may follow `proto` in a sequence item, and the filter key that holds them.
struct ProtoDetail {
  const char* key;  // "op", "type", "flags"; nullptr: the protocol has none
  const Keys* words;
};

ProtoDetail proto_detail(std::string_view proto) {
  if (proto == "arp") return {"op", &kArpOps};
  if (proto == "tcp") return {"flags", &kTcpFlags};
  if (proto == "icmp") return {"type", &kIcmpTypes};
  if (proto == "dhcp") return {"type", &kDhcpTypes};
  if (proto == "dns") return {"type", &kDnsTypes};
  if (proto == "stp") return {"type", &kStpTypes};
  return {nullptr, nullptr};
}

bool is_identifier(std::string_view text) {
  if (text.empty() || (text[0] >= '0' && text[0] <= '9')) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// ---- the loader ----

class Loader {
 public:
  explicit Loader(std::string file) : in_(std::move(file)) { scenario_.file = in_.file(); }

  Scenario load(const YamlNode& root);

 private:
  // Reads the top-level keys; returns the nodes and links (top level or under `topology`).
  std::pair<std::optional<YamlNode>, std::optional<YamlNode>> load_top(const YamlNode& root);

  // link parameters, shared by link_defaults, links and set_link events
  uint64_t bandwidth(const YamlNode& n) const;
  double loss(const YamlNode& n) const;
  uint32_t mtu(const YamlNode& n) const;
  uint32_t queue(const YamlNode& n) const;
  uint32_t cost(const YamlNode& n) const;
  void load_link_params(const YamlNode& map, LinkParams& params) const;

  void load_nodes(const YamlNode& nodes);
  void check_node_keys(const YamlNode& map, const NodeSpec& node) const;
  void load_node(const YamlNode& map, NodeSpec& node) const;
  void load_interfaces(const YamlNode& map, NodeSpec& node) const;
  void load_routes(const YamlNode& list, NodeSpec& node) const;
  void load_tcp(const YamlNode& map, NodeSpec& node) const;
  void load_ephemeral_ports(const YamlNode& value, NodeSpec& node) const;
  void load_ports(const YamlNode& map, NodeSpec& node) const;
  wire::MacAddress unicast_mac(const YamlNode& n) const;
  std::optional<devices::StpBridgeConfig> stp_config(const YamlNode& n) const;
  void load_stp_expect(const YamlNode& value, const NodeSpec& node, ExpectSpec& e) const;
  int vlan_id(const YamlNode& n, std::string_view what) const;
  // An l3switch's VLAN interfaces: each one of node.interfaces, named vlanN.
  void load_vlans(const YamlNode& map, NodeSpec& node) const;
  // The contract's rule for what this build lacks: a clear refusal by name.
  [[noreturn]] void not_built(const YamlNode& at, const std::string& what,
                              std::string_view feature) const;
  // Refuses the first key of `map` that kNotBuilt lists for `where`.
  void refuse_unbuilt(const YamlNode& map, std::string_view where) const;
  void check_on_link(const YamlNode& at, wire::Ipv4Address address, const NodeSpec& node,
                     std::string_view what) const;
  void check_interface_name(const YamlNode& at, const NodeSpec& node, const std::string& iface,
                            std::string_view what) const;
  wire::Ipv4Prefix interface_address(const YamlNode& n, const NodeSpec& node) const;

  void load_links(const YamlNode& links);
  bool touches_hub(const LinkSpec& link) const;
  // `duplex`: half by default on a hub's links (and only there may it not be full).
  void link_duplex(const YamlNode& item, LinkSpec& link) const;
  void check_hub_rates() const;
  // The contract: a `ports:` entry only adds settings to a port a link makes.
  void check_ports_linked() const;
  // "node:iface" naming an existing node (and, for IP nodes, a declared interface).
  EndpointSpec endpoint(const YamlNode& n, std::string_view what) const;
  // ...that a link uses: what events and expect entries may name.
  EndpointSpec linked_endpoint(const YamlNode& n, std::string_view what) const;
  const NodeSpec& node_named(const YamlNode& at, const std::string& name,
                             std::string_view what) const;
  const LinkSpec& link_between(const YamlNode& list, std::string_view what) const;

  void load_apps(const YamlNode& apps);
  void load_events(const YamlNode& events);
  void load_expects(const YamlNode& expects);
  void load_app_expect(const YamlNode& map, ExpectSpec& e) const;
  void load_node_expect(const YamlNode& map, ExpectSpec& e) const;
  void load_frames_expect(const YamlNode& map, ExpectSpec& e) const;
  void load_sequence_expect(const YamlNode& map, ExpectSpec& e) const;
  FrameFilter frame_filter(const YamlNode& map) const;
  void address_and_port(const YamlNode& n, std::string_view what,
                        std::optional<wire::Ipv4Address>& ip, std::optional<uint16_t>& port) const;
  ExpectedValue expected_value(const YamlNode& n) const;

  YamlReader in_;
  Scenario scenario_;
  // Where each "node:iface" was linked, and each switch's linked ports in link order.
  std::map<std::string, SourceLoc> linked_;
  std::map<std::string, Keys> switch_ports_;
};

Scenario Loader::load(const YamlNode& root) {
  if (!root.IsDefined() || root.IsNull())
    in_.fail(SourceLoc{1, 1}, "the file is empty",
             "a scenario is a map that starts with `name: ...`");
  if (!root.IsMap())
    in_.fail(root, std::string("a scenario must be a map of keys (name, nodes, links, ...), not ") +
                       (root.IsSequence() ? "a list" : "a single value"));
  const auto [nodes, links] = load_top(root);
  if (nodes) load_nodes(*nodes);
  if (links) load_links(*links);
  check_ports_linked();
  if (root["apps"].IsDefined()) load_apps(root["apps"]);
  if (root["events"].IsDefined()) load_events(root["events"]);
  if (root["expect"].IsDefined()) load_expects(root["expect"]);
  scenario_.warnings = check_addresses(scenario_, in_.file());
  return std::move(scenario_);
}

std::pair<std::optional<YamlNode>, std::optional<YamlNode>> Loader::load_top(
    const YamlNode& root) {
  in_.check_keys(root,
                 {"name", "description", "seed", "stop", "link_defaults", "topology", "nodes",
                  "links", "apps", "events", "expect"},
                 "the scenario");
  const YamlNode name = in_.required(root, "name", "a scenario");
  scenario_.name = in_.scalar(name, "name");
  if (scenario_.name.empty()) in_.fail(name, "name is empty", "a short title for the scenario");
  if (const YamlNode n = root["description"]; n.IsDefined() && !is_null(n))
    scenario_.description = in_.scalar(n, "description");
  if (const YamlNode n = root["seed"]; n.IsDefined())
    scenario_.seed = static_cast<uint64_t>(in_.integer(n, "seed", 0, INT64_MAX));
  if (const YamlNode n = root["stop"]; n.IsDefined()) scenario_.stop = in_.duration(n, "stop");
  if (const YamlNode n = root["link_defaults"];
      n.IsDefined() && in_.map_or_null(n, "link_defaults")) {
    if (const YamlNode d = n["duplex"]; d.IsDefined())
      in_.fail(d, "duplex is set per link, not in link_defaults",
               "links to a hub are half duplex, others full; write duplex: half on a link");
    in_.check_keys(n, kLinkParamKeys, "link_defaults");
    load_link_params(n, scenario_.link_defaults);
  }

  // Each section given at most once, at the top level or under 'topology'.
  std::optional<YamlNode> nodes, links;
  if (const YamlNode n = root["nodes"]; n.IsDefined()) nodes.emplace(n);
  if (const YamlNode n = root["links"]; n.IsDefined()) links.emplace(n);
  if (const YamlNode topology = root["topology"]; topology.IsDefined()) {
    in_.require_map(topology, "topology");
    in_.check_keys(topology, {"nodes", "links"}, "topology");
    for (const auto& entry : topology) {
      std::optional<YamlNode>& slot = entry.first.Scalar() == "nodes" ? nodes : links;
      if (slot)
        in_.fail(
            entry.first,
            quoted(entry.first.Scalar()) + " is given both under 'topology' and at the top level",
            "keep one");
      slot.emplace(entry.second);
    }
  }
  return {nodes, links};
}

// ---- link parameters ----

uint64_t Loader::bandwidth(const YamlNode& n) const {
  const uint64_t bps = in_.rate(n, "bandwidth");
  if (bps == 0) in_.fail(n, "bandwidth must be more than 0", "such as 10Mbps");
  return bps;
}

double Loader::loss(const YamlNode& n) const { return in_.probability(n, "loss"); }

uint32_t Loader::mtu(const YamlNode& n) const {
  return static_cast<uint32_t>(in_.integer(n, "mtu", 68, 65535));
}

uint32_t Loader::queue(const YamlNode& n) const {
  return static_cast<uint32_t>(in_.integer(n, "queue", 1, UINT32_MAX));
}

uint32_t Loader::cost(const YamlNode& n) const {
  return static_cast<uint32_t>(in_.integer(n, "cost", 1, UINT32_MAX));
}

void Loader::load_link_params(const YamlNode& map, LinkParams& params) const {
  if (const YamlNode n = map["bandwidth"]; n.IsDefined()) params.bandwidth_bps = bandwidth(n);
  if (const YamlNode n = map["delay"]; n.IsDefined()) params.delay = in_.duration(n, "delay");
  if (const YamlNode n = map["loss"]; n.IsDefined()) params.loss = loss(n);
  if (const YamlNode n = map["mtu"]; n.IsDefined()) params.mtu = mtu(n);
  if (const YamlNode n = map["queue"]; n.IsDefined()) params.queue = queue(n);
  if (const YamlNode n = map["cost"]; n.IsDefined()) params.cost = cost(n);
}

// ---- nodes ----

void Loader::load_nodes(const YamlNode& nodes) {
  if (!in_.map_or_null(nodes, "nodes")) return;
  in_.at_most(nodes, kMaxNodes, "nodes");
  in_.check_unique_keys(nodes);
  // Exactly (a doubling vector of 640-byte specs kept up to half of itself unused for the run).
  scenario_.nodes.reserve(scenario_.nodes.size() + nodes.size());
  Keys kind_names;
  for (const KindInfo& info : node_kinds()) kind_names.push_back(kind_name(info.kind));
  for (const auto& entry : nodes) {
    NodeSpec node;
    node.name = entry.first.Scalar();
    node.loc = loc_of(entry.first);
    if (node.name.empty() || node.name.find_first_of(": \t") != std::string::npos)
      in_.fail(entry.first, "node name " + quoted(node.name) + " cannot be used",
               "a node name is one word without ':' (links write node:interface)");
    const std::string what = "node " + quoted(node.name);
    in_.require_map(entry.second, what);
    const YamlNode kind = in_.required(entry.second, "kind", what);
    const std::string kind_text = in_.scalar(kind, "kind");
    const auto info = std::find_if(kind_names.begin(), kind_names.end(),
                                   [&](const std::string& k) { return k == kind_text; });
    if (info == kind_names.end()) {
      const std::string close = did_you_mean(kind_text, kind_names);
      in_.fail(kind, "unknown node kind " + quoted(kind_text),
               (close.empty() ? "" : close + " ") + "kinds: " + join(kind_names));
    }
    node.kind = node_kinds()[static_cast<size_t>(info - kind_names.begin())].kind;
    check_node_keys(entry.second, node);
    load_node(entry.second, node);
    scenario_.nodes.push_back(std::move(node));
  }
}

void Loader::check_node_keys(const YamlNode& map, const NodeSpec& node) const {
  in_.check_unique_keys(map);
  const Keys& accepted = kind_info(node.kind).keys;
  for (const auto& entry : map) {
    const std::string& key = entry.first.Scalar();
    if (contains(accepted, key)) continue;
    const bool other_kind =
        std::any_of(node_kinds().begin(), node_kinds().end(),
                    [&](const KindInfo& info) { return contains(info.keys, key); });
    if (other_kind)
      in_.fail(entry.first,
               "node " + quoted(node.name) + " is " + a_kind(node.kind) + ", which has no " +
                   quoted(key),
               a_kind(node.kind) + " accepts: " + join(accepted));
    in_.fail(entry.first, "unknown key " + quoted(key) + " in node " + quoted(node.name),
             suggestion(key, accepted));
  }
  refuse_unbuilt(map, "node");
}

void Loader::load_node(const YamlNode& map, NodeSpec& node) const {
  const std::string of = " of " + quoted(node.name);
  if (const YamlNode n = map["pos"]; n.IsDefined()) {
    if (!n.IsSequence() || n.size() != 2)
      in_.fail(n, "pos" + of + " must be [x, y]", "such as pos: [100, 40]");
    node.pos = std::pair{in_.number(n[0], "x"), in_.number(n[1], "y")};
  }
  if (const YamlNode n = map["interfaces"]; n.IsDefined()) load_interfaces(n, node);
  if (const YamlNode n = map["vlans"]; n.IsDefined() && in_.map_or_null(n, "vlans" + of))
    load_vlans(n, node);
  if (const YamlNode n = map["mac"]; n.IsDefined()) node.mac = unicast_mac(n);
  if (const YamlNode n = map["gateway"]; n.IsDefined()) {
    node.gateway = in_.ipv4(n, "gateway");
    check_on_link(n, *node.gateway, node, "gateway");
  }
  if (const YamlNode n = map["hosts"]; n.IsDefined() && in_.map_or_null(n, "hosts" + of)) {
    in_.check_unique_keys(n);
    for (const auto& entry : n) {
      const std::string& name = entry.first.Scalar();
      if (name.empty() || name.find_first_of(" \t/:") != std::string::npos)
        in_.fail(entry.first, quoted(name) + " is not a host name", "such as www.jd.com");
      node.hosts.emplace_back(name, in_.ipv4(entry.second, "address of " + quoted(name)));
    }
  }
  if (const YamlNode n = map["dns"]; n.IsDefined()) {
    in_.require_sequence(n, "dns" + of);
    for (const YamlNode& server : n) node.dns.push_back(in_.ipv4(server, "dns server"));
  }
  if (const YamlNode n = map["dns_server"]; n.IsDefined()) node.dns_server = load_dns_server(in_, n, node.name);
  if (const YamlNode n = map["routes"]; n.IsDefined()) load_routes(n, node);
  if (const YamlNode n = map["routing"]; n.IsDefined())
    node.routing_auto = in_.choice(n, "routing", {"static", "auto"}) == "auto";
  if (const YamlNode n = map["arp_timeout"]; n.IsDefined())
    node.arp_timeout = in_.duration(n, "arp_timeout");
  if (const YamlNode n = map["arp_nud"]; n.IsDefined()) node.arp_nud = in_.boolean(n, "arp_nud");
  if (const YamlNode n = map["tcp"]; n.IsDefined() && in_.map_or_null(n, "tcp" + of))
    load_tcp(n, node);
  if (const YamlNode n = map["ephemeral_ports"]; n.IsDefined()) load_ephemeral_ports(n, node);
  if (const YamlNode n = map["call_time"]; n.IsDefined())
    node.call_time = in_.duration(n, "call_time");
  if (const YamlNode n = map["ports"]; n.IsDefined()) load_ports(n, node);
  if (const YamlNode n = map["mac_aging"]; n.IsDefined())
    node.mac_aging = in_.duration(n, "mac_aging");
  if (const YamlNode n = map["stp"]; n.IsDefined()) node.stp = stp_config(n);
  if (const YamlNode n = map["dhcp_server"]; n.IsDefined())
    node.dhcp_server = load_dhcp_server(in_, n, node);
  if (const YamlNode n = map["dhcp_relay"]; n.IsDefined())
    node.dhcp_relay = load_dhcp_relay(in_, n, node);
  if (map["nat"].IsDefined() || map["virtual_servers"].IsDefined())
    node.netfilter = load_netfilter(in_, map, node);
}

// An interface address needs a prefix length. On a host it may not be the
// network or broadcast address of its subnet (the classic "192.168.1.0/24"
// slip; /31 and /32 have neither, RFC 3021). Routers are not held to it: the
// contract's auto-routing example numbers router links that way.
wire::Ipv4Prefix Loader::interface_address(const YamlNode& n, const NodeSpec& node) const {
  const wire::Ipv4Prefix p = in_.prefix(n, "ip");
  if (node.kind != NodeKind::Host || p.length > 30) return p;
  const char* which = p.address == p.network()              ? "network"
                      : p.address == p.directed_broadcast() ? "broadcast"
                                                            : nullptr;
  if (which)
    in_.fail(n, "ip " + p.to_string() + " is the " + which + " address of its subnet",
             "use a host address such as " + wire::Ipv4Address{p.network().value + 1}.to_string() +
                 "/" + std::to_string(p.length));
  return p;
}

void Loader::load_interfaces(const YamlNode& map, NodeSpec& node) const {
  if (!in_.map_or_null(map, "interfaces of " + quoted(node.name))) return;
  in_.check_unique_keys(map);
  for (const auto& entry : map) {
    InterfaceSpec iface;
    iface.name = entry.first.Scalar();
    iface.loc = loc_of(entry.first);
    if (iface.name.empty() || iface.name.find_first_of(": \t") != std::string::npos)
      in_.fail(entry.first, "interface name " + quoted(iface.name) + " cannot be used",
               "one word without ':', such as eth0");
    const std::string what = "interface " + quoted(node.name + ":" + iface.name);
    if (in_.map_or_null(entry.second, what)) {
      in_.check_keys(entry.second, {"ip", "mac", "dhcp"}, what);
      if (const YamlNode n = entry.second["ip"]; n.IsDefined())
        iface.ip = interface_address(n, node);
      if (const YamlNode n = entry.second["mac"]; n.IsDefined()) iface.mac = unicast_mac(n);
      if (const YamlNode n = entry.second["dhcp"]; n.IsDefined()) {
        const bool dhcp = in_.boolean(n, "dhcp");
        if (dhcp && iface.ip)
          in_.fail(n, what + " has both ip and dhcp: true",
                   "give a static ip or use DHCP, not both");
        iface.dhcp = dhcp;
      }
    }
    node.interfaces.push_back(std::move(iface));
  }
}

wire::MacAddress Loader::unicast_mac(const YamlNode& n) const {
  const wire::MacAddress mac = in_.mac(n, "mac");
  if (mac.is_multicast())
    in_.fail(n, "mac " + mac.to_string() + " is a multicast or broadcast address",
             "a unicast MAC has an even first byte, such as 02:00:00:00:00:01");
  return mac;
}

// `stp: true | stp | rstp | {mode, priority, hello, max_age, forward_delay}`,
// held to 802.1D-1998 Table 8-3 and 802.1D-2004 Table 17-2.
std::optional<devices::StpBridgeConfig> Loader::stp_config(const YamlNode& n) const {
  devices::StpBridgeConfig config;
  auto mode = [&](const YamlNode& m) {
    return in_.choice(m, "stp mode", {"stp", "rstp"}) == "rstp" ? devices::StpMode::Rstp
                                                                : devices::StpMode::Stp;
  };
  if (n.IsScalar()) {
    const std::string& text = n.Scalar();
    if (is_plain(n) && (text == "stp" || text == "rstp")) {
      config.mode = mode(n);
      return config;
    }
    for (const char* word : {"true", "True", "TRUE", "false", "False", "FALSE"})
      if (is_plain(n) && text == word) return in_.boolean(n, "stp") ? std::optional(config) : std::nullopt;
    in_.fail(n, "stp " + quoted(text) + " is not true, false, stp or rstp",
             "such as stp: rstp, or stp: {priority: 4096}");
  }
  in_.require_map(n, "stp");
  in_.check_keys(n, {"mode", "priority", "hello", "max_age", "forward_delay"}, "stp");
  if (const YamlNode m = n["mode"]; m.IsDefined()) config.mode = mode(m);
  if (const YamlNode m = n["priority"]; m.IsDefined()) {
    const int64_t priority = in_.integer(m, "priority", 0, 61440);
    if (priority % 4096 != 0)
      in_.fail(m, "bridge priority " + std::to_string(priority) + " is not a multiple of 4096",
               "such as 4096, 8192, 32768 (802.1D-2004 Table 17-2)");
    config.priority = static_cast<uint16_t>(priority);
  }
  auto timer = [&](const char* key, Time& value, Time min, Time max) {
    const YamlNode m = n[key];
    if (!m.IsDefined()) return;
    value = in_.duration(m, key);
    if (value % seconds(1) != Time{0} || value < min || value > max)
      in_.fail(m, std::string(key) + " " + format_duration(value) + " is out of range",
               "whole seconds from " + format_duration(min) + " to " + format_duration(max) +
                   " (802.1D Table 8-3)");
  };
  timer("hello", config.hello, devices::kMinHello, devices::kMaxHello);
  timer("max_age", config.max_age, devices::kMinMaxAge, devices::kMaxMaxAge);
  timer("forward_delay", config.forward_delay, devices::kMinForwardDelay,
        devices::kMaxForwardDelay);
  // 802.1D-1998 8.10.2: 2 x (forward delay - 1 s) >= max age >= 2 x (hello + 1 s).
  if (config.max_age > 2 * (config.forward_delay - seconds(1)) ||
      config.max_age < 2 * (config.hello + seconds(1)))
    in_.fail(n, "stp timers do not fit together: max_age " + format_duration(config.max_age) +
                    ", hello " + format_duration(config.hello) + ", forward_delay " +
                    format_duration(config.forward_delay),
             "802.1D requires 2 x (forward_delay - 1s) >= max_age >= 2 x (hello + 1s)");
  return config;
}

// A next hop must be on one of the node's networks, as Linux requires of a
// gateway.
void Loader::check_on_link(const YamlNode& at, wire::Ipv4Address address, const NodeSpec& node,
                           std::string_view what) const {
  if (!has_ip(node.kind)) return;
  Keys networks;
  for (const InterfaceSpec& iface : node.interfaces) {
    if (!iface.ip) continue;
    if (iface.ip->contains(address)) return;
    networks.push_back(wire::Ipv4Prefix{iface.ip->network(), iface.ip->length}.to_string());
  }
  in_.fail(
      at,
      std::string(what) + " " + address.to_string() + " is not on any network of " +
          quoted(node.name),
      networks.empty() ? "the node has no interface address" : "its networks: " + join(networks));
}

void Loader::check_interface_name(const YamlNode& at, const NodeSpec& node,
                                  const std::string& iface, std::string_view what) const {
  if (!has_ip(node.kind)) return;
  Keys names;
  for (const InterfaceSpec& i : node.interfaces) names.push_back(i.name);
  const char* declare = node.kind == NodeKind::L3Switch
                            ? "an l3switch's interfaces are vlanN, from vlans: {N: {ip: ...}}"
                            : "declare it under interfaces:";
  if (!contains(names, iface))
    in_.fail(at,
             std::string(what) + ": " + quoted(node.name) + " has no interface " + quoted(iface),
             names.empty() ? declare : suggestion(iface, names, "its interfaces: "));
}

void Loader::load_routes(const YamlNode& list, NodeSpec& node) const {
  in_.require_sequence(list, "routes of " + quoted(node.name));
  for (const YamlNode& item : list) {
    in_.require_map(item, "a route");
    in_.check_keys(item, {"to", "via", "dev"}, "a route");
    RouteSpec route;
    route.loc = loc_of(item);
    const YamlNode to = in_.required(item, "to", "a route");
    if (is_plain(to) && to.Scalar() == "default")
      route.to = wire::Ipv4Prefix{};
    else
      route.to = in_.prefix(to, "route destination");
    route.to.address = route.to.network();
    const YamlNode via = item["via"], dev = item["dev"];
    if (!via.IsDefined() && !dev.IsDefined())
      in_.fail(item, "a route needs 'via' (next hop address) or 'dev' (interface)",
               "such as {to: 10.1.0.0/16, via: 10.0.0.2}");
    if (via.IsDefined()) {
      route.via = in_.ipv4(via, "via");
      check_on_link(via, *route.via, node, "next hop");
    }
    if (dev.IsDefined()) {
      route.dev = in_.scalar(dev, "dev");
      check_interface_name(dev, node, route.dev, "dev");
    }
    node.routes.push_back(std::move(route));
  }
}

void Loader::load_tcp(const YamlNode& map, NodeSpec& node) const {
  devices::TcpConfig& tcp = node.tcp;
  in_.check_keys(map,
                 {"mss", "nagle", "delayed_ack", "quickack", "sack", "timestamps", "window_scaling",
                  "pmtu_discovery", "rto_min", "time_wait", "congestion"},
                 "tcp");
  for (auto [key, value] : {std::pair{"quickack", &tcp.quickack}, std::pair{"sack", &tcp.sack},
                            std::pair{"timestamps", &tcp.timestamps},
                            std::pair{"window_scaling", &tcp.window_scaling},
                            std::pair{"pmtu_discovery", &tcp.pmtu_discovery}})
    if (const YamlNode n = map[key]; n.IsDefined()) *value = in_.boolean(n, key);
  if (const YamlNode n = map["mss"]; n.IsDefined())
    tcp.mss = static_cast<uint32_t>(in_.integer(n, "mss", 88, 65495));
  if (const YamlNode n = map["nagle"]; n.IsDefined()) tcp.nagle = in_.boolean(n, "nagle");
  if (const YamlNode n = map["delayed_ack"]; n.IsDefined()) {
    // `false` turns delayed ACKs off, like a 0 delay.
    if (is_plain(n) && (n.Scalar() == "false" || n.Scalar() == "False"))
      tcp.delayed_ack = Time{0};
    else
      tcp.delayed_ack = in_.duration(n, "delayed_ack");
  }
  if (const YamlNode n = map["rto_min"]; n.IsDefined()) tcp.rto_min = in_.duration(n, "rto_min");
  if (const YamlNode n = map["time_wait"]; n.IsDefined())
    tcp.time_wait = in_.duration(n, "time_wait");
  if (const YamlNode n = map["congestion"]; n.IsDefined())
    tcp.congestion = in_.choice(n, "congestion", {"newreno", "cubic"}) == "newreno"
                         ? devices::CongestionAlgorithm::NewReno
                         : devices::CongestionAlgorithm::Cubic;
}

void Loader::load_ephemeral_ports(const YamlNode& value, NodeSpec& node) const {
  const std::string text = in_.scalar(value, "ephemeral_ports");
  const size_t dash = text.find('-');
  unsigned low = 0, high = 0;
  const bool ok = dash != std::string::npos &&
                  std::from_chars(text.data(), text.data() + dash, low).ptr == text.data() + dash &&
                  std::from_chars(text.data() + dash + 1, text.data() + text.size(), high).ptr ==
                      text.data() + text.size() &&
                  dash > 0 && dash + 1 < text.size();
  if (!ok || low < 1 || high > 65535 || low > high)
    in_.fail(value, "ephemeral_ports " + quoted(text) + " is not a port range",
             "LOW-HIGH with 1 <= LOW <= HIGH <= 65535, such as 49152-65535");
  node.tcp.ephemeral_low = static_cast<uint16_t>(low);
  node.tcp.ephemeral_high = static_cast<uint16_t>(high);
}

int Loader::vlan_id(const YamlNode& n, std::string_view what) const {
  return static_cast<int>(in_.integer(n, what, 1, 4094));
}

void Loader::load_ports(const YamlNode& map, NodeSpec& node) const {
  if (!in_.map_or_null(map, "ports of " + quoted(node.name))) return;
  in_.check_unique_keys(map);
  for (const auto& entry : map) {
    PortSpec port;
    port.name = entry.first.Scalar();
    port.loc = loc_of(entry.first);
    const std::string what = "port " + quoted(node.name + ":" + port.name);
    if (in_.map_or_null(entry.second, what)) {
      in_.check_keys(entry.second,
                     {"vlan", "trunk", "native", "stp_cost", "stp_priority", "edge"}, what);
      const YamlNode access = entry.second["vlan"], native = entry.second["native"];
      if (access.IsDefined()) port.vlan = vlan_id(access, "vlan");
      if (const YamlNode n = entry.second["stp_cost"]; n.IsDefined())
        port.stp_cost = static_cast<uint32_t>(in_.integer(n, "stp_cost", 1, 200'000'000));
      if (const YamlNode n = entry.second["stp_priority"]; n.IsDefined()) {
        const int64_t priority = in_.integer(n, "stp_priority", 0, 240);
        if (priority % 16 != 0)
          in_.fail(n, "port priority " + std::to_string(priority) + " is not a multiple of 16",
                   "0 to 240 in steps of 16; the default is 128");
        port.stp_priority = static_cast<uint8_t>(priority);
      }
      if (const YamlNode n = entry.second["edge"]; n.IsDefined()) port.edge = in_.boolean(n, "edge");
      if (const YamlNode n = entry.second["trunk"]; n.IsDefined()) {
        if (access.IsDefined())
          in_.fail(access, "a port is an access port (vlan) or a trunk (trunk), not both",
                   "a trunk's untagged VLAN is native: N");
        in_.require_sequence(n, "trunk");
        if (n.size() == 0) in_.fail(n, "trunk lists no VLAN", "such as trunk: [10, 20]");
        for (const YamlNode& id : n) {
          const int vlan = vlan_id(id, "trunk VLAN");
          if (std::find(port.trunk.begin(), port.trunk.end(), vlan) != port.trunk.end())
            in_.fail(id, "VLAN " + std::to_string(vlan) + " is listed twice in the trunk");
          port.trunk.push_back(vlan);
        }
      }
      if (native.IsDefined()) {
        if (port.trunk.empty())
          in_.fail(native, "native applies to trunks only", "such as {trunk: [10, 20], native: 1}");
        port.native = vlan_id(native, "native VLAN");
      }
    }
    node.ports.push_back(std::move(port));
  }
}

void Loader::load_vlans(const YamlNode& map, NodeSpec& node) const {
  in_.check_unique_keys(map);
  for (const auto& entry : map) {
    InterfaceSpec svi;
    svi.vlan = vlan_id(entry.first, "VLAN");
    svi.name = "vlan" + std::to_string(svi.vlan);
    svi.loc = loc_of(entry.first);
    for (const InterfaceSpec& other : node.interfaces)
      if (other.vlan == svi.vlan)
        in_.fail(entry.first, "VLAN " + std::to_string(svi.vlan) + " is given twice",
                 "one routed interface per VLAN");
    const std::string what = "VLAN " + entry.first.Scalar();
    in_.require_map(entry.second, what);
    in_.check_keys(entry.second, {"ip"}, what);
    svi.ip = in_.prefix(in_.required(entry.second, "ip", what), "ip");
    node.interfaces.push_back(std::move(svi));
  }
}

void Loader::not_built(const YamlNode& at, const std::string& what,
                       std::string_view feature) const {
  in_.fail(at, what + " is in the scenario format but not built in this version of netsim",
           "not built yet: " + std::string(feature) + "; remove it to run the rest");
}

void Loader::refuse_unbuilt(const YamlNode& map, std::string_view where) const {
  if (!map.IsMap()) return;
  for (const auto& entry : map)
    for (const Unbuilt& u : kNotBuilt)
      if (u.where == where && entry.first.Scalar() == u.key)
        not_built(entry.first, quoted(entry.first.Scalar()), u.feature);
}

// ---- links ----

const NodeSpec& Loader::node_named(const YamlNode& at, const std::string& name,
                                   std::string_view what) const {
  if (const NodeSpec* node = scenario_.find_node(name)) return *node;
  Keys names;
  for (const NodeSpec& n : scenario_.nodes) names.push_back(n.name);
  in_.fail(at, std::string(what) + ": unknown node " + quoted(name),
           names.empty() ? "the scenario has no nodes" : suggestion(name, names));
}

EndpointSpec Loader::endpoint(const YamlNode& n, std::string_view what) const {
  const std::string text = in_.scalar(n, what);
  const size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    in_.fail(n, std::string(what) + " " + quoted(text) + " is not node:interface",
             "such as pc1:eth0 or sw1:p1");
  EndpointSpec ep{text.substr(0, colon), text.substr(colon + 1), loc_of(n)};
  const NodeSpec& node = node_named(n, ep.node, std::string(what) + " " + quoted(text));
  if (has_interfaces(node.kind))
    check_interface_name(n, node, ep.iface, std::string(what) + " " + quoted(text));
  return ep;
}

EndpointSpec Loader::linked_endpoint(const YamlNode& n, std::string_view what) const {
  EndpointSpec ep = endpoint(n, what);
  if (linked_.count(ep.text())) return ep;
  const NodeSpec& node = *scenario_.find_node(ep.node);
  if (has_interfaces(node.kind)) return ep;  // a declared interface, even if unlinked
  const auto ports = switch_ports_.find(ep.node);
  const Keys none;
  const Keys& names = ports == switch_ports_.end() ? none : ports->second;
  in_.fail(n,
           std::string(what) + " " + quoted(ep.text()) + ": no link uses port " + quoted(ep.iface) +
               " of " + quoted(ep.node),
           names.empty() ? "no link uses " + quoted(ep.node)
                         : suggestion(ep.iface, names, "its linked ports: "));
}

void Loader::load_links(const YamlNode& links) {
  if (is_null(links)) return;
  in_.require_sequence(links, "links");
  in_.at_most(links, kMaxLinks, "links");
  scenario_.links.reserve(scenario_.links.size() + links.size());
  for (const YamlNode& item : links) {
    LinkSpec link;
    link.loc = loc_of(item);
    link.params = scenario_.link_defaults;
    if (!item.IsSequence() && !item.IsMap())
      in_.fail(item, "a link must be [a:iface, b:iface] or {endpoints: [a:iface, b:iface], ...}");
    if (item.IsMap()) {
      in_.check_keys(item,
                     {"endpoints", "bandwidth", "delay", "loss", "mtu", "queue", "cost", "duplex"},
                     "a link");
      load_link_params(item, link.params);
    }
    const YamlNode ends = item.IsSequence() ? item : in_.required(item, "endpoints", "a link");
    in_.require_sequence(ends, "endpoints");
    if (ends.size() != 2)
      in_.fail(ends, "a link joins exactly two endpoints, not " + std::to_string(ends.size()),
               "such as [pc1:eth0, sw1:p1]");
    link.a = endpoint(ends[0], "link endpoint");
    link.b = endpoint(ends[1], "link endpoint");
    if (link.a.text() == link.b.text())
      in_.fail(ends[1], "link joins " + quoted(link.a.text()) + " to itself",
               "a link joins two different ports");
    for (const YamlNode& end : {ends[0], ends[1]}) {
      const std::string text = end.Scalar();
      if (const auto used = linked_.find(text); used != linked_.end())
        in_.fail(end,
                 "link endpoint " + quoted(text) + " is already used by link at " +
                     loc_text(used->second),
                 "a port or interface takes one link; a switch or hub joins more");
    }
    link_duplex(item, link);
    for (const EndpointSpec* ep : {&link.a, &link.b}) {
      linked_[ep->text()] = link.loc;
      if (!has_interfaces(scenario_.find_node(ep->node)->kind))
        switch_ports_[ep->node].push_back(ep->iface);
    }
    scenario_.links.push_back(std::move(link));
  }
  check_hub_rates();
}

bool Loader::touches_hub(const LinkSpec& link) const {
  return scenario_.find_node(link.a.node)->kind == NodeKind::Hub ||
         scenario_.find_node(link.b.node)->kind == NodeKind::Hub;
}

void Loader::link_duplex(const YamlNode& item, LinkSpec& link) const {
  const bool hub = touches_hub(link);
  link.params.duplex = hub ? Duplex::Half : Duplex::Full;
  if (!item.IsMap() || !item["duplex"].IsDefined()) return;
  const YamlNode n = item["duplex"];
  if (in_.choice(n, "duplex", {"half", "full"}) == "half") {
    link.params.duplex = Duplex::Half;
  } else if (hub) {
    const std::string& name =
        scenario_.find_node(link.a.node)->kind == NodeKind::Hub ? link.a.node : link.b.node;
    in_.fail(n, "a link to hub " + quoted(name) + " cannot be full duplex",
             "a hub is one collision domain: its links are half duplex; use a switch for full duplex");
  }
}

void Loader::check_hub_rates() const {
  // A repeater passes bits on as they arrive: every link of a hub runs at one rate.
  std::map<std::string, const LinkSpec*> first;
  for (const LinkSpec& link : scenario_.links)
    for (const EndpointSpec* ep : {&link.a, &link.b}) {
      if (scenario_.find_node(ep->node)->kind != NodeKind::Hub) continue;
      const auto [it, fresh] = first.emplace(ep->node, &link);
      if (!fresh && it->second->params.bandwidth_bps != link.params.bandwidth_bps)
        in_.fail(link.loc,
                 "hub " + quoted(ep->node) + " repeats bits at one rate: this link runs at " +
                     std::to_string(link.params.bandwidth_bps) + "bps, its link at " +
                     loc_text(it->second->loc) + " at " +
                     std::to_string(it->second->params.bandwidth_bps) + "bps",
                 "give every link of the hub the same bandwidth");
    }
}

void Loader::check_ports_linked() const {
  for (const NodeSpec& node : scenario_.nodes)
    for (const PortSpec& port : node.ports) {
      if (linked_.count(node.name + ":" + port.name)) continue;
      const auto linked = switch_ports_.find(node.name);
      in_.fail(port.loc,
               "port " + quoted(node.name + ":" + port.name) + " has settings but no link uses it",
               linked == switch_ports_.end()
                   ? "a link creates a port: add one such as [pc1:eth0, " + node.name + ":" +
                         port.name + "]"
                   : suggestion(port.name, linked->second, "its linked ports: "));
    }
}

const LinkSpec& Loader::link_between(const YamlNode& list, std::string_view what) const {
  if (!list.IsSequence() || list.size() != 2)
    in_.fail(list, std::string(what) + " takes the link's two endpoints",
             "such as [pc1:eth0, sw1:p1]");
  const EndpointSpec a = endpoint(list[0], "endpoint"), b = endpoint(list[1], "endpoint");
  Keys links_of_a;
  for (const LinkSpec& link : scenario_.links) {
    if ((link.a.text() == a.text() && link.b.text() == b.text()) ||
        (link.a.text() == b.text() && link.b.text() == a.text()))
      return link;
    if (link.a.node == a.node || link.b.node == a.node)
      links_of_a.push_back("[" + link.a.text() + ", " + link.b.text() + "]");
  }
  in_.fail(list, "no link joins " + quoted(a.text()) + " and " + quoted(b.text()),
           links_of_a.empty() ? quoted(a.node) + " has no links"
                              : "links of " + quoted(a.node) + ": " + join(links_of_a));
}

// ---- apps ----

void Loader::load_apps(const YamlNode& apps) {
  if (!in_.map_or_null(apps, "apps")) return;
  in_.check_unique_keys(apps);
  scenario_.apps.reserve(apps.size());
  lang::ParseCache parsed;  // apps with equal steps parse them once and share their trees
  for (const auto& entry : apps) {
    AppSpec app;
    app.name = entry.first.Scalar();
    app.loc = loc_of(entry.first);
    const std::string what = "app " + quoted(app.name);
    in_.require_map(entry.second, what);
    refuse_unbuilt(entry.second, "app");
    in_.check_keys(entry.second, {"node", "start", "steps", "python", "argv", "stdin", "typing"},
                   what);
    check_python_keys(in_, entry.second, what);
    const YamlNode node_value = in_.required(entry.second, "node", what);
    app.node = in_.scalar(node_value, "node");
    const NodeSpec& node = node_named(node_value, app.node, what);
    if (!has_ip(node.kind))
      in_.fail(node_value, what + " cannot run on " + quoted(node.name) + ", " + a_kind(node.kind),
               "apps run on hosts, routers and l3switches");
    if (const YamlNode n = entry.second["start"]; n.IsDefined())
      app.start = in_.duration(n, "start");
    if (entry.second["python"].IsDefined()) {
      app.python = std::make_shared<PythonProgram>(load_python_program(in_, entry.second, what));
      app.python->node = app.node;
    } else {
      const YamlNode steps = in_.required(entry.second, "steps", what);
      in_.require_sequence(steps, "steps of " + what);
      app.program = lang::parse_program(steps, in_.file(), &parsed);
    }
    scenario_.apps.push_back(std::move(app));
  }
}

// ---- events ----

void Loader::load_events(const YamlNode& events) {
  if (is_null(events)) return;
  in_.require_sequence(events, "events");
  using Kind = EventSpec::Kind;
  struct Action {
    std::string key;
    Kind kind;
  };
  static const std::vector<Action> actions = {
      {"link_down", Kind::LinkDown},
      {"link_up", Kind::LinkUp},
      {"set_link", Kind::SetLink},
      {"node_down", Kind::NodeDown},
      {"node_up", Kind::NodeUp},
      {"clear_arp", Kind::ClearArp},
      {"clear_mac_table", Kind::ClearMacTable},
      {"dhcp_release", Kind::DhcpRelease},
      {"clear_dns_cache", Kind::ClearDnsCache},
  };
  Keys action_keys, all_keys = {"at"};
  for (const Action& a : actions) action_keys.push_back(a.key);
  all_keys.insert(all_keys.end(), action_keys.begin(), action_keys.end());
  all_keys.insert(all_keys.end(), kLinkParamKeys.begin(), kLinkParamKeys.end());

  for (const YamlNode& item : events) {
    in_.require_map(item, "an event");
    refuse_unbuilt(item, "event");
    in_.check_keys(item, all_keys, "an event");
    EventSpec event;
    event.loc = loc_of(item);
    event.at = in_.duration(in_.required(item, "at", "an event"), "at");
    const auto [action_key, value] = in_.exactly_one(
        item, action_keys, "an event", "such as {at: 2s, link_down: [pc1:eth0, sw1:p1]}");
    const std::string action = action_key.Scalar();
    event.kind = std::find_if(actions.begin(), actions.end(), [&](const Action& a) {
                   return a.key == action;
                 })->kind;

    if (event.kind != Kind::SetLink) {
      for (const auto& entry : item)
        if (contains(kLinkParamKeys, entry.first.Scalar()))
          in_.fail(entry.first, quoted(entry.first.Scalar()) + " goes with set_link, not " + action,
                   "such as {at: 4s, set_link: [r1:g1, r2:g1], loss: 0.2}");
    }
    switch (event.kind) {
      case Kind::LinkDown:
      case Kind::LinkUp:
      case Kind::SetLink: {
        const LinkSpec& link = link_between(value, action);
        event.a = link.a;
        event.b = link.b;
        if (event.kind != Kind::SetLink) break;
        if (const YamlNode n = item["bandwidth"]; n.IsDefined()) {
          event.bandwidth_bps = bandwidth(n);
          if (touches_hub(link))
            in_.fail(n, "set_link cannot change the bandwidth of a hub's link",
                     "a hub repeats bits at one rate on every link");
        }
        if (const YamlNode n = item["delay"]; n.IsDefined())
          event.delay = in_.duration(n, "delay");
        if (const YamlNode n = item["loss"]; n.IsDefined()) event.loss = loss(n);
        if (const YamlNode n = item["mtu"]; n.IsDefined()) event.mtu = mtu(n);
        if (const YamlNode n = item["queue"]; n.IsDefined()) event.queue = queue(n);
        if (const YamlNode n = item["cost"]; n.IsDefined()) event.cost = cost(n);
        if (!event.bandwidth_bps && !event.delay && !event.loss && !event.mtu && !event.queue &&
            !event.cost)
          in_.fail(item, "set_link changes nothing", "give any of: " + join(kLinkParamKeys));
        break;
      }
      case Kind::DhcpRelease: {
        event.a = endpoint(value, action);
        event.node = event.a.node;
        check_dhcp_client(in_, value, *scenario_.find_node(event.node), event.a.iface);
        break;
      }
      default: {
        event.node = in_.scalar(value, action);
        const NodeSpec& node = node_named(value, event.node, action);
        if (event.kind == Kind::ClearMacTable && !is_switch(node.kind))
          in_.fail(value, "clear_mac_table needs a switch; " + quoted(node.name) + " is " +
                              a_kind(node.kind));
        if ((event.kind == Kind::ClearArp || event.kind == Kind::ClearDnsCache) && !has_ip(node.kind))
          in_.fail(value, action + " needs a node with IP (host, router, l3switch); " +
                              quoted(node.name) + " is " + a_kind(node.kind));
        break;
      }
    }
    scenario_.events.push_back(std::move(event));
  }
}

// ---- expect ----

void Loader::load_expects(const YamlNode& expects) {
  if (is_null(expects)) return;
  in_.require_sequence(expects, "expect");
  scenario_.expects.reserve(expects.size());  // exactly: kept for the whole run
  const Keys subjects = {"app", "node", "frames", "sequence"};
  const Keys all = {"app",   "node", "frames", "sequence", "at",    "status",    "error",
                    "var",   "equals", "min",  "max",      "count", "printed", "arp",
                    "mac_table", "ip", "route", "vlan", "stp", "collisions",
                    "nat_entries", "vs_connections", "dns_cache"};
  for (const YamlNode& item : expects) {
    in_.require_map(item, "an expect entry");
    refuse_unbuilt(item, "expect");
    in_.check_keys(item, all, "an expect entry");
    ExpectSpec e;
    e.loc = loc_of(item);
    if (const YamlNode n = item["at"]; n.IsDefined()) e.at = in_.duration(n, "at");
    const YamlNode subject = in_.exactly_one(item, subjects, "an expect entry",
                                               "such as {app: client, status: finished}")
                                   .key;
    const std::string s = subject.Scalar();
    if (s == "app")
      load_app_expect(item, e);
    else if (s == "node")
      load_node_expect(item, e);
    else if (s == "frames")
      load_frames_expect(item, e);
    else
      load_sequence_expect(item, e);
    scenario_.expects.push_back(std::move(e));
  }
}

void Loader::load_app_expect(const YamlNode& map, ExpectSpec& e) const {
  in_.check_keys(map, {"at", "app", "status", "error", "var", "equals", "min", "max", "printed"},
                 "an app expect entry");
  const YamlNode app = map["app"];
  e.app = in_.scalar(app, "app");
  if (!scenario_.find_app(e.app)) {
    Keys names;
    for (const AppSpec& a : scenario_.apps) names.push_back(a.name);
    in_.fail(app, "expect: unknown app " + quoted(e.app),
             names.empty() ? "the scenario has no apps" : suggestion(e.app, names));
  }

  const auto [what, value] =
      in_.exactly_one(map, {"status", "var", "printed"}, "an app expect entry",
                      "such as {app: client, status: finished} or {app: client, var: n, equals: 3}");
  const YamlNode status = map["status"], var = map["var"];
  if (what.Scalar() == "printed") {
    e.kind = ExpectSpec::Kind::AppPrinted;
    for (const char* key : {"error", "equals", "min", "max"})
      if (map[key].IsDefined()) in_.fail(map[key], quoted(key) + " does not go with 'printed'");
    e.printed = in_.scalar(value, "printed");
    if (e.printed.empty()) in_.fail(value, "printed is empty", "the text some printed line contains");
    return;
  }
  if (status.IsDefined()) {
    e.kind = ExpectSpec::Kind::AppStatus;
    for (const char* key : {"equals", "min", "max"})
      if (map[key].IsDefined()) in_.fail(map[key], quoted(key) + " goes with 'var', not 'status'");
    e.status = in_.choice(status, "status", {"finished", "failed", "running"});
    if (const YamlNode error = map["error"]; error.IsDefined()) {
      if (e.status != "failed")
        in_.fail(error, "'error' goes with status: failed",
                 "an app that is " + e.status + " has no error");
      const std::string name = in_.scalar(error, "error");
      const auto kind = lang::error_kind_from_name(name);
      if (!kind) {
        Keys names;
        for (std::string_view n : lang::error_names()) names.emplace_back(n);
        in_.fail(error, quoted(name) + " is not an error an app can end with",
                 suggestion(name, names));
      }
      e.error = std::string(lang::to_string(*kind));  // "socket.timeout" is TimeoutError
    }
    return;
  }
  e.kind = ExpectSpec::Kind::AppVar;
  if (map["error"].IsDefined()) in_.fail(map["error"], "'error' goes with 'status', not 'var'");
  e.var = in_.scalar(var, "var");
  if (!is_identifier(e.var)) in_.fail(var, quoted(e.var) + " is not a variable name");
  const YamlNode equals = map["equals"], min = map["min"], max = map["max"];
  if (equals.IsDefined() && (min.IsDefined() || max.IsDefined()))
    in_.fail(min.IsDefined() ? min : max, "give 'equals' or bounds ('min', 'max'), not both");
  if (!equals.IsDefined() && !min.IsDefined() && !max.IsDefined())
    in_.fail(map, "an expect on a variable needs 'equals', 'min' or 'max'",
             "such as {app: client, var: n, equals: 3}");
  if (equals.IsDefined()) e.equals = expected_value(equals);
  if (min.IsDefined()) e.min = in_.number(min, "min");
  if (max.IsDefined()) e.max = in_.number(max, "max");
  if (e.min && e.max && *e.min > *e.max) in_.fail(max, "max is below min");
}

ExpectedValue Loader::expected_value(const YamlNode& n) const {
  ExpectedValue v;
  if (is_null(n)) return v;  // None
  if (n.IsSequence()) {
    v.kind = ExpectedValue::Kind::List;
    for (const YamlNode& item : n) v.items.push_back(expected_value(item));
    return v;
  }
  const std::string text = in_.scalar(n, "equals");
  v.kind = ExpectedValue::Kind::String;
  v.text = text;
  if (!is_plain(n)) return v;  // quoted: always a string
  if (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
      text == "FALSE") {
    v.kind = ExpectedValue::Kind::Bool;
    v.boolean = text[0] == 't' || text[0] == 'T';
    return v;
  }
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  const char* end = digits.data() + digits.size();
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'o')) {
    base = digits[1] == 'x' ? 16 : 8;
    digits.remove_prefix(2);
  }
  int64_t integer = 0;
  if (auto [p, ec] = std::from_chars(digits.data(), end, integer, base);
      !digits.empty() && p == end) {
    if (ec != std::errc{})
      in_.fail(n, "integer " + text + " is too large", "a whole number fits in 64 bits");
    v.kind = ExpectedValue::Kind::Int;
    v.integer = integer;
    return v;
  }
  // YAML floats: digits, '.', an exponent; nothing else (no inf, nan, hex).
  const bool float_chars = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+';
  });
  double real = 0;
  if (auto [p, ec] = std::from_chars(digits.data(), end, real);
      float_chars && base == 10 && ec == std::errc{} && p == end) {
    v.kind = ExpectedValue::Kind::Float;
    v.real = real;
  }
  return v;
}

void Loader::load_node_expect(const YamlNode& map, ExpectSpec& e) const {
  const Keys details = {"arp", "mac_table", "ip", "route", "stp", "collisions", "nat_entries", "vs_connections",
                        "dns_cache"};
  Keys keys = {"at", "node", "vlan"};
  keys.insert(keys.end(), details.begin(), details.end());
  in_.check_keys(map, keys, "a node expect entry");
  const YamlNode node_value = map["node"];
  e.node = in_.scalar(node_value, "node");
  const NodeSpec& node = node_named(node_value, e.node, "expect");

  const auto [key, value] = in_.exactly_one(map, details, "a node expect entry",
                                            "such as {node: pc1, arp: {10.0.0.1: any}}");
  const std::string what = key.Scalar();
  if (const YamlNode n = map["vlan"]; n.IsDefined() && what != "mac_table")
    in_.fail(n, "'vlan' goes with mac_table only", "such as {node: sw1, vlan: 10, mac_table: {...}}");
  auto need = [&](bool ok, const char* kinds) {
    if (!ok)
      in_.fail(key,
               what + " needs " + kinds + "; " + quoted(node.name) + " is " + a_kind(node.kind));
  };
  auto entries = [&](const YamlNode& m) {
    if (!m.IsMap() || m.size() == 0) in_.fail(m, what + " must be a map with at least one entry");
    in_.check_unique_keys(m);
  };

  if (what == "arp") {
    e.kind = ExpectSpec::Kind::Arp;
    need(has_ip(node.kind), "a node with IP (host, router, l3switch)");
    // `arp: any`: some address resolved, whichever (its arp list stays empty).
    if (is_plain(value) && value.Scalar() == "any") return;
    entries(value);
    for (const auto& entry : value) {
      const wire::Ipv4Address ip = in_.ipv4(entry.first, "arp entry");
      std::optional<wire::MacAddress> mac;
      if (!(is_plain(entry.second) && entry.second.Scalar() == "any"))
        mac = in_.mac(entry.second, "arp entry's MAC");
      e.edit_tables().arp.emplace_back(ip, mac);
    }
  } else if (what == "mac_table") {
    e.kind = ExpectSpec::Kind::MacTable;
    need(is_switch(node.kind), "a switch");
    entries(value);
    if (const YamlNode n = map["vlan"]; n.IsDefined()) e.edit_tables().mac_table_vlan = vlan_id(n, "vlan");
    const auto found = switch_ports_.find(node.name);
    const Keys none;
    const Keys& ports = found == switch_ports_.end() ? none : found->second;
    for (const auto& entry : value) {
      const wire::MacAddress mac = in_.mac(entry.first, "mac_table entry");
      const std::string port = in_.scalar(entry.second, "port");
      if (!contains(ports, port))
        in_.fail(entry.second, "no link uses port " + quoted(port) + " of " + quoted(node.name),
                 ports.empty() ? "no link uses " + quoted(node.name)
                               : suggestion(port, ports, "its linked ports: "));
      e.edit_tables().mac_table.emplace_back(mac, port);
    }
  } else if (what == "ip") {
    e.kind = ExpectSpec::Kind::Ip;
    need(has_ip(node.kind), "a node with IP (host, router, l3switch)");
    // `arp: any`: some address resolved, whichever (its arp list stays empty).
    if (is_plain(value) && value.Scalar() == "any") return;
    entries(value);
    for (const auto& entry : value) {
      check_interface_name(entry.first, node, entry.first.Scalar(), "expect ip");
      std::optional<wire::Ipv4Prefix> address;
      if (!(is_plain(entry.second) && entry.second.Scalar() == "none"))
        address = in_.prefix(entry.second, "address");
      e.edit_tables().ip.emplace_back(entry.first.Scalar(), address);
    }
  } else if (what == "dns_cache") {
    e.kind = ExpectSpec::Kind::DnsCache;
    need(has_ip(node.kind), "a node with IP (host, router, l3switch)");
    // `arp: any`: some address resolved, whichever (its arp list stays empty).
    if (is_plain(value) && value.Scalar() == "any") return;
    entries(value);
    for (const auto& entry : value) {
      const std::string name = in_.scalar(entry.first, "name");
      if (!wire::dns_name_valid(name)) in_.fail(entry.first, quoted(name) + " is not a domain name", "such as www.jd.com");
      const std::string want = in_.scalar(entry.second, "dns_cache entry");
      if (want != "none" && want != "NXDOMAIN" && !wire::Ipv4Address::parse(want))
        in_.fail(entry.second, "dns_cache entry " + quoted(want) + " is not an address, none or NXDOMAIN",
                 "such as {www.jd.com: 203.0.113.80} or {nope.jd.com: NXDOMAIN}");
      e.edit_tables().dns_cache.emplace_back(name, want);
    }
  } else if (what == "stp") {
    e.kind = ExpectSpec::Kind::Stp;
    need(is_switch(node.kind), "a switch");
    load_stp_expect(value, node, e);
  } else if (what == "collisions") {
    e.kind = ExpectSpec::Kind::Collisions;
    if (!value.IsMap()) {
      e.count = static_cast<uint64_t>(in_.integer(value, "collisions", 0, INT64_MAX));
      return;
    }
    in_.check_keys(value, {"min", "max"}, "collisions");
    if (!value["min"].IsDefined() && !value["max"].IsDefined())
      in_.fail(value, "collisions bounds need 'min' or 'max'", "such as {min: 1} or {min: 1, max: 5}");
    if (const YamlNode n = value["min"]; n.IsDefined())
      e.min = static_cast<double>(in_.integer(n, "min", 0, INT64_MAX));
    if (const YamlNode n = value["max"]; n.IsDefined())
      e.max = static_cast<double>(in_.integer(n, "max", 0, INT64_MAX));
    if (e.min && e.max && *e.min > *e.max) in_.fail(value["max"], "max is below min");
  } else if (what == "nat_entries") {
    e.kind = ExpectSpec::Kind::NatEntries;
    need(node.netfilter.nat.has_value(), "a node with nat");
    e.count = static_cast<uint64_t>(in_.integer(value, "nat_entries", 0, INT64_MAX));
  } else if (what == "vs_connections") {
    e.kind = ExpectSpec::Kind::VsConnections;
    need(!node.netfilter.virtual_servers.empty(), "a node with virtual_servers");
    entries(value);
    for (const auto& entry : value) {
      std::optional<wire::Ipv4Address> ip;
      std::optional<uint16_t> port;
      address_and_port(entry.first, "real server", ip, port);
      if (!port) in_.fail(entry.first, "a real server is IP:port", "such as 192.168.1.21:80");
      e.edit_tables().vs_connections.emplace_back(devices::Endpoint{*ip, *port},
                                    static_cast<uint64_t>(in_.integer(entry.second, "connections", 0, INT64_MAX)));
    }
  } else {
    e.kind = ExpectSpec::Kind::Route;
    need(has_ip(node.kind), "a node with IP (host, router, l3switch)");
    in_.require_map(value, "route");
    in_.check_keys(value, {"to", "via", "dev"}, "route");
    e.edit_tables().route_to = in_.ipv4(in_.required(value, "to", "route"), "to");
    const YamlNode via = value["via"], dev = value["dev"];
    if (!via.IsDefined() && !dev.IsDefined())
      in_.fail(value, "route needs 'via' (the next hop) or 'dev' (the interface)",
               "such as {to: 10.1.2.3, via: 10.0.0.2}");
    if (via.IsDefined()) e.edit_tables().route_via = in_.ipv4(via, "via");
    if (dev.IsDefined()) {
      e.edit_tables().route_dev = in_.scalar(dev, "dev");
      check_interface_name(dev, node, e.edit_tables().route_dev, "dev");
    }
  }
}

void Loader::load_stp_expect(const YamlNode& value, const NodeSpec& node, ExpectSpec& e) const {
  if (!node.stp)
    in_.fail(value, quoted(node.name) + " runs no spanning tree",
             "give it stp: true (or rstp) to check its spanning tree");
  if (!value.IsMap() || value.size() == 0)
    in_.fail(value, "stp must be a map with at least one of root, root_port, root_cost, ports, roles");
  in_.check_keys(value, {"root", "root_port", "root_cost", "ports", "roles"}, "stp");
  const auto found = switch_ports_.find(node.name);
  const Keys none;
  const Keys& linked = found == switch_ports_.end() ? none : found->second;
  auto port_name = [&](const YamlNode& n, std::string_view what) {
    const std::string port = in_.scalar(n, what);
    if (!contains(linked, port))
      in_.fail(n, "no link uses port " + quoted(port) + " of " + quoted(node.name),
               linked.empty() ? "no link uses " + quoted(node.name)
                              : suggestion(port, linked, "its linked ports: "));
    return port;
  };
  StpExpect& x = e.edit_tables().stp;
  if (const YamlNode n = value["root"]; n.IsDefined()) {
    x.root = in_.scalar(n, "root");
    const NodeSpec& root = node_named(n, *x.root, "stp root");
    if (!root.stp)
      in_.fail(n, quoted(root.name) + " runs no spanning tree, so it cannot be root",
               "the root is a switch with stp on");
  }
  if (const YamlNode n = value["root_port"]; n.IsDefined())
    x.root_port = is_plain(n) && n.Scalar() == "none" ? "none" : port_name(n, "root_port");
  if (const YamlNode n = value["root_cost"]; n.IsDefined())
    x.root_cost = static_cast<uint32_t>(in_.integer(n, "root_cost", 0, UINT32_MAX));
  auto port_words = [&](const char* key, const Keys& words,
                        std::vector<std::pair<std::string, std::string>>& out) {
    const YamlNode m = value[key];
    if (!m.IsDefined()) return;
    if (!m.IsMap() || m.size() == 0) in_.fail(m, std::string(key) + " must map ports to words");
    in_.check_unique_keys(m);
    for (const auto& entry : m)
      out.emplace_back(port_name(entry.first, "port"), in_.choice(entry.second, key, words));
  };
  port_words("ports", {"disabled", "blocking", "listening", "learning", "forwarding", "discarding"},
             x.ports);
  port_words("roles", {"root", "designated", "alternate", "backup", "disabled"}, x.roles);
}

void Loader::address_and_port(const YamlNode& n, std::string_view what,
                              std::optional<wire::Ipv4Address>& ip,
                              std::optional<uint16_t>& port) const {
  const std::string text = in_.scalar(n, what);
  const size_t colon = text.find(':');
  ip = wire::Ipv4Address::parse(std::string_view(text).substr(0, colon));
  unsigned number = 0;
  bool ok = ip.has_value();
  if (ok && colon != std::string::npos) {
    const char* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data() + colon + 1, end, number);
    ok = ec == std::errc{} && p == end && colon + 1 < text.size() && number <= 65535;
    port = static_cast<uint16_t>(number);
  }
  if (!ok)
    in_.fail(n, std::string(what) + " " + quoted(text) + " is not an address",
             "IP or IP:port, such as 10.0.0.1:80");
}

FrameFilter Loader::frame_filter(const YamlNode& map) const {
  FrameFilter f;
  if (!in_.map_or_null(map, "frames")) return f;
  refuse_unbuilt(map, "frames");
  in_.check_keys(map, {"at", "proto", "op", "type", "flags", "src", "dst", "ttl", "vlan", "qname", "rcode"},
                 "a frame filter");
  if (const YamlNode n = map["at"]; n.IsDefined()) f.at = linked_endpoint(n, "at");
  if (const YamlNode n = map["proto"]; n.IsDefined())
    f.proto = in_.choice(n, "proto", kProtocols);
  // op, type and flags are words of one protocol: proto, when given, must be it.
  for (const char* key : {"op", "type", "flags"}) {
    const YamlNode n = map[key];
    if (!n.IsDefined()) continue;
    const std::string k = key;
    const Keys* words = nullptr;
    if (f.proto.empty()) {
      if (k == "type")
        in_.fail(n, "'type' needs 'proto' (icmp, dhcp, dns or stp)",
                 "such as {proto: icmp, type: echo-reply}");
      words = proto_detail(k == "op" ? "arp" : "tcp").words;
    } else {
      const ProtoDetail detail = proto_detail(f.proto);
      if (!detail.key || detail.key != k)
        in_.fail(n, quoted(k) + " does not apply to proto " + f.proto,
                 k == "op"      ? "op goes with arp"
                 : k == "flags" ? "flags go with tcp"
                                : "type goes with icmp, dhcp, dns, stp");
      words = detail.words;
    }
    (k == "op" ? f.op : k == "type" ? f.type : f.flags) = in_.choice(n, key, *words);
  }
  if (const YamlNode n = map["src"]; n.IsDefined()) address_and_port(n, "src", f.src, f.src_port);
  if (const YamlNode n = map["dst"]; n.IsDefined()) address_and_port(n, "dst", f.dst, f.dst_port);
  if (const YamlNode n = map["ttl"]; n.IsDefined())
    f.ttl = static_cast<int>(in_.integer(n, "ttl", 0, 255));
  // src and dst match ARP's sender and target address; a port or TTL never would.
  if ((f.proto == "arp" || !f.op.empty()) && (f.src_port || f.dst_port || f.ttl))
    in_.fail(map[f.ttl ? "ttl" : f.src_port ? "src" : "dst"], "ARP frames have no ports and no TTL",
             "src and dst match ARP's sender and target IP, such as {proto: arp, src: 192.168.1.1}");
  if (const YamlNode n = map["vlan"]; n.IsDefined())
    f.vlan = is_plain(n) && n.Scalar() == "none" ? FrameFilter::kUntagged : vlan_id(n, "vlan");
  for (const char* key : {"qname", "rcode"}) {
    const YamlNode n = map[key];
    if (!n.IsDefined()) continue;
    if (!f.proto.empty() && f.proto != "dns")
      in_.fail(n, std::string(key) + " goes with proto dns, not " + f.proto, "such as {proto: dns, qname: www.jd.com}");
    if (std::string(key) == "rcode") {
      f.rcode = in_.choice(n, "rcode", {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"});
    } else {
      f.qname = in_.scalar(n, "qname");
      if (!wire::dns_name_valid(f.qname)) in_.fail(n, quoted(f.qname) + " is not a domain name", "such as www.jd.com");
    }
  }
  return f;
}

void Loader::load_frames_expect(const YamlNode& map, ExpectSpec& e) const {
  in_.check_keys(map, {"at", "frames", "count", "min", "max"}, "a frames expect entry");
  e.kind = ExpectSpec::Kind::Frames;
  e.edit_tables().filter = frame_filter(map["frames"]);
  const YamlNode count = map["count"], min = map["min"], max = map["max"];
  if (count.IsDefined() && (min.IsDefined() || max.IsDefined()))
    in_.fail(min.IsDefined() ? min : max, "give 'count' or bounds ('min', 'max'), not both");
  if (!count.IsDefined() && !min.IsDefined() && !max.IsDefined())
    in_.fail(map, "a frames entry needs 'count', 'min' or 'max'",
             "such as {frames: {proto: arp}, count: 1}");
  if (count.IsDefined()) e.count = static_cast<uint64_t>(in_.integer(count, "count", 0, INT64_MAX));
  if (min.IsDefined()) e.min = static_cast<double>(in_.integer(min, "min", 0, INT64_MAX));
  if (max.IsDefined()) e.max = static_cast<double>(in_.integer(max, "max", 0, INT64_MAX));
  if (e.min && e.max && *e.min > *e.max) in_.fail(max, "max is below min");
}

void Loader::load_sequence_expect(const YamlNode& map, ExpectSpec& e) const {
  in_.check_keys(map, {"at", "sequence"}, "a sequence expect entry");
  e.kind = ExpectSpec::Kind::Sequence;
  const YamlNode seq = map["sequence"];
  in_.require_map(seq, "sequence");
  in_.check_keys(seq, {"at", "frames"}, "sequence");
  if (const YamlNode n = seq["at"]; n.IsDefined()) e.edit_tables().sequence_at = linked_endpoint(n, "at");
  const YamlNode frames = in_.required(seq, "frames", "sequence");
  in_.require_sequence(frames, "frames");
  if (frames.size() == 0)
    in_.fail(frames, "sequence lists no frames", "such as [arp request, arp reply]");
  for (const YamlNode& item : frames) {
    const std::string text = in_.scalar(item, "a sequence item");
    std::istringstream words(text);
    SequenceItem s;
    std::string extra;
    words >> s.proto >> s.detail >> extra;
    if (!contains(kProtocols, s.proto))
      in_.fail(item, "sequence item " + quoted(text) + " does not start with a protocol",
               suggestion(s.proto, kProtocols, "protocols: "));
    if (!extra.empty())
      in_.fail(item, "sequence item " + quoted(text) + " has too many words",
               "PROTO and one detail, such as tcp SYN-ACK");
    if (!s.detail.empty()) {
      const ProtoDetail detail = proto_detail(s.proto);
      if (!detail.words)
        in_.fail(item, "sequence item " + quoted(text) + ": " + s.proto + " takes no detail",
                 "write just " + s.proto);
      if (!contains(*detail.words, s.detail))
        in_.fail(item,
                 "sequence item " + quoted(text) + ": unknown " + s.proto + " " + detail.key + " " +
                     quoted(s.detail),
                 suggestion(s.detail, *detail.words, "expected one of: "));
    }
    e.edit_tables().sequence.push_back(std::move(s));
  }
}

// A failed parse at a line indented with a tab: say so, as yaml-cpp's message
// ("illegal map value") does not.
std::optional<SourceLoc> tab_indentation(const std::string& text, int up_to_line) {
  std::optional<SourceLoc> found;
  int line = 1;
  size_t start = 0;
  while (start <= text.size() && line <= up_to_line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    for (size_t i = start; i < end && (text[i] == ' ' || text[i] == '\t'); ++i) {
      if (text[i] == '\t') {
        found = SourceLoc{line, static_cast<int>(i - start) + 1};
        break;
      }
    }
    start = end + 1;
    ++line;
  }
  return found;
}

YamlDocument parse_yaml(const std::string& text, const std::string& file_name) {
  try {
    return parse_yaml_tree(text, file_name);
  } catch (const YAML::Exception& e) {
    const SourceLoc at = loc_of(e.mark);
    if (const auto tab = tab_indentation(text, at.line > 0 ? at.line : INT32_MAX))
      throw ScenarioError(file_name, *tab, "tab character in indentation",
                          "YAML indents with spaces only");
    throw ScenarioError(file_name, at, "YAML syntax error: " + e.msg,
                        "check the indentation, brackets and quotes here and just above");
  }
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& file_name) {
  const YamlDocument doc = parse_yaml(text, file_name);
  return Loader(file_name).load(doc.root());
}

Scenario load_scenario_file(const std::string& path) {
  YamlDocument doc;
  {
    // Read once into a string of the file's size (an ostringstream grew by
    // doubling and then copied), and freed before the model is built.
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ScenarioError(path, {}, "cannot open the file", "check the path");
    std::string text;
    const std::streamoff size = in.seekg(0, std::ios::end) ? static_cast<std::streamoff>(in.tellg()) : -1;
    in.clear();
    in.seekg(0);
    if (size > 0) {
      text.resize(static_cast<size_t>(size));
      in.read(text.data(), size);
      text.resize(static_cast<size_t>(in.gcount()));
    } else {  // a pipe has no size
      in.clear();
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (in.bad()) throw ScenarioError(path, {}, "cannot read the file");
    doc = parse_yaml(text, path);
  }
  return Loader(path).load(doc.root());
}

}  // namespace netsim::scenario
