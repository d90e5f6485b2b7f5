// Spanning-tree port states over time, from the trace: the STP engine keeps
// a table named "stp" per switch (key: port name, value: "ROLE STATE", e.g.
// "designated forwarding", "alternate blocking"; "" when the row goes).
// The picture asks for the state of every link end each frame, so the rows
// are indexed by link end with their times once, and each query is a binary search.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "viz/recording.h"
#include "viz/topology.h"
#include "viz/topology_index.h"

namespace netsim::viz {

inline constexpr std::string_view kStpTable = "stp";

// RSTP's "discarding" is Blocking, as the bridge's own port state has it.
enum class StpState : uint8_t { Disabled, Blocking, Listening, Learning, Forwarding };
enum class StpRole : uint8_t { Root, Designated, Alternate, Backup, Disabled, Unknown };
std::string_view to_string(StpState s);
std::string_view to_string(StpRole r);

struct PortStp {
  StpRole role = StpRole::Unknown;
  StpState state = StpState::Forwarding;
  bool operator==(const PortStp&) const = default;
};
// "designated forwarding", "root learning", "alternate discarding", or a
// state alone; nullopt when no word is a state.
std::optional<PortStp> parse_port_stp(std::string_view value);
// 802.1D §8.4: learning and forwarding ports learn source addresses.
inline bool learns(StpState s) { return s == StpState::Learning || s == StpState::Forwarding; }

class PortStates {
 public:
  PortStates(const Recording& recording, const Topology& topology);

  // The state at t of link `link`'s side (0: a, 1: b); nullopt where no
  // spanning tree runs (or its row was removed).
  std::optional<PortStp> at(uint32_t link, int side, Time t) const;
  std::optional<PortStp> at(NameId node, std::string_view port, Time t) const;
  // The link ends that ever have a state, as link * 2 + side: what to draw.
  const std::vector<uint32_t>& ends() const { return ends_; }
  // The node has spanning tree (some port of it has a state at some time).
  bool runs_stp(NameId node) const;
  // How many changes happened by t: equal for two times when every port's state is.
  size_t epoch(Time t) const;

 private:
  struct Change {
    Time at;
    std::optional<PortStp> stp;
  };
  // The link end (link * 2 + side) of a node's port. By name: a port that
  // never carries a frame has a state all the same, and no NameId.
  std::optional<uint32_t> end_of(NameId node, std::string_view port) const;

  TopologyIndex index_;
  std::vector<std::vector<std::pair<std::string, uint32_t>>> ports_;  // by topology node
  std::vector<std::vector<Change>> changes_;  // by link * 2 + side, in time order
  std::vector<uint32_t> ends_;
  std::vector<Time> change_times_;  // of every change, sorted
  std::vector<NameId> stp_nodes_;   // sorted
};

}  // namespace netsim::viz
