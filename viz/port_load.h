// How busy each link end is at time T: whether it is transmitting (a frame
// between its first and last bit) and how many frames wait in its queue (the
// ports' `queue` Metric events), for the link colour and queue gauges.
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
  // The link end a FrameSent leaves by, if drawn.
  std::optional<uint32_t> end_of(const RecordedEvent& sent) const;

 private:
  TopologyIndex index_;
  std::vector<std::vector<std::pair<Time, int64_t>>> samples_;  // by link end
  std::vector<int64_t> peaks_;
  std::vector<uint32_t> queued_ends_;
};

}  // namespace netsim::viz
