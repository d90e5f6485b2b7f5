// DHCP server decisions (RFC 2131 §4.3) and reply addressing (§4.1); the
// options of OFFER and ACK in dnsmasq's order: 53 54 51 58 59 1 28 [12] 6 3.
#include "devices/dhcp/dhcp_server.h"

#include "sim/wire/bytes.h"

namespace netsim::devices {

using wire::DhcpMessageType;
using wire::DhcpRepr;
using wire::Ipv4Address;
using wire::MacAddress;

namespace {

std::vector<uint8_t> address_bytes(const std::vector<Ipv4Address>& list) {
  std::vector<uint8_t> bytes(list.size() * 4);
  for (size_t i = 0; i < list.size(); ++i) wire::store_be32(bytes.data() + 4 * i, list[i].value);
  return bytes;
}

uint32_t truncated_seconds(Time t) { return static_cast<uint32_t>(t.count() / 1'000'000'000); }

}  // namespace

DhcpServer::DhcpServer(IpHost& host, const std::vector<DhcpServedInterface>& served)
    : host_(host), ctx_(host.node().ctx()) {
  for (const DhcpServedInterface& s : served) {
    Served entry;
    entry.iface = host.stack().find_interface(s.iface);
    for (const DhcpPool& p : s.pools) {
      Pool pool;
      pool.config = p;
      pool.dns_bytes = address_bytes(p.dns);
      if (p.gateway) pool.router_bytes = address_bytes({*p.gateway});
      entry.pools.push_back(std::move(pool));
    }
    served_.push_back(std::move(entry));
  }
}

void DhcpServer::decide(const UdpArrival& arrival, const std::string& text) const {
  ctx_.trace().decision(ctx_.now(), Layer::Application, host_.node().name(),
                        arrival.in ? arrival.in->name() : std::string(),
                        [&] { return "DHCP server: " + text; });
}

void DhcpServer::handle(const UdpArrival& arrival, const DhcpRepr& request) {
  if (request.op != wire::BootpOp::Request || !request.message_type) {
    decide(arrival, "ignored a message that is no client request");
    return;
  }
  std::string why;
  Pool* pool = pool_for(arrival, request, why);
  if (!pool) {
    decide(arrival, std::string(wire::to_string(*request.message_type)) + " from " +
                        request.chaddr.to_string() + " unanswered: " + why);
    return;
  }
  switch (*request.message_type) {
    case DhcpMessageType::Discover: on_discover(arrival, request, *pool); return;
    case DhcpMessageType::Request: on_request(arrival, request, *pool); return;
    case DhcpMessageType::Release: on_release(request, *pool); return;
    case DhcpMessageType::Decline: on_decline(request, *pool); return;
    default:
      decide(arrival, std::string(wire::to_string(*request.message_type)) + " from " +
                          request.chaddr.to_string() + " ignored: not served here");
  }
}

DhcpServer::Pool* DhcpServer::pool_for(const UdpArrival& arrival, const DhcpRepr& request,
                                       std::string& why) {
  Served* served = nullptr;
  for (Served& s : served_)
    if (s.iface == arrival.in) served = &s;
  if (!served) {
    why = "no dhcp_server on this interface";
    return nullptr;
  }
  const auto own = host_.stack().interface_address(*arrival.in);
  if (!own) {
    why = "the interface has no address to serve from";
    return nullptr;
  }
  // A relayed message: the pool of giaddr's subnet. A client that holds a
  // lease (ciaddr) renews in its own subnet. A broadcast: the interface's.
  const Ipv4Address key = !request.giaddr.is_zero()   ? request.giaddr
                          : !request.ciaddr.is_zero() ? request.ciaddr
                                                      : own->address;
  for (Pool& p : served->pools)
    if (p.config.subnet.contains(key)) return &p;
  why = "no pool for the subnet of " + key.to_string();
  return nullptr;
}

bool DhcpServer::free_for(const Pool& pool, Ipv4Address a, const MacAddress& mac) const {
  const auto it = pool.bindings.find(a.value);
  return it == pool.bindings.end() || it->second.expires_at <= ctx_.now() || it->second.mac == mac;
}

void DhcpServer::bind(Pool& pool, Ipv4Address a, const MacAddress& mac, bool offered) {
  // One binding per client: an older one (another address) ends here.
  for (auto it = pool.bindings.begin(); it != pool.bindings.end();) {
    if (it->second.mac == mac && it->first != a.value && it->second.expires_at > ctx_.now()) {
      lease_row({it->first}, nullptr);
      it = pool.bindings.erase(it);
    } else {
      ++it;
    }
  }
  Binding& b = pool.bindings[a.value];
  b.mac = mac;
  b.offered = offered;
  b.expires_at = ctx_.now() + (offered ? kOfferHold : pool.config.lease);
  if (!offered) pool.last_leased[mac] = a;
  lease_row(a, &b);
}

void DhcpServer::lease_row(Ipv4Address a, const Binding* b) const {
  ctx_.trace().table_change(ctx_.now(), host_.node().name(), "dhcp-leases", [&] {
    if (!b) return std::pair{a.to_string(), std::string()};
    const int64_t until = b->expires_at.count() / 1'000'000'000;
    return std::pair{a.to_string(), b->mac.to_string() + (b->offered ? " offered" : " leased") +
                                        " until " + std::to_string(until) + " s"};
  });
}

void DhcpServer::on_discover(const UdpArrival& arrival, const DhcpRepr& request, Pool& pool) {
  const MacAddress& mac = request.chaddr;
  const DhcpPool& c = pool.config;
  std::optional<Ipv4Address> pick;
  std::string reason;
  // The contract: its live binding, else the address last leased to it if
  // free, else the pool's lowest free address.
  for (const auto& [address, b] : pool.bindings)
    if (b.mac == mac && b.expires_at > ctx_.now() && c.holds({address})) {
      pick = Ipv4Address{address};
      reason = b.offered ? "already offered to it" : "its current lease";
    }
  if (!pick) {
    const auto last = pool.last_leased.find(mac);
    if (last != pool.last_leased.end() && c.holds(last->second) && free_for(pool, last->second, mac)) {
      pick = last->second;
      reason = "the address last leased to it";
    }
  }
  for (uint32_t a = c.first.value; !pick && a <= c.last.value && a != 0; ++a)
    if (free_for(pool, {a}, mac)) {
      pick = Ipv4Address{a};
      reason = "lowest free address";
    }
  if (!pick) {
    decide(arrival, "DISCOVER from " + mac.to_string() + " unanswered: pool " +
                        c.first.to_string() + "-" + c.last.to_string() + " exhausted");
    return;
  }
  bind(pool, *pick, mac, true);
  decide(arrival, "offered " + pick->to_string() + " to " + mac.to_string() + ": " + reason +
                      " (held 60 s)");
  reply(arrival, request, pool, DhcpMessageType::Offer, *pick);
}

void DhcpServer::on_request(const UdpArrival& arrival, const DhcpRepr& request, Pool& pool) {
  const MacAddress& mac = request.chaddr;
  const Ipv4Address own = host_.stack().interface_address(*arrival.in)->address;
  // RFC 2131 §4.3.2: SELECTING names a server and an address; INIT-REBOOT
  // names only the address; RENEWING and REBINDING fill in ciaddr.
  if (request.server_id && *request.server_id != own) {
    for (auto it = pool.bindings.begin(); it != pool.bindings.end(); ++it)
      if (it->second.mac == mac && it->second.offered) {
        lease_row({it->first}, nullptr);
        pool.bindings.erase(it);
        break;
      }
    decide(arrival, "REQUEST from " + mac.to_string() + " chose server " +
                        request.server_id->to_string() + ": our offer withdrawn, no answer");
    return;
  }
  const std::optional<Ipv4Address> wanted =
      request.requested_ip ? request.requested_ip
                           : (request.ciaddr.is_zero() ? std::nullopt
                                                       : std::optional(request.ciaddr));
  if (!wanted) {
    nak(arrival, request, "REQUEST names no address");
    return;
  }
  if (!pool.config.subnet.contains(*wanted)) {
    nak(arrival, request, wanted->to_string() + " is not on this network (" +
                              pool.config.subnet.to_string() + ")");
    return;
  }
  if (!pool.config.holds(*wanted)) {
    nak(arrival, request, wanted->to_string() + " not in pool");
    return;
  }
  if (!free_for(pool, *wanted, mac)) {
    nak(arrival, request, wanted->to_string() + " is leased to " +
                              pool.bindings.at(wanted->value).mac.to_string());
    return;
  }
  bind(pool, *wanted, mac, false);
  decide(arrival, "leased " + wanted->to_string() + " to " + mac.to_string() + " for " +
                      std::to_string(truncated_seconds(pool.config.lease)) + " s");
  reply(arrival, request, pool, DhcpMessageType::Ack, *wanted);
}

void DhcpServer::on_release(const DhcpRepr& request, Pool& pool) {
  const auto it = pool.bindings.find(request.ciaddr.value);
  const bool ours = it != pool.bindings.end() && it->second.mac == request.chaddr;
  ctx_.trace().decision(ctx_.now(), Layer::Application, host_.node().name(), "", [&] {
    return "DHCP server: RELEASE of " + request.ciaddr.to_string() + " by " +
           request.chaddr.to_string() + (ours ? ": address free again" : ": no such lease");
  });
  if (!ours) return;
  lease_row(request.ciaddr, nullptr);
  pool.bindings.erase(it);
}

void DhcpServer::on_decline(const DhcpRepr& request, Pool& pool) {
  // RFC 2131 §4.3.3: the address is in use by someone else; kept out of the
  // pool for a lease time, under no client's MAC.
  if (!request.requested_ip || !pool.config.holds(*request.requested_ip)) return;
  Binding& b = pool.bindings[request.requested_ip->value];
  b = Binding{MacAddress{}, ctx_.now() + pool.config.lease, false};
  lease_row(*request.requested_ip, &b);
}

DhcpRepr DhcpServer::reply_to(const DhcpRepr& request, DhcpMessageType type,
                              Ipv4Address own) const {
  DhcpRepr r;
  r.op = wire::BootpOp::Reply;
  r.xid = request.xid;
  r.broadcast = request.broadcast;
  r.giaddr = request.giaddr;
  r.chaddr = request.chaddr;
  r.message_type = type;
  r.server_id = own;
  return r;
}

void DhcpServer::reply(const UdpArrival& arrival, const DhcpRepr& request, const Pool& pool,
                       DhcpMessageType type, Ipv4Address yiaddr) {
  const Ipv4Address own = host_.stack().interface_address(*arrival.in)->address;
  const DhcpPool& c = pool.config;
  const uint32_t lease = truncated_seconds(c.lease);
  DhcpRepr r = reply_to(request, type, own);
  r.ciaddr = type == DhcpMessageType::Ack ? request.ciaddr : Ipv4Address{};
  r.yiaddr = yiaddr;
  r.siaddr = own;  // dnsmasq names itself as next server
  r.lease_time = lease;
  r.renewal_time = lease / 2;
  r.rebinding_time = static_cast<uint32_t>(uint64_t{lease} * 7 / 8);
  r.subnet_mask = Ipv4Address{c.subnet.mask()};
  r.broadcast_address = c.subnet.directed_broadcast();
  if (type == DhcpMessageType::Ack) r.host_name = request.host_name;  // dnsmasq echoes it
  r.dns_servers = pool.dns_bytes;
  r.routers = pool.router_bytes;
  send(arrival, request, r);
}

void DhcpServer::nak(const UdpArrival& arrival, const DhcpRepr& request, const std::string& why) {
  decide(arrival, "NAK to " + request.chaddr.to_string() + ": " + why);
  const Ipv4Address own = host_.stack().interface_address(*arrival.in)->address;
  send(arrival, request, reply_to(request, DhcpMessageType::Nak, own));
}

void DhcpServer::send(const UdpArrival& arrival, const DhcpRepr& request, const DhcpRepr& r) {
  buffer_.resize(r.buffer_len());
  r.emit(buffer_);
  // RFC 2131 §4.1: to the relay, else (OFFER, ACK) to ciaddr, else to the
  // client's MAC and offered address unless it asked for a broadcast; a NAK
  // not relayed is always broadcast.
  EgressOptions egress;
  egress.background = !request.ciaddr.is_zero();  // a lease already held: renewal traffic
  SocketAddress to{Ipv4Address::broadcast(), wire::kDhcpClientPort};
  const bool nak = r.message_type == DhcpMessageType::Nak;
  if (!request.giaddr.is_zero()) {
    to = {request.giaddr, wire::kDhcpServerPort};
  } else if (!nak && !request.ciaddr.is_zero()) {
    to.ip = request.ciaddr;
  } else {
    egress.out = host_.stack().find_interface(arrival.in->name());
    if (!nak && !request.broadcast) {
      to.ip = r.yiaddr;
      egress.dst_mac = request.chaddr;
    }
  }
  host_.sockets().udp().send_from({*r.server_id, wire::kDhcpServerPort}, to, buffer_, egress);
}

}  // namespace netsim::devices
