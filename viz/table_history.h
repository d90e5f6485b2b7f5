// A node's tables (ARP cache, MAC table, routes, sockets, leases, ... whatever
// its TableChange events name) as they stood at any time T, by replaying the
// changes up to T. Checkpoints taken on the way make seeking back cheap.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "viz/recording.h"

namespace netsim::viz {

// table name -> key -> value, in sorted order so panels are stable.
using TableRows = std::map<std::string, std::string, std::less<>>;
using Tables = std::map<std::string, TableRows, std::less<>>;

class TableHistory {
 public:
  // A checkpoint every `checkpoint_every` changes of this node.
  TableHistory(const Recording& recording, NameId node, uint32_t checkpoint_every = 512);

  // The tables after every change with time <= t.
  const Tables& at(Time t);
  // How many of the node's changes the last at() applied: changes with time <= t.
  size_t applied() const { return applied_; }
  NameId node() const { return node_; }

 private:
  void apply(uint32_t event_index);

  const Recording* recording_;
  NameId node_;
  uint32_t checkpoint_every_;
  std::vector<uint32_t> changes_;
  std::vector<Time> change_times_;
  Tables tables_;
  size_t applied_ = 0;
  std::vector<Tables> checkpoints_;  // checkpoints_[k]: state after k * checkpoint_every_ changes
};

}  // namespace netsim::viz
