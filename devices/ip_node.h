// Hosts and routers: one node kind holding the IPv4 engine and the sockets
// above it. A router is a host with forwarding on (kind Router); everything
// else is shared.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "devices/stack/ipv4_stack.h"
#include "devices/stack/port_interface.h"
#include "devices/stack/socket_table.h"
#include "sim/net/node.h"

namespace netsim::devices {

struct IpNodeConfig {
  Time arp_timeout = seconds(60);
  std::optional<wire::Ipv4Address> gateway;  // installed as 0.0.0.0/0 once an interface reaches it
  bool routing_auto = false;                 // AutoRouting computes routes for this node
  TcpConfig tcp;                             // its ephemeral port range serves UDP too
};

class IpNode : public Node {
 public:
  // kind: NodeKind::Host (forwarding off) or NodeKind::Router (forwarding on).
  IpNode(Context& ctx, std::string name, NodeKind kind, IpNodeConfig config);

  // Adds a port that carries IP, with its address (none: unnumbered or DHCP later).
  Port& add_interface(std::string name, wire::MacAddress mac,
                      std::optional<wire::Ipv4Prefix> address);
  // The IP interface over one of this node's ports (every port is one).
  PortInterface& interface(const Port& port) const { return *interfaces_[port.index()]; }
  // After the interfaces. `dev` empty: derived from `via`, which must lie on
  // a connected network; false when it does not, or `dev` names no interface.
  bool add_static_route(wire::Ipv4Prefix to, std::optional<wire::Ipv4Address> via,
                        std::string_view dev);

  Ipv4Stack& stack() { return stack_; }
  const Ipv4Stack& stack() const { return stack_; }
  SocketTable& sockets() { return sockets_; }
  const SocketTable& sockets() const { return sockets_; }
  bool routing_auto() const { return config_.routing_auto; }

  void receive(Port& in, Packet frame) override { stack_.receive(interface(in), std::move(frame)); }
  // Down: ARP cache and partial datagrams dropped, connections reset and
  // socket queues emptied; ping/traceroute sessions keep waiting (a down
  // node receives nothing, so they time out).
  void set_up(bool up) override;
  void link_changed(Port& port) override { stack_.carrier_changed(interface(port)); }

 private:
  IpNodeConfig config_;
  std::vector<std::unique_ptr<PortInterface>> interfaces_;  // by port index; before stack_
  Ipv4Stack stack_;
  SocketTable sockets_;  // after stack_: it sends through it
};

// The IPv4 stack of a node, or nullptr for hubs and switches.
Ipv4Stack* ip_stack(Node& node);
const Ipv4Stack* ip_stack(const Node& node);

}  // namespace netsim::devices
