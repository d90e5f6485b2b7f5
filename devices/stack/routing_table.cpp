// Route ordering, longest prefix match and next-hop binding.
#include "devices/stack/routing_table.h"

#include <algorithm>

namespace netsim::devices {

std::string_view to_string(RouteOrigin origin) {
  switch (origin) {
    case RouteOrigin::Connected:
      return "connected";
    case RouteOrigin::Static:
      return "static";
    case RouteOrigin::Auto:
      return "auto";
  }
  return "unknown";
}

bool RoutingTable::before(const Route& a, const Route& b) {
  if (a.to.length != b.to.length) return a.to.length > b.to.length;
  if (a.origin != b.origin) return a.origin < b.origin;
  return a.metric < b.metric;
}

void RoutingTable::add(Route route) {
  route.to = {route.to.network(), route.to.length};
  // upper_bound: equal routes keep insertion order.
  routes_.insert(std::upper_bound(routes_.begin(), routes_.end(), route, before), std::move(route));
}

void RoutingTable::remove(RouteOrigin origin, const L3Interface& iface) {
  std::erase_if(routes_, [&](const Route& r) { return r.origin == origin && r.iface == &iface; });
}

void RoutingTable::remove(const Route& route) {
  std::erase_if(routes_, [&](const Route& r) { return r == route; });
}

void RoutingTable::replace_origin(RouteOrigin origin, std::vector<Route> routes) {
  std::erase_if(routes_, [origin](const Route& r) { return r.origin == origin; });
  for (Route& r : routes) add(std::move(r));
}

const Route* RoutingTable::connected_route_for(wire::Ipv4Address address) const {
  for (const Route& r : routes_)
    if (r.origin == RouteOrigin::Connected && r.to.contains(address)) return &r;
  return nullptr;
}

void RoutingTable::resolve_next_hops() {
  for (Route& r : routes_) {
    if (r.dev_given || !r.via || r.origin == RouteOrigin::Connected) continue;
    const Route* connected = connected_route_for(*r.via);
    r.iface = connected ? connected->iface : nullptr;
  }
}

const Route* RoutingTable::lookup(wire::Ipv4Address dst) const {
  const Route* dead = nullptr;
  for (const Route& r : routes_) {
    if (!r.iface || !r.to.contains(dst)) continue;
    if (r.iface->carrier()) return &r;
    if (!dead) dead = &r;
  }
  return dead;
}

std::vector<Route> RoutingTable::rows() const {
  std::vector<Route> out = routes_;
  std::stable_sort(out.begin(), out.end(), [](const Route& a, const Route& b) {
    if (a.to.address != b.to.address) return a.to.address < b.to.address;
    if (a.to.length != b.to.length) return a.to.length < b.to.length;
    if (a.origin != b.origin) return a.origin < b.origin;
    return a.metric < b.metric;
  });
  return out;
}

}  // namespace netsim::devices
