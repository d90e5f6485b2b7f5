// How busy each link end is at time T: the share of a recent window it spent
// transmitting (first bit to last bit of its FrameSent events) and how many
// frames wait in its queue (the ports' `queue` Metric events), for the link
// colour and queue gauges.
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "viz/recording.h"
#include "viz/topology_index.h"

namespace netsim::viz {

class PortLoad {
 public:
  PortLoad(const Recording& recording, const Topology& topology);
  // Link ends (2 * link + side) whose port ever queued a frame.
  std::span<const uint32_t> queued_ends() const { return queued_ends_; }
  // Frames waiting at `end` at t, and the most it ever held.
  int64_t queue_at(uint32_t end, Time t) const;
  int64_t queue_peak(uint32_t end) const { return peaks_[end]; }
  // Link ends that ever transmitted.
  std::span<const uint32_t> sending_ends() const { return sending_ends_; }
  // The share of (t - window, t] that `end` spent transmitting, 0..1.
  double utilisation(uint32_t end, Time t, Time window) const;
  // The link end a FrameSent leaves by, if drawn.
  std::optional<uint32_t> end_of(const RecordedEvent& sent) const;

 private:
  TopologyIndex index_;
  std::vector<std::vector<std::pair<Time, int64_t>>> samples_;  // by link end
  std::vector<int64_t> peaks_;
  std::vector<uint32_t> queued_ends_;
  // By link end, in time order: each transmission's first and last bit, and
  // the time spent transmitting before it (a port sends one frame at a time).
  struct Busy {
    Time from, to, before;
  };
  std::vector<std::vector<Busy>> busy_;
  std::vector<uint32_t> sending_ends_;
  Time busy_until(uint32_t end, Time t) const;  // time spent transmitting before t
};

}  // namespace netsim::viz
