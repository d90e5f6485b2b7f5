// IpNode wiring: each port becomes a stack interface (a PortInterface).
#include "devices/ip_node.h"

#include <cassert>

namespace netsim::devices {

IpNode::IpNode(Context& ctx, std::string name, NodeKind kind, IpNodeConfig config)
    : Node(ctx, std::move(name), kind), ip_(*this, kind == NodeKind::Router, config) {
  assert((kind == NodeKind::Host || kind == NodeKind::Router) && "IpNode is a host or a router");
}

Port& IpNode::add_interface(std::string name, wire::MacAddress mac,
                            std::optional<wire::Ipv4Prefix> address) {
  Port& port = add_port(std::move(name), mac);
  if (port.index() == 0)
    first_.emplace(port);
  else
    more_.push_back(std::make_unique<PortInterface>(port));
  stack().add_interface(interface(port), address);
  return port;
}

void IpNode::set_up(bool up) {
  if (!up) ip_.node_down();
  Node::set_up(up);
  if (up) ip_.node_up();
}

}  // namespace netsim::devices
