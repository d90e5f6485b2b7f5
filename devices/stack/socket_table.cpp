// Handles to sockets, and each operation routed to the engine of the
// socket's kind; the stack's deliveries routed to the engine of their protocol.
#include "devices/stack/socket_table.h"

namespace netsim::devices {

namespace {

// States in which a TCP socket has a peer (getpeername works).
bool has_peer(TcpState state) {
  switch (state) {
    case TcpState::Closed:
    case TcpState::Listen:
    case TcpState::SynSent:
      return false;
    default:
      return true;
  }
}

}  // namespace

SocketTable::SocketTable(Ipv4Stack& stack, TcpConfig config)
    : tcp_output_(stack),
      ports_(stack.ctx().stream("ports:" + stack.node().name()), config.ephemeral_low,
             config.ephemeral_high),
      udp_(stack, tcp_output_, ports_, config.pmtu_discovery),
      tcp_(stack.ctx(), stack.node().name(), tcp_output_, config,
           stack.ctx().stream("tcp-isn:" + stack.node().name()), ports_) {}

SocketTable::~SocketTable() = default;

const SocketTable::Entry* SocketTable::find(int handle) const {
  const size_t i = static_cast<size_t>(handle) - kFirstHandle;  // below the first: huge, not found
  return i < entries_.size() && entries_[i] ? &entries_[i] : nullptr;
}

int SocketTable::add(Entry entry) {
  entries_.push_back(entry);
  return kFirstHandle + static_cast<int>(entries_.size() - 1);
}

int SocketTable::open(SocketKind kind) {
  return kind == SocketKind::Stream ? add({nullptr, tcp_.open()}) : add({udp_.open(), nullptr});
}

std::optional<SocketKind> SocketTable::kind(int handle) const {
  const Entry* e = find(handle);
  if (!e) return std::nullopt;
  return e->tcp ? SocketKind::Stream : SocketKind::Datagram;
}

SocketResult<Done> SocketTable::bind(int handle, SocketAddress local) {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  return e->tcp ? e->tcp->bind(local) : e->udp->bind(local);
}

SocketResult<Done> SocketTable::listen(int handle, int backlog) {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  if (!e->tcp) return SocketError::OperationNotSupported;
  return e->tcp->listen(backlog);
}

SocketResult<SocketTable::Accepted> SocketTable::accept(int handle) {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  if (!e->tcp) return SocketError::OperationNotSupported;
  SocketResult<TcpSocket*> accepted = e->tcp->accept();
  if (!accepted.ok()) return accepted.error();
  TcpSocket* connection = accepted.value();
  return Accepted{add({nullptr, connection}), connection->remote()};
}

SocketResult<Done> SocketTable::connect(int handle, SocketAddress remote) {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  return e->tcp ? e->tcp->connect(remote) : e->udp->connect(remote);
}

SocketResult<size_t> SocketTable::send(int handle, std::span<const uint8_t> data,
                                       const BytesOwner& owner) {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  return e->tcp ? e->tcp->send(data, owner) : e->udp->send(data);
}

SocketResult<size_t> SocketTable::send_to(int handle, std::span<const uint8_t> data,
                                          SocketAddress to) {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  return e->tcp ? e->tcp->send(data) : e->udp->send_to(data, to);
}

SocketResult<size_t> SocketTable::recv(int handle, std::span<uint8_t> out, SocketAddress* from) {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  return e->tcp ? e->tcp->recv(out) : e->udp->recv_from(out, from);
}

SocketResult<size_t> SocketTable::readable(int handle) const {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  return e->tcp ? e->tcp->bytes_readable() : e->udp->bytes_readable();
}

SocketResult<Done> SocketTable::shutdown(int handle, ShutdownHow how) {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  return e->tcp ? e->tcp->shutdown(how) : e->udp->shutdown(how);
}

SocketResult<Done> SocketTable::set_nodelay(int handle, bool on) {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  if (!e->tcp) return SocketError::OperationNotSupported;
  e->tcp->set_nodelay(on);
  return Done{};
}

SocketResult<Done> SocketTable::close(int handle) {
  const Entry* found = find(handle);
  if (!found) return SocketError::BadDescriptor;
  const Entry e = *found;
  entries_[static_cast<size_t>(handle) - kFirstHandle] = Entry{};
  // The engine may keep a closing TCP socket alive (FIN-WAIT, TIME-WAIT):
  // its waker must not call back into an app that has let go of it.
  if (e.tcp) {
    e.tcp->set_waker({});
    e.tcp->close();
  } else {
    e.udp->set_waker({});
    e.udp->close();
  }
  return Done{};
}

bool SocketTable::connecting(int handle) const {
  const Entry* e = find(handle);
  return e && e->tcp && e->tcp->state() == TcpState::SynSent;
}

SocketResult<SocketAddress> SocketTable::local_address(int handle) const {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  return e->tcp ? e->tcp->local() : e->udp->local();
}

SocketResult<SocketAddress> SocketTable::peer_address(int handle) const {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  if (e->tcp) {
    if (!has_peer(e->tcp->state())) return SocketError::NotConnected;
    return e->tcp->remote();
  }
  if (const auto peer = e->udp->remote()) return *peer;
  return SocketError::NotConnected;
}

SocketResult<Done> SocketTable::set_waker(int handle, SocketWaker waker) {
  const Entry* e = find(handle);
  if (!e) return SocketError::BadDescriptor;
  if (e->tcp)
    e->tcp->set_waker(std::move(waker));
  else
    e->udp->set_waker(std::move(waker));
  return Done{};
}

void SocketTable::reset_all() {
  udp_.reset_all();
  tcp_.reset_all();
}

std::vector<std::pair<std::string, std::string>> SocketTable::rows() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& [key, value] : udp_.rows()) out.emplace_back("udp " + key, std::move(value));
  for (auto& [key, value] : tcp_.rows()) out.emplace_back("tcp " + key, std::move(value));
  return out;
}

bool SocketTable::deliver_udp(const wire::Ipv4Repr& ip, const wire::UdpRepr& udp,
                              const L3Interface* in) {
  return udp_.deliver(ip, udp, in);
}

void SocketTable::deliver_tcp(const wire::Ipv4Repr& ip, std::span<const uint8_t> segment,
                              const L3Interface*) {
  tcp_.deliver(ip, segment);
}

void SocketTable::deliver_icmp_error(wire::Ipv4Address reporter, const wire::IcmpRepr& icmp,
                                     const wire::Ipv4Repr& quoted,
                                     std::span<const uint8_t> quoted_payload) {
  if (quoted.protocol == wire::IpProtocol::Udp)
    udp_.deliver_icmp_error(reporter, icmp, quoted, quoted_payload);
  else if (quoted.protocol == wire::IpProtocol::Tcp)
    tcp_.deliver_icmp_error(reporter, icmp, quoted, quoted_payload);
}

std::optional<uint16_t> SocketTable::probe_port(std::span<const uint16_t> taken) {
  return udp_.free_ephemeral_port(taken);
}

}  // namespace netsim::devices
