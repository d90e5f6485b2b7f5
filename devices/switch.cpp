// The switch node: the bridge core does the forwarding; this is its shell.
#include "devices/switch.h"

namespace netsim::devices {

Switch::Switch(Context& ctx, std::string name, Time mac_aging)
    : Node(ctx, std::move(name), NodeKind::Switch), bridge_(*this, mac_aging) {}

void Switch::set_up(bool up) {
  if (!up) bridge_.node_down();
  Node::set_up(up);
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
