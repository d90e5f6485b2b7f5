// IPv4 ingress (local delivery or forwarding), egress (routing, fragmentation,
// ARP) and ICMP errors, following RFC 791, RFC 792, RFC 1122 and RFC 1812.
#include "devices/stack/ipv4_stack.h"

#include <algorithm>
#include <cassert>

#include "devices/stack/ping.h"
#include "devices/stack/traceroute.h"
#include "sim/wire/arp.h"
#include "sim/wire/bytes.h"
#include "sim/wire/dhcp.h"
#include "sim/wire/udp.h"

namespace netsim::devices {

using wire::IcmpRepr;
using wire::IcmpType;
using wire::Ipv4Address;
using wire::Ipv4Prefix;
using wire::Ipv4Repr;
using wire::ParseError;
using wire::UnreachableCode;

namespace {

// Every frame the stack handles has an untagged Ethernet header.
constexpr size_t kL2 = wire::kEthernetHeaderLen;
// RFC 1812 §4.3.2.3 (and Linux): an ICMP error quotes as much of the
// offending datagram as fits in a 576-byte packet.
constexpr size_t kMaxQuote = 576 - wire::kIpv4HeaderLen - wire::kIcmpHeaderLen;
constexpr uint8_t kDefaultTtl = 64;  // Linux ip_default_ttl

bool is_loopback(Ipv4Address a) { return a.value >> 24 == 127; }
bool is_multicast(Ipv4Address a) { return a.value >> 28 == 0xe; }

// RFC 1122 §3.2.2: the ICMP types that are errors (never answered with one).
bool is_icmp_error(uint8_t type) {
  return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

// The IPv4 datagram inside a frame, without Ethernet padding.
std::span<const uint8_t> datagram_bytes(const Packet& frame, const Ipv4Repr& ip) {
  return frame.bytes().subspan(kL2, size_t{ip.header_len} + ip.payload_len);
}

DropReason drop_reason(ParseError why) {
  switch (why) {
    case ParseError::BadChecksum:
      return DropReason::BadChecksum;
    case ParseError::Unsupported:
      return DropReason::Unsupported;
    default:
      return DropReason::Malformed;
  }
}

std::string icmp_words(IcmpType type, uint8_t code) {
  std::string text = wire::to_string(type);
  if (type == IcmpType::DestinationUnreachable)
    text += " (" + std::string(wire::to_string(static_cast<UnreachableCode>(code))) + ")";
  return text;
}

}  // namespace

std::string_view to_string(SendResult r) {
  switch (r) {
    case SendResult::Sent:
      return "sent";
    case SendResult::NoRoute:
      return "no-route";
    case SendResult::MessageTooLong:
      return "message-too-long";
  }
  return "unknown";
}

Ipv4Stack::Ipv4Stack(Node& owner, Time arp_timeout, bool forwarding)
    : arp_(owner, arp_timeout,
           [this](L3Interface& iface, const Packet& frame) { arp_failed(iface, frame); }),
      owner_(owner),
      ctx_(owner.ctx()),
      forwarding_(forwarding),
      reassembly_(owner, [this](const L3Interface* in, const Packet& first) {
        // RFC 1122 §3.2.1.4: time exceeded, code 1 (fragment reassembly time exceeded).
        if (const auto ip = Ipv4Repr::parse(first.bytes().subspan(kL2)))
          send_icmp_error(in, *ip, datagram_bytes(first, *ip), false, IcmpType::TimeExceeded, 1);
      }) {}

Ipv4Stack::~Ipv4Stack() = default;

// ---------------------------------------------------------------- configuration

const Interface* Ipv4Stack::interface_of(const L3Interface& iface) const {
  const size_t i = iface.index();
  return i < interfaces_.size() && interfaces_[i].iface == &iface ? &interfaces_[i] : nullptr;
}

void Ipv4Stack::add_interface(L3Interface& iface, std::optional<Ipv4Prefix> address) {
  if (interfaces_.size() <= iface.index()) interfaces_.resize(iface.index() + 1);
  interfaces_[iface.index()] = Interface{&iface, std::nullopt};
  set_interface_address(iface, address);
}

void Ipv4Stack::set_interface_address(L3Interface& iface, std::optional<Ipv4Prefix> address) {
  assert(interface_of(iface) && "set_interface_address on an interface of another stack");
  Interface& entry = interfaces_[iface.index()];
  if (entry.address) {
    for (const Route& r : routes_.routes())
      if (r.origin == RouteOrigin::Connected && r.iface == &iface) trace_route_change(r, true);
    routes_.remove(RouteOrigin::Connected, iface);
  }
  entry.address = address;
  if (address) {
    const Route connected{
        {address->network(), address->length}, std::nullopt, &iface, RouteOrigin::Connected};
    routes_.add(connected);
    trace_route_change(connected, false);
  }
  routes_.resolve_next_hops();
}

bool Ipv4Stack::add_static_route(Ipv4Prefix to, std::optional<Ipv4Address> via, L3Interface* dev,
                                 bool pending_ok) {
  Route route{{to.network(), to.length}, via, dev, RouteOrigin::Static, 0, dev != nullptr};
  if (dev && !interface_of(*dev)) return false;
  if (!dev) {
    if (!via) return false;
    const Route* connected = routes_.connected_route_for(*via);
    if (!connected && !pending_ok) return false;
    route.iface = connected ? connected->iface : nullptr;
  }
  routes_.add(route);
  trace_route_change(route, false);
  return true;
}

void Ipv4Stack::remove_static_route(Ipv4Prefix to, Ipv4Address via) {
  const Ipv4Prefix network{to.network(), to.length};
  std::vector<Route> gone;
  for (const Route& r : routes_.routes())
    if (r.origin == RouteOrigin::Static && r.to == network && r.via == via) gone.push_back(r);
  for (const Route& r : gone) {
    trace_route_change(r, true);
    routes_.remove(r);
  }
}

void Ipv4Stack::replace_auto_routes(std::vector<Route> routes) {
  std::vector<Route> before;
  for (const Route& r : routes_.routes())
    if (r.origin == RouteOrigin::Auto) before.push_back(r);
  routes_.replace_origin(RouteOrigin::Auto, std::move(routes));
  std::vector<Route> after;
  for (const Route& r : routes_.routes())
    if (r.origin == RouteOrigin::Auto) after.push_back(r);
  if (before == after) return;
  auto contains = [](const std::vector<Route>& v, const Route& r) {
    return std::find(v.begin(), v.end(), r) != v.end();
  };
  for (const Route& r : before)
    if (!contains(after, r)) trace_route_change(r, true);
  for (const Route& r : after)
    if (!contains(before, r)) trace_route_change(r, false);
  ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), "", [&] {
    return "routes recomputed: " + std::to_string(after.size()) +
           (after.size() == 1 ? " route" : " routes");
  });
}

void Ipv4Stack::announce_routes() {
  for (const Route& r : routes_.rows()) trace_route_change(r, false);
}

void Ipv4Stack::trace_route_change(const Route& route, bool removed) {
  ctx_.trace().table_change(ctx_.now(), owner_.name(), "route", [&] {
    std::string key = route.to.to_string() + " " + std::string(to_string(route.origin));
    if (removed) return std::pair{std::move(key), std::string()};
    std::string value = route.via ? "via " + route.via->to_string() + " " : "";
    value += route.iface ? "dev " + route.iface->name() : "unbound";
    if (route.metric) value += " metric " + std::to_string(route.metric);
    return std::pair{std::move(key), std::move(value)};
  });
}

// ---------------------------------------------------------------- queries

std::optional<Ipv4Prefix> Ipv4Stack::interface_address(std::string_view iface) const {
  const L3Interface* found = find_interface(iface);
  return found ? interface_address(*found) : std::nullopt;
}

std::optional<Ipv4Prefix> Ipv4Stack::interface_address(const L3Interface& iface) const {
  const Interface* entry = interface_of(iface);
  return entry ? entry->address : std::nullopt;
}

L3Interface* Ipv4Stack::find_interface(std::string_view name) const {
  for (const Interface& i : interfaces_)
    if (i.iface && i.iface->name() == name) return i.iface;
  return nullptr;
}

bool Ipv4Stack::is_local_address(Ipv4Address address) const {
  for (const Interface& i : interfaces_)
    if (i.address && i.address->address == address) return true;
  return hook_ && hook_->owns_address(address);
}

bool Ipv4Stack::is_local_destination(Ipv4Address dst) const {
  return is_local_address(dst) || is_loopback(dst);
}

Ipv4Address Ipv4Stack::source_address_for(Ipv4Address dst) const {
  if (is_local_destination(dst)) return dst;
  const Route* route = routes_.lookup(dst);
  return route ? source_for(*route->iface) : Ipv4Address::any();
}

bool Ipv4Stack::is_broadcast_for(Ipv4Address dst, const L3Interface* in) const {
  if (dst == Ipv4Address::broadcast()) return true;
  if (!in) return false;
  const auto address = interface_address(*in);
  // /31 and /32 have no broadcast address (RFC 3021).
  return address && address->length < 31 && dst == address->directed_broadcast();
}

bool Ipv4Stack::for_unconfigured_dhcp_client(const L3Interface* in, const Ipv4Repr& ip,
                                             const Packet& frame) const {
  // dhclient reads its interface through a raw socket, so what comes to its
  // MAC reaches it before the address is configured.
  // The cheap header tests first: every forwarded packet asks this.
  if (!in || ip.protocol != wire::IpProtocol::Udp || ip.is_fragment() || interface_address(*in))
    return false;
  const auto payload = wire::ipv4_payload(frame.bytes().subspan(kL2), ip);
  return payload.size() >= wire::kUdpHeaderLen &&
         wire::load_be16(payload.data() + 2) == wire::kDhcpClientPort;
}

std::string Ipv4Stack::describe_route(const Route& route) const {
  std::string text = route.to.to_string();
  if (route.via) text += " via " + route.via->to_string();
  text += route.iface ? " dev " + route.iface->name() : " (next hop on no connected network)";
  text += " " + std::string(to_string(route.origin));
  if (route.metric) text += " metric " + std::to_string(route.metric);
  return text;
}

std::string Ipv4Stack::route_port_name(const Route& route) const {
  return route.iface ? route.iface->name() : "";
}

// ---------------------------------------------------------------- node events

void Ipv4Stack::shutdown() {
  arp_.flush(nullptr, DropReason::NodeDown);
  reassembly_.clear(DropReason::NodeDown);
}

void Ipv4Stack::carrier_changed(L3Interface& iface) {
  // Like Linux on carrier loss: the neighbours behind the link are forgotten.
  if (!iface.carrier() && interface_of(iface)) arp_.flush(&iface, DropReason::LinkDown);
}

// ---------------------------------------------------------------- ingress

void Ipv4Stack::receive(L3Interface& in, Packet frame) {
  ParseError why{};
  const auto eth = wire::EthernetRepr::parse(frame.head(), &why);
  if (!eth) {
    ctx_.trace().decision(ctx_.now(), Layer::Link, owner_.name(), in.name(), [&] {
      return "dropped malformed frame (" + std::string(wire::to_string(why)) + ")";
    });
    drop(&in, frame, DropReason::Malformed);
    return;
  }
  if (eth->dst != in.mac() && !eth->dst.is_broadcast()) {
    // What a NIC on a hub does with the others' unicast (and with multicast
    // it never joined): filtered, traced.
    ctx_.trace().decision(ctx_.now(), Layer::Link, owner_.name(), in.name(), [&] {
      return "ignored frame for " + eth->dst.to_string() + ": not our MAC";
    });
    drop(&in, frame, DropReason::NotForUs);
    return;
  }
  if (eth->vlan) {
    ctx_.trace().decision(ctx_.now(), Layer::Link, owner_.name(), in.name(), [&] {
      return "dropped 802.1Q-tagged frame: this interface has no VLANs";
    });
    drop(&in, frame, DropReason::Unsupported);
    return;
  }
  switch (eth->ethertype) {
    case wire::EtherType::Arp:
      receive_arp(in, wire::ethernet_payload(frame.bytes(), *eth), frame);
      return;
    case wire::EtherType::Ipv4:
      receive_ipv4(&in, std::move(frame), eth->dst.is_broadcast());
      return;
    default:
      ctx_.trace().decision(ctx_.now(), Layer::Link, owner_.name(), in.name(), [&] {
        return "dropped " + wire::to_string(eth->ethertype) + " frame: not spoken here";
      });
      drop(&in, frame, DropReason::Unsupported);
      return;
  }
}

void Ipv4Stack::receive_arp(L3Interface& in, std::span<const uint8_t> payload,
                            const Packet& frame) {
  ParseError why{};
  const auto arp = wire::ArpRepr::parse(payload, &why);
  if (!arp) {
    ctx_.trace().decision(ctx_.now(), Layer::Link, owner_.name(), in.name(), [&] {
      return "dropped ARP packet (" + std::string(wire::to_string(why)) + ")";
    });
    drop(&in, frame, drop_reason(why));
    return;
  }
  // Replies come only for the receiving interface's own address (Linux
  // arp_ignore=1): one interface never answers for another's network.
  const auto address = interface_address(in);
  std::optional<Ipv4Address> mine;
  if (address) mine = address->address;
  if (hook_ && hook_->answers_arp(in, arp->target_ip)) mine = arp->target_ip;  // a VIP
  const auto reply = arp_.process(in, *arp, mine);
  if (reply) send_arp(ctx_, in, arp->sender_mac, *reply);
}

void Ipv4Stack::receive_ipv4(L3Interface* in, Packet frame, bool link_broadcast) {
  ParseError why{};
  auto ip = Ipv4Repr::parse_head(frame.head().subspan(kL2), frame.size() - kL2, &why);
  if (!ip) {
    ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
      return "dropped IPv4 packet (" + std::string(wire::to_string(why)) + ")";
    });
    drop(in, frame, drop_reason(why));
    return;
  }
  HookPacket hooked;
  hooked.in = in;
  // A looped-back datagram already passed LOCAL_OUT and POSTROUTING.
  if (hook_ && in) {
    if (!run_hook(&Ipv4Hook::prerouting, hooked, frame)) return;
    if (hooked.rewritten) ip = Ipv4Repr::parse(frame.bytes().subspan(kL2));
    assert(ip && "a hook keeps the header well formed");
  }
  // Weak host model (Linux): an address of any interface is ours, even one
  // that is also its subnet's broadcast address.
  const bool local = is_local_address(ip->dst) || (!in && is_loopback(ip->dst)) ||
                     for_unconfigured_dhcp_client(in, *ip, frame);
  const bool ip_broadcast = !local && is_broadcast_for(ip->dst, in);
  if (local || ip_broadcast) {
    if (hook_ && in && !run_hook(&Ipv4Hook::local_in, hooked, frame)) return;
    deliver_local(in, frame, *ip, link_broadcast || ip_broadcast);
    return;
  }
  // RFC 1122 §3.3.6 / RFC 1812 §5.3.4: a link-layer broadcast carrying
  // someone else's unicast is neither ours nor forwarded.
  if (!forwarding_ || !in || link_broadcast) {
    ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
      return "dropped packet for " + ip->dst.to_string() +
             ": not our address, and we do not forward";
    });
    drop(in, frame, DropReason::NotForUs);
    return;
  }
  forward(*in, std::move(frame), *ip, hooked);
}

bool Ipv4Stack::run_hook(HookVerdict (Ipv4Hook::*point)(HookPacket&), HookPacket& hooked,
                         Packet& frame) {
  ctx_.pool().make_unique(frame);  // hooks write in place
  // The datagram was parsed on its way here: its total length field holds.
  const size_t total_length = wire::load_be16(frame.bytes().data() + kL2 + 2);
  hooked.datagram = frame.mutable_bytes().subspan(kL2, total_length);
  hooked.rewritten = false;
  if (const HookVerdict verdict = (hook_->*point)(hooked)) {
    drop(hooked.in, frame, *verdict);
    return false;
  }
  return true;
}

bool Ipv4Stack::output_hooks(const Egress& egress, Packet& frame) {
  HookPacket hooked;
  hooked.out = egress.iface;
  return run_hook(&Ipv4Hook::local_out, hooked, frame) &&
         run_hook(&Ipv4Hook::postrouting, hooked, frame);
}

void Ipv4Stack::deliver_local(const L3Interface* in, const Packet& frame, const Ipv4Repr& ip,
                              bool broadcast) {
  if (ip.is_fragment()) {
    const auto whole = reassembly_.add(in, frame, kL2, ip);
    if (!whole) return;  // held (or dropped) and traced by the reassembly
    const auto whole_ip = Ipv4Repr::parse(whole->bytes().subspan(kL2));
    assert(whole_ip && "a reassembled datagram always parses");
    ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
      return "reassembled datagram id " + std::to_string(ip.identification) + " from " +
             ip.src.to_string() + ": " + std::to_string(whole_ip->payload_len) + " bytes";
    });
    deliver_local(in, *whole, *whole_ip, broadcast);
    return;
  }
  const auto payload =
      wire::ipv4_payload(frame.view(ctx_.delivery_scratch()).subspan(kL2), ip);
  switch (ip.protocol) {
    case wire::IpProtocol::Icmp:
      deliver_icmp(in, frame, ip, payload, broadcast);
      return;
    case wire::IpProtocol::Udp:
      deliver_udp(in, frame, ip, payload, broadcast);
      return;
    case wire::IpProtocol::Tcp:
      if (transport_) {
        transport_->deliver_tcp(ip, payload, in);
        return;
      }
      ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
        return "dropped TCP segment from " + ip.src.to_string() + ": no TCP here";
      });
      drop(in, frame, DropReason::Unsupported);
      return;
  }
  ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
    return "dropped protocol " + wire::to_string(ip.protocol) + " packet: protocol unreachable";
  });
  drop(in, frame, DropReason::Unsupported);
  send_icmp_error(in, ip, datagram_bytes(frame, ip), broadcast, IcmpType::DestinationUnreachable,
                  static_cast<uint8_t>(UnreachableCode::Protocol));
}

void Ipv4Stack::deliver_icmp(const L3Interface* in, const Packet& frame, const Ipv4Repr& ip,
                             std::span<const uint8_t> message, bool broadcast) {
  ParseError why{};
  const auto icmp = IcmpRepr::parse(message, &why);
  if (!icmp) {
    ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
      return "dropped ICMP message (" + std::string(wire::to_string(why)) + ")";
    });
    drop(in, frame, drop_reason(why));
    return;
  }
  switch (icmp->type) {
    case IcmpType::EchoRequest: {
      if (broadcast) {  // Linux icmp_echo_ignore_broadcasts=1 (RFC 1122 §3.2.2.6 allows it)
        ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in),
                              [&] { return "ignored echo request to a broadcast address"; });
        drop(in, frame, DropReason::NotForUs);
        return;
      }
      // RFC 1122 §3.2.2.6: same identifier, sequence and data, from the
      // address the request was sent to.
      IcmpRepr reply = *icmp;
      reply.type = IcmpType::EchoReply;
      reply.code = 0;
      Ipv4Repr header;
      header.src = ip.dst;
      header.dst = ip.src;
      header.protocol = wire::IpProtocol::Icmp;
      header.ttl = kDefaultTtl;
      const SendResult result =
          send_datagram(header, reply.buffer_len(),
                        [&](std::span<uint8_t> out, const Ipv4Repr&) { reply.emit(out); });
      ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
        return "echo request from " + ip.src.to_string() + " seq " +
               std::to_string(icmp->sequence) + ": " +
               (result == SendResult::Sent ? "reply sent"
                                           : "no reply (" + std::string(to_string(result)) + ")");
      });
      return;
    }
    case IcmpType::EchoReply: {
      auto it = pings_.find(icmp->identifier);
      if (it != pings_.end()) {
        if (it->second->on_echo_reply(*icmp)) finish_ping(icmp->identifier);
        return;
      }
      ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
        return "echo reply id " + std::to_string(icmp->identifier) + " from " + ip.src.to_string() +
               ": no ping waits for it";
      });
      drop(in, frame, DropReason::NotForUs);
      return;
    }
    case IcmpType::DestinationUnreachable:
    case IcmpType::TimeExceeded:
      deliver_icmp_error(in, frame, ip, *icmp);
      return;
  }
  ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
    return "dropped ICMP " + wire::to_string(icmp->type) + ": not handled here";
  });
  drop(in, frame, DropReason::Unsupported);
}

void Ipv4Stack::deliver_icmp_error(const L3Interface* in, const Packet& frame, const Ipv4Repr& ip,
                                   const IcmpRepr& icmp) {
  ParseError why{};
  const auto quoted = Ipv4Repr::parse_quoted(icmp.data, &why);
  if (!quoted) {
    ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
      return "dropped ICMP " + wire::to_string(icmp.type) + ": quoted header unreadable (" +
             std::string(wire::to_string(why)) + ")";
    });
    drop(in, frame, DropReason::Malformed);
    return;
  }
  const auto quoted_payload = wire::ipv4_payload(icmp.data, *quoted);
  if (quoted->protocol == wire::IpProtocol::Udp && quoted_payload.size() >= 2) {
    auto it = traceroutes_.find(wire::load_be16(quoted_payload.data()));
    if (it != traceroutes_.end()) {
      if (it->second->on_icmp_error(ip.src, icmp, *quoted, quoted_payload))
        finish_traceroute(it->first);
      return;
    }
  }
  ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
    return "ICMP " + icmp_words(icmp.type, icmp.code) + " from " + ip.src.to_string() + " about " +
           wire::to_string(quoted->protocol) + " to " + quoted->dst.to_string() +
           (transport_ ? ": told the sockets" : ": no sender to tell");
  });
  if (transport_) transport_->deliver_icmp_error(ip.src, icmp, *quoted, quoted_payload);
}

void Ipv4Stack::deliver_udp(const L3Interface* in, const Packet& frame, const Ipv4Repr& ip,
                            std::span<const uint8_t> segment, bool broadcast) {
  ParseError why{};
  const auto udp = wire::UdpRepr::parse(segment, ip.src, ip.dst, &why);
  if (!udp) {
    ctx_.trace().decision(ctx_.now(), Layer::Transport, owner_.name(), name_of(in), [&] {
      return "dropped UDP datagram (" + std::string(wire::to_string(why)) + ")";
    });
    drop(in, frame, drop_reason(why));
    return;
  }
  if (transport_ && transport_->deliver_udp(ip, *udp, in)) return;
  ctx_.trace().decision(ctx_.now(), Layer::Transport, owner_.name(), name_of(in), [&] {
    return "no socket on UDP port " + std::to_string(udp->dst_port) +
           (broadcast ? "" : ": port unreachable sent to " + ip.src.to_string());
  });
  drop(in, frame, DropReason::PortUnreachable);
  send_icmp_error(in, ip, datagram_bytes(frame, ip), broadcast, IcmpType::DestinationUnreachable,
                  static_cast<uint8_t>(UnreachableCode::Port));
}

// ---------------------------------------------------------------- forwarding

void Ipv4Stack::forward(L3Interface& in, Packet frame, const Ipv4Repr& ip, HookPacket& hooked) {
  auto refuse = [&](DropReason reason, auto&& why) {
    ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), in.name(), [&] {
      return "not forwarded " + ip.src.to_string() + " -> " + ip.dst.to_string() + ": " + why();
    });
    drop(&in, frame, reason);
  };
  // RFC 1812 §5.3.7: no forwarding to a martian destination.
  if (ip.dst.is_zero() || is_loopback(ip.dst) || is_multicast(ip.dst)) {
    refuse(DropReason::NotForUs, [] { return std::string("martian destination"); });
    return;
  }
  // RFC 1812 §5.3.1: TTL 1 would reach 0 here.
  if (ip.ttl <= 1) {
    refuse(DropReason::TtlExpired, [&] { return "TTL " + std::to_string(ip.ttl) + " expired"; });
    send_icmp_error(&in, ip, datagram_bytes(frame, ip), false, IcmpType::TimeExceeded, 0);
    return;
  }
  const Route* route = routes_.lookup(ip.dst);
  if (!route) {
    refuse(DropReason::NoRoute, [] { return std::string("no route"); });
    send_icmp_error(&in, ip, datagram_bytes(frame, ip), false, IcmpType::DestinationUnreachable,
                    static_cast<uint8_t>(UnreachableCode::Net));
    return;
  }
  L3Interface& out = *route->iface;
  const size_t length = size_t{ip.header_len} + ip.payload_len;
  if (length > out.mtu() && ip.dont_fragment) {  // RFC 1191: tell the source the next-hop MTU
    refuse(DropReason::MtuExceeded, [&] {
      return std::to_string(length) + " bytes with DF set exceed " + out.name() + "'s MTU " +
             std::to_string(out.mtu());
    });
    send_icmp_error(&in, ip, datagram_bytes(frame, ip), false, IcmpType::DestinationUnreachable,
                    static_cast<uint8_t>(UnreachableCode::FragmentationNeeded),
                    static_cast<uint16_t>(out.mtu()));
    return;
  }
  const Ipv4Address next_hop = route->via.value_or(ip.dst);
  ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), in.name(), [&] {
    return "forwarded " + ip.src.to_string() + " -> " + ip.dst.to_string() + " out " + out.name() +
           (route->via ? " via " + route->via->to_string() : "") + " (route " +
           route->to.to_string() + " " + std::string(to_string(route->origin)) + "), TTL " +
           std::to_string(ip.ttl - 1);
  });
  ctx_.pool().make_unique(frame);
  if (frame.size() != kL2 + length) frame.resize(kL2 + length);  // the Ethernet padding it came with
  wire::ipv4_decrement_ttl(frame.mutable_head().subspan(kL2));
  if (hook_) {
    hooked.out = &out;
    if (!run_hook(&Ipv4Hook::forward, hooked, frame) ||
        !run_hook(&Ipv4Hook::postrouting, hooked, frame))
      return;
  }
  transmit(Egress{&out, next_hop, false}, std::move(frame));
}

// ---------------------------------------------------------------- egress

Ipv4Address Ipv4Stack::source_for(const L3Interface& iface) const {
  if (const auto address = interface_address(iface)) return address->address;
  for (const Interface& i : interfaces_)  // an unnumbered interface borrows another's address
    if (i.address) return i.address->address;
  return Ipv4Address::any();
}

SendResult Ipv4Stack::plan_egress(Ipv4Repr& header, size_t payload_len,
                                  const EgressOptions& options, Egress& egress) {
  L3Interface* out = options.out;
  const bool local = !out && is_local_destination(header.dst);
  // One lookup serves the egress and the confirmation; the latter is about
  // the route's neighbour even when the datagram leaves another way.
  const Route* route =
      (!out && !local) || options.confirm_neighbour ? routes_.lookup(header.dst) : nullptr;
  if (options.confirm_neighbour && route) arp_.confirm(route->via.value_or(header.dst));
  if (wire::kIpv4HeaderLen + payload_len > 65535) return SendResult::MessageTooLong;
  header.payload_len = static_cast<uint16_t>(payload_len);
  header.header_len = wire::kIpv4HeaderLen;
  if (header.identification == 0 && options.id == IpIdentification::Counter) {
    if (++next_identification_ == 0) ++next_identification_;
    header.identification = next_identification_;
  }
  if (out) {
    egress = Egress{out, header.dst, is_broadcast_for(header.dst, out), options.dst_mac};
    if (header.src.is_zero()) {
      const auto address = interface_address(*out);
      if (address) header.src = address->address;
    }
  } else if (local) {
    egress = Egress{nullptr, header.dst, false};
    if (header.src.is_zero()) header.src = header.dst;
    header.dont_fragment = header.dont_fragment || options.dont_fragment_if_fits;  // it fits
    return SendResult::Sent;
  } else {
    if (!route) return SendResult::NoRoute;
    egress = Egress{route->iface, route->via.value_or(header.dst),
                    is_broadcast_for(header.dst, route->iface)};
    if (header.src.is_zero()) header.src = source_for(*route->iface);
    if (options.dont_fragment_if_fits)
      header.dont_fragment = header.buffer_len() <= route->iface->mtu();
  }
  if (header.dont_fragment && header.buffer_len() > egress.iface->mtu())
    return SendResult::MessageTooLong;
  return SendResult::Sent;
}

void Ipv4Stack::transmit(const Egress& egress, Packet frame) {
  if (!egress.iface) {
    loop_back(std::move(frame));
    return;
  }
  L3Interface& iface = *egress.iface;
  const wire::MacAddress dst = egress.link_broadcast ? wire::MacAddress::broadcast()
                               : egress.dst_mac       ? *egress.dst_mac
                                                      : wire::MacAddress{};
  const wire::EthernetRepr eth{dst, iface.mac(), std::nullopt, wire::EtherType::Ipv4};
  eth.emit(frame.mutable_head());
  const uint32_t mtu = iface.mtu();
  if (frame.size() - kL2 <= mtu)
    transmit_one(egress, std::move(frame));
  else
    fragment(egress, frame, mtu);
}

void Ipv4Stack::transmit_one(const Egress& egress, Packet frame) {
  if (egress.link_broadcast || egress.dst_mac)
    egress.iface->send(std::move(frame));
  else
    arp_.send(*egress.iface, source_for(*egress.iface), egress.next_hop, std::move(frame));
}

void Ipv4Stack::fragment(const Egress& egress, const Packet& frame, uint32_t mtu) {
  const auto ip = Ipv4Repr::parse(frame.bytes().subspan(kL2));
  assert(ip && "only well-formed datagrams are fragmented");
  const auto payload = wire::ipv4_payload(frame.bytes().subspan(kL2), *ip);
  // RFC 791: every fragment but the last carries a multiple of 8 data bytes.
  const size_t max_data =
      std::max<size_t>(8, (mtu - std::min<uint32_t>(mtu, wire::kIpv4HeaderLen)) / 8 * 8);
  ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), egress.iface->name(), [&] {
    return "fragmented a " + std::to_string(frame.size() - kL2) + "-byte datagram into " +
           std::to_string((payload.size() + max_data - 1) / max_data) + " for MTU " +
           std::to_string(mtu);
  });
  // Each piece leaves as soon as it is built: no list of pieces is kept.
  for (size_t offset = 0; offset < payload.size(); offset += max_data) {
    const size_t length = std::min(max_data, payload.size() - offset);
    Ipv4Repr header = *ip;
    header.header_len = wire::kIpv4HeaderLen;  // options are not copied (none of ours has any)
    header.fragment_offset = static_cast<uint16_t>(ip->fragment_offset + offset);
    header.more_fragments = ip->more_fragments || offset + length < payload.size();
    header.payload_len = static_cast<uint16_t>(length);
    Packet piece = ctx_.pool().allocate(kL2 + header.buffer_len(), frame.uid());
    const auto out = piece.mutable_bytes();
    std::copy_n(frame.bytes().begin(), kL2, out.begin());
    header.emit(out.subspan(kL2));
    const auto data = payload.subspan(offset, length);
    std::copy(data.begin(), data.end(), out.begin() + kL2 + wire::kIpv4HeaderLen);
    transmit_one(egress, std::move(piece));
  }
}

void Ipv4Stack::loop_back(Packet frame) {
  // Delivered from the event queue, never inside the sender's call.
  ctx_.scheduler().schedule_in(Time{0}, [this, frame = std::move(frame)]() mutable {
    if (!owner_.up()) {
      drop(nullptr, frame, DropReason::NodeDown);
      return;
    }
    receive_ipv4(nullptr, std::move(frame), false);
  });
}

void Ipv4Stack::send_icmp_error(const L3Interface* in, const Ipv4Repr& bad,
                                std::span<const uint8_t> bad_bytes, bool broadcast, IcmpType type,
                                uint8_t code, uint16_t next_hop_mtu) {
  // RFC 1122 §3.2.2: never about an ICMP error, a broadcast or multicast, a
  // non-first fragment, or a source that names no single host.
  const char* refused = nullptr;
  const auto bad_payload = wire::ipv4_payload(bad_bytes, bad);
  if (broadcast || is_broadcast_for(bad.dst, in) || is_multicast(bad.dst))
    refused = "it was a broadcast";
  else if (bad.src.is_zero() || bad.src == Ipv4Address::broadcast() || is_multicast(bad.src))
    refused = "its source names no single host";
  else if (bad.fragment_offset != 0)
    refused = "it was not a first fragment";
  else if (bad.protocol == wire::IpProtocol::Icmp && !bad_payload.empty() &&
           is_icmp_error(bad_payload[0]))
    refused = "it was an ICMP error";
  if (refused) {
    ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
      return "no ICMP " + icmp_words(type, code) + " to " + bad.src.to_string() + ": " + refused;
    });
    return;
  }
  const IcmpRepr icmp{type, code,         0,
                      0,    next_hop_mtu, bad_bytes.first(std::min(bad_bytes.size(), kMaxQuote))};
  Ipv4Repr header;
  header.dst = bad.src;
  header.protocol = wire::IpProtocol::Icmp;
  header.ttl = kDefaultTtl;
  if (is_local_address(bad.dst)) {
    header.src = bad.dst;  // about a packet for us: from the address it was sent to (Linux icmp_send)
  } else if (in) {
    if (const auto address = interface_address(*in))
      header.src = address->address;  // about a forwarded packet: the ingress interface
  }
  const SendResult result = send_datagram(
      header, icmp.buffer_len(), [&](std::span<uint8_t> out, const Ipv4Repr&) { icmp.emit(out); });
  ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(in), [&] {
    return "ICMP " + icmp_words(type, code) + " to " + bad.src.to_string() +
           (result == SendResult::Sent ? " sent"
                                       : " not sent (" + std::string(to_string(result)) + ")");
  });
}

void Ipv4Stack::arp_failed(L3Interface& iface, const Packet& frame) {
  const auto ip = Ipv4Repr::parse(frame.bytes().subspan(kL2));
  if (!ip) return;
  const auto datagram = datagram_bytes(frame, *ip);
  if (is_local_address(ip->src) || ip->src.is_zero()) {
    // Our own datagram: its sender hears EHOSTUNREACH, as from an ICMP host
    // unreachable (what Linux's neighbour code reports).
    if (!transport_ || ip->fragment_offset != 0) return;
    const IcmpRepr icmp{IcmpType::DestinationUnreachable,
                        static_cast<uint8_t>(UnreachableCode::Host),
                        0,
                        0,
                        0,
                        datagram.first(std::min(datagram.size(), kMaxQuote))};
    transport_->deliver_icmp_error(source_for(iface), icmp, *ip, wire::ipv4_payload(datagram, *ip));
    return;
  }
  // RFC 1812 §4.3.3.1: a router that cannot reach the next hop tells the source.
  send_icmp_error(nullptr, *ip, datagram, false, IcmpType::DestinationUnreachable,
                  static_cast<uint8_t>(UnreachableCode::Host));
}

// ---------------------------------------------------------------- sessions

void Ipv4Stack::ping(Ipv4Address dst, int count, PingDone done) {
  uint16_t id = ++next_ping_identifier_;
  while (id == 0 || pings_.count(id)) id = ++next_ping_identifier_;
  auto [it, inserted] =
      pings_.emplace(id, std::make_unique<PingSession>(*this, id, dst, count, std::move(done)));
  it->second->start();
}

void Ipv4Stack::traceroute(Ipv4Address dst, int max_hops, TracerouteDone done) {
  // An ephemeral port as a socket's (Linux traceroute binds one); without
  // a sockets layer, Linux's range from the top down.
  std::vector<uint16_t> taken;
  for (const auto& entry : traceroutes_) taken.push_back(entry.first);
  std::optional<uint16_t> chosen = transport_ ? transport_->probe_port(taken) : std::nullopt;
  uint16_t port = chosen.value_or(0);
  while (!chosen && (port == 0 || traceroutes_.count(port)))
    port = static_cast<uint16_t>(60999 - next_probe_port_++ % 28232);
  auto [it, inserted] = traceroutes_.emplace(
      port, std::make_unique<TracerouteSession>(*this, port, dst, max_hops, std::move(done)));
  it->second->start();
}

void Ipv4Stack::ping_timer(uint16_t identifier) {
  auto it = pings_.find(identifier);
  if (it != pings_.end() && it->second->on_timer()) finish_ping(identifier);
}

void Ipv4Stack::traceroute_timer(uint16_t port) {
  auto it = traceroutes_.find(port);
  if (it != traceroutes_.end() && it->second->on_timer()) finish_traceroute(port);
}

// The session leaves the map before its caller hears: `done` may start the
// next session at once.
void Ipv4Stack::finish_ping(uint16_t identifier) {
  auto handle = pings_.extract(identifier);
  PingSession& s = *handle.mapped();
  ctx_.trace().decision(ctx_.now(), Layer::Application, owner_.name(), "", [&] {
    return "ping " + s.destination().to_string() + ": " + std::to_string(s.replies()) + " of " +
           std::to_string(s.sent()) + " answered";
  });
  const int replies = s.replies();
  PingDone done = s.take_done();
  handle = {};
  if (done) done(replies);
}

void Ipv4Stack::finish_traceroute(uint16_t port) {
  auto handle = traceroutes_.extract(port);
  TracerouteSession& s = *handle.mapped();
  std::vector<std::string> hops = s.take_hops();
  TracerouteDone done = s.take_done();
  ctx_.trace().decision(ctx_.now(), Layer::Application, owner_.name(), "", [&] {
    std::string text = "traceroute done:";
    for (const std::string& h : hops) text += " " + h;
    return text;
  });
  handle = {};
  if (done) done(std::move(hops));
}

}  // namespace netsim::devices
