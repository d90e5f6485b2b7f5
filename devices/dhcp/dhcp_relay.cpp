// Relaying (RFC 1542 §4.1 requests, §4.2 replies), addressed as the contract
// says: to the server's port 67 from port 67; to the client from the relayed
// interface's address, port 67 to 68, unicast to chaddr and yiaddr unless the
// broadcast flag or a NAK asks for a broadcast.
#include "devices/dhcp/dhcp_relay.h"

namespace netsim::devices {

using wire::DhcpRepr;
using wire::Ipv4Address;

DhcpRelay::DhcpRelay(IpHost& host, const std::vector<DhcpRelayInterface>& relayed)
    : host_(host), ctx_(host.node().ctx()) {
  for (const DhcpRelayInterface& r : relayed)
    relayed_.push_back({host.stack().find_interface(r.iface), r.server});
}

bool DhcpRelay::relays(const L3Interface* in) const {
  for (const Relayed& r : relayed_)
    if (r.iface == in) return true;
  return false;
}

void DhcpRelay::decide(const UdpArrival& arrival, const std::string& text) const {
  ctx_.trace().decision(ctx_.now(), Layer::Application, host_.node().name(),
                        arrival.in ? arrival.in->name() : std::string(),
                        [&] { return "DHCP relay: " + text; });
}

void DhcpRelay::from_client(const UdpArrival& arrival, DhcpRepr request) {
  const Relayed* r = nullptr;
  for (const Relayed& x : relayed_)
    if (x.iface == arrival.in) r = &x;
  const std::string type =
      request.message_type ? std::string(wire::to_string(*request.message_type)) : "BOOTREQUEST";
  const auto own = host_.stack().interface_address(*r->iface);
  if (!own) {
    decide(arrival, type + " not relayed: " + r->iface->name() + " has no address");
    return;
  }
  if (request.hops >= kMaxHops) {
    decide(arrival, type + " not relayed: hops " + std::to_string(request.hops));
    return;
  }
  // §4.1.1: giaddr names the first relay only.
  if (request.giaddr.is_zero()) request.giaddr = own->address;
  ++request.hops;
  decide(arrival, "relayed " + type + " from " + r->iface->name() + " to " +
                      r->server.to_string() + ", giaddr " + request.giaddr.to_string());
  buffer_.resize(request.buffer_len());
  request.emit(buffer_);
  EgressOptions egress;
  egress.background = !request.ciaddr.is_zero();  // a rebinding client's lease is held
  host_.sockets().udp().send_from({Ipv4Address::any(), wire::kDhcpServerPort},
                                  {r->server, wire::kDhcpServerPort}, buffer_, egress);
}

void DhcpRelay::from_server(const UdpArrival& arrival, const DhcpRepr& reply) {
  const Relayed* r = nullptr;
  for (const Relayed& x : relayed_) {
    const auto own = host_.stack().interface_address(*x.iface);
    if (own && own->address == reply.giaddr) r = &x;
  }
  const std::string type =
      reply.message_type ? std::string(wire::to_string(*reply.message_type)) : "BOOTREPLY";
  if (!r) {
    decide(arrival, type + " for giaddr " + reply.giaddr.to_string() +
                        " dropped: no relayed interface has that address");
    return;
  }
  const bool nak = reply.message_type == wire::DhcpMessageType::Nak;
  EgressOptions egress(r->iface);
  egress.background = !reply.ciaddr.is_zero();
  SocketAddress to{Ipv4Address::broadcast(), wire::kDhcpClientPort};
  if (!nak && !reply.broadcast) {
    to.ip = reply.yiaddr;
    egress.dst_mac = reply.chaddr;
  }
  decide(arrival, "delivered " + type + " for " + reply.chaddr.to_string() + " out " +
                      r->iface->name() + " to " + to.ip.to_string());
  buffer_.resize(reply.buffer_len());
  reply.emit(buffer_);
  host_.sockets().udp().send_from({reply.giaddr, wire::kDhcpServerPort}, to, buffer_, egress);
}

}  // namespace netsim::devices
