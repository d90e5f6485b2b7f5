// The IP side of a node: the stack's transport is the socket table; the
// configured gateway waits as a route until an interface reaches it.
#include "devices/ip_host.h"

#include "devices/dns/dns_server.h"
#include "devices/dns/stub_resolver.h"
#include "devices/ip_node.h"
#include "devices/l3switch.h"

namespace netsim::devices {

IpHost::IpHost(Node& owner, bool forwarding, IpNodeConfig config)
    : stack_(owner, config.arp_timeout, forwarding),
      config_(config),
      sockets_(stack_, config.tcp),
      resolver_(std::make_unique<StubResolver>(*this, config_.hosts)) {
  stack_.set_transport(&sockets_);
  stack_.set_arp_nud(config.arp_nud);
  // The gateway waits, unbound, for the interface whose network holds it.
  if (config_.gateway)
    stack_.add_static_route(wire::Ipv4Prefix{wire::Ipv4Address::any(), 0}, config_.gateway, nullptr,
                            true);
}

IpHost::~IpHost() = default;

void IpHost::start_dns_server(DnsServerConfig config) {
  dns_server_ = std::make_unique<DnsServer>(*this, std::move(config));
}

void IpHost::clear_dns_caches() {
  resolver_->cache().clear();
  if (dns_server_) dns_server_->cache().clear();
}

bool IpHost::add_static_route(wire::Ipv4Prefix to, std::optional<wire::Ipv4Address> via,
                              std::string_view dev) {
  L3Interface* iface = nullptr;
  if (!dev.empty()) {
    iface = stack_.find_interface(dev);
    if (!iface) return false;
  }
  return stack_.add_static_route(to, via, iface);
}

void IpHost::node_down() {
  stack_.shutdown();
  sockets_.reset_all();
  clear_dns_caches();  // a crash loses what was only in memory
  for (auto& d : daemons_) d->node_down();
}

void IpHost::start() {
  for (auto& d : daemons_) d->start();
}

void IpHost::node_up() {
  for (auto& d : daemons_) d->node_up();
}

void IpHost::carrier_changed(L3Interface& iface) {
  stack_.carrier_changed(iface);
  for (auto& d : daemons_) d->carrier_changed(iface);
}

IpDaemon& IpHost::add_daemon(std::unique_ptr<IpDaemon> daemon) {
  daemons_.push_back(std::move(daemon));
  return *daemons_.back();
}

void IpHost::enable_netfilter(NetfilterConfig config) {
  netfilter_ = std::make_unique<Netfilter>(stack_, std::move(config));
  stack_.set_hook(netfilter_.get());
}

IpHost* ip_host(Node& node) {
  if (auto* ip = dynamic_cast<IpNode*>(&node)) return &ip->ip();
  if (auto* l3 = dynamic_cast<L3Switch*>(&node)) return &l3->ip();
  return nullptr;
}

const IpHost* ip_host(const Node& node) {
  if (auto* ip = dynamic_cast<const IpNode*>(&node)) return &ip->ip();
  if (auto* l3 = dynamic_cast<const L3Switch*>(&node)) return &l3->ip();
  return nullptr;
}

Ipv4Stack* ip_stack(Node& node) {
  IpHost* ip = ip_host(node);
  return ip ? &ip->stack() : nullptr;
}

const Ipv4Stack* ip_stack(const Node& node) {
  const IpHost* ip = ip_host(node);
  return ip ? &ip->stack() : nullptr;
}

}  // namespace netsim::devices
