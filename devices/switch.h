// A learning layer-2 switch: a Node around the bridge core (VLANs, the MAC
// table, the spanning-tree gate), plus the views expectations read.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "devices/bridge/bridge_core.h"
#include "sim/net/node.h"

namespace netsim::devices {

// One MAC table row as dumps and expect checks see it.
struct MacTableRow {
  wire::MacAddress mac;
  std::string port;
  uint16_t vlan = 1;
  Time expires_at{0};
};

class Switch : public Node {
 public:
  Switch(Context& ctx, std::string name, Time mac_aging);

  void receive(Port& in, Packet frame) override { bridge_.receive(in, std::move(frame)); }
  // Down: the table is forgotten (volatile state).
  void set_up(bool up) override;
  // A port that lost its link forgets the MACs learned on it.
  void link_changed(Port& port) override { bridge_.link_changed(port); }

  BridgeCore& bridge() { return bridge_; }
  const BridgeCore& bridge() const { return bridge_; }

  // The port name where `mac` lives, ignoring aged entries: in VLAN `vlan`,
  // or without one, in any VLAN (the lowest VLAN that has it).
  std::optional<std::string> mac_table_lookup(wire::MacAddress mac, Time now,
                                              std::optional<uint16_t> vlan = std::nullopt) const;
  std::vector<MacTableRow> mac_table_rows(Time now) const;
  void clear_mac_table() { bridge_.clear_table(); }

 private:
  BridgeCore bridge_;
};

// The switch behind a node, or nullptr for other kinds.
const Switch* as_switch(const Node& node);

}  // namespace netsim::devices
