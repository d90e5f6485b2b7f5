// Reassembly of IPv4 fragments addressed to this node (RFC 791 §3.2, RFC 815):
// fragments are kept per (src, dst, identification, protocol) until they
// cover the whole datagram, or dropped when the 30 s timer runs out.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "devices/stack/l3_interface.h"
#include "sim/core/inplace_function.h"
#include "sim/core/scheduler.h"
#include "sim/net/node.h"
#include "sim/wire/ipv4.h"

namespace netsim::devices {

class Reassembly {
 public:
  static constexpr Time kTimeout = seconds(30);  // Linux ipfrag_time
  // The timer ran out with the first fragment (offset 0) present: RFC 1122
  // §3.2.1.4 wants ICMP time exceeded (code 1) sent back about it.
  using Expired = InplaceFunction<void(const L3Interface* in, const Packet& first_fragment), 16>;

  Reassembly(Node& owner, Expired on_expired);
  Reassembly(const Reassembly&) = delete;
  Reassembly& operator=(const Reassembly&) = delete;
  ~Reassembly();

  // `frame`: a fragment for us with its IPv4 header at `ip_offset`. Returns
  // the whole datagram once every byte arrived, laid out as a frame: the first
  // fragment's Ethernet header, a 20-byte IPv4 header, the payload. Otherwise
  // the fragment is held, or dropped when it ends beyond 65535 bytes (both traced).
  std::optional<Packet> add(const L3Interface* in, Packet frame, size_t ip_offset,
                            const wire::Ipv4Repr& ip);
  // Node down: partial datagrams are dropped with `why`.
  void clear(DropReason why);

 private:
  using Key = std::tuple<uint32_t, uint32_t, uint16_t, uint8_t>;  // src, dst, id, protocol
  struct Piece {
    Packet frame;
    size_t ip_offset;  // IPv4 header position in frame
    size_t data_at;    // payload position in frame
    uint32_t offset;   // in the datagram's payload
    uint32_t length;
  };
  struct Pending {
    std::vector<Piece> pieces;  // sorted by offset
    std::optional<uint32_t>
        total;            // payload length, known once the last fragment (MF clear) arrived
    wire::Ipv4Repr head;  // the first fragment's header, once it arrived
    const L3Interface* in = nullptr;
    Timer timer;
  };

  std::optional<Packet> complete(Pending& p);
  void expire(Key key);

  Node& owner_;
  Context& ctx_;
  Expired on_expired_;
  std::map<Key, Pending> pending_;
};

}  // namespace netsim::devices
