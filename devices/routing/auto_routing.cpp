// Auto routing: layer-2 adjacency by cheapest path through hubs and switches
// (VLANs followed), then all-pairs shortest paths between routers with
// Boost.Graph's Dijkstra.
#include "devices/routing/auto_routing.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cstdint>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <tuple>

#include "devices/ip_node.h"
#include "devices/l3switch.h"
#include "sim/net/link.h"

namespace netsim::devices {

namespace {

// Path weight: total link cost in the high bits, router hops in the low 16,
// so one integer comparison orders by cost, then hops.
using Weight = uint64_t;
constexpr Weight kHop = 1;
constexpr int kCostShift = 16;
constexpr Weight kUnreachable = std::numeric_limits<Weight>::max();

// What a frame carries on a wire: an 802.1Q VID, or kUntagged.
constexpr int kUntagged = -1;

// One router interface seen from another across layer 2.
struct Adjacency {
  L3Interface* ours;          // egress interface
  size_t neighbour;           // router vertex
  const L3Interface* theirs;  // the neighbour's interface: its address is the next hop
  uint64_t cost;              // sum of link costs
};

// Port across `port`'s link, if the link is up and the far node is up.
const Port* far_end(const Port& port) {
  const Link* link = port.link();
  if (!link || !link->up()) return nullptr;
  const Port& far = link->other(port);
  return far.node().up() ? &far : nullptr;
}

// How a bridge port sends VLAN `vid`: kUntagged, the VID, or nullopt (not at all).
std::optional<int> egress_tag(const Switch& sw, const Port& out, uint16_t vid) {
  switch (sw.bridge().vlans(out.index()).egress(vid)) {
    case Egress::Drop:
      return std::nullopt;
    case Egress::Untagged:
      return kUntagged;
    case Egress::Tagged:
      return vid;
  }
  return std::nullopt;
}

// The broadcast domain of one router interface, as a Dijkstra over (port
// reached, tag on the wire): a hub repeats every frame as it is; a switch
// classifies it into a VLAN at the ingress port and sends it out of every
// port carrying that VLAN, tagged as each requires; a host or router port
// takes untagged frames. `reached(node, iface, cost)` hears of each IP
// interface found (an IP node's port, or an l3switch's SVI), cheapest first.
template <typename Reached>
void walk_domain(const L3Interface& from, const Node& owner, Reached&& reached) {
  using Item = std::tuple<uint64_t, uint64_t, const Port*, int>;  // cost, order, port, tag
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  uint64_t order = 0;
  auto send = [&](const Port& out, uint64_t cost, int tag) {
    if (const Port* far = far_end(out))
      queue.emplace(cost + out.link()->params().cost, order++, far, tag);
  };
  // A bridge floods VLAN `vid` out of its ports that carry it.
  auto flood = [&](const Switch& sw, uint16_t vid, uint64_t cost) {
    for (const auto& out : sw.ports())
      if (const auto tag = egress_tag(sw, *out, vid)) send(*out, cost, *tag);
  };
  if (const auto* nic = dynamic_cast<const PortInterface*>(&from)) send(nic->port(), 0, kUntagged);
  if (const auto* svi = dynamic_cast<const Svi*>(&from))
    flood(static_cast<const Switch&>(owner), svi->vid(), 0);

  std::set<std::pair<const Node*, int>> expanded;  // (node, VLAN or tag) already flooded
  while (!queue.empty()) {
    const auto [cost, seq, at, tag] = queue.top();
    queue.pop();
    const Node& node = at->node();
    if (&node == &owner) continue;
    if (node.kind() == NodeKind::Hub) {
      if (!expanded.insert({&node, tag}).second) continue;
      for (const auto& out : node.ports()) send(*out, cost, tag);
      continue;
    }
    if (const auto* sw = dynamic_cast<const Switch*>(&node)) {
      const auto c =
          sw->bridge()
              .vlans(at->index())
              .classify(tag == kUntagged ? std::nullopt
                                         : std::optional<uint16_t>(static_cast<uint16_t>(tag)));
      if (c.verdict != IngressVerdict::Accepted || !expanded.insert({&node, c.vid}).second)
        continue;
      if (const auto* l3 = dynamic_cast<const L3Switch*>(sw))
        if (const Svi* svi = l3->vlan_interface(c.vid)) reached(node, *svi, cost);
      flood(*sw, c.vid, cost);
      continue;
    }
    if (const auto* ip = dynamic_cast<const IpNode*>(&node); ip && tag == kUntagged)
      reached(node, ip->interface(*at), cost);
  }
}

}  // namespace

AutoRouting::AutoRouting(std::vector<Node*> nodes) : nodes_(std::move(nodes)) {}

void AutoRouting::recompute() {
  // Vertices: auto routers (routers and l3switches) in name order, so every
  // tie below is broken by name.
  std::vector<IpHost*> routers;
  for (Node* n : nodes_)
    if (IpHost* ip = ip_host(*n); ip && ip->routing_auto()) routers.push_back(ip);
  std::sort(routers.begin(), routers.end(),
            [](const IpHost* a, const IpHost* b) { return a->node().name() < b->node().name(); });
  std::map<const Node*, size_t> vertex_of;
  for (size_t i = 0; i < routers.size(); ++i) vertex_of[&routers[i]->node()] = i;

  auto usable_interface = [](const IpHost& r, const L3Interface& i) {
    return r.node().up() && i.carrier() && r.stack().interface_address(i).has_value();
  };

  // Layer-2 adjacencies of every up router interface.
  std::vector<std::vector<Adjacency>> adjacent(routers.size());
  for (size_t a = 0; a < routers.size(); ++a) {
    for (const Interface& own : routers[a]->stack().interfaces()) {
      if (!own.iface || !usable_interface(*routers[a], *own.iface)) continue;
      std::set<const L3Interface*> found;
      walk_domain(*own.iface, routers[a]->node(),
                  [&](const Node& node, const L3Interface& at, uint64_t cost) {
                    auto v = vertex_of.find(&node);
                    if (v == vertex_of.end() || v->second == a) return;
                    if (!usable_interface(*routers[v->second], at) || !found.insert(&at).second)
                      return;
                    adjacent[a].push_back({own.iface, v->second, &at, cost});
                  });
    }
  }

  // All-pairs least weights between routers.
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                            boost::property<boost::edge_weight_t, Weight>>;
  Graph graph(routers.size());
  for (size_t a = 0; a < routers.size(); ++a)
    for (const Adjacency& adj : adjacent[a])
      boost::add_edge(a, adj.neighbour, (adj.cost << kCostShift) + kHop, graph);
  std::vector<std::vector<Weight>> dist(routers.size(),
                                        std::vector<Weight>(routers.size(), kUnreachable));
  for (size_t s = 0; s < routers.size(); ++s)
    boost::dijkstra_shortest_paths(graph, s,
                                   boost::distance_map(boost::make_iterator_property_map(
                                       dist[s].begin(), get(boost::vertex_index, graph))));

  // The networks on up interfaces, and who advertises each.
  std::map<wire::Ipv4Prefix, std::vector<size_t>> advertisers;
  for (size_t r = 0; r < routers.size(); ++r)
    for (const Interface& i : routers[r]->stack().interfaces())
      if (i.iface && usable_interface(*routers[r], *i.iface))
        advertisers[{i.address->network(), i.address->length}].push_back(r);

  for (size_t a = 0; a < routers.size(); ++a) {
    std::vector<Route> routes;
    if (routers[a]->node().up()) {
      for (const auto& [network, owners] : advertisers) {
        if (std::find(owners.begin(), owners.end(), a) != owners.end()) continue;  // connected wins
        const Adjacency* chosen = nullptr;
        Weight chosen_weight = kUnreachable;
        for (const Adjacency& adj : adjacent[a]) {
          for (size_t owner : owners) {
            const Weight rest = dist[adj.neighbour][owner];
            if (rest == kUnreachable) continue;
            const Weight w = (adj.cost << kCostShift) + kHop + rest;
            // Adjacencies come in interface order, so ties keep the earlier
            // interface; among neighbours the lower vertex (name) wins.
            if (!chosen || w < chosen_weight ||
                (w == chosen_weight && adj.neighbour < chosen->neighbour)) {
              chosen = &adj;
              chosen_weight = w;
            }
          }
        }
        if (!chosen) continue;
        Route route;
        route.to = network;
        route.via = routers[chosen->neighbour]->stack().interface_address(*chosen->theirs)->address;
        route.iface = chosen->ours;
        route.origin = RouteOrigin::Auto;
        route.metric = static_cast<uint32_t>(chosen_weight >> kCostShift);
        routes.push_back(route);
      }
    }
    routers[a]->stack().replace_auto_routes(std::move(routes));
  }
}

}  // namespace netsim::devices
