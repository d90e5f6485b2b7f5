// The IPv4 engine shared by hosts and routers ("a router is a host with
// forwarding on"): interfaces, the routing table, the ARP cache, local
// delivery (ICMP echo, UDP/TCP to the transport handler, reassembly),
// forwarding with TTL, MTU and ICMP errors, and the ping/traceroute sessions.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "devices/stack/arp_cache.h"
#include "devices/stack/ipv4_hook.h"
#include "devices/stack/l3_interface.h"
#include "devices/stack/reassembly.h"
#include "devices/stack/routing_table.h"
#include "devices/stack/transport_handler.h"
#include "sim/core/inplace_function.h"
#include "sim/net/node.h"
#include "sim/wire/ethernet.h"
#include "sim/wire/icmp.h"
#include "sim/wire/ipv4.h"

namespace netsim::devices {

class PingSession;
class TracerouteSession;

// What became of a locally originated datagram, known at once. A failure
// found later (ARP gave up) reaches the sender as an ICMP error through the
// TransportHandler.
enum class SendResult : uint8_t {
  Sent,            // on the wire, waiting for ARP, or looped back
  NoRoute,         // ENETUNREACH
  MessageTooLong,  // EMSGSIZE: DF set and larger than the egress MTU, or over 65535 bytes
};
std::string_view to_string(SendResult r);  // "sent", "no-route", "message-too-long"

// Who picks a sent datagram's IP ID: the node's counter when the header says
// 0, or the sender, 0 included (Linux ip_select_ident: a connected socket's
// own counter; 0 for DF segments of no connection, such as a SYN-ACK).
enum class IpIdentification : uint8_t { Counter, Given };

// How a locally built datagram leaves when its sender knows better than the
// routing table and ARP (DHCP), or picks its own IP ID (TCP). Converts from
// an interface: `out` alone.
struct EgressOptions {
  EgressOptions(L3Interface* forced = nullptr) : out(forced) {}  // NOLINT: implicit on purpose
  // Forces the egress interface: the destination is then on-link.
  L3Interface* out = nullptr;
  // With `out`: the frame goes to this MAC with no ARP (a DHCP reply to a
  // client that has no address yet, RFC 2131 §4.1).
  std::optional<wire::MacAddress> dst_mac;
  // A periodic protocol's frame (a bound DHCP client's renewal): it never
  // keeps a run going.
  bool background = false;
  IpIdentification id = IpIdentification::Counter;
  // DF exactly when the datagram fits the egress MTU (Linux IP_PMTUDISC_WANT;
  // loopback takes any datagram), decided on the route the egress comes from.
  bool dont_fragment_if_fits = false;
  // The neighbour the route to the destination leaves through is reachable
  // (TCP progress: ArpCache::confirm), told on the egress's own route lookup.
  bool confirm_neighbour = false;
};

// An L3 interface of the stack and its address.
struct Interface {
  L3Interface* iface = nullptr;
  std::optional<wire::Ipv4Prefix> address;  // with its prefix length; none: unnumbered
};

class Ipv4Stack {
 public:
  using PingDone = InplaceFunction<void(int replies), 48>;
  using TracerouteDone = InplaceFunction<void(std::vector<std::string> hops), 48>;

  Ipv4Stack(Node& owner, Time arp_timeout, bool forwarding);
  Ipv4Stack(const Ipv4Stack&) = delete;
  Ipv4Stack& operator=(const Ipv4Stack&) = delete;
  ~Ipv4Stack();

  // ---- configuration ----
  // Every interface of the owner that carries IP is added here, in index
  // order; the owner keeps it alive as long as the stack.
  void add_interface(L3Interface& iface, std::optional<wire::Ipv4Prefix> address);
  // A new address (DHCP) or none: the connected route follows, and routes
  // given by next hop are bound again.
  void set_interface_address(L3Interface& iface, std::optional<wire::Ipv4Prefix> address);
  // A static route: `via` must lie on a connected network unless `dev` is
  // given; false (nothing added) otherwise. A route added before the
  // interface that reaches `via` (the configured gateway) is kept when
  // `pending_ok`, and bound as soon as such an interface appears.
  bool add_static_route(wire::Ipv4Prefix to, std::optional<wire::Ipv4Address> via, L3Interface* dev,
                        bool pending_ok = false);
  // Removes the static routes to `to` via `via` (a DHCP lease's default route).
  void remove_static_route(wire::Ipv4Prefix to, wire::Ipv4Address via);
  // Auto routing's result: replaces every Auto route (traced as table changes).
  void replace_auto_routes(std::vector<Route> routes);
  void set_forwarding(bool on) { forwarding_ = on; }
  bool forwarding() const { return forwarding_; }
  // The sockets layer; null: none (UDP gets port unreachable, TCP is dropped).
  void set_transport(TransportHandler* handler) { transport_ = handler; }
  // NAT and virtual servers (null: none); the owner keeps it alive.
  void set_hook(Ipv4Hook* hook) { hook_ = hook; }

  // ---- events from the node ----
  // A frame layer 2 delivered to interface `in` (already traced as received).
  void receive(L3Interface& in, Packet frame);
  // Node down: ARP cache flushed (held frames dropped), partial datagrams
  // dropped. Ping/traceroute sessions keep their timers.
  void shutdown();
  // An interface's carrier may have changed: ARP entries behind a lost one go.
  void carrier_changed(L3Interface& iface);

  // ---- egress for apps and sockets ----
  // Builds and sends one datagram: `header` gives dst, protocol, ttl, tos,
  // dont_fragment; src 0 lets the stack pick the egress interface's address;
  // identification 0 gets the next counter value unless `id` is Given. `emit_payload(span<uint8_t>
  // payload, const wire::Ipv4Repr& final_header)` writes the payload_len
  // bytes (the final header carries the chosen source, for pseudo-header
  // checksums). `egress.out` forces the egress interface (DHCP, broadcasts):
  // the destination is then on-link, and src stays 0.0.0.0 if it has no address.
  // With a `tail`, the payload's last tail.len bytes are its (referenced, not
  // copied) and emit_payload writes only the payload_len - tail.len before them.
  template <typename EmitPayload>
  SendResult send_datagram(wire::Ipv4Repr header, size_t payload_len, EmitPayload&& emit_payload,
                           const EgressOptions& egress = {}, const PayloadRef& tail = {});

  // ---- ping / traceroute (apps' ping() and traceroute()) ----
  // Echo requests 1 s apart, each waiting up to 1 s; done(replies) when the
  // last is answered or timed out. Never completes synchronously.
  void ping(wire::Ipv4Address dst, int count, PingDone done);
  // One UDP probe per TTL from 1 to max_hops (0: 30); see traceroute.h.
  void traceroute(wire::Ipv4Address dst, int max_hops, TracerouteDone done);

  // ---- queries (expect checks, dumps) ----
  Node& node() const { return owner_; }
  Context& ctx() const { return ctx_; }
  const std::vector<Interface>& interfaces() const { return interfaces_; }
  std::optional<wire::Ipv4Prefix> interface_address(std::string_view iface) const;
  std::optional<wire::Ipv4Prefix> interface_address(const L3Interface& iface) const;
  L3Interface* find_interface(std::string_view name) const;
  // One of this node's interface addresses (weak host model: any interface),
  // or an address a hook answers for (a VIP).
  bool is_local_address(wire::Ipv4Address address) const;
  // Where send_datagram loops a datagram back: ours, or 127.0.0.0/8.
  bool is_local_destination(wire::Ipv4Address dst) const;
  // The source send_datagram picks for `dst` when given 0.0.0.0 (no forced
  // interface): dst itself when local, else the route's egress address;
  // 0.0.0.0 without a route.
  wire::Ipv4Address source_address_for(wire::Ipv4Address dst) const;
  std::optional<wire::MacAddress> arp_lookup(wire::Ipv4Address ip) const {
    return arp_.lookup(ip, ctx_.now());
  }
  std::vector<ArpRow> arp_rows() const { return arp_.rows(ctx_.now()); }
  void set_arp_nud(bool on) { arp_.set_nud(on); }
  void clear_arp() { arp_.clear(); }
  const Route* route_lookup(wire::Ipv4Address dst) const { return routes_.lookup(dst); }
  std::vector<Route> route_rows() const { return routes_.rows(); }
  // Traces every current route as a table row: routes made while building,
  // before any sink listened, reach the trace (and the animation) this way.
  void announce_routes();
  // "192.168.2.0/24 via 10.0.0.2 dev g1 (static)"
  std::string describe_route(const Route& route) const;
  // The egress interface's name, "" while unbound.
  std::string route_port_name(const Route& route) const;

 private:
  friend class PingSession;
  friend class TracerouteSession;

  // Where a datagram leaves: an interface and next hop, or back into this node.
  struct Egress {
    Egress(L3Interface* out = nullptr, wire::Ipv4Address hop = {}, bool broadcast = false,
           std::optional<wire::MacAddress> mac = std::nullopt)
        : iface(out), next_hop(hop), link_broadcast(broadcast), dst_mac(mac) {}
    L3Interface* iface;  // null: loopback
    wire::Ipv4Address next_hop;
    bool link_broadcast;                      // Ethernet broadcast, no ARP
    std::optional<wire::MacAddress> dst_mac;  // given by the sender: no ARP
  };

  // ---- ingress ----
  void receive_arp(L3Interface& in, std::span<const uint8_t> payload, const Packet& frame);
  void receive_ipv4(L3Interface* in, Packet frame, bool link_broadcast);
  bool is_broadcast_for(wire::Ipv4Address dst, const L3Interface* in) const;
  // A unicast UDP datagram for the DHCP client port on an interface with no
  // address yet: the OFFER or ACK to the address being offered.
  bool for_unconfigured_dhcp_client(const L3Interface* in, const wire::Ipv4Repr& ip,
                                    const Packet& frame) const;
  void deliver_local(const L3Interface* in, const Packet& frame, const wire::Ipv4Repr& ip,
                     bool broadcast);
  void deliver_icmp(const L3Interface* in, const Packet& frame, const wire::Ipv4Repr& ip,
                    std::span<const uint8_t> message, bool broadcast);
  void deliver_icmp_error(const L3Interface* in, const Packet& frame, const wire::Ipv4Repr& ip,
                          const wire::IcmpRepr& icmp);
  void deliver_udp(const L3Interface* in, const Packet& frame, const wire::Ipv4Repr& ip,
                   std::span<const uint8_t> segment, bool broadcast);
  void forward(L3Interface& in, Packet frame, const wire::Ipv4Repr& ip, HookPacket& hooked);
  // Runs a hook over `frame`'s datagram; false: dropped (and traced).
  bool run_hook(HookVerdict (Ipv4Hook::*point)(HookPacket&), HookPacket& hooked, Packet& frame);
  // LOCAL_OUT and POSTROUTING for a datagram of our own; false: a hook dropped it.
  bool output_hooks(const Egress& egress, Packet& frame);
  // Traced at `in`'s name (none for loopback).
  void drop(const L3Interface* in, const Packet& frame, DropReason reason) {
    owner_.drop(name_of(in), frame, reason);
  }

  // ---- egress ----
  // Fills header.src/identification/payload_len and picks the egress.
  SendResult plan_egress(wire::Ipv4Repr& header, size_t payload_len, const EgressOptions& options,
                         Egress& egress);
  // Writes the Ethernet header, fragments to the egress MTU, hands to ARP.
  void transmit(const Egress& egress, Packet frame);
  void transmit_one(const Egress& egress, Packet frame);
  void loop_back(Packet frame);
  // The IPv4 datagram in `frame` split to fit `mtu` (RFC 791 §3.2) and each
  // piece transmitted: 8-byte aligned pieces, MF on all but the last; the
  // header is re-emitted without options.
  void fragment(const Egress& egress, const Packet& frame, uint32_t mtu);
  wire::Ipv4Address source_for(const L3Interface& iface) const;
  // ICMP error about `bad` (its bytes in `bad_bytes`), unless RFC 1122
  // §3.2.2 forbids one: about an ICMP error, a broadcast, a non-first
  // fragment or a source that is no unicast host. Sourced from `in`'s address.
  void send_icmp_error(const L3Interface* in, const wire::Ipv4Repr& bad,
                       std::span<const uint8_t> bad_bytes, bool broadcast, wire::IcmpType type,
                       uint8_t code, uint16_t next_hop_mtu = 0);
  // ARP gave up on a held frame: ICMP host unreachable to a remote source,
  // an ICMP-style error to the local sender.
  void arp_failed(L3Interface& iface, const Packet& frame);

  // ---- sessions ----
  void ping_timer(uint16_t identifier);
  void traceroute_timer(uint16_t port);
  void finish_ping(uint16_t identifier);
  void finish_traceroute(uint16_t port);
  const Interface* interface_of(const L3Interface& iface) const;
  void trace_route_change(const Route& route, bool removed);

  // First what every frame that reaches the stack reads, ARP requests for
  // others included (W2: a thousand hosts overhear each one), so that it
  // takes two cache lines, not five.
  Ipv4Hook* hook_ = nullptr;
  std::vector<Interface> interfaces_;  // by interface index
  ArpCache arp_;
  Node& owner_;
  Context& ctx_;
  bool forwarding_;
  TransportHandler* transport_ = nullptr;
  RoutingTable routes_;
  Reassembly reassembly_;
  uint16_t next_identification_ = 0;
  uint16_t next_ping_identifier_ = 0;
  uint16_t next_probe_port_ = 0;
  std::map<uint16_t, std::unique_ptr<PingSession>> pings_;              // by ICMP identifier
  std::map<uint16_t, std::unique_ptr<TracerouteSession>> traceroutes_;  // by UDP source port
};

template <typename EmitPayload>
SendResult Ipv4Stack::send_datagram(wire::Ipv4Repr header, size_t payload_len,
                                    EmitPayload&& emit_payload, const EgressOptions& options,
                                    const PayloadRef& tail) {
  Egress egress;
  const SendResult planned = plan_egress(header, payload_len, options, egress);
  if (planned != SendResult::Sent) return planned;
  const size_t own = payload_len - tail.len;
  Packet frame =
      ctx_.new_packet(wire::kEthernetHeaderLen + wire::kIpv4HeaderLen + own, tail);
  if (options.background) frame.set_background();
  const auto bytes = frame.mutable_head();
  header.emit(bytes.subspan(wire::kEthernetHeaderLen));
  emit_payload(bytes.subspan(wire::kEthernetHeaderLen + wire::kIpv4HeaderLen, own),
               static_cast<const wire::Ipv4Repr&>(header));
  if (hook_ && !output_hooks(egress, frame)) return SendResult::Sent;
  transmit(egress, std::move(frame));
  return SendResult::Sent;
}

}  // namespace netsim::devices
