// Auto routing: layer-2 adjacency by cheapest path through hubs and switches,
// then all-pairs shortest paths between routers with Boost.Graph's Dijkstra.
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
#include "sim/net/link.h"

namespace netsim::devices {

namespace {

// Path weight: total link cost in the high bits, router hops in the low 16,
// so one integer comparison orders by cost, then hops.
using Weight = uint64_t;
constexpr Weight kHop = 1;
constexpr int kCostShift = 16;
constexpr Weight kUnreachable = std::numeric_limits<Weight>::max();

bool is_layer2(const Node& n) { return n.kind() == NodeKind::Hub || n.kind() == NodeKind::Switch; }

// One router interface seen from another across layer 2.
struct Adjacency {
  Port* ours;          // egress interface
  size_t neighbour;    // router vertex
  const Port* theirs;  // the neighbour's interface: its address is the next hop
  uint64_t cost;       // sum of link costs
};

// Port across `port`'s link, if the link is up and the far node is up.
const Port* far_end(const Port& port) {
  const Link* link = port.link();
  if (!link || !link->up()) return nullptr;
  const Port& far = link->other(port);
  return far.node().up() ? &far : nullptr;
}

}  // namespace

AutoRouting::AutoRouting(std::vector<Node*> nodes) : nodes_(std::move(nodes)) {}

void AutoRouting::recompute() {
  // Vertices: auto routers in name order, so every tie below is broken by name.
  std::vector<IpNode*> routers;
  for (Node* n : nodes_)
    if (auto* ip = dynamic_cast<IpNode*>(n); ip && ip->routing_auto()) routers.push_back(ip);
  std::sort(routers.begin(), routers.end(),
            [](const IpNode* a, const IpNode* b) { return a->name() < b->name(); });
  std::map<const Node*, size_t> vertex_of;
  for (size_t i = 0; i < routers.size(); ++i) vertex_of[routers[i]] = i;

  auto usable_interface = [](const IpNode& r, const Port& p) {
    return r.up() && p.carrier() && r.stack().interface_address(r.interface(p)).has_value();
  };

  // Layer-2 adjacencies of every up router interface: Dijkstra over the
  // ports reached, expanding through hubs and switches only.
  std::vector<std::vector<Adjacency>> adjacent(routers.size());
  for (size_t a = 0; a < routers.size(); ++a) {
    for (const auto& own : routers[a]->ports()) {
      if (!usable_interface(*routers[a], *own)) continue;
      using Item = std::tuple<uint64_t, uint64_t, const Port*>;  // cost, order, port arrived at
      std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
      uint64_t order = 0;
      std::set<const Node*> expanded;
      std::map<const Port*, uint64_t> best;  // router interfaces reached
      if (const Port* far = far_end(*own)) queue.emplace(own->link()->params().cost, order++, far);
      while (!queue.empty()) {
        const auto [cost, seq, at] = queue.top();
        queue.pop();
        const Node& node = at->node();
        if (is_layer2(node)) {
          if (!expanded.insert(&node).second) continue;
          for (const auto& out : node.ports())
            if (const Port* next = far_end(*out))
              queue.emplace(cost + out->link()->params().cost, order++, next);
          continue;
        }
        auto v = vertex_of.find(&node);
        if (v == vertex_of.end() || v->second == a) continue;
        if (!usable_interface(*routers[v->second], *at) || best.count(at)) continue;
        best.emplace(at, cost);
        adjacent[a].push_back({own.get(), v->second, at, cost});
      }
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
    for (const auto& p : routers[r]->ports())
      if (usable_interface(*routers[r], *p)) {
        const auto address = *routers[r]->stack().interface_address(routers[r]->interface(*p));
        advertisers[{address.network(), address.length}].push_back(r);
      }

  for (size_t a = 0; a < routers.size(); ++a) {
    std::vector<Route> routes;
    if (routers[a]->up()) {
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
        const IpNode& neighbour = *routers[chosen->neighbour];
        route.via =
            neighbour.stack().interface_address(neighbour.interface(*chosen->theirs))->address;
        route.iface = &routers[a]->interface(*chosen->ours);
        route.origin = RouteOrigin::Auto;
        route.metric = static_cast<uint32_t>(chosen_weight >> kCostShift);
        routes.push_back(route);
      }
    }
    routers[a]->stack().replace_auto_routes(std::move(routes));
  }
}

}  // namespace netsim::devices
