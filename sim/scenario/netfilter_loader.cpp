// `nat:` (inside/outside interface names, timeouts, forwards) and
// `virtual_servers:` (vip, proto, scheduler, real), with file:line:col errors.
#include "sim/scenario/netfilter_loader.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

namespace netsim::scenario {

namespace {

using devices::Endpoint;

class NetfilterReader {
 public:
  NetfilterReader(const YamlReader& in, const NodeSpec& node) : in_(in), node_(node) {
    for (const InterfaceSpec& i : node.interfaces) interfaces_.push_back(i.name);
  }

  devices::NatConfig nat(const YamlNode& map, devices::ConnTimeouts& timeouts) const {
    in_.require_map(map, "nat of " + quoted(node_.name));
    in_.check_keys(map, {"inside", "outside", "timeout", "forwards"}, "nat");
    devices::NatConfig nat;
    const YamlNode outside = in_.required(map, "outside", "nat");
    nat.outside = interface(outside, "nat outside");
    const YamlNode inside = in_.required(map, "inside", "nat");
    if (inside.IsScalar()) {
      nat.inside.push_back(interface(inside, "nat inside"));
    } else {
      in_.require_sequence(inside, "nat inside");
      for (const YamlNode& i : inside) nat.inside.push_back(interface(i, "nat inside"));
    }
    if (nat.inside.empty())
      in_.fail(inside, "nat inside lists no interface", "such as inside: [lan]");
    if (std::find(nat.inside.begin(), nat.inside.end(), nat.outside) != nat.inside.end())
      in_.fail(inside, "interface " + quoted(nat.outside) + " is both inside and outside",
               "the outside interface carries the public address; the inside ones the private networks");
    if (const YamlNode t = map["timeout"]; t.IsDefined() && in_.map_or_null(t, "nat timeout")) {
      in_.check_keys(t, {"tcp", "udp", "icmp"}, "nat timeout");
      if (const YamlNode n = t["tcp"]; n.IsDefined()) timeouts.tcp = positive(n, "tcp timeout");
      if (const YamlNode n = t["udp"]; n.IsDefined()) timeouts.udp = positive(n, "udp timeout");
      if (const YamlNode n = t["icmp"]; n.IsDefined()) timeouts.icmp = positive(n, "icmp timeout");
    }
    if (const YamlNode list = map["forwards"]; list.IsDefined() && !list.IsNull()) {
      in_.require_sequence(list, "nat forwards");
      for (const YamlNode& item : list) {
        in_.require_map(item, "a forward");
        in_.check_keys(item, {"proto", "port", "to"}, "a forward");
        devices::PortForward f;
        f.protocol = protocol(in_.required(item, "proto", "a forward"));
        const YamlNode port = in_.required(item, "port", "a forward");
        f.port = static_cast<uint16_t>(in_.integer(port, "forwarded port", 1, 65535));
        f.to = endpoint(in_.required(item, "to", "a forward"), "forward to", std::nullopt);
        for (const devices::PortForward& g : nat.forwards)
          if (g.protocol == f.protocol && g.port == f.port)
            in_.fail(port, "port " + std::to_string(f.port) + " is forwarded twice",
                     "one forward per protocol and port");
        nat.forwards.push_back(f);
      }
    }
    return nat;
  }

  std::vector<devices::VirtualServerConfig> virtual_servers(const YamlNode& list) const {
    std::vector<devices::VirtualServerConfig> servers;
    if (list.IsNull()) return servers;
    in_.require_sequence(list, "virtual_servers of " + quoted(node_.name));
    for (const YamlNode& item : list) {
      in_.require_map(item, "a virtual server");
      in_.check_keys(item, {"vip", "proto", "scheduler", "real"}, "a virtual server");
      devices::VirtualServerConfig vs;
      const YamlNode vip = in_.required(item, "vip", "a virtual server");
      vs.vip = endpoint(vip, "vip", std::nullopt);
      if (const YamlNode n = item["proto"]; n.IsDefined()) vs.protocol = protocol(n);
      if (const YamlNode n = item["scheduler"]; n.IsDefined())
        vs.scheduler = *devices::parse_vs_scheduler(
            in_.choice(n, "scheduler", {"round-robin", "least-connections", "source-hash"}));
      const YamlNode real = in_.required(item, "real", "a virtual server");
      in_.require_sequence(real, "real");
      for (const YamlNode& r : real) vs.real.push_back(endpoint(r, "real server", vs.vip.port));
      if (vs.real.empty())
        in_.fail(real, "a virtual server needs at least one real server",
                 "such as real: [192.168.1.21:80, 192.168.1.22:80]");
      for (const devices::VirtualServerConfig& other : servers)
        if (other.vip == vs.vip && other.protocol == vs.protocol)
          in_.fail(vip, "virtual server " + in_.scalar(vip, "vip") + " is given twice",
                   "one entry per VIP, port and protocol");
      servers.push_back(std::move(vs));
    }
    return servers;
  }

 private:
  std::string interface(const YamlNode& n, std::string_view what) const {
    const std::string name = in_.scalar(n, what);
    if (std::find(interfaces_.begin(), interfaces_.end(), name) == interfaces_.end())
      in_.fail(n, std::string(what) + ": " + quoted(node_.name) + " has no interface " + quoted(name),
               interfaces_.empty() ? "declare its interfaces first"
                                   : suggestion(name, interfaces_, "its interfaces: "));
    return name;
  }

  Time positive(const YamlNode& n, std::string_view what) const {
    const Time t = in_.duration(n, what);
    if (t <= Time{0}) in_.fail(n, std::string(what) + " must be longer than 0", "such as 30s");
    return t;
  }

  wire::IpProtocol protocol(const YamlNode& n) const {
    return in_.choice(n, "proto", {"tcp", "udp"}) == "tcp" ? wire::IpProtocol::Tcp
                                                            : wire::IpProtocol::Udp;
  }

  // "IP:port"; the port may be left out when `default_port` is given.
  Endpoint endpoint(const YamlNode& n, std::string_view what,
                    std::optional<uint16_t> default_port) const {
    const std::string text = in_.scalar(n, what);
    const size_t colon = text.find(':');
    const auto address = wire::Ipv4Address::parse(std::string_view(text).substr(0, colon));
    unsigned port = default_port.value_or(0);
    bool ok = address.has_value() && (colon != std::string::npos || default_port);
    if (ok && colon != std::string::npos) {
      const char* end = text.data() + text.size();
      const auto [p, ec] = std::from_chars(text.data() + colon + 1, end, port);
      ok = ec == std::errc{} && p == end && port >= 1 && port <= 65535;
    }
    if (!ok) in_.fail(n, std::string(what) + " " + quoted(text) + " is not an address and port",
                      "IP:port, such as 192.168.1.20:80");
    if (address->is_zero() || *address == wire::Ipv4Address::broadcast() || address->value >> 28 == 0xe ||
        address->value >> 24 == 127)
      in_.fail(n, std::string(what) + " " + quoted(text) + " names no single host",
               "a unicast address, such as 192.168.1.20:80");
    return Endpoint{*address, static_cast<uint16_t>(port)};
  }

  const YamlReader& in_;
  const NodeSpec& node_;
  std::vector<std::string> interfaces_;
};

}  // namespace

devices::NetfilterConfig load_netfilter(const YamlReader& in, const YamlNode& node_map,
                                        const NodeSpec& node) {
  devices::NetfilterConfig config;
  const NetfilterReader reader(in, node);
  if (const YamlNode n = node_map["nat"]; n.IsDefined()) config.nat = reader.nat(n, config.timeouts);
  if (const YamlNode n = node_map["virtual_servers"]; n.IsDefined())
    config.virtual_servers = reader.virtual_servers(n);
  return config;
}

}  // namespace netsim::scenario
