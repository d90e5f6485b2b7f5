// An IPv4 routing table: connected, static and auto routes, longest prefix
// match. Routes sit in one vector in match order (prefix length descending,
// then origin: connected before static before auto, like administrative
// distance, then metric; insertion order otherwise), so a lookup is a scan
// that stops at the first usable match. Tables here hold tens of routes: a
// contiguous scan beats a trie's pointer chasing at that size and keeps the
// tie rules in one comparison.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "devices/stack/l3_interface.h"
#include "sim/wire/address.h"

namespace netsim::devices {

enum class RouteOrigin : uint8_t { Connected, Static, Auto };
std::string_view to_string(RouteOrigin origin);  // "connected", "static", "auto"

struct Route {
  wire::Ipv4Prefix to;                   // network address: host bits clear
  std::optional<wire::Ipv4Address> via;  // next hop; none: the destination is on-link
  L3Interface* iface = nullptr;          // egress; null while `via` is on no connected network
  RouteOrigin origin = RouteOrigin::Static;
  uint32_t metric = 0;
  bool dev_given = false;  // the egress was configured (`dev:`), not derived from `via`
  bool operator==(const Route&) const = default;
};

class RoutingTable {
 public:
  // Inserts in match order. `to` is normalised to its network address.
  void add(Route route);
  // Removes every route of `origin` through `iface` (it lost its address).
  void remove(RouteOrigin origin, const L3Interface& iface);
  // Removes the routes equal to `route`.
  void remove(const Route& route);
  // Replaces every route of `origin` at once (auto routing's recomputation).
  void replace_origin(RouteOrigin origin, std::vector<Route> routes);
  // Binds routes given by next hop alone to the interface whose connected
  // network holds the next hop, as Linux does when the route is added; run
  // again whenever interface addresses change.
  void resolve_next_hops();
  // The connected route holding `address`, ignoring carrier (configuration time).
  const Route* connected_route_for(wire::Ipv4Address address) const;

  // Longest prefix match. Routes out of an interface with carrier come
  // first, so a live alternative (an auto route, a shorter prefix) takes
  // over from a dead interface's route; when only dead ones match, the best
  // of them is used as Linux does (its packets die at the port, LinkDown).
  // Unbound routes (next hop on no connected network) never match.
  const Route* lookup(wire::Ipv4Address dst) const;
  const std::vector<Route>& routes() const { return routes_; }  // match order
  // Every route sorted by (network, prefix length, origin, metric): for dumps.
  std::vector<Route> rows() const;

 private:
  static bool before(const Route& a, const Route& b);

  std::vector<Route> routes_;
};

}  // namespace netsim::devices
