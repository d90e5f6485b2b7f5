// UDP sockets over the IPv4 stack: binding, ephemeral ports, sending (the
// stack fragments what exceeds the MTU), demultiplexing, receive queues
// bounded like Linux's, and ICMP errors for connected sockets.
#include "devices/stack/udp_layer.h"

#include <algorithm>
#include <cassert>

#include "sim/wire/bytes.h"

namespace netsim::devices {

using wire::Ipv4Address;

namespace {

// Linux charges a queued datagram its skb->truesize: the payload plus the
// buffer's bookkeeping. A fixed overhead stands in for the latter.
constexpr size_t kDatagramOverhead = 768;
constexpr uint8_t kDefaultTtl = 64;  // Linux ip_default_ttl

// Linux's icmp_err_convert, restricted to the hard errors a connected UDP
// socket reports without IP_RECVERR (soft ones, like time exceeded, are not).
std::optional<SocketError> hard_error(const wire::IcmpRepr& icmp) {
  if (icmp.type != wire::IcmpType::DestinationUnreachable) return std::nullopt;
  switch (static_cast<wire::UnreachableCode>(icmp.code)) {
    case wire::UnreachableCode::Net:
      return SocketError::NetworkUnreachable;
    case wire::UnreachableCode::Host:
    case wire::UnreachableCode::AdminProhibited:
      return SocketError::HostUnreachable;
    case wire::UnreachableCode::Port:
      return SocketError::ConnectionRefused;
    default:
      return std::nullopt;
  }
}

}  // namespace

// ---------------------------------------------------------------- UdpSocket

SocketResult<Done> UdpSocket::bind(SocketAddress local) {
  if (bound_) return SocketError::InvalidArgument;
  return layer_.bind(*this, local);
}

SocketResult<Done> UdpSocket::connect(SocketAddress remote) {
  if (remote.port == 0) return SocketError::InvalidArgument;
  const Ipv4Address source = layer_.routes_.source_for(remote.ip);
  if (source.is_zero()) return SocketError::NetworkUnreachable;
  if (bound_) layer_.row_changed(*this, true);
  // Linux (ip4_datagram_connect) narrows a wildcard local address to the route's source.
  if (local_.ip.is_zero()) local_.ip = source;
  if (!bound_) {
    const SocketResult<Done> bound = layer_.bind_ephemeral(*this);
    if (!bound.ok()) {
      local_.ip = Ipv4Address::any();
      return bound;
    }
  }
  peer_ = remote;
  error_.reset();
  layer_.row_changed(*this, false);
  return Done{};
}

SocketResult<size_t> UdpSocket::send(std::span<const uint8_t> data) {
  if (!peer_) {
    if (auto e = take_error()) return *e;
    return SocketError::DestinationAddressRequired;
  }
  return send_to(data, *peer_);
}

SocketResult<size_t> UdpSocket::send_to(std::span<const uint8_t> data, SocketAddress to) {
  if (auto e = take_error()) return *e;
  if (write_shut_) return SocketError::BrokenPipe;
  if (data.size() > kMaxPayload) return SocketError::MessageTooLong;
  if (to.port == 0) return SocketError::InvalidArgument;
  if (!bound_) {
    const SocketResult<Done> bound = layer_.bind_ephemeral(*this);
    if (!bound.ok()) return bound.error();
  }
  return layer_.transmit(*this, data, to);
}

SocketResult<size_t> UdpSocket::recv_from(std::span<uint8_t> out, SocketAddress* from) {
  if (auto e = take_error()) return *e;  // Linux reports sk_err before queued data
  if (queue_.empty()) {
    if (read_shut_) return size_t{0};
    return SocketError::WouldBlock;
  }
  const Datagram& d = queue_.front();
  const size_t n = payloads_.pop(out.first(std::min(out.size(), d.len)));
  payloads_.discard(d.len - n);  // the truncated rest
  if (from) *from = d.from;
  queued_bytes_ -= d.len + kDatagramOverhead;
  queue_.pop_front();
  return n;
}

SocketResult<Done> UdpSocket::shutdown(ShutdownHow how) {
  if (!peer_) return SocketError::NotConnected;
  if (how != ShutdownHow::Write) read_shut_ = true;
  if (how != ShutdownHow::Read) write_shut_ = true;
  wake();  // a blocked recv now returns b""
  return Done{};
}

void UdpSocket::close() { layer_.close(*this); }

// ---------------------------------------------------------------- UdpLayer

UdpLayer::UdpLayer(Ipv4Stack& stack, TcpOutput& routes, EphemeralPorts& ports,
                   bool path_mtu_discovery)
    : stack_(stack),
      routes_(routes),
      ctx_(stack.ctx()),
      ports_(ports),
      path_mtu_discovery_(path_mtu_discovery) {
  assert(ports.low() <= ports.high() && ports.low() > 0 && "a valid ephemeral range");
}

UdpLayer::~UdpLayer() = default;

UdpSocket* UdpLayer::open() {
  const uint64_t id = next_id_++;
  auto [it, inserted] = sockets_.emplace(id, std::unique_ptr<UdpSocket>(new UdpSocket(*this, id)));
  return it->second.get();
}

bool UdpLayer::port_free(Ipv4Address ip, uint16_t port, const UdpSocket* except) const {
  // Without SO_REUSEADDR two sockets may share a port only on distinct
  // specific addresses.
  for (const auto& entry : services_)
    if (entry.first == port) return false;
  for (const auto& [bound_port, other] : bound_to(port)) {
    if (other == except) continue;
    if (ip.is_zero() || other->local_.ip.is_zero() || other->local_.ip == ip) return false;
  }
  return true;
}

SocketResult<Done> UdpLayer::bind(UdpSocket& s, SocketAddress local) {
  if (!local.ip.is_zero() && !routes_.is_local_address(local.ip))
    return SocketError::AddressNotAvailable;
  if (local.port == 0) {
    s.local_.ip = local.ip;
    const SocketResult<Done> bound = bind_ephemeral(s);
    if (!bound.ok()) s.local_.ip = Ipv4Address::any();
    return bound;
  }
  if (!port_free(local.ip, local.port, &s)) return SocketError::AddressInUse;
  s.local_ = local;
  add_bound(s);
  row_changed(s, false);
  return Done{};
}

SocketResult<Done> UdpLayer::bind_ephemeral(UdpSocket& s) {
  const std::optional<uint16_t> port =
      ports_.for_udp([&](uint16_t p) { return port_free(s.local_.ip, p, &s); });
  if (!port) return SocketError::AddressInUse;
  s.local_.port = *port;
  add_bound(s);
  row_changed(s, false);
  return Done{};
}

std::optional<uint16_t> UdpLayer::free_ephemeral_port(std::span<const uint16_t> taken) {
  return ports_.for_udp([&](uint16_t p) {
    return port_free(Ipv4Address::any(), p, nullptr) &&
           std::find(taken.begin(), taken.end(), p) == taken.end();
  });
}

SendResult UdpLayer::send_from(SocketAddress src, SocketAddress dst, std::span<const uint8_t> data,
                               const EgressOptions& egress) {
  wire::Ipv4Repr header;
  header.src = src.ip;
  header.dst = dst.ip;
  header.protocol = wire::IpProtocol::Udp;
  header.ttl = kDefaultTtl;
  const wire::UdpRepr udp{src.port, dst.port, data};
  // Linux __ip_make_skb: DF when the datagram fits the path; a bigger one is
  // fragmented here. Not on a forced interface (DHCP's raw sockets set none).
  EgressOptions options = egress;
  options.dont_fragment_if_fits = path_mtu_discovery_ && !egress.out;
  return stack_.send_datagram(
      header, udp.buffer_len(),
      [&](std::span<uint8_t> bytes, const wire::Ipv4Repr& final_header) {
        udp.emit(bytes, final_header.src, final_header.dst);
      },
      options);
}

SocketResult<size_t> UdpLayer::transmit(UdpSocket& s, std::span<const uint8_t> data,
                                        SocketAddress to) {
  // A local address of any: the stack picks the egress interface's address.
  const SendResult result = send_from(s.local_, to, data);
  ctx_.trace().decision(ctx_.now(), Layer::Transport, stack_.node().name(), "", [&] {
    return "UDP " + s.local_.to_string() + " -> " + to.to_string() + ": " +
           std::to_string(data.size()) + " bytes " + std::string(to_string(result));
  });
  switch (result) {
    case SendResult::Sent:
      return data.size();
    case SendResult::NoRoute:
      return SocketError::NetworkUnreachable;
    case SendResult::MessageTooLong:
      return SocketError::MessageTooLong;
  }
  return SocketError::InvalidArgument;
}

namespace {
using BoundSocket = std::pair<uint16_t, UdpSocket*>;
bool port_before(const BoundSocket& a, const BoundSocket& b) { return a.first < b.first; }
}  // namespace

std::span<const std::pair<uint16_t, UdpSocket*>> UdpLayer::bound_to(uint16_t port) const {
  const auto [first, last] =
      std::equal_range(bound_.begin(), bound_.end(), BoundSocket{port, nullptr}, port_before);
  return {first, last};
}

void UdpLayer::add_bound(UdpSocket& s) {
  s.bound_ = true;
  const BoundSocket entry{s.local_.port, &s};
  // upper_bound: after the sockets already on the port, as they bound.
  bound_.insert(std::upper_bound(bound_.begin(), bound_.end(), entry, port_before), entry);
}

UdpSocket* UdpLayer::lookup(Ipv4Address dst, uint16_t dst_port, Ipv4Address src,
                            uint16_t src_port, bool broadcast) const {
  UdpSocket* best = nullptr;
  for (const auto& [port, s] : bound_to(dst_port)) {
    if (s->peer_ && (s->peer_->ip != src || s->peer_->port != src_port)) continue;
    if (s->local_.ip.is_zero()) {
      if (!best) best = s;
    } else if (s->local_.ip == dst && !broadcast) {
      return s;
    }
  }
  return best;
}

void UdpLayer::attach(uint16_t port, UdpService& service) {
  assert(std::none_of(services_.begin(), services_.end(),
                      [&](const auto& entry) { return entry.first == port; }));
  services_.emplace_back(port, &service);
}

void UdpLayer::detach(uint16_t port) {
  std::erase_if(services_, [&](const auto& entry) { return entry.first == port; });
}

bool UdpLayer::deliver(const wire::Ipv4Repr& ip, const wire::UdpRepr& udp, const L3Interface* in) {
  const bool broadcast = !routes_.is_local_address(ip.dst);
  for (const auto& [port, service] : services_)
    if (port == udp.dst_port) {
      service->receive({in, ip, udp, broadcast});
      return true;
    }
  UdpSocket* s = lookup(ip.dst, udp.dst_port, ip.src, udp.src_port, broadcast);
  if (!s) return false;
  const SocketAddress from{ip.src, udp.src_port};
  auto refuse = [&](const char* why) {
    ctx_.trace().decision(ctx_.now(), Layer::Transport, stack_.node().name(), "", [&] {
      return "UDP datagram from " + from.to_string() + " to " + s->local_.to_string() +
             " dropped: " + why;
    });
  };
  if (s->read_shut_) {
    refuse("the socket was shut down for reading");
    return true;
  }
  // Linux's __udp_enqueue_schedule_skb: refused once the queue already
  // exceeds the receive buffer (so the last one accepted may overshoot).
  if (s->queued_bytes_ > UdpSocket::kReceiveBuffer) {
    ++s->dropped_;
    refuse("receive queue full");
    return true;
  }
  const size_t stored = s->payloads_.push(udp.payload);
  assert(stored == udp.payload.size() && "the ring holds what the receive buffer admits");
  s->queue_.push_back({from, stored});
  s->queued_bytes_ += udp.payload.size() + kDatagramOverhead;
  ctx_.trace().decision(ctx_.now(), Layer::Transport, stack_.node().name(), "", [&] {
    return "UDP datagram from " + from.to_string() + " queued on " + s->local_.to_string() + " (" +
           std::to_string(s->queue_.size()) + " waiting)";
  });
  s->wake();
  return true;
}

void UdpLayer::deliver_icmp_error(Ipv4Address reporter, const wire::IcmpRepr& icmp,
                                  const wire::Ipv4Repr& quoted,
                                  std::span<const uint8_t> quoted_payload) {
  if (quoted.protocol != wire::IpProtocol::Udp || quoted_payload.size() < 4) return;
  const auto error = hard_error(icmp);
  if (!error) return;
  const uint16_t src_port = wire::load_be16(quoted_payload.data());
  const uint16_t dst_port = wire::load_be16(quoted_payload.data() + 2);
  // The socket that sent it: as if the quoted destination had sent to us.
  UdpSocket* s = lookup(quoted.src, src_port, quoted.dst, dst_port, false);
  if (!s || !s->peer_) return;
  s->error_ = *error;
  ctx_.trace().decision(ctx_.now(), Layer::Transport, stack_.node().name(), "", [&] {
    return "UDP socket " + s->local_.to_string() + " connected to " + s->peer_->to_string() +
           ": ICMP from " + reporter.to_string() + " -> " + std::string(to_string(*error));
  });
  s->wake();
}

void UdpLayer::reset_all() {
  for (auto& [id, s] : sockets_) {
    s->queue_.clear();
    s->payloads_.release();
    s->queued_bytes_ = 0;
    s->error_.reset();
  }
}

void UdpLayer::close(UdpSocket& s) {
  if (s.bound_) {
    std::erase(bound_, BoundSocket{s.local_.port, &s});
    row_changed(s, true);
  }
  sockets_.erase(s.id_);
}

std::string UdpLayer::row_key(const UdpSocket& s) { return s.local_.to_string(); }

std::string UdpLayer::row_value(const UdpSocket& s) {
  std::string value = s.peer_ ? "connected " + s.peer_->to_string() : "bound";
  if (!s.queue_.empty()) value += ", " + std::to_string(s.queue_.size()) + " queued";
  if (s.dropped_ > 0) value += ", " + std::to_string(s.dropped_) + " dropped";
  return value;
}

void UdpLayer::row_changed(const UdpSocket& s, bool removed) {
  ctx_.trace().table_change(ctx_.now(), stack_.node().name(), "udp", [&] {
    return std::pair{row_key(s), removed ? std::string() : row_value(s)};
  });
}

std::vector<std::pair<std::string, std::string>> UdpLayer::rows() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, s] : sockets_)
    if (s->bound_) out.emplace_back(row_key(*s), row_value(*s));
  return out;
}

}  // namespace netsim::devices
