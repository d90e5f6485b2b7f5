// Bridge forwarding: classify, learn, then the egress plan per port.
#include "devices/bridge/bridge_core.h"

#include <algorithm>

#include "sim/wire/vlan_tag.h"

namespace netsim::devices {

namespace {
// Form changes on a buffer no one else holds (make a clone first otherwise).
// The tag goes into a frame of at least minimum size, so a 60-byte frame is
// 64 bytes on a trunk, and 60 again once untagged (padded here, so the ports
// sharing the untagged form need no copy of their own to pad it).
void add_tag(Packet& p, uint16_t vid) {
  p.resize(std::max(p.size(), wire::kEthernetMinFrame) + wire::kVlanTagLen);
  wire::insert_vlan_tag(p.mutable_bytes(), wire::VlanTci{0, false, vid});
}
void strip_tag(Packet& p) {
  wire::remove_vlan_tag(p.mutable_bytes());
  p.resize(p.size() - wire::kVlanTagLen);
  if (p.size() < wire::kEthernetMinFrame) p.resize(wire::kEthernetMinFrame);
}
}  // namespace

// The frame as each kind of egress port needs it. A flood builds each form
// at most once and shares it among the ports of that kind; a frame with one
// destination changes form in place when no one else holds its buffer. A
// copy keeps the uid: it is the same frame on its way.
class BridgeCore::FrameForms {
 public:
  FrameForms(PacketPool& pool, Packet frame, std::optional<uint16_t> tag_vid, uint16_t vid)
      : pool_(pool), frame_(std::move(frame)), tag_vid_(tag_vid), vid_(vid) {}

  const Packet& original() const { return frame_; }
  // A shared form, for one of several ports.
  const Packet& get(Egress e) {
    if (fits(e)) return frame_;
    Packet& slot = e == Egress::Tagged ? tagged_ : untagged_;
    if (!slot) {
      slot = pool_.clone(frame_);
      convert(slot, e);
    }
    return slot;
  }
  // The form for the last port (or the only one): ends the use of the forms.
  Packet take(Egress e) {
    if (fits(e)) return std::move(frame_);
    if (Packet& slot = e == Egress::Tagged ? tagged_ : untagged_; slot) return std::move(slot);
    if (!frame_.unique()) return get(e);
    convert(frame_, e);
    return std::move(frame_);
  }

 private:
  bool fits(Egress e) const { return e == Egress::Untagged ? !tag_vid_ : tag_vid_ == vid_; }
  void convert(Packet& p, Egress e) const {
    if (e == Egress::Untagged)
      strip_tag(p);
    else if (tag_vid_)  // a priority tag (VID 0) leaves with its VLAN's VID, PCP kept
      wire::set_vlan_vid(p.mutable_bytes(), vid_);
    else
      add_tag(p, vid_);
  }

  PacketPool& pool_;
  Packet frame_;
  std::optional<uint16_t> tag_vid_;
  uint16_t vid_;
  Packet tagged_, untagged_;
};

BridgeCore::BridgeCore(Node& owner, Time mac_aging)
    : owner_(owner), mac_aging_(mac_aging), table_(mac_aging) {}

const BridgeCore::BridgePort BridgeCore::kUnconfigured{};

BridgeCore::BridgePort& BridgeCore::mutable_entry(uint32_t port) {
  if (port >= ports_.size()) ports_.resize(port + 1);
  return ports_[port];
}

void BridgeCore::set_vlans(uint32_t port, VlanConfig config) {
  vlan_aware_ = vlan_aware_ || !config.is_default();
  mutable_entry(port).vlans = std::move(config);
}

void BridgeCore::set_port_state(uint32_t port, PortState state) { mutable_entry(port).state = state; }

void BridgeCore::set_edge(uint32_t port, bool edge) { mutable_entry(port).edge = edge; }

bool BridgeCore::vlan_has_carrier(uint16_t vid) const {
  return std::any_of(owner_.ports().begin(), owner_.ports().end(),
                     [&](const auto& p) { return carries_live(*p, vid); });
}

size_t BridgeCore::vlan_ports_up(uint16_t vid) const {
  return static_cast<size_t>(std::count_if(owner_.ports().begin(), owner_.ports().end(),
                                           [&](const auto& p) { return carries_live(*p, vid); }));
}

uint32_t BridgeCore::vlan_mtu(uint16_t vid) const {
  uint32_t mtu = 0;
  for (const auto& port : owner_.ports())
    if (carries_live(*port, vid)) mtu = mtu ? std::min(mtu, port->mtu()) : port->mtu();
  return mtu ? mtu : 1500;
}

void BridgeCore::attach_upper(BridgeUpper& upper, wire::MacAddress mac) {
  upper_ = &upper;
  upper_mac_ = mac;
}

std::string BridgeCore::vlan_words(uint16_t vid) const {
  return vlan_aware_ ? " in VLAN " + std::to_string(vid) : std::string();
}

void BridgeCore::receive(Port& in, Packet frame) {
  Context& ctx = owner_.ctx();
  wire::ParseError why{};
  const auto eth = wire::EthernetRepr::parse(frame.head(), &why);
  if (!eth) {
    ctx.trace().decision(ctx.now(), Layer::Link, owner_.name(), in.name(), [&] {
      return "dropped malformed frame (" + std::string(wire::to_string(why)) + ")";
    });
    owner_.drop(&in, frame, DropReason::Malformed);
    return;
  }
  if (bpdu_receiver_ && eth->dst == kBridgeGroupAddress) {
    bpdu_receiver_->receive_bpdu(in, std::move(frame));
    return;
  }
  const BridgePort& port = entry(in.index());
  if (!learns(port.state)) {
    ctx.trace().decision(ctx.now(), Layer::Link, owner_.name(), in.name(), [&] {
      return "dropped: " + in.name() + " is " + std::string(to_string(port.state));
    });
    owner_.drop(&in, frame, DropReason::PortBlocked);
    return;
  }
  // 802.1Q §8.6.2: ingress filtering comes before learning.
  const VlanConfig::Classified c = port.vlans.classify(eth->vlan);
  if (c.verdict != IngressVerdict::Accepted) {
    ctx.trace().decision(ctx.now(), Layer::Link, owner_.name(), in.name(),
                         [&] { return "dropped: " + ingress_refusal_text(c, in.name()); });
    owner_.drop(&in, frame, DropReason::VlanFiltered);
    return;
  }
  // A multicast source is invalid (IEEE 802.1D §7.8): never learned.
  if (!eth->src.is_multicast()) learn(in, c.vid, eth->src);
  if (!forwards(port.state)) {
    ctx.trace().decision(ctx.now(), Layer::Link, owner_.name(), in.name(), [&] {
      return "not relayed: " + in.name() + " is " + std::string(to_string(port.state));
    });
    owner_.drop(&in, frame, DropReason::PortBlocked);
    return;
  }
  forward(&in, c.vid, std::move(frame), *eth);
}

void BridgeCore::send_from_upper(uint16_t vid, Packet frame) {
  const auto eth = wire::EthernetRepr::parse(frame.head());
  if (!eth || eth->vlan) {  // the upper layer's own bug, still never UB
    owner_.drop(nullptr, frame, DropReason::Malformed);
    return;
  }
  forward(nullptr, vid, std::move(frame), *eth);
}

void BridgeCore::forward(Port* in, uint16_t vid, Packet frame, const wire::EthernetRepr& eth) {
  Context& ctx = owner_.ctx();
  const std::string_view at = in ? std::string_view(in->name()) : std::string_view();
  FrameForms forms(ctx.pool(), std::move(frame), eth.vlan, vid);
  const bool upper_here = in && upper_ && upper_vlans_[vid];
  if (upper_here && eth.dst == upper_mac_) {
    ctx.trace().decision(ctx.now(), Layer::Link, owner_.name(), at, [&] {
      return "to the bridge itself in VLAN " + std::to_string(vid);
    });
    upper_->receive_from_bridge(vid, *in, forms.take(Egress::Untagged));
    return;
  }
  // Multicast (broadcast included) is never looked up: it always floods.
  const auto out_index = eth.dst.is_multicast() ? std::nullopt : table_.lookup(vid, eth.dst, ctx.now());
  if (!out_index) {
    const bool up_too = upper_here && eth.dst.is_multicast();
    flood(in, vid, forms, eth.dst, up_too);
    if (up_too) upper_->receive_from_bridge(vid, *in, forms.take(Egress::Untagged));
    return;
  }
  Port& out = *owner_.ports()[*out_index];
  if (&out == in) {
    ctx.trace().decision(ctx.now(), Layer::Link, owner_.name(), at, [&] {
      return "filtered " + eth.dst.to_string() + ": it lives on " + out.name() + ", the ingress port";
    });
    owner_.drop(in, forms.original(), DropReason::SameSegment);
    return;
  }
  const Egress e = egress(out, vid);
  if (e == Egress::Drop) {  // learned there, but the port no longer relays
    ctx.trace().decision(ctx.now(), Layer::Link, owner_.name(), at, [&] {
      return "not forwarded to " + eth.dst.to_string() + ": " + out.name() + " is " +
             std::string(to_string(entry(out.index()).state));
    });
    owner_.drop(&out, forms.original(), DropReason::PortBlocked);
    return;
  }
  ctx.trace().decision(ctx.now(), Layer::Link, owner_.name(), at, [&] {
    return "forwarded " + eth.dst.to_string() + vlan_words(vid) + " out " + out.name() +
           (e == Egress::Tagged ? " tagged" : "");
  });
  out.send(forms.take(e));
}

void BridgeCore::flood(const Port* in, uint16_t vid, FrameForms& forms, wire::MacAddress dst,
                       bool also_up) {
  // Only ports in the egress plan: carrier, forwarding, carrying the VLAN.
  // The reason is worded here, inside the lazy trace call: nothing is
  // formatted per frame unless --explain asks.
  Context& ctx = owner_.ctx();
  ctx.trace().decision(ctx.now(), Layer::Link, owner_.name(), in ? std::string_view(in->name()) : "", [&] {
    std::string text = "flooded ";
    if (dst.is_broadcast())
      text += "broadcast";
    else
      text += (dst.is_multicast() ? "multicast " : "unknown ") + dst.to_string();
    text += vlan_words(vid);
    std::string untagged, tagged;
    for (const auto& port : owner_.ports()) {
      if (port.get() == in) continue;
      const Egress e = egress(*port, vid);
      if (e == Egress::Drop) continue;
      std::string& list = e == Egress::Tagged ? tagged : untagged;
      (list += list.empty() ? "" : " ") += port->name();
    }
    if (untagged.empty() && tagged.empty()) text += " out no other port";
    if (!untagged.empty()) text += " out " + untagged;
    if (!tagged.empty()) text += (untagged.empty() ? " tagged out " : ", tagged out ") + tagged;
    if (also_up) text += ", and up to the bridge itself";
    return text;
  });
  // Each port is sent to once the next one is known, so the last gets the
  // frame by take(): with one destination, no copy at all.
  Port* last = nullptr;
  Egress last_egress = Egress::Drop;
  for (const auto& port : owner_.ports()) {
    if (port.get() == in) continue;
    const Egress e = egress(*port, vid);
    if (e == Egress::Drop) continue;
    if (last) last->send(forms.get(last_egress));
    last = port.get();
    last_egress = e;
  }
  if (last) last->send(also_up ? forms.get(last_egress) : forms.take(last_egress));
}

void BridgeCore::learn(Port& in, uint16_t vid, wire::MacAddress src) {
  Context& ctx = owner_.ctx();
  const auto result = table_.learn(vid, src, in.index(), ctx.now());
  if (result.what == MacTable::Learned::Refreshed) return;
  ctx.trace().decision(ctx.now(), Layer::Link, owner_.name(), in.name(), [&] {
    const std::string text = std::string(to_string(result.what)) + " " + src.to_string() + vlan_words(vid);
    if (result.what == MacTable::Learned::Moved)
      return text + " from " + owner_.ports()[result.previous_port]->name() + " to " + in.name();
    return text + " on " + in.name();
  });
  table_row_changed(src, vid, in.name());
}

void BridgeCore::table_row_changed(wire::MacAddress mac, uint16_t vlan, std::string_view port) {
  Context& ctx = owner_.ctx();
  ctx.trace().table_change(ctx.now(), owner_.name(), "mac", [&] {
    return std::pair{mac.to_string() + " vlan " + std::to_string(vlan), std::string(port)};
  });
}

void BridgeCore::link_changed(Port& port) {
  if (!port.carrier()) flush_port(port.index());
}

void BridgeCore::flush_port(uint32_t port) {
  for (const MacTableRecord& r : table_.records(owner_.ctx().now()))
    if (r.port == port) table_row_changed(r.mac, r.vlan, "");
  table_.forget_port(port);
}

void BridgeCore::flush_non_edge_ports() {
  for (const auto& port : owner_.ports())
    if (!entry(port->index()).edge) flush_port(port->index());
}

void BridgeCore::set_short_aging(std::optional<Time> aging) {
  table_.set_aging(aging.value_or(mac_aging_), owner_.ctx().now());
}

void BridgeCore::clear_table() {
  for (const MacTableRecord& r : table_.records(owner_.ctx().now())) table_row_changed(r.mac, r.vlan, "");
  table_.clear();
}

}  // namespace netsim::devices
