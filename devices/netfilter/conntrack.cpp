// Conntrack's lookups, TCP close tracking and lazy expiry.
#include "devices/netfilter/conntrack.h"

#include "sim/wire/tcp.h"

namespace netsim::devices {

std::optional<ConnTrack::Found> ConnTrack::find(const ConnTuple& tuple, Time now) {
  const auto id = by_tuple_.find(tuple);
  if (!id) return std::nullopt;
  const Connection& c = slots_[*id].connection;
  if (c.expires_at <= now) {
    end(*id);
    return std::nullopt;
  }
  return Found{*id, c.reply == tuple};
}

uint32_t ConnTrack::insert(Connection c, Time now) {
  // Amortised reclaiming: a sweep after as many inserts as there were live
  // connections at the last one keeps the table within about twice the live ones.
  if (++inserts_since_sweep_ > live_after_sweep_) {
    sweep(now);
    inserts_since_sweep_ = 0;
    live_after_sweep_ = slots_.size() - free_.size();
  }
  uint32_t id;
  if (free_.empty()) {
    id = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    id = free_.back();
    free_.pop_back();
  }
  slots_[id] = Slot{std::move(c), true};
  const Connection& stored = slots_[id].connection;
  by_tuple_.insert(stored.original, id);
  by_tuple_.insert(stored.reply, id);
  return id;
}

bool ConnTrack::observe(uint32_t id, bool reply, uint8_t flags, Time now) {
  Connection& c = slots_[id].connection;
  bool closed_now = false;
  switch (c.original.protocol) {
    case wire::IpProtocol::Tcp:
      if (flags & wire::tcp_flags::Fin) c.fin[reply] = true;
      if (!c.closed && ((flags & wire::tcp_flags::Rst) || (c.fin[0] && c.fin[1])))
        c.closed = closed_now = true;
      c.expires_at = now + (c.closed ? timeouts_.tcp_closed : timeouts_.tcp);
      break;
    case wire::IpProtocol::Udp:
      c.expires_at = now + timeouts_.udp;
      break;
    case wire::IpProtocol::Icmp:
      c.expires_at = now + timeouts_.icmp;
      break;
  }
  return closed_now;
}

void ConnTrack::end(uint32_t id) {
  Slot& s = slots_[id];
  if (!s.used) return;
  by_tuple_.erase(s.connection.original);
  by_tuple_.erase(s.connection.reply);
  s.used = false;
  free_.push_back(id);
  on_end_(s.connection);
}

void ConnTrack::sweep(Time now) {
  for (uint32_t id = 0; id < slots_.size(); ++id)
    if (slots_[id].used && slots_[id].connection.expires_at <= now) end(id);
}

}  // namespace netsim::devices
