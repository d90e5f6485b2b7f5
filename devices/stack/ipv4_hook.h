// The hook points of the IPv4 path, as netfilter has them: PREROUTING (every
// datagram that arrives, before the routing decision), LOCAL_IN (for this
// node), FORWARD (routed through), POSTROUTING (about to leave, forwarded or
// our own) and LOCAL_OUT (our own, before routing). NAT and the layer-4
// switch plug in here; the stack calls them only when one is installed.
#pragma once
#include <cstdint>
#include <optional>
#include <span>

#include "devices/stack/l3_interface.h"
#include "sim/trace/trace.h"
#include "sim/wire/address.h"

namespace netsim::devices {

// One datagram on its way through the hooks: the hooks may rewrite its bytes
// in place (the stack made the frame its own first) and leave a note for the
// later hooks of the same datagram, as netfilter attaches a conntrack entry.
struct HookPacket {
  static constexpr uint32_t kNoConnection = UINT32_MAX;
  const L3Interface* in = nullptr;   // null: this node's own datagram
  const L3Interface* out = nullptr;  // known from FORWARD and POSTROUTING on
  std::span<uint8_t> datagram;       // from the IP header to its total length
  uint32_t connection = kNoConnection;  // the hook's note
  bool reply = false;                   // ...and the direction it saw
  bool rewritten = false;               // a hook changed the header: parse it again
};

// What a hook decided: nullopt lets the datagram go on; a reason drops it
// (the hook traced why).
using HookVerdict = std::optional<DropReason>;

class Ipv4Hook {
 public:
  virtual ~Ipv4Hook() = default;
  virtual HookVerdict prerouting(HookPacket&) { return std::nullopt; }
  virtual HookVerdict local_in(HookPacket&) { return std::nullopt; }
  virtual HookVerdict forward(HookPacket&) { return std::nullopt; }
  virtual HookVerdict postrouting(HookPacket&) { return std::nullopt; }
  virtual HookVerdict local_out(HookPacket&) { return std::nullopt; }
  // An address this node answers for without it being on an interface (a
  // virtual server's VIP): delivered locally, and ARP answered for it on
  // the interfaces this returns true for.
  virtual bool owns_address(wire::Ipv4Address) const { return false; }
  virtual bool answers_arp(const L3Interface&, wire::Ipv4Address) const { return false; }
};

}  // namespace netsim::devices
