// A learning layer-2 switch: a Node around the bridge core (VLANs, the MAC
// table, the spanning-tree gate), plus the views expectations read.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "devices/bridge/bridge_core.h"
#include "devices/bridge/stp_agent.h"
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
  Switch(Context& ctx, std::string name, Time mac_aging)
      : Switch(ctx, std::move(name), NodeKind::Switch, mac_aging) {}
  ~Switch() override;

  void receive(Port& in, Packet frame) override { bridge_.receive(in, std::move(frame)); }
  // Spanning tree, when on, starts with the run.
  void start() override;
  // Down: the table is forgotten (volatile state) and spanning tree stops;
  // up: it starts afresh.
  void set_up(bool up) override;
  // A port that lost its link forgets the MACs learned on it; spanning tree
  // disables or enables it.
  void link_changed(Port& port) override;

  BridgeCore& bridge() { return bridge_; }
  const BridgeCore& bridge() const { return bridge_; }

  // Turns spanning tree on, once the ports exist: `ports` by port index.
  void enable_stp(const StpBridgeConfig& config, wire::MacAddress bridge_mac,
                  std::vector<StpPortConfig> ports, const BridgeNames* names);
  const StpAgent* stp() const { return stp_.get(); }

  // The port name where `mac` lives, ignoring aged entries: in VLAN `vlan`,
  // or without one, in any VLAN (the lowest VLAN that has it).
  std::optional<std::string> mac_table_lookup(wire::MacAddress mac, Time now,
                                              std::optional<uint16_t> vlan = std::nullopt) const;
  std::vector<MacTableRow> mac_table_rows(Time now) const;
  void clear_mac_table() { bridge_.clear_table(); }

 protected:
  // An l3switch is this switch with IP above the bridge.
  Switch(Context& ctx, std::string name, NodeKind kind, Time mac_aging);

 private:
  BridgeCore bridge_;
  std::unique_ptr<StpAgent> stp_;  // declared after bridge_: it detaches from the core first
};

// The switch behind a node, or nullptr for other kinds.
const Switch* as_switch(const Node& node);

}  // namespace netsim::devices
