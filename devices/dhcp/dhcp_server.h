// The DHCP server of one node (RFC 2131 §4.3), as the contract and dnsmasq
// (--no-ping) behave: pools per interface, chosen by giaddr for relayed
// messages; the address last leased to a MAC, else the lowest free one;
// offers held 60 s; NAK only for a REQUEST it will not grant; silence when
// the pool is exhausted. Leases are the table "dhcp-leases".
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "devices/dhcp/dhcp_config.h"
#include "devices/ip_host.h"
#include "devices/stack/udp_service.h"
#include "sim/wire/dhcp.h"

namespace netsim::devices {

class DhcpServer {
 public:
  static constexpr Time kOfferHold = seconds(60);

  // Every interface named in `served` is an interface of `host`.
  DhcpServer(IpHost& host, const std::vector<DhcpServedInterface>& served);

  // A BOOTREQUEST that arrived for port 67: answered or not, and why, traced.
  void handle(const UdpArrival& arrival, const wire::DhcpRepr& request);

 private:
  struct Binding {
    wire::MacAddress mac;
    Time expires_at{0};
    bool offered = false;  // an OFFER's hold, not yet a lease
  };
  struct Pool {
    DhcpPool config;
    std::vector<uint8_t> dns_bytes, router_bytes;   // options 6 and 3 as sent
    std::map<uint32_t, Binding> bindings;           // by address; expired ones linger
    std::map<wire::MacAddress, wire::Ipv4Address> last_leased;
  };
  struct Served {
    const L3Interface* iface = nullptr;
    std::vector<Pool> pools;
  };

  Pool* pool_for(const UdpArrival& arrival, const wire::DhcpRepr& request, std::string& why);
  void on_discover(const UdpArrival& arrival, const wire::DhcpRepr& request, Pool& pool);
  void on_request(const UdpArrival& arrival, const wire::DhcpRepr& request, Pool& pool);
  void on_release(const wire::DhcpRepr& request, Pool& pool);
  void on_decline(const wire::DhcpRepr& request, Pool& pool);
  // Free for `mac`: no live binding, or a live one of its own.
  bool free_for(const Pool& pool, wire::Ipv4Address a, const wire::MacAddress& mac) const;
  void bind(Pool& pool, wire::Ipv4Address a, const wire::MacAddress& mac, bool offered);
  void reply(const UdpArrival& arrival, const wire::DhcpRepr& request, const Pool& pool,
             wire::DhcpMessageType type, wire::Ipv4Address yiaddr);
  void nak(const UdpArrival& arrival, const wire::DhcpRepr& request, const std::string& why);
  // The fields every reply copies from its request.
  wire::DhcpRepr reply_to(const wire::DhcpRepr& request, wire::DhcpMessageType type,
                          wire::Ipv4Address own) const;
  void send(const UdpArrival& arrival, const wire::DhcpRepr& request, const wire::DhcpRepr& reply);
  void decide(const UdpArrival& arrival, const std::string& text) const;
  void lease_row(wire::Ipv4Address a, const Binding* b) const;

  IpHost& host_;
  Context& ctx_;
  std::vector<Served> served_;
  std::vector<uint8_t> buffer_;  // one reply at a time
};

}  // namespace netsim::devices
