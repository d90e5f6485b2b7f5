// ARP resolution, the RFC 826 merge rule, Linux's NUD and lazy expiry.
#include "devices/stack/arp_cache.h"

#include <algorithm>

#include "sim/wire/ethernet.h"

namespace netsim::devices {

using wire::ArpOperation;
using wire::ArpRepr;
using wire::Ipv4Address;
using wire::MacAddress;

std::string_view to_string(ArpState state) {
  switch (state) {
    case ArpState::Incomplete:
      return "incomplete";
    case ArpState::Reachable:
      return "reachable";
    case ArpState::Stale:
      return "stale";
    case ArpState::Delay:
      return "delay";
    case ArpState::Probe:
      return "probe";
  }
  return "unknown";
}

namespace {

// When Linux's timer wheel (HZ 250, 64 buckets a level, each level 8 times
// coarser) runs a timer armed `delay` from `now`: at the end of its bucket,
// so never early and up to one bucket late: 4 ms for short timers, 32 ms at
// 1 s, 256 ms at 5 s. Whether a NUD probe goes out depends on it: the Delay
// timer sees a confirmation from the last few milliseconds as fresh only when
// it fires before they are 5 s old.
Time timer_wheel_expiry(Time now, Time delay) {
  constexpr Time kJiffy = milliseconds(4);
  const int64_t ticks = (delay + kJiffy - Time{1}) / kJiffy;  // msecs_to_jiffies rounds up
  const int64_t expires = now / kJiffy + ticks;
  int shift = 0;  // level n holds timers from 63 << 3(n-1) ticks away, in buckets of 8^n
  while (shift < 21 && ticks >= (int64_t{63} << shift)) shift += 3;
  return (((expires >> shift) + 1) << shift) * kJiffy;
}

}  // namespace

void send_arp(Context& ctx, L3Interface& iface, MacAddress eth_dst, const ArpRepr& arp) {
  const wire::EthernetRepr eth{eth_dst, iface.mac(), std::nullopt, wire::EtherType::Arp};
  Packet frame = ctx.new_packet(eth.header_len() + arp.buffer_len());
  auto bytes = frame.mutable_bytes();
  eth.emit(bytes);
  arp.emit(bytes.subspan(eth.header_len()));
  iface.send(std::move(frame));
}

ArpCache::ArpCache(Node& owner, Time timeout, FailureHandler on_failure)
    : ctx_(owner.ctx()), owner_(owner), timeout_(timeout), on_failure_(std::move(on_failure)) {}

ArpCache::~ArpCache() {
  entries_.for_each(
      [&](uint64_t, const std::unique_ptr<Entry>& e) { e->retransmit.cancel(ctx_.scheduler()); });
}

void ArpCache::send(L3Interface& iface, Ipv4Address source_ip, Ipv4Address next_hop, Packet frame) {
  const Time now = ctx_.now();
  Entry* found = find(next_hop);
  const bool inserted = !found;
  if (inserted) found = &insert(next_hop);
  Entry& e = *found;
  if (!inserted && e.iface == &iface && resolved(e) && e.expires_at > now) {
    ctx_.trace().decision(now, Layer::Link, owner_.name(), iface.name(), [&] {
      return "ARP hit " + next_hop.to_string() + " -> " + e.mac.to_string();
    });
    used(next_hop, e);
    transmit(iface, e.mac, std::move(frame));
    return;
  }
  if (!inserted && e.iface == &iface && e.state == ArpState::Incomplete) {
    hold(next_hop, e, std::move(frame));
    ctx_.trace().decision(now, Layer::Link, owner_.name(), iface.name(), [&] {
      return "ARP pending " + next_hop.to_string() + ": packet queued (" +
             std::to_string(e.held.size()) + " waiting)";
    });
    return;
  }
  // No entry, an expired one, or one on another interface (the route moved):
  // resolve afresh on this interface. Frames waiting on the old interface
  // were headed out of it and cannot follow.
  if (!inserted && !e.held.empty()) {
    ctx_.trace().decision(now, Layer::Link, owner_.name(), e.iface->name(), [&] {
      return "ARP for " + next_hop.to_string() + " moved to " + iface.name() + ": " +
             std::to_string(e.held.size()) + " waiting packets dropped";
    });
    for (const Packet& held : e.held) owner_.drop(e.iface->name(), held, DropReason::ArpFailed);
  }
  renew(e, iface);
  e.source_ip = source_ip;
  hold(next_hop, e, std::move(frame));
  send_request(next_hop, e);
  row_changed(next_hop, &e);
  ctx_.trace().decision(now, Layer::Link, owner_.name(), iface.name(), [&] {
    return "ARP miss " + next_hop.to_string() + ": request sent, packet queued";
  });
}

void ArpCache::hold(Ipv4Address target, Entry& e, Packet frame) {
  // Like Linux unres_qlen_bytes: past the byte bound the oldest frame goes.
  e.held_bytes += frame.size();
  e.held.push_back(std::move(frame));
  while (e.held_bytes > kHoldBytes && e.held.size() > 1) {
    Packet oldest = std::move(e.held.front());
    e.held.erase(e.held.begin());
    e.held_bytes -= oldest.size();
    ctx_.trace().decision(ctx_.now(), Layer::Link, owner_.name(), e.iface->name(), [&] {
      return "ARP queue for " + target.to_string() + " full: oldest packet dropped";
    });
    owner_.drop(e.iface->name(), oldest, DropReason::ArpQueueFull);
  }
}

void ArpCache::send_request(Ipv4Address target, Entry& e) {
  ++e.requests_sent;
  send_arp(ctx_, *e.iface, MacAddress::broadcast(),
           ArpRepr{ArpOperation::Request, e.iface->mac(), e.source_ip, MacAddress{}, target});
  // Essential: a resolution under way keeps the run alive.
  e.retransmit.arm(ctx_.scheduler(), ctx_.now() + kRetransmit,
                   [this, target] { on_retransmit_timer(target); });
}

void ArpCache::on_retransmit_timer(Ipv4Address target) {
  Entry* found = find(target);
  if (!found || found->state != ArpState::Incomplete) return;
  Entry& e = *found;
  if (e.requests_sent < kMaxRequests) {
    send_request(target, e);
    ctx_.trace().decision(ctx_.now(), Layer::Link, owner_.name(), e.iface->name(), [&] {
      return "ARP retry " + target.to_string() + ": request " + std::to_string(e.requests_sent) +
             " of " + std::to_string(kMaxRequests);
    });
    return;
  }
  // The last request went unanswered for kRetransmit: give up. The entry is
  // gone before anyone is told, so a handler that sends (an ICMP error) sees
  // a consistent cache.
  L3Interface& iface = *e.iface;
  std::vector<Packet> held = std::move(e.held);
  ctx_.trace().decision(ctx_.now(), Layer::Link, owner_.name(), iface.name(), [&] {
    return "ARP failed " + target.to_string() + " after " + std::to_string(kMaxRequests) +
           " requests: " + std::to_string(held.size()) +
           (held.size() == 1 ? " packet" : " packets") + " dropped";
  });
  erase(target, e);
  for (const Packet& frame : held) {
    owner_.drop(iface.name(), frame, DropReason::ArpFailed);
    if (on_failure_) on_failure_(iface, frame);
  }
}

void ArpCache::transmit(L3Interface& iface, MacAddress mac, Packet frame) {
  ctx_.pool().make_unique(frame);
  std::copy(mac.octets.begin(), mac.octets.end(), frame.mutable_head().begin());
  iface.send(std::move(frame));
}

void ArpCache::learn(Ipv4Address ip, Entry& e, L3Interface& iface, MacAddress mac,
                     bool confirmed) {
  const Time now = ctx_.now();
  const bool was_incomplete = e.state == ArpState::Incomplete;
  const bool changed = e.mac != mac || e.iface != &iface;
  e.iface = &iface;
  e.mac = mac;
  e.expires_at = now + timeout_;
  if (confirmed) {
    e.confirmed = now;
    e.retransmit.cancel(ctx_.scheduler());
    if (e.state != ArpState::Reachable || changed) set_state(ip, e, ArpState::Reachable);
  } else if (was_incomplete || changed) {
    // Linux neigh_update(NUD_STALE): what a request says is not a confirmation.
    e.retransmit.cancel(ctx_.scheduler());
    set_state(ip, e, ArpState::Stale);
  }
  if (!was_incomplete) return;
  std::vector<Packet> held = std::move(e.held);
  e.held.clear();
  e.held_bytes = 0;
  ctx_.trace().decision(now, Layer::Link, owner_.name(), iface.name(), [&] {
    return "ARP resolved " + ip.to_string() + " -> " + mac.to_string() + ": " +
           std::to_string(held.size()) + (held.size() == 1 ? " packet" : " packets") + " sent";
  });
  if (!held.empty()) used(ip, e);
  for (Packet& frame : held) transmit(iface, mac, std::move(frame));
}

void ArpCache::used(Ipv4Address ip, Entry& e) {
  if (!nud_) return;
  const Time now = ctx_.now();
  if (e.state == ArpState::Reachable && now > e.confirmed + kReachableTime) {
    ctx_.trace().decision(now, Layer::Link, owner_.name(), e.iface->name(), [&] {
      return "ARP " + ip.to_string() + " stale: not confirmed for " +
             format_duration(kReachableTime);
    });
    set_state(ip, e, ArpState::Stale);
  }
  if (e.state != ArpState::Stale) return;
  // Background: a pending re-validation keeps no run alive (cache expiry).
  e.retransmit.arm(ctx_.scheduler(), timer_wheel_expiry(now, kDelayProbeTime),
                   [this, ip] { on_nud_timer(ip); }, EventKind::Background);
  set_state(ip, e, ArpState::Delay);
}

void ArpCache::confirm(Ipv4Address ip) {
  if (Entry* e = find(ip); e && resolved(*e)) e->confirmed = ctx_.now();
}

void ArpCache::on_nud_timer(Ipv4Address ip) {
  Entry* found = find(ip);
  if (!found) return;
  Entry& e = *found;
  const Time now = ctx_.now();
  if (e.state == ArpState::Delay) {
    if (now <= e.confirmed + kDelayProbeTime) {
      ctx_.trace().decision(now, Layer::Link, owner_.name(), e.iface->name(), [&] {
        return "ARP " + ip.to_string() + " confirmed by traffic " +
               format_duration(now - e.confirmed) + " ago: reachable, no probe";
      });
      set_state(ip, e, ArpState::Reachable);
      return;
    }
    e.requests_sent = 0;
    set_state(ip, e, ArpState::Probe);
  }
  if (e.state != ArpState::Probe) return;
  if (e.requests_sent < kUnicastProbes) {
    send_probe(ip, e);
    return;
  }
  ctx_.trace().decision(now, Layer::Link, owner_.name(), e.iface->name(), [&] {
    return "ARP " + ip.to_string() + " failed: " + std::to_string(kUnicastProbes) +
           " unicast probes unanswered, entry dropped";
  });
  erase(ip, e);
}

void ArpCache::send_probe(Ipv4Address ip, Entry& e) {
  ++e.requests_sent;
  ctx_.trace().decision(ctx_.now(), Layer::Link, owner_.name(), e.iface->name(), [&] {
    return "ARP probe " + ip.to_string() + " (unicast to " + e.mac.to_string() + "): " +
           std::to_string(e.requests_sent) + " of " + std::to_string(kUnicastProbes);
  });
  send_arp(ctx_, *e.iface, e.mac,
           ArpRepr{ArpOperation::Request, e.iface->mac(), e.source_ip, MacAddress{}, ip});
  e.retransmit.arm(ctx_.scheduler(), timer_wheel_expiry(ctx_.now(), kRetransmit),
                   [this, ip] { on_nud_timer(ip); }, EventKind::Background);
}

void ArpCache::set_state(Ipv4Address ip, Entry& e, ArpState state) {
  e.state = state;
  row_changed(ip, &e);
}

std::optional<ArpRepr> ArpCache::process(L3Interface& in, const ArpRepr& arp,
                                         std::optional<Ipv4Address> my_ip) {
  const Time now = ctx_.now();
  // A probe (sender 0.0.0.0) or a multicast sender teaches nothing.
  const bool learnable = !arp.sender_ip.is_zero() && !arp.sender_mac.is_multicast();
  const bool for_me = my_ip && arp.target_ip == *my_ip;
  bool merged = false;
  if (learnable) {
    Entry* known = find(arp.sender_ip);
    // RFC 826: update an entry we have. A resolution under way elsewhere is
    // left alone: its frames were built for that interface.
    const bool elsewhere = known && known->state == ArpState::Incomplete && known->iface != &in;
    // Linux arp_process: a reply to us confirms the neighbour; a request
    // only tells its MAC (Stale, re-validated once used).
    const bool confirms = !nud_ || (for_me && arp.op == ArpOperation::Reply);
    if (known && live(*known, now) && !elsewhere) {
      learn(arp.sender_ip, *known, in, arp.sender_mac, confirms);
      merged = true;
    }
    if (!merged && !elsewhere && for_me) {  // RFC 826: add the sender only when we are the target
      Entry& e = known ? *known : insert(arp.sender_ip);
      renew(e, in);
      e.mac = arp.sender_mac;
      e.source_ip = *my_ip;  // our probes ask from the address it asked for
      e.expires_at = now + timeout_;
      if (confirms) e.confirmed = now;
      set_state(arp.sender_ip, e, confirms ? ArpState::Reachable : ArpState::Stale);
    }
  }
  if (!for_me || arp.op != ArpOperation::Request) return std::nullopt;
  ctx_.trace().decision(now, Layer::Link, owner_.name(), in.name(), [&] {
    return "ARP reply to " + arp.sender_ip.to_string() + ": " + my_ip->to_string() + " is at " +
           in.mac().to_string();
  });
  return ArpRepr{ArpOperation::Reply, in.mac(), *my_ip, arp.sender_mac, arp.sender_ip};
}

std::optional<MacAddress> ArpCache::lookup(Ipv4Address ip, Time now) const {
  const Entry* e = find(ip);
  if (!e || !resolved(*e) || e->expires_at <= now) return std::nullopt;
  return e->mac;
}

std::vector<Ipv4Address> ArpCache::sorted_addresses() const {
  std::vector<Ipv4Address> out;
  out.reserve(entries_.size());
  entries_.for_each([&](uint64_t ip, const std::unique_ptr<Entry>&) {
    out.push_back(Ipv4Address{static_cast<uint32_t>(ip)});
  });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<ArpRow> ArpCache::rows(Time now) const {
  std::vector<ArpRow> out;
  for (const Ipv4Address ip : sorted_addresses()) {
    const Entry& e = *find(ip);
    if (live(e, now)) out.push_back({ip, e.mac, e.iface->name(), e.state, e.expires_at});
  }
  return out;
}

void ArpCache::clear() {
  for (const Ipv4Address ip : sorted_addresses())
    if (Entry& e = *find(ip); resolved(e)) erase(ip, e);
}

void ArpCache::flush(const L3Interface* iface, DropReason why) {
  for (const Ipv4Address ip : sorted_addresses()) {
    Entry& e = *find(ip);
    if (iface && e.iface != iface) continue;
    const L3Interface* where = e.iface;
    std::vector<Packet> held = std::move(e.held);
    erase(ip, e);
    for (const Packet& frame : held) owner_.drop(where->name(), frame, why);
  }
}

void ArpCache::erase(Ipv4Address ip, Entry& e) {
  e.retransmit.cancel(ctx_.scheduler());
  row_changed(ip, nullptr);
  entries_.erase(ip.value);
}

ArpCache::Entry& ArpCache::insert(Ipv4Address ip) {
  return **entries_.try_emplace(ip.value, std::make_unique<Entry>()).first;
}

void ArpCache::renew(Entry& e, L3Interface& iface) {
  e.retransmit.cancel(ctx_.scheduler());
  e = Entry{};
  e.iface = &iface;
}

void ArpCache::row_changed(Ipv4Address ip, const Entry* e) {
  ctx_.trace().table_change(ctx_.now(), owner_.name(), "arp", [&] {
    if (!e) return std::pair{ip.to_string(), std::string()};
    if (e->state == ArpState::Incomplete) return std::pair{ip.to_string(), "incomplete " + e->iface->name()};
    // Reachable rows read as before: "<mac> <iface>"; the NUD states say theirs.
    std::string row = e->mac.to_string() + " " + e->iface->name();
    if (e->state != ArpState::Reachable) row += " " + std::string(to_string(e->state));
    return std::pair{ip.to_string(), row};
  });
}

}  // namespace netsim::devices
