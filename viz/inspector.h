// The inspection panels as text: what a device knows at time T (its tables
// replayed from TableChange events) and what a frame carries (its layers field
// by field, and the --explain decisions taken on it).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "viz/mac_table_view.h"
#include "viz/port_states.h"
#include "viz/recording.h"
#include "viz/table_history.h"
#include "viz/topology.h"

namespace netsim::viz {

inline constexpr size_t kMaxRowsPerTable = 40;

// What a switch's or l3switch's panel shows besides its tables, at the clock's time.
struct BridgePanel {
  Time now{0};
  std::vector<std::optional<PortStp>> port_stp;  // by TopologyNode::ports index; nullopt: no STP
  std::vector<MacRow> mac_rows;                  // MacTableView::at(now)
  Time mac_aging{0};
};

// `tables`: the node's TableHistory at the clock's time; `bridge` for
// switches and l3switches: their ports, VLAN interfaces and MAC table per
// VLAN take the place of the raw "stp" and "mac" tables.
std::vector<std::string> node_panel_lines(const Topology& topology, uint32_t node,
                                          const Tables& tables,
                                          const BridgePanel* bridge = nullptr);
// "in 299 s": how long until `expires`, in whole seconds rounded up.
std::string expires_text(Time expires, Time now);
// `sent`: a FrameSent event. Decisions shown: the sender's at the send time
// and the receiver's at the arrival time (devices decide the instant a frame
// arrives), in time order.
std::vector<std::string> frame_panel_lines(const Recording& recording, uint32_t sent);
// One describe_layers() line ("IPv4: version=4 ihl=5 ...") as a heading and
// one "  field = value" line per field.
std::vector<std::string> layer_lines(std::string_view layer);
// Breaks a line at spaces into pieces of at most `columns` characters;
// continuation pieces are indented like the line plus two spaces.
std::vector<std::string> wrap_line(std::string_view line, size_t columns);

}  // namespace netsim::viz
