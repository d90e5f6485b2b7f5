// `dhcp_server: {IFACE: POOL | [POOL, ...]}` and `dhcp_relay: {IFACE: SERVER}`.
#include "sim/scenario/dhcp_keys.h"

namespace netsim::scenario {

namespace {

const InterfaceSpec& interface_named(const YamlReader& in, const YamlNode& at,
                                     const NodeSpec& node, std::string_view what) {
  const std::string name = in.scalar(at, what);
  std::vector<std::string> names;
  for (const InterfaceSpec& i : node.interfaces) {
    if (i.name == name) return i;
    names.push_back(i.name);
  }
  in.fail(at, std::string(what) + ": " + quoted(node.name) + " has no interface " + quoted(name),
          names.empty() ? "declare it under the node's interfaces" : suggestion(name, names));
}

std::vector<wire::Ipv4Address> address_list(const YamlReader& in, const YamlNode& n,
                                            std::string_view what) {
  std::vector<wire::Ipv4Address> out;
  if (!n.IsSequence()) return {in.ipv4(n, what)};
  for (const YamlNode& item : n) out.push_back(in.ipv4(item, what));
  if (out.empty()) in.fail(n, std::string(what) + " lists no address", "such as [192.168.1.1]");
  return out;
}

devices::DhcpPool load_pool(const YamlReader& in, const YamlNode& map,
                            const InterfaceSpec& iface) {
  const std::string what = "a pool of " + quoted(iface.name);
  in.require_map(map, what);
  in.check_keys(map, {"pool", "subnet", "gateway", "dns", "lease"}, what);
  devices::DhcpPool pool;
  const YamlNode range = in.required(map, "pool", what);
  const std::string text = in.scalar(range, "pool");
  const size_t dash = text.find('-');
  const auto first = wire::Ipv4Address::parse(text.substr(0, dash));
  const auto last =
      dash == std::string::npos ? std::nullopt : wire::Ipv4Address::parse(text.substr(dash + 1));
  if (!first || !last)
    in.fail(range, "pool " + quoted(text) + " is not FIRST-LAST",
            "such as pool: 192.168.1.100-192.168.1.199");
  if (*last < *first)
    in.fail(range, "pool " + quoted(text) + " runs backwards",
            "the first address comes first: " + last->to_string() + "-" + first->to_string());
  pool.first = *first;
  pool.last = *last;
  const YamlNode subnet = map["subnet"];
  if (subnet.IsDefined()) {
    const wire::Ipv4Prefix p = in.prefix(subnet, "subnet");
    pool.subnet = {p.network(), p.length};
  } else if (iface.ip) {
    pool.subnet = {iface.ip->network(), iface.ip->length};
  } else {
    in.fail(map, what + " needs a subnet: " + quoted(iface.name) + " has no static address",
            "give subnet: such as 192.168.1.0/24");
  }
  const YamlNode& blame = subnet.IsDefined() ? subnet : range;
  for (const wire::Ipv4Address a : {pool.first, pool.last}) {
    if (!pool.subnet.contains(a))
      in.fail(blame, "pool " + quoted(text) + " is outside its subnet " + pool.subnet.to_string(),
              subnet.IsDefined() ? "a pool lies inside its subnet"
                                 : "a relayed subnet's pool gives its subnet, such as subnet: 10.1.0.0/24");
    if (pool.subnet.length < 31 &&
        (a == pool.subnet.network() || a == pool.subnet.directed_broadcast()))
      in.fail(range, "pool " + quoted(text) + " holds the " +
                         (a == pool.subnet.network() ? "network" : "broadcast") + " address " +
                         a.to_string(),
              "hand out host addresses only");
  }
  if (const YamlNode n = map["gateway"]; n.IsDefined()) pool.gateway = in.ipv4(n, "gateway");
  if (const YamlNode n = map["dns"]; n.IsDefined()) pool.dns = address_list(in, n, "dns");
  if (const YamlNode n = map["lease"]; n.IsDefined()) {
    pool.lease = in.duration(n, "lease");
    if (pool.lease < seconds(1))
      in.fail(n, "lease " + format_duration(pool.lease) + " is too short",
              "at least 1s, such as lease: 1h");
  }
  return pool;
}

}  // namespace

std::vector<devices::DhcpServedInterface> load_dhcp_server(const YamlReader& in,
                                                           const YamlNode& map,
                                                           const NodeSpec& node) {
  std::vector<devices::DhcpServedInterface> out;
  in.require_map(map, "dhcp_server");
  in.check_unique_keys(map);
  for (const auto& entry : map) {
    const InterfaceSpec& iface = interface_named(in, entry.first, node, "dhcp_server");
    if (iface.dhcp)
      in.fail(entry.first, "dhcp_server on " + quoted(iface.name) + ", a DHCP client interface",
              "serve from an interface with a static ip");
    devices::DhcpServedInterface served{iface.name, {}};
    if (entry.second.IsSequence()) {
      if (entry.second.size() == 0)
        in.fail(entry.second, "dhcp_server on " + quoted(iface.name) + " lists no pool");
      for (const YamlNode& item : entry.second) served.pools.push_back(load_pool(in, item, iface));
    } else {
      served.pools.push_back(load_pool(in, entry.second, iface));
    }
    // giaddr picks one pool: no two may share addresses or a subnet.
    for (size_t i = 0; i < served.pools.size(); ++i)
      for (size_t j = 0; j < i; ++j) {
        const auto& a = served.pools[i];
        const auto& b = served.pools[j];
        if (a.subnet.contains(b.subnet.network()) || b.subnet.contains(a.subnet.network()))
          in.fail(entry.second[i], "pools " + std::to_string(j + 1) + " and " +
                                       std::to_string(i + 1) + " of " + quoted(iface.name) +
                                       " overlap (" + a.subnet.to_string() + ", " +
                                       b.subnet.to_string() + ")",
                  "one pool per subnet: giaddr picks it");
      }
    out.push_back(std::move(served));
  }
  return out;
}

std::vector<devices::DhcpRelayInterface> load_dhcp_relay(const YamlReader& in,
                                                         const YamlNode& map,
                                                         const NodeSpec& node) {
  std::vector<devices::DhcpRelayInterface> out;
  in.require_map(map, "dhcp_relay");
  in.check_unique_keys(map);
  for (const auto& entry : map) {
    const InterfaceSpec& iface = interface_named(in, entry.first, node, "dhcp_relay");
    if (!iface.ip)
      in.fail(entry.first, "dhcp_relay on " + quoted(iface.name) + ", which has no static ip",
              "the relay writes its interface's address into giaddr");
    for (const auto& served : node.dhcp_server)
      if (served.iface == iface.name)
        in.fail(entry.first, quoted(iface.name) + " both serves and relays DHCP",
                "an interface has a dhcp_server or a dhcp_relay, not both");
    const wire::Ipv4Address server = in.ipv4(entry.second, "DHCP server");
    if (server.is_zero() || server == wire::Ipv4Address::broadcast())
      in.fail(entry.second, "DHCP server " + server.to_string() + " is no host address",
              "the central server's unicast address, such as 10.0.0.5");
    out.push_back({iface.name, server});
  }
  return out;
}

void check_dhcp_client(const YamlReader& in, const YamlNode& at, const NodeSpec& node,
                       const std::string& iface) {
  for (const InterfaceSpec& i : node.interfaces)
    if (i.name == iface && i.dhcp) return;
  in.fail(at, quoted(node.name + ":" + iface) + " is no DHCP client",
          "dhcp_release names an interface with dhcp: true");
}

}  // namespace netsim::scenario
