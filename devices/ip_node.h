// Hosts and routers: one node kind whose ports are all IP interfaces
// (PortInterfaces) under the IP side every IP node shares (IpHost). A
// router is a host with forwarding on (kind Router); everything else is shared.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "devices/ip_host.h"
#include "devices/stack/port_interface.h"
#include "sim/net/node.h"

namespace netsim::devices {

class IpNode : public Node {
 public:
  // kind: NodeKind::Host (forwarding off) or NodeKind::Router (forwarding on).
  IpNode(Context& ctx, std::string name, NodeKind kind, IpNodeConfig config);

  // Adds a port that carries IP, with its address (none: unnumbered or DHCP later).
  Port& add_interface(std::string name, wire::MacAddress mac,
                      std::optional<wire::Ipv4Prefix> address);
  // The IP interface over one of this node's ports (every port is one).
  PortInterface& interface(const Port& port) {
    return port.index() == 0 ? *first_ : *more_[port.index() - 1];
  }
  // The interface is handed out from a const node too: routes name it.
  PortInterface& interface(const Port& port) const {
    return const_cast<IpNode*>(this)->interface(port);
  }
  bool add_static_route(wire::Ipv4Prefix to, std::optional<wire::Ipv4Address> via,
                        std::string_view dev) {
    return ip_.add_static_route(to, via, dev);
  }

  IpHost& ip() { return ip_; }
  const IpHost& ip() const { return ip_; }
  Ipv4Stack& stack() { return ip_.stack(); }
  const Ipv4Stack& stack() const { return ip_.stack(); }
  SocketTable& sockets() { return ip_.sockets(); }
  const SocketTable& sockets() const { return ip_.sockets(); }
  bool routing_auto() const { return ip_.routing_auto(); }

  void receive(Port& in, Packet frame) override {
    stack().receive(interface(in), std::move(frame));
  }
  void start() override { ip_.start(); }
  void set_up(bool up) override;
  void link_changed(Port& port) override { ip_.carrier_changed(interface(port)); }

 private:
  // By port index; before ip_. The first lives inline (a host has only it):
  // every frame the node receives reads it, next to the node's and the
  // stack's hot lines, not in two heap blocks of its own.
  std::optional<PortInterface> first_;
  std::vector<std::unique_ptr<PortInterface>> more_;
  IpHost ip_;
};

}  // namespace netsim::devices
