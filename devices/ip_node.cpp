// IpNode wiring: each port becomes a stack interface (a PortInterface); the
// sockets sit on the stack; node state reaches both.
#include "devices/ip_node.h"

#include <cassert>

namespace netsim::devices {

IpNode::IpNode(Context& ctx, std::string name, NodeKind kind, IpNodeConfig config)
    : Node(ctx, std::move(name), kind),
      config_(config),
      stack_(*this, config.arp_timeout, kind == NodeKind::Router),
      sockets_(stack_, config.tcp) {
  assert((kind == NodeKind::Host || kind == NodeKind::Router) && "IpNode is a host or a router");
  stack_.set_transport(&sockets_);
  // The gateway waits, unbound, for the interface whose network holds it.
  if (config_.gateway)
    stack_.add_static_route(wire::Ipv4Prefix{wire::Ipv4Address::any(), 0}, config_.gateway, nullptr,
                            true);
}

Port& IpNode::add_interface(std::string name, wire::MacAddress mac,
                            std::optional<wire::Ipv4Prefix> address) {
  Port& port = add_port(std::move(name), mac);
  interfaces_.push_back(std::make_unique<PortInterface>(port));
  stack_.add_interface(*interfaces_.back(), address);
  return port;
}

bool IpNode::add_static_route(wire::Ipv4Prefix to, std::optional<wire::Ipv4Address> via,
                              std::string_view dev) {
  L3Interface* iface = nullptr;
  if (!dev.empty()) {
    iface = stack_.find_interface(dev);
    if (!iface) return false;
  }
  return stack_.add_static_route(to, via, iface);
}

void IpNode::set_up(bool up) {
  if (!up) {
    stack_.shutdown();
    sockets_.reset_all();
  }
  Node::set_up(up);
}

Ipv4Stack* ip_stack(Node& node) {
  auto* ip = dynamic_cast<IpNode*>(&node);
  return ip ? &ip->stack() : nullptr;
}

const Ipv4Stack* ip_stack(const Node& node) {
  auto* ip = dynamic_cast<const IpNode*>(&node);
  return ip ? &ip->stack() : nullptr;
}

}  // namespace netsim::devices
