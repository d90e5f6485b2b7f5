// UDP (RFC 768) for one IP node: the port table, datagram sockets with their
// receive queues, ephemeral ports, connected sockets and the ICMP errors
// they hear. Behaves like Linux where RFC 768 leaves room.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "devices/stack/ephemeral_ports.h"
#include "devices/stack/ipv4_stack.h"
#include "devices/stack/socket_types.h"
#include "devices/stack/tcp/byte_ring.h"
#include "devices/stack/tcp/tcp_output.h"
#include "devices/stack/udp_service.h"
#include "sim/core/fifo.h"
#include "sim/wire/icmp.h"
#include "sim/wire/ipv4.h"
#include "sim/wire/udp.h"

namespace netsim::devices {

class UdpLayer;

// One datagram socket. Owned by its UdpLayer; close() destroys it.
class UdpSocket {
 public:
  // Linux's defaults: net.core.rmem_default, and the largest payload an
  // IPv4 datagram can carry (65535 - 20 - 8).
  static constexpr size_t kReceiveBuffer = 212992;
  static constexpr size_t kMaxPayload = 65507;

  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;

  // ip any: every local address. Port 0: an ephemeral port. EINVAL when
  // already bound, EADDRNOTAVAIL for an address not ours, EADDRINUSE when
  // another socket holds the port on an overlapping address.
  SocketResult<Done> bind(SocketAddress local);
  // Sets the default peer: send() goes there and only its datagrams are
  // received. Binds an ephemeral port and the route's source address, as
  // Linux does (getsockname() then shows the address that would be used).
  SocketResult<Done> connect(SocketAddress remote);
  // One datagram to the peer (EDESTADDRREQ when not connected), or to `to`.
  // Returns the payload size. A pending ICMP error is returned (once) first.
  SocketResult<size_t> send(std::span<const uint8_t> data);
  SocketResult<size_t> send_to(std::span<const uint8_t> data, SocketAddress to);
  // The oldest datagram: its first out.size() bytes are copied and the rest
  // discarded (recvfrom's truncation); its sender in `from`. WouldBlock when
  // the queue is empty; 0 bytes after shutdown(SHUT_RD) with nothing queued.
  SocketResult<size_t> recv_from(std::span<uint8_t> out, SocketAddress* from);
  // ENOTCONN unless connected (Linux); SHUT_WR makes send fail with EPIPE.
  SocketResult<Done> shutdown(ShutdownHow how);
  // Unbinds and destroys this socket: the pointer is dangling afterwards.
  void close();

  SocketAddress local() const { return local_; }
  std::optional<SocketAddress> remote() const { return peer_; }
  // The size of the next datagram (Linux FIONREAD), 0 when none.
  size_t bytes_readable() const { return queue_.empty() ? 0 : queue_.front().len; }
  size_t datagrams_queued() const { return queue_.size(); }
  void set_waker(SocketWaker waker) { waker_ = std::move(waker); }

 private:
  friend class UdpLayer;
  // A queued datagram: its payload is the next `len` bytes of payloads_.
  struct Datagram {
    SocketAddress from;
    size_t len = 0;
  };

  UdpSocket(UdpLayer& layer, uint64_t id) : layer_(layer), id_(id) {}
  void wake() {
    if (waker_) waker_();
  }
  // sk_err: reported by the next send or recv, then cleared.
  std::optional<SocketError> take_error() { return std::exchange(error_, std::nullopt); }

  UdpLayer& layer_;
  uint64_t id_;  // creation order: rows come out stable
  SocketAddress local_;
  bool bound_ = false;
  std::optional<SocketAddress> peer_;
  bool read_shut_ = false, write_shut_ = false;
  Fifo<Datagram> queue_;
  // The queued payloads back to back, in one ring that keeps its memory: a
  // datagram allocates nothing in steady state. Room for a full buffer plus
  // the one datagram that may overshoot it; it starts small (a socket that
  // hears short requests one at a time holds 128 bytes, not 1 kB).
  ByteRing payloads_{kReceiveBuffer + kMaxPayload, 128};
  size_t queued_bytes_ = 0;  // counted like Linux's truesize: payload plus bookkeeping
  uint64_t dropped_ = 0;     // datagrams refused with the queue full
  std::optional<SocketError> error_;
  SocketWaker waker_;
};

class UdpLayer {
 public:
  // `routes` answers "which source address for this destination" exactly as
  // it does for TCP (the socket table's StackTcpOutput). `path_mtu_discovery`:
  // DF on every datagram that fits the route's MTU (Linux IP_PMTUDISC_WANT).
  UdpLayer(Ipv4Stack& stack, TcpOutput& routes, EphemeralPorts& ports, bool path_mtu_discovery);
  UdpLayer(const UdpLayer&) = delete;
  UdpLayer& operator=(const UdpLayer&) = delete;
  ~UdpLayer();

  UdpSocket* open();

  // A service owns `port` on every address of the node: its datagrams go to
  // it before any socket, and no socket can bind the port (EADDRINUSE), as
  // when a daemon holds it. One service per port; detach before destroying it.
  void attach(uint16_t port, UdpService& service);
  void detach(uint16_t port);
  // One datagram from a service: `src` any lets the stack pick the egress
  // address (0.0.0.0 stays when `egress.out` is forced and has none);
  // `egress.out` forces the egress interface, the destination then being
  // on-link, and may name the destination MAC.
  SendResult send_from(SocketAddress src, SocketAddress dst, std::span<const uint8_t> data,
                       const EgressOptions& egress = {});

  // A datagram for this node (TransportHandler::deliver_udp), arrived on `in`
  // (null: loopback): false when no service or socket takes its port, so the
  // stack answers ICMP port unreachable.
  bool deliver(const wire::Ipv4Repr& ip, const wire::UdpRepr& udp, const L3Interface* in);
  // An ICMP error quoting a UDP datagram we sent. Linux (without IP_RECVERR)
  // reports only hard errors, and only to a connected socket.
  void deliver_icmp_error(wire::Ipv4Address reporter, const wire::IcmpRepr& icmp,
                          const wire::Ipv4Repr& quoted, std::span<const uint8_t> quoted_payload);
  // An ephemeral port no socket or service holds and not in `taken`, as
  // bind() to port 0 would choose it, left unbound (a traceroute probe's).
  std::optional<uint16_t> free_ephemeral_port(std::span<const uint16_t> taken);
  // Node down: every queued datagram and pending error is forgotten.
  void reset_all();
  // "0.0.0.0:8080" -> "bound", "connected 10.0.0.2:53", with queue counts; the
  // same rows are traced as table "udp" when a socket binds, connects or closes.
  std::vector<std::pair<std::string, std::string>> rows() const;

 private:
  friend class UdpSocket;

  SocketResult<Done> bind(UdpSocket& s, SocketAddress local);
  SocketResult<Done> bind_ephemeral(UdpSocket& s);
  bool port_free(wire::Ipv4Address ip, uint16_t port, const UdpSocket* except) const;
  SocketResult<size_t> transmit(UdpSocket& s, std::span<const uint8_t> data, SocketAddress to);
  // The socket a datagram to dst:dst_port from src:src_port is for: a
  // connected socket only hears its peer; an exact local address beats any.
  UdpSocket* lookup(wire::Ipv4Address dst, uint16_t dst_port, wire::Ipv4Address src,
                    uint16_t src_port, bool broadcast) const;
  void close(UdpSocket& s);
  void row_changed(const UdpSocket& s, bool removed);
  static std::string row_key(const UdpSocket& s);
  static std::string row_value(const UdpSocket& s);

  Ipv4Stack& stack_;
  TcpOutput& routes_;
  Context& ctx_;
  EphemeralPorts& ports_;  // the node's, shared with TCP
  bool path_mtu_discovery_;
  uint64_t next_id_ = 0;
  // The bound sockets of one local port, in the order they bound.
  std::span<const std::pair<uint16_t, UdpSocket*>> bound_to(uint16_t port) const;
  void add_bound(UdpSocket& s);

  std::map<uint64_t, std::unique_ptr<UdpSocket>> sockets_;  // by creation
  // By local port, then binding order: every datagram is demultiplexed here,
  // so a binary search over one contiguous array (a host's few sockets fit in
  // a cache line), not a walk down a tree of nodes.
  std::vector<std::pair<uint16_t, UdpSocket*>> bound_;
  std::vector<std::pair<uint16_t, UdpService*>> services_;  // a few per node: a flat list
};

}  // namespace netsim::devices
