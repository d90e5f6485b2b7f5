// A node's TCP: owns its sockets, demultiplexes arriving segments to a
// connection or a listener, answers segments for no socket with RST
// (RFC 9293 §3.10.7.1), allocates ports and ISNs, and hands ICMP errors to
// the connection they are about.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "devices/flat_map.h"
#include "devices/stack/ephemeral_ports.h"
#include "devices/stack/socket_types.h"
#include "devices/stack/tcp/stack_tcp_output.h"
#include "devices/stack/tcp/tcp_config.h"
#include "devices/stack/tcp/tcp_output.h"
#include "devices/stack/tcp/tcp_socket.h"
#include "sim/core/context.h"
#include "sim/core/random.h"
#include "sim/wire/icmp.h"
#include "sim/wire/ipv4.h"
#include "sim/wire/tcp.h"

namespace netsim::devices {

class TcpLayer {
 public:
  // `ports`: the node's ephemeral ports, shared with UDP.
  TcpLayer(Context& ctx, std::string node_name, TcpOutput& out, TcpConfig config,
           RandomStream isn_stream, EphemeralPorts& ports);
  TcpLayer(const TcpLayer&) = delete;
  TcpLayer& operator=(const TcpLayer&) = delete;
  ~TcpLayer();

  // A new socket in CLOSED; the pointer stays valid until the app closes it.
  TcpSocket* open();
  // A segment for one of this node's addresses (checksum verified here).
  void deliver(const wire::Ipv4Repr& ip, std::span<const uint8_t> segment);
  // An ICMP error quoting a segment we sent.
  void deliver_icmp_error(wire::Ipv4Address reporter, const wire::IcmpRepr& icmp,
                          const wire::Ipv4Repr& quoted, std::span<const uint8_t> quoted_payload);
  // Node down: every connection vanishes without a segment; sockets the app
  // holds stay valid, CLOSED, and report ConnectionAborted once if they were connected.
  void reset_all();
  // One row per socket not CLOSED, in creation order: ("local->remote", state).
  std::vector<std::pair<std::string, std::string>> rows() const;

  const TcpConfig& config() const { return config_; }
  Context& ctx() const { return ctx_; }
  const std::string& node_name() const { return node_; }

 private:
  // A segment refused before it reached a connection: a traced drop.
  void trace_drop(DropReason reason) const;
  friend class TcpSocket;

  // The connection table is keyed as Linux's established hash is chained:
  // one word holds the remote address and both ports; sockets whose
  // 4-tuples differ only in the local address (a node with several) chain
  // through TcpSocket::hash_next_. Key 0 never occurs: a hashed socket holds
  // a local port.
  static uint64_t tuple_key(uint16_t local_port, wire::Ipv4Address remote_ip,
                            uint16_t remote_port) {
    return uint64_t{remote_ip.value} << 32 | uint64_t{local_port} << 16 | remote_port;
  }
  static uint64_t tuple_key(const TcpSocket& s) {
    return tuple_key(s.local_.port, s.remote_.ip, s.remote_.port);
  }
  TcpSocket* find_connection(wire::Ipv4Address local_ip, uint16_t local_port,
                             wire::Ipv4Address remote_ip, uint16_t remote_port) const;

  // ---- for sockets ----
  // Claims `local` for `socket` (port 0: an ephemeral port no other socket
  // holds, as bind() and listen() choose it).
  SocketResult<Done> bind_port(TcpSocket& socket, SocketAddress local);
  // connect() without bind(): an ephemeral port from `source` to `remote`,
  // which may be shared with other connect()ed sockets but not with a port
  // claimed by bind() or listen(), and whose 4-tuple must be unused (a
  // TIME-WAIT one included). The socket enters the connection table.
  SocketResult<Done> bind_for_connect(TcpSocket& socket, wire::Ipv4Address source,
                                      SocketAddress remote);
  void release_port(TcpSocket& socket);
  // Enters the connection table; false when the 4-tuple is taken.
  bool hash(TcpSocket& socket);
  void unhash(TcpSocket& socket);
  TcpSocket* spawn_child(TcpSocket& listener, SocketAddress local, SocketAddress remote);
  // Off the tables now, freed from a later event (it may be on the call stack).
  void retire(TcpSocket& socket);
  // A new connection's random numbers, one draw each: the ISN (the low 32
  // bits), the timestamp offset and the first IP ID (Linux draws them apart;
  // the high bits are as random).
  struct ConnectionDraw {
    SeqNumber isn;
    uint32_t ts_offset;
    uint16_t ip_id;
  };
  ConnectionDraw draw_connection() {
    const uint64_t draw = isn_stream_.next_u64();
    return {SeqNumber(static_cast<uint32_t>(draw)), static_cast<uint32_t>(draw >> 32),
            static_cast<uint16_t>(draw >> 40)};
  }
  bool output(wire::Ipv4Address src, wire::Ipv4Address dst, const wire::TcpRepr& segment,
              uint16_t ip_id, bool confirm_neighbour = false, const PayloadRef& shared = {}) {
    return out_.send_segment(src, dst, segment, {ip_id, config_.pmtu_discovery, confirm_neighbour},
                             shared);
  }
  // RFC 9293 §3.10.7.1: the answer to a segment no connection may take.
  void send_reset_reply(wire::Ipv4Address local, wire::Ipv4Address remote,
                        const wire::TcpRepr& seg);
  // Where a wrapped piece of a ring is copied to become one segment's payload.
  std::span<uint8_t> scratch(size_t len) { return ctx_.scratch(len); }

  TcpSocket* find_listener(wire::Ipv4Address local_ip, uint16_t port) const;
  bool port_conflicts(wire::Ipv4Address ip, uint16_t port) const;
  void reap();

  Context& ctx_;
  std::string node_;
  TcpOutput& out_;
  TcpConfig config_;
  RandomStream isn_stream_;
  EphemeralPorts& ephemeral_;
  uint64_t next_id_ = 0;
  std::map<uint64_t, std::unique_ptr<TcpSocket>> sockets_;  // by creation: stable, ordered dumps
  // Found once per segment; never iterated. Four slots first: most hosts
  // hold a connection or two.
  FlatMap<TcpSocket*, 0, 4> connections_;
  std::multimap<uint16_t, TcpSocket*> ports_;  // every socket holding a local port
  std::vector<uint64_t> retired_;
  Timer reap_timer_;
};

}  // namespace netsim::devices
