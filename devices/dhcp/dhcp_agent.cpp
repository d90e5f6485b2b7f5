// Port 67's dispatch between the relay and the server.
#include "devices/dhcp/dhcp_agent.h"

namespace netsim::devices {

DhcpAgent::DhcpAgent(IpHost& host) : host_(host) {
  host_.sockets().udp().attach(wire::kDhcpServerPort, *this);
}

DhcpAgent::~DhcpAgent() { host_.sockets().udp().detach(wire::kDhcpServerPort); }

void DhcpAgent::serve(const std::vector<DhcpServedInterface>& served) {
  server_ = std::make_unique<DhcpServer>(host_, served);
}

void DhcpAgent::relay(const std::vector<DhcpRelayInterface>& relayed) {
  relay_ = std::make_unique<DhcpRelay>(host_, relayed);
}

void DhcpAgent::receive(const UdpArrival& arrival) {
  Context& ctx = host_.node().ctx();
  auto ignore = [&](const std::string& why) {
    ctx.trace().decision(ctx.now(), Layer::Application, host_.node().name(),
                         arrival.in ? arrival.in->name() : std::string(), [&] {
                           return "DHCP message from " + arrival.ip.src.to_string() +
                                  " ignored: " + why;
                         });
  };
  wire::ParseError why{};
  const auto d = wire::DhcpRepr::parse(arrival.udp.payload, &why);
  if (!d) return ignore("malformed (" + std::string(wire::to_string(why)) + ")");
  if (d->op == wire::BootpOp::Reply) {
    if (!relay_) return ignore("a reply, and this node relays nothing");
    return relay_->from_server(arrival, *d);
  }
  if (relay_ && relay_->relays(arrival.in)) return relay_->from_client(arrival, *d);
  if (server_) return server_->handle(arrival, *d);
  ignore("no DHCP server here");
}

}  // namespace netsim::devices
