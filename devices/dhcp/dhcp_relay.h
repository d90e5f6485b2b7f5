// A DHCP relay agent (RFC 1542 §4, "ip helper-address"): a client's broadcast
// on a relayed interface goes to the server with giaddr and hops set; the
// server's reply to giaddr goes to the client from that interface's address.
#pragma once
#include <vector>

#include "devices/dhcp/dhcp_config.h"
#include "devices/ip_host.h"
#include "devices/stack/udp_service.h"
#include "sim/wire/dhcp.h"

namespace netsim::devices {

class DhcpRelay {
 public:
  // RFC 1542 §4.1.1: a request that has crossed this many relays is dropped.
  static constexpr uint8_t kMaxHops = 16;

  DhcpRelay(IpHost& host, const std::vector<DhcpRelayInterface>& relayed);

  // Whether client requests arriving on `in` are relayed.
  bool relays(const L3Interface* in) const;
  // A BOOTREQUEST from a client on a relayed interface.
  void from_client(const UdpArrival& arrival, wire::DhcpRepr request);
  // A BOOTREPLY from a server, for the interface whose address is giaddr.
  void from_server(const UdpArrival& arrival, const wire::DhcpRepr& reply);

 private:
  struct Relayed {
    L3Interface* iface = nullptr;
    wire::Ipv4Address server;
  };
  void decide(const UdpArrival& arrival, const std::string& text) const;

  IpHost& host_;
  Context& ctx_;
  std::vector<Relayed> relayed_;
  std::vector<uint8_t> buffer_;  // one message at a time
};

}  // namespace netsim::devices
