// The ARP cache of one IP node (RFC 826): IP -> MAC per interface, the
// resolution state machine (Incomplete -> Reachable, or failure after three
// requests), and the bounded queue of frames waiting for an answer.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "devices/stack/l3_interface.h"
#include "sim/core/inplace_function.h"
#include "sim/core/scheduler.h"
#include "sim/net/node.h"
#include "sim/wire/arp.h"

namespace netsim::devices {

enum class ArpState : uint8_t { Incomplete, Reachable };
std::string_view to_string(ArpState state);  // "incomplete", "reachable"

struct ArpRow {
  wire::Ipv4Address ip;
  wire::MacAddress mac;  // zero while incomplete
  std::string iface;
  ArpState state = ArpState::Incomplete;
  Time expires_at{0};  // reachable: when the entry stops being used
};

// Sends one ARP packet out `iface` in an Ethernet frame to `eth_dst`.
void send_arp(Context& ctx, L3Interface& iface, wire::MacAddress eth_dst, const wire::ArpRepr& arp);

class ArpCache {
 public:
  // Linux defaults: mcast_solicit 3 requests, retrans_time 1 s, unres_qlen_bytes 64 KiB.
  static constexpr int kMaxRequests = 3;
  static constexpr Time kRetransmit = seconds(1);
  static constexpr size_t kHoldBytes = 64 * 1024;

  // Told once per held frame when resolution failed, after its ArpFailed drop
  // was traced: a router answers the source with ICMP host unreachable, a
  // host reports EHOSTUNREACH to the local sender.
  using FailureHandler = InplaceFunction<void(L3Interface& iface, const Packet& frame), 16>;

  ArpCache(Node& owner, Time timeout, FailureHandler on_failure);
  ArpCache(const ArpCache&) = delete;
  ArpCache& operator=(const ArpCache&) = delete;
  ~ArpCache();

  // Sends `frame` (Ethernet header written, destination MAC still to fill in)
  // to `next_hop` out `iface`: at once when the MAC is known, else it waits
  // for resolution. `source_ip` is the sender address of our requests.
  void send(L3Interface& iface, wire::Ipv4Address source_ip, wire::Ipv4Address next_hop,
            Packet frame);

  // An ARP packet arrived on `in` (RFC 826 "Packet Reception"): update an
  // entry for its sender if we have one; add it when the packet targets
  // `my_ip` (the address of `in`). Returns the reply to send for a request
  // for `my_ip`.
  std::optional<wire::ArpRepr> process(L3Interface& in, const wire::ArpRepr& arp,
                                       std::optional<wire::Ipv4Address> my_ip);

  std::optional<wire::MacAddress> lookup(wire::Ipv4Address ip, Time now) const;
  // Live entries, sorted by IP; incomplete ones included.
  std::vector<ArpRow> rows(Time now) const;
  // clear_arp: forgets the resolved entries; resolutions under way go on.
  void clear();
  // Forgets every entry on `iface` (nullptr: every entry), dropping the
  // frames they held with `why`: a lost link (LinkDown) or a node going down.
  void flush(const L3Interface* iface, DropReason why);

 private:
  struct Entry {
    ArpState state = ArpState::Incomplete;
    L3Interface* iface = nullptr;
    wire::MacAddress mac;
    Time expires_at{0};
    wire::Ipv4Address source_ip;  // incomplete: the sender IP of our requests
    int requests_sent = 0;
    std::vector<Packet> held;  // oldest first
    size_t held_bytes = 0;
    Timer retransmit;
  };
  using Entries = std::map<wire::Ipv4Address, Entry>;

  void send_request(wire::Ipv4Address target, Entry& e);
  void on_retransmit_timer(wire::Ipv4Address target);
  void hold(wire::Ipv4Address target, Entry& e, Packet frame);
  // Writes the resolved MAC into the frame and hands it to the interface.
  void transmit(L3Interface& iface, wire::MacAddress mac, Packet frame);
  void become_reachable(wire::Ipv4Address ip, Entry& e, L3Interface& iface, wire::MacAddress mac);
  Entries::iterator erase(Entries::iterator it);
  void row_changed(wire::Ipv4Address ip, const Entry* e);
  bool live(const Entry& e, Time now) const {
    return e.state == ArpState::Incomplete || e.expires_at > now;
  }

  Node& owner_;
  Context& ctx_;
  Time timeout_;
  FailureHandler on_failure_;
  Entries entries_;  // ordered: rows and dumps come out sorted
};

}  // namespace netsim::devices
