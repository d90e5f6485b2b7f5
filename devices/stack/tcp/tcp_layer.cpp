// TcpLayer: demultiplexing, ports, RST for segments nobody takes, ICMP
// errors to their connection, and the sockets' storage.
#include "devices/stack/tcp/tcp_layer.h"

#include <algorithm>
#include <cassert>

#include "sim/wire/bytes.h"

namespace netsim::devices {

namespace {

uint32_t segment_length(const wire::TcpRepr& seg) {
  return static_cast<uint32_t>(seg.payload.size()) + (seg.has(wire::tcp_flags::Syn) ? 1 : 0) +
         (seg.has(wire::tcp_flags::Fin) ? 1 : 0);
}
}  // namespace

TcpLayer::TcpLayer(Context& ctx, std::string node_name, TcpOutput& out, TcpConfig config,
                   RandomStream isn_stream, EphemeralPorts& ports)
    : ctx_(ctx),
      node_(std::move(node_name)),
      out_(out),
      config_(config),
      isn_stream_(isn_stream),
      ephemeral_(ports) {}

TcpLayer::~TcpLayer() { reap_timer_.cancel(ctx_.scheduler()); }

TcpSocket* TcpLayer::open() {
  const uint64_t id = next_id_++;
  auto socket = std::unique_ptr<TcpSocket>(new TcpSocket(*this, id));
  TcpSocket* raw = socket.get();
  sockets_.emplace(id, std::move(socket));
  return raw;
}

TcpSocket* TcpLayer::spawn_child(TcpSocket& listener, SocketAddress local, SocketAddress remote) {
  TcpSocket* child = open();
  child->orphan_ = true;
  child->listener_ = &listener;
  child->local_ = local;
  child->remote_ = remote;
  // Like Linux's inherited bind bucket: the child holds the listener's port.
  child->bound_ = true;
  ports_.emplace(local.port, child);
  hash(*child);
  return child;
}

// ---- ports and tables ----

bool TcpLayer::port_conflicts(wire::Ipv4Address ip, uint16_t port) const {
  const auto [begin, end] = ports_.equal_range(port);
  for (auto it = begin; it != end; ++it) {
    const wire::Ipv4Address held = it->second->local_.ip;
    if (held.is_zero() || ip.is_zero() || held == ip) return true;
  }
  return false;
}

SocketResult<Done> TcpLayer::bind_port(TcpSocket& socket, SocketAddress local) {
  assert(!socket.bound_ && "socket already holds a port");
  if (local.port == 0) {
    const std::optional<uint16_t> port =
        ephemeral_.for_bind([&](uint16_t p) { return !port_conflicts(local.ip, p); });
    if (!port) return SocketError::AddressInUse;
    local.port = *port;
  } else if (port_conflicts(local.ip, local.port)) {
    return SocketError::AddressInUse;
  }
  socket.local_ = local;
  socket.bound_ = true;
  ports_.emplace(local.port, &socket);
  return Done{};
}

SocketResult<Done> TcpLayer::bind_for_connect(TcpSocket& socket, wire::Ipv4Address source,
                                              SocketAddress remote) {
  assert(!socket.bound_ && "socket already holds a port");
  const auto usable = [&](uint16_t port) {
    // Linux's bind bucket: one made by bind() or listen() (fastreuse >= 0)
    // is never shared with a connect; one made by connects is, per 4-tuple.
    const auto [begin, end] = ports_.equal_range(port);
    for (auto it = begin; it != end; ++it)
      if (!it->second->port_shared_) return false;
    return !find_connection(source, port, remote.ip, remote.port);
  };
  const std::optional<uint16_t> port = ephemeral_.for_connect(source, remote.ip, remote.port, usable);
  if (!port) return SocketError::AddressNotAvailable;
  socket.local_ = {source, *port};
  socket.remote_ = remote;
  socket.bound_ = true;
  socket.port_shared_ = true;
  ports_.emplace(*port, &socket);
  hash(socket);
  return Done{};
}

void TcpLayer::release_port(TcpSocket& socket) {
  if (!socket.bound_) return;
  const auto [begin, end] = ports_.equal_range(socket.local_.port);
  for (auto it = begin; it != end; ++it) {
    if (it->second == &socket) {
      ports_.erase(it);
      break;
    }
  }
  socket.bound_ = false;
  socket.port_shared_ = false;
}

TcpSocket* TcpLayer::find_connection(wire::Ipv4Address local_ip, uint16_t local_port,
                                     wire::Ipv4Address remote_ip, uint16_t remote_port) const {
  TcpSocket* const* head = connections_.find(tuple_key(local_port, remote_ip, remote_port));
  TcpSocket* s = head ? *head : nullptr;
  while (s && s->local_.ip != local_ip) s = s->hash_next_;
  return s;
}

bool TcpLayer::hash(TcpSocket& socket) {
  const auto [head, inserted] = connections_.try_emplace(tuple_key(socket), &socket);
  if (!inserted) {
    TcpSocket* last = *head;
    for (;; last = last->hash_next_) {
      if (last->local_.ip == socket.local_.ip) return false;
      if (!last->hash_next_) break;
    }
    last->hash_next_ = &socket;
  }
  socket.hash_next_ = nullptr;
  socket.hashed_ = true;
  return true;
}

void TcpLayer::unhash(TcpSocket& socket) {
  if (!socket.hashed_) return;
  const uint64_t key = tuple_key(socket);
  TcpSocket** const head = connections_.find(key);
  TcpSocket** link = head;
  while (*link != &socket) link = &(*link)->hash_next_;
  *link = socket.hash_next_;
  socket.hash_next_ = nullptr;
  if (!*head) connections_.erase(key);  // it was the tuple's only socket
  socket.hashed_ = false;
}

void TcpLayer::retire(TcpSocket& socket) {
  unhash(socket);
  release_port(socket);
  retired_.push_back(socket.id_);
  if (!reap_timer_.armed(ctx_.scheduler()))
    reap_timer_.arm(
        ctx_.scheduler(), ctx_.now(), [this] { reap(); }, EventKind::Background);
}

void TcpLayer::reap() {
  for (uint64_t id : retired_) sockets_.erase(id);
  retired_.clear();
}

TcpSocket* TcpLayer::find_listener(wire::Ipv4Address local_ip, uint16_t port) const {
  // A listener on the exact address wins over one on 0.0.0.0 (Linux's scoring).
  TcpSocket* wildcard = nullptr;
  const auto [begin, end] = ports_.equal_range(port);
  for (auto it = begin; it != end; ++it) {
    TcpSocket* s = it->second;
    if (s->state_ != TcpState::Listen) continue;
    if (s->local_.ip == local_ip) return s;
    if (s->local_.ip.is_zero()) wildcard = s;
  }
  return wildcard;
}

// ---- arrivals ----

void TcpLayer::trace_drop(DropReason reason) const {
  TraceEvent e;
  e.kind = TraceKind::FrameDropped;
  e.time = ctx_.now();
  e.node = node_;
  e.reason = reason;
  ctx_.trace().emit(e);
}

void TcpLayer::deliver(const wire::Ipv4Repr& ip, std::span<const uint8_t> segment) {
  if (!out_.is_local_address(ip.dst)) {
    // A broadcast or multicast destination: TCP is unicast only (RFC 1122 §4.2.3.10).
    ctx_.trace().decision(ctx_.now(), Layer::Transport, node_, "", [&] {
      return "tcp: ignored segment from " + ip.src.to_string() + " to non-unicast " +
             ip.dst.to_string();
    });
    trace_drop(DropReason::NotForUs);
    return;
  }
  wire::ParseError why{};
  const auto seg = wire::TcpRepr::parse(segment, ip.src, ip.dst, &why);
  if (!seg) {
    ctx_.trace().decision(ctx_.now(), Layer::Transport, node_, "", [&] {
      return "tcp: dropped segment from " + ip.src.to_string() + " (" +
             std::string(wire::to_string(why)) + ")";
    });
    trace_drop(why == wire::ParseError::BadChecksum ? DropReason::BadChecksum : DropReason::Malformed);
    return;
  }
  if (TcpSocket* found = find_connection(ip.dst, seg->dst_port, ip.src, seg->src_port)) {
    TcpSocket& conn = *found;
    // RFC 9293 §3.10.7.4 note / RFC 6191: a new SYN beyond a TIME-WAIT
    // connection's sequence space may reuse the 4-tuple (Linux accepts it).
    const bool reopens = conn.state_ == TcpState::TimeWait && seg->has(wire::tcp_flags::Syn) &&
                         !seg->has(wire::tcp_flags::Ack) && SeqNumber(seg->seq) > conn.rcv_nxt_;
    if (!reopens) {
      conn.on_segment(*seg);
      return;
    }
    conn.explain([] { return "new SYN for this 4-tuple ends TIME-WAIT"; });
    conn.become_closed(std::nullopt);
  }
  if (TcpSocket* listener = find_listener(ip.dst, seg->dst_port)) {
    listener->on_listen_segment(ip.dst, ip.src, *seg);
    return;
  }
  if (seg->has(wire::tcp_flags::Rst)) return;  // RFC 9293 §3.10.7.1: never answer a RST
  ctx_.trace().decision(ctx_.now(), Layer::Transport, node_, "", [&] {
    return "tcp: no socket for " + ip.dst.to_string() + ":" + std::to_string(seg->dst_port) +
           " (from " + ip.src.to_string() + ":" + std::to_string(seg->src_port) + "): reset";
  });
  send_reset_reply(ip.dst, ip.src, *seg);
}

void TcpLayer::send_reset_reply(wire::Ipv4Address local, wire::Ipv4Address remote,
                                const wire::TcpRepr& seg) {
  if (seg.has(wire::tcp_flags::Rst)) return;
  wire::TcpRepr reset;
  reset.src_port = seg.dst_port;
  reset.dst_port = seg.src_port;
  if (seg.has(wire::tcp_flags::Ack)) {
    // <SEQ=SEG.ACK><CTL=RST>
    reset.seq = seg.ack;
    reset.flags = wire::tcp_flags::Rst;
  } else {
    // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
    reset.seq = 0;
    reset.ack = seg.seq + segment_length(seg);
    reset.flags = wire::tcp_flags::Rst | wire::tcp_flags::Ack;
  }
  // Linux sends it from a control socket: IP ID 0 under DF (ip_send_unicast_reply).
  output(local, remote, reset, 0);
}

void TcpLayer::deliver_icmp_error(wire::Ipv4Address reporter, const wire::IcmpRepr& icmp,
                                  const wire::Ipv4Repr& quoted,
                                  std::span<const uint8_t> quoted_payload) {
  // RFC 792: the quote holds at least the ports and the sequence number.
  if (quoted.protocol != wire::IpProtocol::Tcp || quoted_payload.size() < 8) return;
  const uint16_t src_port = wire::load_be16(quoted_payload.data());
  const uint16_t dst_port = wire::load_be16(quoted_payload.data() + 2);
  const SeqNumber seq(wire::load_be32(quoted_payload.data() + 4));
  TcpSocket* conn = find_connection(quoted.src, src_port, quoted.dst, dst_port);
  if (!conn) {
    ctx_.trace().decision(ctx_.now(), Layer::Transport, node_, "", [&] {
      return "tcp: ICMP from " + reporter.to_string() + " about no connection we have";
    });
    return;
  }
  conn->on_icmp_error(icmp, seq);
}

void TcpLayer::reset_all() {
  // Collected first: vanishing retires orphans (and their children) as it goes.
  std::vector<TcpSocket*> all;
  for (auto& [id, socket] : sockets_) all.push_back(socket.get());
  for (TcpSocket* socket : all)
    if (std::find(retired_.begin(), retired_.end(), socket->id_) == retired_.end())
      socket->vanish();
}

std::vector<std::pair<std::string, std::string>> TcpLayer::rows() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, socket] : sockets_)
    if (socket->state_ != TcpState::Closed)
      out.emplace_back(socket->name(), std::string(to_string(socket->state_)));
  return out;
}

}  // namespace netsim::devices
