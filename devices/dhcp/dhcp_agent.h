// UDP port 67 of a node: its DHCP server, its relay, or both (a router that
// serves one LAN and relays another). Client requests on a relayed
// interface and every server reply go to the relay; other requests to the server.
#pragma once
#include <memory>

#include "devices/dhcp/dhcp_relay.h"
#include "devices/dhcp/dhcp_server.h"
#include "devices/ip_daemon.h"
#include "devices/ip_host.h"
#include "devices/stack/udp_service.h"

namespace netsim::devices {

class DhcpAgent final : public IpDaemon, private UdpService {
 public:
  explicit DhcpAgent(IpHost& host);
  ~DhcpAgent() override;
  DhcpAgent(const DhcpAgent&) = delete;
  DhcpAgent& operator=(const DhcpAgent&) = delete;

  void serve(const std::vector<DhcpServedInterface>& served);
  void relay(const std::vector<DhcpRelayInterface>& relayed);

 private:
  void receive(const UdpArrival& arrival) override;

  IpHost& host_;
  std::unique_ptr<DhcpServer> server_;
  std::unique_ptr<DhcpRelay> relay_;
};

}  // namespace netsim::devices
