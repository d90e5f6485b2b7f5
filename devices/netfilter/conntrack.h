// Connection tracking (as Linux conntrack, in small): each tracked flow is
// one Connection found by either direction's tuple, with the TCP close seen
// through FIN/RST and an expiry per the NAT timeouts. Expiry is lazy: a
// lookup that meets an expired connection ends it, and inserting sweeps the
// table now and then, so no timer runs and nothing keeps a run going.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "devices/netfilter/conn_tuple.h"
#include "devices/netfilter/tuple_map.h"
#include "sim/core/inplace_function.h"
#include "sim/core/time.h"

namespace netsim::devices {

// The contract's defaults; TCP's close lasts 120 s, as conntrack's TIME_WAIT.
struct ConnTimeouts {
  Time tcp = seconds(7200), udp = seconds(30), icmp = seconds(30);
  Time tcp_closed = seconds(120);
};

// Untracked flows are not translated at all; conntrack keeps them so that
// their answers are not mistaken for new flows (and masqueraded).
enum class ConnKind : uint8_t { SourceNat, PortForward, VirtualServer, Untranslated };

struct Connection {
  ConnTuple original;  // the first packet as it arrived
  ConnTuple reply;     // the answers as they arrive: from the translated destination to the translated source
  ConnKind kind = ConnKind::SourceNat;
  bool fin[2] = {false, false};  // TCP: a FIN seen in the original / reply direction
  bool closed = false;           // TCP: both FINs, or a RST
  Time expires_at{0};
  int16_t virtual_server = -1, real = -1;  // a layer-4 binding's server

  bool source_translated() const { return !(original.src == reply.dst && original.src_port == reply.dst_port); }
  bool destination_translated() const {
    return !(original.dst == reply.src && original.dst_port == reply.src_port);
  }
};

class ConnTrack {
 public:
  using OnEnd = InplaceFunction<void(const Connection&), 32>;
  struct Found {
    uint32_t id;
    bool reply;  // the tuple was the reply direction's
  };

  ConnTrack(ConnTimeouts timeouts, OnEnd on_end) : timeouts_(timeouts), on_end_(std::move(on_end)) {}

  // The live connection with this tuple in either direction; one found expired ends here.
  std::optional<Found> find(const ConnTuple& tuple, Time now);
  // Both of `c`'s tuples must be free (find() says so). Returns its id.
  uint32_t insert(Connection c, Time now);
  Connection& at(uint32_t id) { return slots_[id].connection; }
  // A packet of the connection went by: TCP flags, then the expiry. Returns
  // true when this packet closed a TCP connection.
  bool observe(uint32_t id, bool reply, uint8_t tcp_flags, Time now);
  void end(uint32_t id);
  // Connections not yet ended, in id order (stable for dumps); an expired
  // one may still be among them until something meets it.
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (const Slot& s : slots_)
      if (s.used) visit(s.connection);
  }
  const ConnTimeouts& timeouts() const { return timeouts_; }

 private:
  struct Slot {
    Connection connection;
    bool used = false;
  };
  void sweep(Time now);

  ConnTimeouts timeouts_;
  OnEnd on_end_;
  TupleMap by_tuple_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;
  size_t inserts_since_sweep_ = 0, live_after_sweep_ = 0;
};

}  // namespace netsim::devices
