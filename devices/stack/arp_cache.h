// The ARP cache of one IP node (RFC 826): IP -> MAC per interface, the
// resolution state machine (Incomplete -> Reachable, or failure after three
// requests), the bounded queue of frames waiting for an answer, and Linux's
// neighbour unreachability detection (NUD, as RFC 4861 §7.3 for IPv6): an
// entry learned from a request, or not confirmed for 30 s, is Stale; using it
// makes it Delay; 5 s later, unless traffic confirmed the neighbour
// meanwhile (TCP progress: confirm()), Probe sends up to three unicast
// requests 1 s apart, and the entry is dropped when none is answered.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "devices/flat_map.h"
#include "devices/stack/l3_interface.h"
#include "sim/core/inplace_function.h"
#include "sim/core/scheduler.h"
#include "sim/net/node.h"
#include "sim/wire/arp.h"

namespace netsim::devices {

enum class ArpState : uint8_t { Incomplete, Reachable, Stale, Delay, Probe };
std::string_view to_string(ArpState state);  // "incomplete", "reachable", "stale", "delay", "probe"

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
  // Linux NUD defaults: base_reachable_time 30 s (Linux draws 15-45 s around
  // it), delay_first_probe_time 5 s, ucast_solicit 3.
  static constexpr Time kReachableTime = seconds(30);
  static constexpr Time kDelayProbeTime = seconds(5);
  static constexpr int kUnicastProbes = 3;

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

  // NUD on or off (the host key arp_nud, off by default: the contract's
  // examples count ARP frames as without it). Off, every ARP packet from a
  // neighbour counts as a confirmation and entries are never probed.
  void set_nud(bool on) { nud_ = on; }
  // Traffic to `ip` made progress (Linux neigh_confirm: TCP saw new data
  // acknowledged): the neighbour is reachable without a probe.
  void confirm(wire::Ipv4Address ip);

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
    Time confirmed{0};            // the last reply or confirm()
    wire::Ipv4Address source_ip;  // the sender IP of our requests and probes
    int requests_sent = 0;        // incomplete: broadcasts; probe: unicasts
    std::vector<Packet> held;  // oldest first
    size_t held_bytes = 0;
    Timer retransmit;  // incomplete and probe: the next request; delay: the probe
  };
  // Hashed: a router's lookup per forwarded frame walked a tree of its
  // neighbours (a cache miss a level). Open addressing, keyed by the address:
  // every ARP broadcast a host overhears asks it about its sender, and the
  // answer, mostly "none", is one probe into four slots (one cache line) for
  // a host that knows a neighbour or two. Entries live behind pointers, so a
  // reference stays valid while others come and go. Whatever comes out in
  // order (rows, flushes and their trace) is sorted by address first.
  using Entries = FlatMap<std::unique_ptr<Entry>, ~uint64_t{0}, 4>;

  void send_request(wire::Ipv4Address target, Entry& e);
  void on_retransmit_timer(wire::Ipv4Address target);
  void hold(wire::Ipv4Address target, Entry& e, Packet frame);
  // Writes the resolved MAC into the frame and hands it to the interface.
  void transmit(L3Interface& iface, wire::MacAddress mac, Packet frame);
  // An ARP packet from `ip` told its MAC: a reply to us confirms it
  // (Reachable), anything else leaves a known MAC's state alone and makes a
  // new or changed one Stale. Frames held while incomplete go out.
  void learn(wire::Ipv4Address ip, Entry& e, L3Interface& iface, wire::MacAddress mac,
             bool confirmed);
  // NUD on each use: Reachable unconfirmed for kReachableTime becomes Stale,
  // Stale becomes Delay with its probe timer.
  void used(wire::Ipv4Address ip, Entry& e);
  void on_nud_timer(wire::Ipv4Address ip);
  void send_probe(wire::Ipv4Address ip, Entry& e);
  void set_state(wire::Ipv4Address ip, Entry& e, ArpState state);
  // Forgets `ip`'s entry `e` (traced); `e` is gone afterwards.
  void erase(wire::Ipv4Address ip, Entry& e);
  // The entry for `ip` or null.
  Entry* find(wire::Ipv4Address ip) {
    std::unique_ptr<Entry>* e = entries_.find(ip.value);
    return e ? e->get() : nullptr;
  }
  const Entry* find(wire::Ipv4Address ip) const { return const_cast<ArpCache*>(this)->find(ip); }
  // A new entry for `ip`, which has none.
  Entry& insert(wire::Ipv4Address ip);
  // `e` starts afresh on `iface`: its timer cancelled, its state forgotten.
  void renew(Entry& e, L3Interface& iface);
  void row_changed(wire::Ipv4Address ip, const Entry* e);
  static bool resolved(const Entry& e) { return e.state != ArpState::Incomplete; }
  bool live(const Entry& e, Time now) const {
    return e.state == ArpState::Incomplete || e.expires_at > now;
  }

  // The addresses of entries_, sorted (rows and flushes report in this order).
  std::vector<wire::Ipv4Address> sorted_addresses() const;

  // First what an overheard request reads (the stack keeps them near its own).
  Context& ctx_;
  Entries entries_;
  bool nud_ = false;
  Node& owner_;
  Time timeout_;
  FailureHandler on_failure_;
};

}  // namespace netsim::devices
