#include "viz/port_load.h"

#include <algorithm>

namespace netsim::viz {

PortLoad::PortLoad(const Recording& recording, const Topology& topology)
    : index_(topology, recording),
      samples_(2 * topology.links.size()),
      peaks_(2 * topology.links.size(), 0),
      busy_(2 * topology.links.size()) {
  for (const RecordedEvent& e : recording.events()) {
    if (e.kind == TraceKind::FrameSent) {
      if (const auto end = end_of(e)) {
        auto& b = busy_[*end];
        const Time before = b.empty() ? Time{0} : b.back().before + (b.back().to - b.back().from);
        b.push_back({e.time, e.tx_end, before});
      }
      continue;
    }
    if (e.kind != TraceKind::Metric || recording.text(e.text) != "queue") continue;
    const auto end = index_.end_of(e.node, e.iface);
    if (!end) continue;
    const uint32_t id = 2 * end->link + static_cast<uint32_t>(end->side);
    samples_[id].emplace_back(e.time, e.number);
    peaks_[id] = std::max(peaks_[id], e.number);
  }
  for (uint32_t id = 0; id < peaks_.size(); ++id)
    if (peaks_[id] > 0) queued_ends_.push_back(id);
  for (uint32_t id = 0; id < busy_.size(); ++id)
    if (!busy_[id].empty()) sending_ends_.push_back(id);
}

Time PortLoad::busy_until(uint32_t end, Time t) const {
  const auto& b = busy_[end];
  // The transmissions that started before t; only the last may still run at t.
  const auto after = std::lower_bound(b.begin(), b.end(), t,
                                      [](const Busy& x, Time v) { return x.from < v; });
  if (after == b.begin()) return Time{0};
  const Busy& last = *std::prev(after);
  return last.before + (std::min(last.to, t) - last.from);
}

double PortLoad::utilisation(uint32_t end, Time t, Time window) const {
  if (window <= Time{0}) return 0;
  const Time busy = busy_until(end, t) - busy_until(end, t - window);
  return std::clamp(static_cast<double>(busy.count()) / static_cast<double>(window.count()), 0.0, 1.0);
}

int64_t PortLoad::queue_at(uint32_t end, Time t) const {
  const auto& s = samples_[end];
  const auto after = std::upper_bound(s.begin(), s.end(), t,
                                      [](Time v, const auto& sample) { return v < sample.first; });
  return after == s.begin() ? 0 : std::prev(after)->second;
}

std::optional<uint32_t> PortLoad::end_of(const RecordedEvent& sent) const {
  const auto end = index_.end_of(sent.node, sent.iface);
  if (!end) return std::nullopt;
  return 2 * end->link + static_cast<uint32_t>(end->side);
}

}  // namespace netsim::viz
