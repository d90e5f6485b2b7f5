// The IP side of a node, shared by every kind that has one (hosts, routers,
// l3switches): the IPv4 stack, the sockets above it, and what configures
// them. The node owns its L3 interfaces and hands them to the stack.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "devices/ip_daemon.h"
#include "devices/netfilter/netfilter.h"
#include "devices/stack/ipv4_stack.h"
#include "devices/stack/socket_table.h"
#include "sim/net/node.h"

namespace netsim::devices {

class StubResolver;
class DnsServer;
struct DnsServerConfig;

struct IpNodeConfig {
  Time arp_timeout = seconds(60);
  bool arp_nud = false;  // ArpCache::set_nud
  std::optional<wire::Ipv4Address> gateway;  // installed as 0.0.0.0/0 once an interface reaches it
  bool routing_auto = false;                 // AutoRouting computes routes for this node
  TcpConfig tcp;                             // its ephemeral port range serves UDP too
  std::vector<wire::Ipv4Address> dns_servers;  // the resolvers the stub asks, in order
  std::vector<std::pair<std::string, wire::Ipv4Address>> hosts;  // the hosts file, in order
};

class IpHost {
 public:
  IpHost(Node& owner, bool forwarding, IpNodeConfig config);
  IpHost(const IpHost&) = delete;
  IpHost& operator=(const IpHost&) = delete;
  ~IpHost();

  // After the interfaces. `dev` empty: derived from `via`, which must lie on
  // a connected network; false when it does not, or `dev` names no interface.
  bool add_static_route(wire::Ipv4Prefix to, std::optional<wire::Ipv4Address> via,
                        std::string_view dev);
  // Node down: ARP cache and partial datagrams dropped, connections reset and
  // socket queues emptied; ping/traceroute sessions keep waiting (a down
  // node receives nothing, so they time out).
  void node_down();
  // The node's life, passed on to the stack and the daemons.
  void start();
  void node_up();
  void carrier_changed(L3Interface& iface);
  // A daemon (DHCP) runs on this node from now on; they are destroyed before the sockets.
  IpDaemon& add_daemon(std::unique_ptr<IpDaemon> daemon);
  const std::vector<std::unique_ptr<IpDaemon>>& daemons() const { return daemons_; }
  // NAT and virtual servers (routers, l3switches), after the interfaces.
  void enable_netfilter(NetfilterConfig config);
  const Netfilter* netfilter() const { return netfilter_.get(); }

  Node& node() const { return stack_.node(); }
  Ipv4Stack& stack() { return stack_; }
  const Ipv4Stack& stack() const { return stack_; }
  SocketTable& sockets() { return sockets_; }
  const SocketTable& sockets() const { return sockets_; }
  bool routing_auto() const { return config_.routing_auto; }
  // The host's resolv.conf: the configured `dns`, replaced by what a DHCP
  // lease brings (as dhclient rewrites it); the stub resolver reads it per query.
  const std::vector<wire::Ipv4Address>& dns_servers() const { return config_.dns_servers; }
  void set_dns_servers(std::vector<wire::Ipv4Address> servers) {
    config_.dns_servers = std::move(servers);
  }
  // The stub resolver behind gethostbyname (hosts file, cache, dns_servers()).
  StubResolver& resolver() { return *resolver_; }
  const StubResolver& resolver() const { return *resolver_; }
  // A DNS server on UDP 53 (`dns_server`), or null.
  void start_dns_server(DnsServerConfig config);
  DnsServer* dns_server() { return dns_server_.get(); }
  const DnsServer* dns_server() const { return dns_server_.get(); }
  // clear_dns_cache: the stub's cache and the server's.
  void clear_dns_caches();

 private:
  Ipv4Stack stack_;  // first: its hot fields then share a line with the node's
  IpNodeConfig config_;
  SocketTable sockets_;  // after stack_: it sends through it
  std::vector<std::unique_ptr<IpDaemon>> daemons_;  // after sockets_: they hold UDP ports
  std::unique_ptr<Netfilter> netfilter_;  // hooked into stack_
  std::unique_ptr<StubResolver> resolver_;  // after sockets_: its queries use them
  std::unique_ptr<DnsServer> dns_server_;
};

// The IP side of a node (host, router, l3switch), or nullptr for hubs and switches.
IpHost* ip_host(Node& node);
const IpHost* ip_host(const Node& node);
// Its stack, or nullptr.
Ipv4Stack* ip_stack(Node& node);
const Ipv4Stack* ip_stack(const Node& node);

}  // namespace netsim::devices
