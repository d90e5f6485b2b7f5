// A switch's MAC table at time T with each entry's expiry, from the trace.
// The bridge reports a row when it learns or moves a MAC and when it forgets
// one (link down, cleared), but not when a frame refreshes an entry, nor when
// an entry ages out (its table ages lazily, as Linux's does). So the view
// replays the "mac" rows and, between them, the frames the switch received:
// a frame accepted on a port from a MAC learned there in the frame's VLAN
// restarts that entry's lifetime, and an entry not refreshed within the
// node's mac_aging is gone.
//
// Not seen in the trace: spanning tree's short aging during a topology change.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "viz/port_states.h"
#include "viz/recording.h"
#include "viz/topology.h"

namespace netsim::viz {

inline constexpr std::string_view kMacTable = "mac";

struct MacRow {
  uint16_t vlan = kDefaultVlan;
  std::string_view mac;   // "02:00:00:00:10:11"
  std::string_view port;  // where the MAC lives
  Time seen{0};           // learned or last refreshed
  Time expires{0};
};

class MacTableView {
 public:
  // `node`: a switch or l3switch of `topology`.
  MacTableView(const Recording& recording, const Topology& topology, uint32_t node,
               const PortStates& states);

  // The entries live at t, sorted by VLAN then MAC.
  std::vector<MacRow> at(Time t) const;
  // Equal for two times exactly when at() is: a cache key.
  size_t epoch(Time t) const;
  Time aging() const { return aging_; }

 private:
  // One stretch of time in which an entry's port and last-seen time hold.
  struct Segment {
    Time from, to;
    NameId port;
    Time seen;
  };
  struct Entry {
    std::string mac;
    uint16_t vlan = kDefaultVlan;
    std::vector<Segment> segments;  // in time order, not overlapping
  };
  const Recording* recording_;
  Time aging_;
  std::map<uint64_t, Entry> entries_;  // by VLAN << 48 | MAC: sorted as shown
  std::vector<Time> boundaries_;       // every segment's from and to, sorted
};

}  // namespace netsim::viz
