// NAT (RFC 3022 NAPT, Linux MASQUERADE and DNAT) and IPVS-style virtual
// servers over conntrack, following Linux's nf_nat manip rules: a DST manip
// at PREROUTING, a SRC manip at POSTROUTING, each direction's rewrite taken
// from the other direction's tuple.
#include "devices/netfilter/netfilter.h"

#include <cassert>

#include "devices/stack/ipv4_stack.h"
#include "sim/wire/icmp.h"
#include "sim/wire/ipv4_rewrite.h"
#include "sim/wire/tcp.h"

namespace netsim::devices {

using wire::IpProtocol;
using wire::Ipv4Address;
using wire::Ipv4Rewrite;

namespace {

constexpr uint8_t kEchoRequest = 8;

ConnTuple tuple_of(const Ipv4Rewrite& v) {
  return {v.src(), v.dst(), v.src_port(), v.dst_port(), v.protocol()};
}

// RFC 1122 §3.2.2: the ICMP errors that quote a datagram.
bool is_icmp_error(const Ipv4Rewrite& v) {
  if (v.protocol() != IpProtocol::Icmp || v.icmp_message().size() < wire::kIcmpHeaderLen) return false;
  const uint8_t type = v.icmp_type();
  return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

// ICMP: only an echo request starts a flow; a reply or another message never does.
bool may_start_flow(const Ipv4Rewrite& v) {
  return v.protocol() != IpProtocol::Icmp || v.icmp_type() == kEchoRequest;
}

// "192.168.1.10:40000", or "192.168.1.10 id 5" for an ICMP echo.
std::string side_text(IpProtocol protocol, Ipv4Address address, uint16_t port) {
  return protocol == IpProtocol::Icmp ? address.to_string() + " id " + std::to_string(port)
                                      : endpoint_text(address, port);
}

}  // namespace

Netfilter::Netfilter(Ipv4Stack& stack, NetfilterConfig config)
    : stack_(stack),
      nat_(std::move(config.nat)),
      vs_(std::move(config.virtual_servers)),
      track_(config.timeouts, [this](const Connection& c) { ended(c); }),
      ports_(stack.ctx().stream("nat:" + stack.node().name())) {
  if (nat_) {
    for (const std::string& name : nat_->inside) inside_.push_back(stack.find_interface(name));
    outside_ = stack.find_interface(nat_->outside);
    assert(outside_ && "the loader checks the NAT interface names");
  }
}

bool Netfilter::is_inside(const L3Interface* iface) const {
  for (const L3Interface* i : inside_)
    if (i == iface) return true;
  return false;
}

bool Netfilter::answers_arp(const L3Interface& in, Ipv4Address target) const {
  // The VIP lives on no interface. ARP answers for it on the interfaces that
  // face the clients: every one whose network holds none of its real servers.
  if (!vs_.is_vip(target)) return false;
  const auto address = stack_.interface_address(in);
  if (!address) return true;
  for (const VirtualServerConfig& vs : vs_.servers())
    if (vs.vip.address == target)
      for (const Endpoint& real : vs.real)
        if (address->contains(real.address)) return false;
  return true;
}

int Netfilter::nat_entries() const {
  int n = 0;
  const Time now = stack_.ctx().now();
  track_.for_each([&](const Connection& c) {
    const bool translation = c.kind == ConnKind::SourceNat || c.kind == ConnKind::PortForward;
    if (translation && c.expires_at > now) ++n;
  });
  return n;
}

// ---------------------------------------------------------------- hooks

HookVerdict Netfilter::prerouting(HookPacket& p) {
  auto view = Ipv4Rewrite::of(p.datagram);
  if (!view) return std::nullopt;
  if (is_icmp_error(*view)) {
    translate_icmp_error(*view, Manip::Destination, p);
    return std::nullopt;
  }
  if (!view->has_ports()) return std::nullopt;
  const uint8_t flags = view->tcp_flags();
  if (const auto found = track_.find(tuple_of(*view), stack_.ctx().now())) {
    const Connection& c = track_.at(found->id);
    // A new SYN for a closed connection's tuple starts over (conntrack reopens TIME_WAIT).
    const bool reopened = c.closed && (flags & (wire::tcp_flags::Syn | wire::tcp_flags::Ack)) ==
                                          wire::tcp_flags::Syn;
    if (!reopened) {
      p.connection = found->id;
      p.reply = found->reply;
      observe(found->id, found->reply, flags);
      apply(c, found->reply, Manip::Destination, *view, p);
      return std::nullopt;
    }
    track_.end(found->id);
  }
  if (p.in && may_start_flow(*view)) bind_destination(p, *view);
  return std::nullopt;
}

HookVerdict Netfilter::forward(HookPacket& p) {
  // A flow forwarded in from outside with no translation (NAT does not
  // filter) is tracked all the same, as Linux conntrack does: its answers
  // from inside belong to it and are not masqueraded.
  if (!nat_ || p.connection != HookPacket::kNoConnection || is_inside(p.in)) return std::nullopt;
  auto view = Ipv4Rewrite::of(p.datagram);
  if (!view || !view->has_ports() || !may_start_flow(*view) || is_icmp_error(*view)) return std::nullopt;
  const ConnTuple original = tuple_of(*view);
  track(Connection{original, original.reversed(), ConnKind::Untranslated}, p, view->tcp_flags());
  return std::nullopt;
}

HookVerdict Netfilter::postrouting(HookPacket& p) {
  auto view = Ipv4Rewrite::of(p.datagram);
  if (!view) return std::nullopt;
  if (is_icmp_error(*view)) {
    translate_icmp_error(*view, Manip::Source, p);
    return std::nullopt;
  }
  if (p.connection != HookPacket::kNoConnection) {
    apply(track_.at(p.connection), p.reply, Manip::Source, *view, p);
    return std::nullopt;
  }
  // Only what is forwarded from an inside interface out of the outside one:
  // never this node's own datagrams, nor traffic between inside interfaces.
  if (!nat_ || !p.in || p.out != outside_ || !is_inside(p.in) || !view->has_ports() ||
      !may_start_flow(*view))
    return std::nullopt;
  return source_nat(p, *view);
}

// ---------------------------------------------------------------- rewriting

bool Netfilter::manip_needed(const Connection& c, bool reply, Manip manip) {
  // A translated source is undone on the reply's destination, and the other way round.
  const bool source_side = (manip == Manip::Source) != reply;
  return source_side ? c.source_translated() : c.destination_translated();
}

void Netfilter::apply(const Connection& c, bool reply, Manip manip, Ipv4Rewrite& view,
                      HookPacket& p) {
  if (!manip_needed(c, reply, manip)) return;
  // A packet of one direction is made to look like the other direction's tuple reversed.
  const ConnTuple target = reply ? c.original.reversed() : c.reply.reversed();
  if (manip == Manip::Destination) {
    view.set_dst(target.dst);
    view.set_dst_port(target.dst_port);
  } else {
    view.set_src(target.src);
    view.set_src_port(target.src_port);
  }
  p.rewritten = true;
}

void Netfilter::translate_icmp_error(Ipv4Rewrite& view, Manip manip, HookPacket& p) {
  const auto message = view.icmp_message();
  auto quoted = Ipv4Rewrite::of_quoted(message.subspan(wire::kIcmpHeaderLen), message.data() + 2);
  if (!quoted || !quoted->has_ports()) return;
  // The quoted datagram went the other way: the error travels as its answer.
  const auto found = track_.find(tuple_of(*quoted).reversed(), stack_.ctx().now());
  if (!found) return;
  const Connection& c = track_.at(found->id);
  const bool reply = found->reply;
  if (!manip_needed(c, reply, manip)) return;
  // Linux nf_nat_icmp_reply_translation: the outer header gets this hook's
  // manip, the quoted one the opposite manip to the other direction's tuple.
  const ConnTuple outer = reply ? c.original.reversed() : c.reply.reversed();
  const ConnTuple inner = reply ? c.original : c.reply;
  if (manip == Manip::Destination) {
    view.set_dst(outer.dst);
    quoted->set_src(inner.src);
    quoted->set_src_port(inner.src_port);
  } else {
    view.set_src(outer.src);
    quoted->set_dst(inner.dst);
    quoted->set_dst_port(inner.dst_port);
  }
  p.rewritten = true;
  explain(p, [&] {
    return "ICMP error about " + c.original.to_string() + " translated back to " +
           (manip == Manip::Destination ? outer.dst : outer.src).to_string();
  });
}

// ---------------------------------------------------------------- new bindings

void Netfilter::bind_destination(HookPacket& p, Ipv4Rewrite& view) {
  const ConnTuple original = tuple_of(view);
  if (const auto vs = vs_.match(original.protocol, {original.dst, original.dst_port})) {
    const auto [real, why] = vs_.choose(*vs, original.src);
    const Endpoint& server = vs_.servers()[*vs].real[real];
    Connection c{original, {server.address, original.src, server.port, original.src_port, original.protocol},
                 ConnKind::VirtualServer};
    if (track_.find(c.reply, stack_.ctx().now())) return;  // that server already holds this client port
    c.virtual_server = static_cast<int16_t>(*vs);
    c.real = static_cast<int16_t>(real);
    vs_.opened(*vs, real);
    const uint32_t id = track(c, p, view.tcp_flags());
    apply(track_.at(id), false, Manip::Destination, view, p);
    explain(p, [&] {
      return "virtual server " + endpoint_text(original.dst, original.dst_port) + " -> " +
             endpoint_text(server.address, server.port) + " (" + why + ")";
    });
    return;
  }
  if (!nat_ || p.in != outside_) return;  // forwards: on the outside interface only (no hairpin)
  const auto outside = stack_.interface_address(*outside_);
  if (!outside || original.dst != outside->address) return;
  for (const PortForward& f : nat_->forwards) {
    if (f.protocol != original.protocol || f.port != original.dst_port) continue;
    Connection c{original, {f.to.address, original.src, f.to.port, original.src_port, original.protocol},
                 ConnKind::PortForward};
    if (track_.find(c.reply, stack_.ctx().now())) return;
    const uint32_t id = track(c, p, view.tcp_flags());
    apply(track_.at(id), false, Manip::Destination, view, p);
    explain(p, [&] {
      return "forward " + endpoint_text(original.dst, original.dst_port) + " -> " +
             endpoint_text(f.to.address, f.to.port);
    });
    return;
  }
}

HookVerdict Netfilter::source_nat(HookPacket& p, Ipv4Rewrite& view) {
  const auto outside = stack_.interface_address(*outside_);
  if (!outside) {
    explain(p, [] { return std::string("not translated: the outside interface has no address"); });
    return std::nullopt;
  }
  const ConnTuple original = tuple_of(view);
  ConnTuple reply{original.dst, outside->address, original.dst_port, original.src_port, original.protocol};
  std::optional<Ipv4Address> taken_by;
  if (const auto holder = track_.find(reply, stack_.ctx().now())) {
    taken_by = track_.at(holder->id).original.src;
    const auto port = free_port(reply);
    if (!port) {
      explain(p, [&] { return "NAT of " + original.to_string() + " failed: no free outside port"; });
      return DropReason::Unsupported;
    }
    reply.dst_port = *port;
    if (reply.protocol == IpProtocol::Icmp) reply.src_port = *port;  // one identifier both ways
  }
  const uint32_t id = track(Connection{original, reply, ConnKind::SourceNat}, p, view.tcp_flags());
  apply(track_.at(id), false, Manip::Source, view, p);
  explain(p, [&] {
    std::string text = "NAT " + side_text(original.protocol, original.src, original.src_port) +
                       " -> " + side_text(original.protocol, reply.dst, reply.dst_port);
    if (taken_by)
      text += " (" + std::to_string(original.src_port) + " taken by " + taken_by->to_string() + ")";
    return text;
  });
  return std::nullopt;
}

std::optional<uint16_t> Netfilter::free_port(ConnTuple reply) {
  auto is_free = [&](uint16_t port) {
    reply.dst_port = port;
    if (reply.protocol == IpProtocol::Icmp) reply.src_port = port;
    return !track_.find(reply, stack_.ctx().now());
  };
  // Seeded draws from 1024-65535 (Linux picks at random too), then a scan.
  for (int attempt = 0; attempt < 64; ++attempt) {
    const auto port = static_cast<uint16_t>(ports_.uniform(1024, 65535));
    if (is_free(port)) return port;
  }
  for (uint32_t port = 1024; port <= 65535; ++port)
    if (is_free(static_cast<uint16_t>(port))) return static_cast<uint16_t>(port);
  return std::nullopt;
}

// ---------------------------------------------------------------- tracking

uint32_t Netfilter::track(Connection c, HookPacket& p, uint8_t tcp_flags) {
  const uint32_t id = track_.insert(std::move(c), stack_.ctx().now());
  p.connection = id;
  p.reply = false;
  observe(id, false, tcp_flags);
  table_row(track_.at(id), false);
  return id;
}

void Netfilter::observe(uint32_t id, bool reply, uint8_t tcp_flags) {
  const Connection& c = track_.at(id);
  if (track_.observe(id, reply, tcp_flags, stack_.ctx().now()) && c.kind == ConnKind::VirtualServer)
    vs_.closed(c.virtual_server, c.real);  // least-connections counts open connections only
}

void Netfilter::ended(const Connection& c) {
  if (c.kind == ConnKind::VirtualServer && !c.closed) vs_.closed(c.virtual_server, c.real);
  table_row(c, true);
}

template <typename MakeText>
void Netfilter::explain(const HookPacket& p, MakeText&& make_text) const {
  const L3Interface* at = p.in ? p.in : p.out;
  stack_.ctx().trace().decision(stack_.ctx().now(), Layer::Transport, stack_.node().name(), name_of(at),
                                std::forward<MakeText>(make_text));
}

void Netfilter::table_row(const Connection& c, bool removed) const {
  // The router's panel lists each translation: the flow as the inside sees
  // it, and the address and port it has on the other side.
  if (c.kind == ConnKind::Untranslated) return;
  const bool nat = c.kind != ConnKind::VirtualServer;
  stack_.ctx().trace().table_change(stack_.ctx().now(), stack_.node().name(), nat ? "nat" : "virtual servers", [&] {
    std::string value;
    if (!removed) {
      const bool source = c.kind == ConnKind::SourceNat;
      const Ipv4Address address = source ? c.reply.dst : c.reply.src;
      const uint16_t port = source ? c.reply.dst_port : c.reply.src_port;
      value = (source ? "as " : "to ") + side_text(c.original.protocol, address, port);
    }
    return std::pair{c.original.to_string(), std::move(value)};
  });
}

}  // namespace netsim::devices
