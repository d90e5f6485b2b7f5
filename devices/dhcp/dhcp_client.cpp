// The DHCP client's state machine (RFC 2131 §4.4, Figure 5), message by
// message as ISC dhclient sends them (the oracle: options 53 12 55, then 53
// 54 50 12 55; broadcast flag clear; no ARP check of the new address).
#include "devices/dhcp/dhcp_client.h"

#include <algorithm>
#include <cassert>
#include <cstdio>

#include "sim/wire/bytes.h"

namespace netsim::devices {

using wire::DhcpMessageType;
using wire::DhcpRepr;
using wire::Ipv4Address;

namespace {

// dhclient's parameter request list (Debian's stock dhclient.conf, the oracle).
constexpr uint8_t kParameterList[] = {1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42};
constexpr int kRequestTries = 5;  // a REQUEST unanswered after 4+8+16+32+64 s: back to INIT

// RFC 2131 §4.1: 4 s before the first retransmission, doubling up to 64 s
// (the contract: no random jitter).
Time backoff(int sent) { return seconds(int64_t{4} << std::min(sent - 1, 4)); }

std::string hex_xid(uint32_t xid) {
  char text[12];
  std::snprintf(text, sizeof text, "0x%08x", xid);
  return text;
}

std::string seconds_text(Time t) { return std::to_string(t.count() / 1'000'000'000) + " s"; }

uint8_t prefix_length(Ipv4Address mask) {
  uint8_t n = 0;
  for (uint32_t v = mask.value; v & 0x80000000u; v <<= 1) ++n;
  return n;
}

}  // namespace

std::string_view to_string(DhcpClientState state) {
  switch (state) {
    case DhcpClientState::Init: return "INIT";
    case DhcpClientState::Selecting: return "SELECTING";
    case DhcpClientState::Requesting: return "REQUESTING";
    case DhcpClientState::Bound: return "BOUND";
    case DhcpClientState::Renewing: return "RENEWING";
    case DhcpClientState::Rebinding: return "REBINDING";
    case DhcpClientState::InitReboot: return "INIT-REBOOT";
    case DhcpClientState::Rebooting: return "REBOOTING";
    case DhcpClientState::Released: return "RELEASED";
  }
  return "UNKNOWN";
}

DhcpClient::DhcpClient(IpHost& host)
    : host_(host),
      ctx_(host.node().ctx()),
      xids_(ctx_.stream("dhcp-xid:" + host.node().name())),
      host_name_(host.node().name().substr(0, 255)) {
  host_.sockets().udp().attach(wire::kDhcpClientPort, *this);
}

DhcpClient::~DhcpClient() {
  for (auto& m : machines_) cancel_timers(*m);
  host_.sockets().udp().detach(wire::kDhcpClientPort);
}

void DhcpClient::add_interface(L3Interface& iface) {
  auto m = std::make_unique<Machine>();
  m->iface = &iface;
  machines_.push_back(std::move(m));
}

std::optional<DhcpClientState> DhcpClient::state(std::string_view iface) const {
  for (const auto& m : machines_)
    if (m->iface->name() == iface) return m->state;
  return std::nullopt;
}

DhcpClient::Machine* DhcpClient::machine_for(const L3Interface* iface) {
  for (auto& m : machines_)
    if (m->iface == iface) return m.get();
  return nullptr;
}

bool DhcpClient::holds_lease(const Machine& m) const {
  return m.configured && (m.state == DhcpClientState::Bound ||
                          m.state == DhcpClientState::Renewing ||
                          m.state == DhcpClientState::Rebinding);
}

// ---------------------------------------------------------------- node events

void DhcpClient::start() {
  // The contract: the first DISCOVER leaves when the node starts, no random delay.
  for (auto& m : machines_) begin_init(*m, "node started");
}

void DhcpClient::node_down() {
  // A crash: nothing sent. The address goes with the kernel's state; the
  // lease stays on disk (dhclient.leases) for INIT-REBOOT.
  for (auto& m : machines_) {
    cancel_timers(*m);
    unconfigure(*m);
  }
}

void DhcpClient::node_up() {
  for (auto& m : machines_) reboot(*m, "node up");
}

void DhcpClient::carrier_changed(L3Interface& iface) {
  Machine* m = machine_for(&iface);
  if (m && iface.carrier() && host_.node().up()) reboot(*m, "link up");
}

bool DhcpClient::release(std::string_view iface) {
  Machine* found = nullptr;
  for (auto& m : machines_)
    if (m->iface->name() == iface) found = m.get();
  if (!found) return false;
  Machine& m = *found;
  cancel_timers(m);
  if (holds_lease(m)) {
    // RFC 2131 §4.4.6: unicast to the server, ciaddr set; dhclient draws a new xid.
    m.xid = static_cast<uint32_t>(xids_.next_u64());
    DhcpRepr release = request_base(m, DhcpMessageType::Release);
    release.ciaddr = m.lease->address.address;
    release.server_id = m.lease->server;
    release.secs = 0;
    send(m, release, m.lease->address.address, m.lease->server, false, false);
  }
  const std::string what =
      m.lease ? "released " + m.lease->address.to_string() : std::string("stopped (no lease)");
  unconfigure(m);
  m.lease.reset();
  set_state(m, DhcpClientState::Released, what + ": silent until the node or link comes up");
  return true;
}

// ---------------------------------------------------------------- states

void DhcpClient::set_state(Machine& m, DhcpClientState state, const std::string& why) {
  const DhcpClientState before = m.state;
  m.state = state;
  ctx_.trace().decision(ctx_.now(), Layer::Application, host_.node().name(), m.iface->name(), [&] {
    return "DHCP client " + std::string(to_string(before)) + " -> " +
           std::string(to_string(state)) + ": " + why;
  });
  trace_row(m);
}

void DhcpClient::trace_row(const Machine& m) const {
  ctx_.trace().table_change(ctx_.now(), host_.node().name(), "dhcp-client", [&] {
    std::string value(to_string(m.state));
    if (m.lease && m.state != DhcpClientState::Released) {
      value += " " + m.lease->address.to_string() + " from " + m.lease->server.to_string();
      if (holds_lease(m)) value += ", expires at " + seconds_text(m.lease->expires_at);
    }
    return std::pair{m.iface->name(), std::move(value)};
  });
}

void DhcpClient::begin_init(Machine& m, const std::string& why) {
  cancel_timers(m);
  unconfigure(m);
  m.lease.reset();
  set_state(m, DhcpClientState::Init, why);
  set_state(m, DhcpClientState::Selecting, "DISCOVER broadcast");
  begin_exchange(m);
}

void DhcpClient::reboot(Machine& m, const std::string& why) {
  cancel_timers(m);
  if (!m.lease || m.lease->expires_at <= ctx_.now()) {
    begin_init(m, why + (m.lease ? ", lease expired" : ""));
    return;
  }
  // RFC 2131 §3.2: the client asks for its old address from 0.0.0.0.
  unconfigure(m);
  set_state(m, DhcpClientState::InitReboot, why + ", holding a lease of " +
                                                m.lease->address.to_string());
  set_state(m, DhcpClientState::Rebooting, "REQUEST for " + m.lease->address.address.to_string() +
                                               " broadcast");
  begin_exchange(m);
}

void DhcpClient::begin_exchange(Machine& m) {
  m.xid = static_cast<uint32_t>(xids_.next_u64());
  m.exchange_start = ctx_.now();
  m.sent = 0;
  transmit(m);
}

void DhcpClient::cancel_timers(Machine& m) {
  m.retransmit.cancel(ctx_.scheduler());
  m.lease_timer.cancel(ctx_.scheduler());
}

// ---------------------------------------------------------------- sending

DhcpRepr DhcpClient::request_base(const Machine& m, DhcpMessageType type) const {
  DhcpRepr d;
  d.op = wire::BootpOp::Request;
  d.xid = m.xid;
  const int64_t elapsed = (ctx_.now() - m.exchange_start).count() / 1'000'000'000;
  d.secs = static_cast<uint16_t>(std::min<int64_t>(elapsed, UINT16_MAX));
  d.chaddr = m.iface->mac();
  d.message_type = type;
  d.host_name = {reinterpret_cast<const uint8_t*>(host_name_.data()), host_name_.size()};
  if (type != DhcpMessageType::Release) d.parameter_list = kParameterList;
  return d;
}

void DhcpClient::transmit(Machine& m) {
  ++m.sent;
  const Ipv4Address broadcast = Ipv4Address::broadcast();
  switch (m.state) {
    case DhcpClientState::Selecting:
      send(m, request_base(m, DhcpMessageType::Discover), Ipv4Address::any(), broadcast, true,
           false);
      break;
    case DhcpClientState::Requesting: {
      DhcpRepr r = request_base(m, DhcpMessageType::Request);
      r.server_id = m.offer_server;
      r.requested_ip = m.offered;
      send(m, r, Ipv4Address::any(), broadcast, true, false);
      break;
    }
    case DhcpClientState::Rebooting: {
      DhcpRepr r = request_base(m, DhcpMessageType::Request);
      r.requested_ip = m.lease->address.address;
      send(m, r, Ipv4Address::any(), broadcast, true, false);
      break;
    }
    case DhcpClientState::Renewing:
    case DhcpClientState::Rebinding: {
      // RFC 2131 §4.4.5: ciaddr set, no options 50 and 54; RENEWING unicasts
      // to the server, REBINDING broadcasts to any server.
      DhcpRepr r = request_base(m, DhcpMessageType::Request);
      r.ciaddr = m.lease->address.address;
      const bool renewing = m.state == DhcpClientState::Renewing;
      send(m, r, r.ciaddr, renewing ? m.lease->server : broadcast, !renewing, true);
      break;
    }
    default:
      assert(false && "no message to send in this state");
      return;
  }
  m.retransmit.arm(ctx_.scheduler(), ctx_.now() + backoff(m.sent), [this, &m] { on_retransmit(m); },
                   timer_kind(m));
}

void DhcpClient::send(const Machine& m, const DhcpRepr& message, Ipv4Address src, Ipv4Address dst,
                      bool forced_out, bool background) {
  buffer_.resize(message.buffer_len());
  message.emit(buffer_);
  EgressOptions egress(forced_out ? m.iface : nullptr);
  egress.background = background;
  const SendResult result = host_.sockets().udp().send_from(
      {src, wire::kDhcpClientPort}, {dst, wire::kDhcpServerPort}, buffer_, egress);
  ctx_.trace().decision(ctx_.now(), Layer::Application, host_.node().name(), m.iface->name(), [&] {
    return "DHCP client: " + std::string(to_string(*message.message_type)) + " to " +
           dst.to_string() + ", xid " + hex_xid(message.xid) +
           (result == SendResult::Sent ? "" : " not sent (" + std::string(to_string(result)) + ")");
  });
}

void DhcpClient::on_retransmit(Machine& m) {
  const bool requesting =
      m.state == DhcpClientState::Requesting || m.state == DhcpClientState::Rebooting;
  if (requesting && m.sent >= kRequestTries) {
    begin_init(m, "no answer to " + std::to_string(m.sent) + " REQUESTs");
    return;
  }
  ctx_.trace().decision(ctx_.now(), Layer::Application, host_.node().name(), m.iface->name(), [&] {
    return "DHCP client " + std::string(to_string(m.state)) + ": no answer, retransmitting after " +
           seconds_text(backoff(m.sent));
  });
  transmit(m);
}

// ---------------------------------------------------------------- receiving

void DhcpClient::receive(const UdpArrival& arrival) {
  Machine* m = machine_for(arrival.in);
  wire::ParseError why{};
  const auto d = DhcpRepr::parse(arrival.udp.payload, &why);
  auto ignore = [&](const std::string& reason) {
    ctx_.trace().decision(ctx_.now(), Layer::Application, host_.node().name(),
                          arrival.in ? arrival.in->name() : std::string(), [&] {
                            return "DHCP client ignored a message from " +
                                   arrival.ip.src.to_string() + ": " + reason;
                          });
  };
  if (!d) return ignore("malformed (" + std::string(wire::to_string(why)) + ")");
  if (!m) return ignore("not a DHCP interface");
  if (d->op != wire::BootpOp::Reply || !d->message_type) return ignore("not a DHCP reply");
  // RFC 2131 §4.4.1: a reply is ours when its xid and chaddr are.
  if (d->chaddr != m->iface->mac() || d->xid != m->xid)
    return ignore("xid or chaddr not ours");
  const Ipv4Address from = d->server_id.value_or(arrival.ip.src);
  switch (*d->message_type) {
    case DhcpMessageType::Offer:
      if (m->state != DhcpClientState::Selecting) return ignore("OFFER while not selecting");
      return on_offer(*m, *d, from);
    case DhcpMessageType::Ack:
      if (m->state == DhcpClientState::Selecting || m->state == DhcpClientState::Bound ||
          m->state == DhcpClientState::Released)
        return ignore("ACK while " + std::string(to_string(m->state)));
      return on_ack(*m, *d, from);
    case DhcpMessageType::Nak:
      if (m->state == DhcpClientState::Selecting || m->state == DhcpClientState::Bound ||
          m->state == DhcpClientState::Released)
        return ignore("NAK while " + std::string(to_string(m->state)));
      return on_nak(*m, from);
    default:
      return ignore(std::string(to_string(*d->message_type)) + " is no reply to a client");
  }
}

void DhcpClient::on_offer(Machine& m, const DhcpRepr& offer, Ipv4Address from) {
  // dhclient takes the first offer at once (the oracle: REQUEST 56 us later).
  m.retransmit.cancel(ctx_.scheduler());
  m.offered = offer.yiaddr;
  m.offer_server = from;
  set_state(m, DhcpClientState::Requesting,
            "OFFER of " + offer.yiaddr.to_string() + " from " + from.to_string() +
                ", REQUEST broadcast");
  m.sent = 0;
  transmit(m);
}

void DhcpClient::on_ack(Machine& m, const DhcpRepr& ack, Ipv4Address from) {
  if (ack.yiaddr.is_zero()) {
    ctx_.trace().decision(ctx_.now(), Layer::Application, host_.node().name(), m.iface->name(),
                          [] { return std::string("DHCP client ignored an ACK with no yiaddr"); });
    return;
  }
  const uint32_t lease_s = ack.lease_time.value_or(3600);
  const uint32_t t1 = ack.renewal_time.value_or(lease_s / 2);
  const uint32_t t2 = ack.rebinding_time.value_or(static_cast<uint32_t>(uint64_t{lease_s} * 7 / 8));
  Lease lease;
  lease.address = {ack.yiaddr, prefix_length(ack.subnet_mask.value_or(Ipv4Address{0xffffff00}))};
  lease.server = from;
  lease.router = DhcpRepr::first_address(ack.routers);
  for (size_t i = 0; i + 4 <= ack.dns_servers.size(); i += 4)
    lease.dns.push_back({wire::load_be32(ack.dns_servers.data() + i)});
  lease.renew_at = ctx_.now() + seconds(t1);
  lease.rebind_at = ctx_.now() + seconds(t2);
  lease.expires_at = ctx_.now() + seconds(lease_s);
  bind(m, std::move(lease));
}

void DhcpClient::on_nak(Machine& m, Ipv4Address from) {
  // RFC 2131 §3.1 step 5 / §3.2 step 3: the address is wrong here; start over.
  begin_init(m, "NAK from " + from.to_string());
}

void DhcpClient::bind(Machine& m, Lease lease) {
  cancel_timers(m);
  const bool same = m.configured && m.lease && m.lease->address == lease.address &&
                    m.lease->router == lease.router;
  if (!same) unconfigure(m);
  const DhcpClientState before = m.state;
  m.lease = std::move(lease);
  const Lease& l = *m.lease;
  Ipv4Stack& stack = host_.stack();
  if (!same) {
    stack.set_interface_address(*m.iface, l.address);
    if (l.router) stack.add_static_route({Ipv4Address::any(), 0}, l.router, m.iface);
  }
  if (!l.dns.empty()) host_.set_dns_servers(l.dns);
  m.configured = true;
  const Time now = ctx_.now();
  set_state(m, DhcpClientState::Bound,
            std::string(before == DhcpClientState::Renewing || before == DhcpClientState::Rebinding
                            ? "renewed "
                            : "bound ") +
                l.address.to_string() + " from " + l.server.to_string() + ", lease " +
                seconds_text(l.expires_at - now) + " (T1 " + seconds_text(l.renew_at - now) +
                ", T2 " + seconds_text(l.rebind_at - now) + ")" +
                (l.router ? ", gateway " + l.router->to_string() : ""));
  m.lease_timer.arm(ctx_.scheduler(), l.renew_at, [this, &m] { on_lease_timer(m); },
                    EventKind::Background);
}

void DhcpClient::on_lease_timer(Machine& m) {
  m.retransmit.cancel(ctx_.scheduler());
  const Lease& l = *m.lease;
  switch (m.state) {
    case DhcpClientState::Bound:
      set_state(m, DhcpClientState::Renewing,
                "T1: REQUEST unicast to " + l.server.to_string());
      m.lease_timer.arm(ctx_.scheduler(), l.rebind_at, [this, &m] { on_lease_timer(m); },
                        EventKind::Background);
      break;
    case DhcpClientState::Renewing:
      set_state(m, DhcpClientState::Rebinding, "T2: no answer from " + l.server.to_string() +
                                                   ", REQUEST broadcast to any server");
      m.lease_timer.arm(ctx_.scheduler(), l.expires_at, [this, &m] { on_lease_timer(m); },
                        EventKind::Background);
      break;
    default:
      begin_init(m, "lease of " + l.address.to_string() + " expired");
      return;
  }
  begin_exchange(m);
}

void DhcpClient::unconfigure(Machine& m) {
  if (!m.configured) return;
  m.configured = false;
  Ipv4Stack& stack = host_.stack();
  if (m.lease->router) stack.remove_static_route({Ipv4Address::any(), 0}, *m.lease->router);
  stack.set_interface_address(*m.iface, std::nullopt);
  ctx_.trace().decision(ctx_.now(), Layer::Application, host_.node().name(), m.iface->name(), [&] {
    return "DHCP client removed " + m.lease->address.to_string() + " from " + m.iface->name();
  });
}

}  // namespace netsim::devices
