// A learning layer-2 switch: learns source MACs per port, forwards known
// unicast out one port, floods the rest, never back out the ingress port.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "devices/mac_table.h"
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

  void receive(Port& in, Packet frame) override;
  // Down: the table is forgotten (volatile state).
  void set_up(bool up) override;
  // A port that lost its link forgets the MACs learned on it.
  void link_changed(Port& port) override;

  // The port name where `mac` lives (VLAN 1), ignoring aged entries.
  std::optional<std::string> mac_table_lookup(wire::MacAddress mac, Time now) const;
  std::vector<MacTableRow> mac_table_rows(Time now) const;
  void clear_mac_table();

 private:
  // Access VLAN of every port until VLANs are modelled; the table keeps the key.
  static constexpr uint16_t kDefaultVlan = 1;

  void learn(Port& in, wire::MacAddress src);
  // Out of every other port with carrier; `dst` is broadcast, multicast or
  // unknown unicast, which the trace names.
  void flood(Port& in, const Packet& frame, wire::MacAddress dst);
  void table_row_changed(wire::MacAddress mac, uint16_t vlan, std::string_view port);

  MacTable table_;
};

// The switch behind a node, or nullptr for other kinds.
const Switch* as_switch(const Node& node);

}  // namespace netsim::devices
