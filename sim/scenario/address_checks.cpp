// Broadcast domains follow the links and the VLANs: a switch is one domain
// per VLAN ("sw/v10"), which its access ports, trunks and SVIs join; a hub
// is one domain for untagged frames and carries every VLAN tagged. Untagged
// frames ignore VLAN numbers: an access port in VLAN 10 cabled to one in
// VLAN 20 joins the two (as the contract says). A duplicate is a warning,
// never a refusal.
#include "sim/scenario/address_checks.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>

namespace netsim::scenario {
namespace {

std::optional<std::string> unusable(wire::Ipv4Address a) {
  const uint32_t top = a.value >> 24;
  if (a == wire::Ipv4Address::broadcast()) return "the limited broadcast address";
  if (top == 0) return "in 0.0.0.0/8, which means 'this network' and is never a node's";
  if (top == 127) return "a loopback address (127.0.0.0/8)";
  if (top >= 224 && top < 240) return "a multicast address (224.0.0.0/4)";
  if (top >= 240) return "a reserved address (240.0.0.0/4)";
  return std::nullopt;
}

bool switching(NodeKind k) {
  return k == NodeKind::Switch || k == NodeKind::L3Switch || k == NodeKind::Hub;
}

std::string vlan_key(const std::string& bridge, int vlan) { return bridge + "/v" + std::to_string(vlan); }

// Union-find over domain keys: "node:iface" for an IP interface on a wire,
// "bridge/vN" for VLAN N inside a switch (N = 0: a hub's untagged side).
class Domains {
 public:
  explicit Domains(const Scenario& sc) : sc_(sc) {
    for (const NodeSpec& n : sc.nodes) {
      for (const PortSpec& p : n.ports) {
        every_vlan_.push_back(p.vlan);
        every_vlan_.insert(every_vlan_.end(), p.trunk.begin(), p.trunk.end());
      }
      for (const InterfaceSpec& i : n.interfaces)
        if (i.vlan > 0) every_vlan_.push_back(i.vlan);
    }
    for (const LinkSpec& l : sc.links) {
      const End a = end_of(l.a.node, l.a.iface), b = end_of(l.b.node, l.b.iface);
      if (a.untagged && b.untagged) join(*a.untagged, *b.untagged);
      for (int v : a.tagged)
        if (std::find(b.tagged.begin(), b.tagged.end(), v) != b.tagged.end())
          join(vlan_key(l.a.node, v), vlan_key(l.b.node, v));
    }
  }
  // The domain of an IP interface: its wire's, or its VLAN's for an SVI.
  std::string of(const NodeSpec& node, const InterfaceSpec& iface) {
    return root(iface.vlan > 0 ? vlan_key(node.name, iface.vlan) : node.name + ":" + iface.name);
  }

 private:
  // What one end of a link carries: the domain of its untagged frames (none
  // on a trunk without a native VLAN) and the VLANs it carries tagged.
  struct End {
    std::optional<std::string> untagged;
    std::vector<int> tagged;
  };
  End end_of(const std::string& node, const std::string& iface) const {
    const NodeSpec* n = sc_.find_node(node);
    if (n == nullptr || !switching(n->kind)) return {node + ":" + iface, {}};
    if (n->kind == NodeKind::Hub) return {vlan_key(node, 0), every_vlan_};
    for (const InterfaceSpec& i : n->interfaces)  // an l3switch's routed port
      if (i.name == iface && i.vlan == 0) return {node + ":" + iface, {}};
    PortSpec port;  // unlisted: an access port in VLAN 1
    for (const PortSpec& p : n->ports)
      if (p.name == iface) port = p;
    if (port.trunk.empty()) return {vlan_key(node, port.vlan), {}};
    End e;
    if (port.native) e.untagged = vlan_key(node, *port.native);
    for (int v : port.trunk)
      if (v != port.native) e.tagged.push_back(v);
    return e;
  }
  std::string root(const std::string& k) {
    std::string r = k;
    while (parent_.count(r) && parent_[r] != r) r = parent_[r];
    parent_[k] = r;
    return r;
  }
  void join(const std::string& a, const std::string& b) { parent_[root(a)] = root(b); }

  const Scenario& sc_;
  std::vector<int> every_vlan_;  // a hub carries whatever is tagged
  std::map<std::string, std::string> parent_;
};

class Checker {
 public:
  Checker(const Scenario& sc, const std::string& file) : sc_(sc), file_(file), domains_(sc) {}

  std::vector<std::string> run() {
    for (const NodeSpec& node : sc_.nodes) check_node(node);
    return std::move(warnings_);
  }

 private:
  [[noreturn]] void fail(SourceLoc at, std::string what, std::string hint) const {
    throw ScenarioError(file_, at, std::move(what), std::move(hint));
  }
  void warn(SourceLoc at, const std::string& what) {
    warnings_.push_back(file_ + ":" + std::to_string(at.line) + ":" + std::to_string(at.col) +
                        ": warning: " + what);
  }
  void usable(SourceLoc at, wire::Ipv4Address a, const std::string& what) const {
    if (const auto why = unusable(a))
      fail(at, what + " " + a.to_string() + " is " + *why,
           "a node's address is a unicast address such as 192.168.1.10");
  }

  void check_node(const NodeSpec& node) {
    const std::string who = "'" + node.name + "'";
    for (const InterfaceSpec& iface : node.interfaces) {
      const std::string where = "'" + node.name + ":" + iface.name + "'";
      const std::string domain = domains_.of(node, iface);
      if (iface.ip) {
        usable(iface.loc, iface.ip->address, "the address of " + where);
        seen(ip_owners_, domain + " " + iface.ip->address.to_string(), iface.loc,
             "two interfaces with the address " + iface.ip->address.to_string() +
                 " in one broadcast domain: " + where);
        for (const InterfaceSpec& other : node.interfaces) {
          if (&other == &iface) break;
          if (other.ip && (other.ip->contains(iface.ip->address) || iface.ip->contains(other.ip->address)))
            warn(iface.loc, "the subnets of " + where + " (" + iface.ip->to_string() + ") and '" +
                                node.name + ":" + other.name + "' (" + other.ip->to_string() +
                                ") overlap on one node: which interface a packet leaves by is a guess");
        }
      }
      if (iface.mac && iface.vlan == 0)  // an l3switch's SVIs share the bridge's MAC
        seen(mac_owners_, domain + " " + iface.mac->to_string(), iface.loc,
             "two interfaces with the MAC " + iface.mac->to_string() + " in one broadcast domain: " +
                 where);
    }
    const auto own = [&](wire::Ipv4Address a) {
      for (const InterfaceSpec& iface : node.interfaces)
        if (iface.ip && iface.ip->address == a) return true;
      return false;
    };
    if (node.gateway) {
      usable(node.loc, *node.gateway, "the gateway of " + who);
      if (own(*node.gateway))
        warn(node.loc, "the gateway of " + who + " is " + node.gateway->to_string() +
                           ", its own address: packets for other networks go nowhere");
    }
    for (const RouteSpec& r : node.routes) {
      if (!r.via) continue;
      usable(r.loc, *r.via, "the next hop of a route of " + who);
      if (own(*r.via))
        fail(r.loc, "the next hop " + r.via->to_string() + " of a route of " + who + " is the node itself",
             "the next hop is a neighbour's address on a connected network");
      if (r.to.length == 0 && node.gateway && *node.gateway != *r.via)
        warn(r.loc, "the default route of " + who + " goes via " + r.via->to_string() +
                        " but its gateway is " + node.gateway->to_string() + ": which one is meant?");
    }
  }

  void seen(std::map<std::string, SourceLoc>& owners, const std::string& key, SourceLoc at,
            const std::string& what) {
    const auto [it, inserted] = owners.try_emplace(key, at);
    if (!inserted)
      warn(at, what + " (the other at " + std::to_string(it->second.line) + ":" +
                   std::to_string(it->second.col) + ")");
  }

  const Scenario& sc_;
  const std::string& file_;
  Domains domains_;
  std::map<std::string, SourceLoc> ip_owners_, mac_owners_;
  std::vector<std::string> warnings_;
};

}  // namespace

std::vector<std::string> check_addresses(const Scenario& sc, const std::string& file) {
  return Checker(sc, file).run();
}

}  // namespace netsim::scenario
