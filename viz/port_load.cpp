#include "viz/port_load.h"

#include <algorithm>

namespace netsim::viz {

PortLoad::PortLoad(const Recording& recording, const Topology& topology)
    : index_(topology, recording),
      samples_(2 * topology.links.size()),
      peaks_(2 * topology.links.size(), 0) {
  for (const RecordedEvent& e : recording.events()) {
    if (e.kind != TraceKind::Metric || recording.text(e.text) != "queue") continue;
    const auto end = index_.end_of(e.node, e.iface);
    if (!end) continue;
    const uint32_t id = 2 * end->link + static_cast<uint32_t>(end->side);
    samples_[id].emplace_back(e.time, e.number);
    peaks_[id] = std::max(peaks_[id], e.number);
  }
  for (uint32_t id = 0; id < peaks_.size(); ++id)
    if (peaks_[id] > 0) queued_ends_.push_back(id);
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
