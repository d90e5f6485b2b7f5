// The switch node: the bridge core does the forwarding; this is its shell.
#include "devices/switch.h"

namespace netsim::devices {

Switch::Switch(Context& ctx, std::string name, NodeKind kind, Time mac_aging)
    : Node(ctx, std::move(name), kind), bridge_(*this, mac_aging) {}

Switch::~Switch() = default;

void Switch::enable_stp(const StpBridgeConfig& config, wire::MacAddress bridge_mac,
                        std::vector<StpPortConfig> ports, const BridgeNames* names) {
  stp_ = std::make_unique<StpAgent>(*this, bridge_, config, bridge_mac, std::move(ports), names);
}

void Switch::start() {
  if (stp_) stp_->start();
}

void Switch::set_up(bool up) {
  if (!up) bridge_.node_down();
  Node::set_up(up);
  if (stp_) up ? stp_->start() : stp_->stop();
}

void Switch::link_changed(Port& port) {
  bridge_.link_changed(port);
  if (stp_) stp_->link_changed(port);
}

std::optional<std::string> Switch::mac_table_lookup(wire::MacAddress mac, Time now,
                                                    std::optional<uint16_t> vlan) const {
  if (vlan) {
    const auto port_index = bridge_.lookup(*vlan, mac, now);
    if (!port_index) return std::nullopt;
    return ports()[*port_index]->name();
  }
  for (const MacTableRecord& r : bridge_.records(now))  // sorted by (MAC, VLAN)
    if (r.mac == mac) return ports()[r.port]->name();
  return std::nullopt;
}

std::vector<MacTableRow> Switch::mac_table_rows(Time now) const {
  std::vector<MacTableRow> rows;
  for (const MacTableRecord& r : bridge_.records(now))
    rows.push_back({r.mac, ports()[r.port]->name(), r.vlan, r.expires_at});
  return rows;
}

const Switch* as_switch(const Node& node) { return dynamic_cast<const Switch*>(&node); }

}  // namespace netsim::devices
