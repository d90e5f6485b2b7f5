// Switch forwarding: learn, then forward, flood or filter.
#include "devices/switch.h"

#include "sim/wire/ethernet.h"

namespace netsim::devices {

Switch::Switch(Context& ctx, std::string name, Time mac_aging)
    : Node(ctx, std::move(name), NodeKind::Switch), table_(mac_aging) {}

void Switch::receive(Port& in, Packet frame) {
  wire::ParseError why{};
  const auto eth = wire::EthernetRepr::parse(frame.bytes(), &why);
  if (!eth) {
    ctx().trace().decision(ctx().now(), name(), in.name(), [&] {
      return "dropped malformed frame (" + std::string(wire::to_string(why)) + ")";
    });
    drop(&in, frame, DropReason::Malformed);
    return;
  }
  // A multicast source is invalid (IEEE 802.1D §7.8): never learned.
  if (!eth->src.is_multicast()) learn(in, eth->src);

  // Multicast (broadcast included) is never looked up: it always floods.
  const auto port_index =
      eth->dst.is_multicast() ? std::nullopt : table_.lookup(kDefaultVlan, eth->dst, ctx().now());
  if (!port_index) {
    flood(in, frame, eth->dst);
    return;
  }
  Port& out = *ports()[*port_index];
  if (&out == &in) {
    ctx().trace().decision(ctx().now(), name(), in.name(), [&] {
      return "filtered " + eth->dst.to_string() + ": it lives on " + in.name() +
             ", the ingress port";
    });
    drop(&in, frame, DropReason::SameSegment);
    return;
  }
  ctx().trace().decision(ctx().now(), name(), in.name(), [&] {
    return "forwarded " + eth->dst.to_string() + " out " + out.name();
  });
  out.send(std::move(frame));
}

void Switch::learn(Port& in, wire::MacAddress src) {
  const auto result = table_.learn(kDefaultVlan, src, in.index(), ctx().now());
  if (result.what == MacTable::Learned::Refreshed) return;
  ctx().trace().decision(ctx().now(), name(), in.name(), [&] {
    const std::string text = std::string(to_string(result.what)) + " " + src.to_string();
    if (result.what == MacTable::Learned::Moved)
      return text + " from " + ports()[result.previous_port]->name() + " to " + in.name();
    return text + " on " + in.name();
  });
  table_row_changed(src, kDefaultVlan, in.name());
}

void Switch::flood(Port& in, const Packet& frame, wire::MacAddress dst) {
  // Only ports with carrier: a down port is no destination. The reason is
  // worded here, inside the lazy trace call: nothing is formatted per frame.
  ctx().trace().decision(ctx().now(), name(), in.name(), [&] {
    std::string text = "flooded ";
    if (dst.is_broadcast())
      text += "broadcast";
    else
      text += (dst.is_multicast() ? "multicast " : "unknown ") + dst.to_string();
    const std::string others = other_port_names(in);
    return text + " out " + (others.empty() ? "no other port" : others);
  });
  send_out_other_ports(in, frame);
}

void Switch::table_row_changed(wire::MacAddress mac, uint16_t vlan, std::string_view port) {
  ctx().trace().table_change(ctx().now(), name(), "mac", [&] {
    return std::pair{mac.to_string() + " vlan " + std::to_string(vlan), std::string(port)};
  });
}

void Switch::set_up(bool up) {
  if (!up) clear_mac_table();
  Node::set_up(up);
}

void Switch::link_changed(Port& port) {
  if (port.carrier()) return;
  for (const MacTableRecord& r : table_.records(ctx().now()))
    if (r.port == port.index()) table_row_changed(r.mac, r.vlan, "");
  table_.forget_port(port.index());
}

std::optional<std::string> Switch::mac_table_lookup(wire::MacAddress mac, Time now) const {
  const auto port_index = table_.lookup(kDefaultVlan, mac, now);
  if (!port_index) return std::nullopt;
  return ports()[*port_index]->name();
}

std::vector<MacTableRow> Switch::mac_table_rows(Time now) const {
  std::vector<MacTableRow> rows;
  for (const MacTableRecord& r : table_.records(now))
    rows.push_back({r.mac, ports()[r.port]->name(), r.vlan, r.expires_at});
  return rows;
}

void Switch::clear_mac_table() {
  for (const MacTableRecord& r : table_.records(ctx().now())) table_row_changed(r.mac, r.vlan, "");
  table_.clear();
}

const Switch* as_switch(const Node& node) { return dynamic_cast<const Switch*>(&node); }

}  // namespace netsim::devices
