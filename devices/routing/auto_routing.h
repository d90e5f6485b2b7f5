// `routing: auto`: least-cost routes computed from the current topology, as
// a link-state protocol would converge to, recomputed on every change.
//
// The graph: one vertex per IP node with routing_auto (sorted by name); an
// edge from router A's interface to router B's interface when B is in A's
// broadcast domain through up links and up hubs/switches, weighted by the sum
// of the link costs along the cheapest such layer-2 path. Every network on
// an up interface of an auto router is advertised (hosts are reached through
// their routers' connected networks). For each network a router is not
// connected to, it picks the neighbour minimising (cost to a router that
// advertises it, then router hops, then the neighbour's name, then our
// interface's declaration order), and
// installs RouteOrigin::Auto routes via that neighbour's address. Connected
// and static routes win over auto ones to the same prefix (the table's order).
#pragma once
#include <vector>

#include "sim/net/node.h"

namespace netsim::devices {

class AutoRouting {
 public:
  // Every node of the network; those that are no auto router serve as layer 2
  // (hubs, switches) or are ignored (hosts, static routers).
  explicit AutoRouting(std::vector<Node*> nodes);
  // Recomputes and installs every auto router's routes (a down router gets none).
  void recompute();

 private:
  std::vector<Node*> nodes_;
};

}  // namespace netsim::devices
