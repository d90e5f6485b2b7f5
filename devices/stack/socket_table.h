// A node's sockets: the UDP and TCP engines behind the stack's transport
// seam, and the integer handles (like file descriptors) through which apps
// use them. Every operation names a handle; a closed or unknown one gives
// EBADF. Sockets never block: WouldBlock, then the waker.
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "devices/stack/ipv4_stack.h"
#include "devices/stack/socket_types.h"
#include "devices/stack/tcp/stack_tcp_output.h"
#include "devices/stack/tcp/tcp_layer.h"
#include "devices/stack/tcp/tcp_socket.h"
#include "devices/stack/transport_handler.h"
#include "devices/stack/udp_layer.h"

namespace netsim::devices {

class SocketTable final : public TransportHandler {
 public:
  // `config`'s ephemeral range serves UDP too.
  SocketTable(Ipv4Stack& stack, TcpConfig config);
  SocketTable(const SocketTable&) = delete;
  SocketTable& operator=(const SocketTable&) = delete;
  ~SocketTable() override;

  // A new socket's handle: 3, 4, 5, ... in order, never reused, so a handle
  // kept after close() stays invalid (Python's closed socket object).
  int open(SocketKind kind);
  // nullopt: the handle is closed or was never opened.
  std::optional<SocketKind> kind(int handle) const;

  SocketResult<Done> bind(int handle, SocketAddress local);
  SocketResult<Done> listen(int handle, int backlog);  // EOPNOTSUPP on a datagram socket
  // A connection from the listen queue: its new handle and its peer.
  struct Accepted {
    int handle = -1;
    SocketAddress peer;
  };
  SocketResult<Accepted> accept(int handle);
  // Stream: the first call starts the handshake (WouldBlock), later calls
  // report its progress. Datagram: sets the default peer at once.
  SocketResult<Done> connect(int handle, SocketAddress remote);
  // `owner`, if any, keeps `data` unchanged: a TCP send queue may reference it.
  SocketResult<size_t> send(int handle, std::span<const uint8_t> data,
                            const BytesOwner& owner = {});
  // Datagram: one datagram to `to`. Stream: `to` is ignored, as Linux does
  // for a connected TCP socket.
  SocketResult<size_t> send_to(int handle, std::span<const uint8_t> data, SocketAddress to);
  // Stream: 0 bytes is EOF. Datagram: one datagram, truncated to out.size();
  // its sender in `from` (left alone for a stream).
  SocketResult<size_t> recv(int handle, std::span<uint8_t> out, SocketAddress* from = nullptr);
  // What a recv could return now: buffered stream bytes, or the next datagram's size.
  SocketResult<size_t> readable(int handle) const;
  SocketResult<Done> shutdown(int handle, ShutdownHow how);
  // setsockopt(IPPROTO_TCP, TCP_NODELAY): a stream socket only (else
  // NotSupported, Linux's EOPNOTSUPP for a UDP socket).
  SocketResult<Done> set_nodelay(int handle, bool on);
  // The handle becomes invalid; a stream socket closes gracefully (FIN) or
  // aborts (RST) as its engine decides.
  SocketResult<Done> close(int handle);
  // A stream socket whose handshake is under way (SYN-SENT): a second
  // non-blocking connect gets EALREADY rather than EINPROGRESS.
  bool connecting(int handle) const;
  // Unbound: 0.0.0.0:0.
  SocketResult<SocketAddress> local_address(int handle) const;
  // ENOTCONN unless connected.
  SocketResult<SocketAddress> peer_address(int handle) const;
  // Called whenever the socket's readiness may have changed (see socket_types.h).
  SocketResult<Done> set_waker(int handle, SocketWaker waker);

  // The UDP engine, where services (DHCP, DNS) attach to their ports.
  UdpLayer& udp() { return udp_; }

  // Node down: connections reset, queued data forgotten. Handles stay valid.
  void reset_all();
  // Every socket's row for dumps: "udp 0.0.0.0:53" -> "bound", then
  // "tcp 10.0.0.1:49152->10.0.0.2:80" -> "ESTABLISHED".
  std::vector<std::pair<std::string, std::string>> rows() const;

  // ---- TransportHandler ----
  bool deliver_udp(const wire::Ipv4Repr& ip, const wire::UdpRepr& udp,
                   const L3Interface* in) override;
  void deliver_tcp(const wire::Ipv4Repr& ip, std::span<const uint8_t> segment,
                   const L3Interface* in) override;
  void deliver_icmp_error(wire::Ipv4Address reporter, const wire::IcmpRepr& icmp,
                          const wire::Ipv4Repr& quoted,
                          std::span<const uint8_t> quoted_payload) override;
  std::optional<uint16_t> probe_port(std::span<const uint16_t> taken) override;

 private:
  struct Entry {
    UdpSocket* udp = nullptr;  // exactly one of the two is set
    TcpSocket* tcp = nullptr;
    explicit operator bool() const { return udp || tcp; }
  };
  const Entry* find(int handle) const;
  int add(Entry entry);

  StackTcpOutput tcp_output_;
  EphemeralPorts ports_;  // TCP and UDP draw from one range and stream, as in Linux
  UdpLayer udp_;
  TcpLayer tcp_;
  // By handle - kFirstHandle: handles are dense and never reused, and every
  // socket call looks one up. A closed handle's entry is empty.
  static constexpr int kFirstHandle = 3;  // 0-2 are stdin, stdout and stderr
  std::vector<Entry> entries_;
};

}  // namespace netsim::devices
