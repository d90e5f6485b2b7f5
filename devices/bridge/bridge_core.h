// The forwarding core of a VLAN-aware learning bridge (IEEE 802.1D/802.1Q),
// modelled on Linux's br_input/br_forward/br_vlan: a frame is classified
// into a VLAN once on ingress (ingress filtering before learning), its
// source is learned per (VLAN, MAC), and each egress port gets one decision
// from the egress plan: drop, send tagged or send untagged, which also asks
// the port's spanning-tree state. A switch is a Node around this core; an
// l3switch is the same core with an IP stack over per-VLAN interfaces above
// it (BridgeUpper). Hubs do not use it: they repeat signals (sim/net/repeater.h).
#pragma once
#include <bitset>
#include <cstdint>
#include <optional>
#include <vector>

#include "devices/bridge/port_state.h"
#include "devices/bridge/vlan_config.h"
#include "devices/mac_table.h"
#include "sim/net/node.h"
#include "sim/wire/ethernet.h"

namespace netsim::devices {

// Spanning tree's tap. Once installed, every frame to the bridge group
// address 01:80:c2:00:00:00 goes here on arrival, before VLAN classification
// and whatever the port's state, and is never forwarded (802.1D §7.12.3).
// Without it (stp: false) such frames are flooded like any multicast. The
// engine sends its BPDUs with Port::send directly: untagged, on any port.
class BpduReceiver {
 public:
  virtual void receive_bpdu(Port& in, Packet frame) = 0;

 protected:
  ~BpduReceiver() = default;
};

// The layer above the bridge: an l3switch's routed VLAN interfaces (SVIs).
// It gets, untagged, the frames of the VLANs it registered (add_upper_vlan)
// that are addressed to its MAC (not forwarded) or to a broadcast or
// multicast address (also flooded to the VLAN's other ports), and it sends
// through send_from_upper, forwarded like a frame from a port of that VLAN.
class BridgeUpper {
 public:
  virtual void receive_from_bridge(uint16_t vid, Port& in, Packet frame) = 0;

 protected:
  ~BridgeUpper() = default;
};

class BridgeCore {
 public:
  static constexpr wire::MacAddress kBridgeGroupAddress{{0x01, 0x80, 0xc2, 0x00, 0x00, 0x00}};

  BridgeCore(Node& owner, Time mac_aging);
  BridgeCore(const BridgeCore&) = delete;
  BridgeCore& operator=(const BridgeCore&) = delete;

  // ---- driven by the owning node ----
  // A frame arrived on `in` (the node's receive()).
  void receive(Port& in, Packet frame);
  // A link went up or down: a port that lost carrier forgets its MACs.
  void link_changed(Port& port);
  // The node went down: the table is volatile state.
  void node_down() { clear_table(); }

  // ---- port configuration (every port starts as an access port in VLAN 1) ----
  void set_vlans(uint32_t port, VlanConfig config);
  const VlanConfig& vlans(uint32_t port) const { return entry(port).vlans; }
  // Some port is configured with VLANs: --explain then names the VLAN.
  bool vlan_aware() const { return vlan_aware_; }
  // The ports that carry `vid` and have carrier: an SVI is up while there is
  // one, and its MTU is their smallest (a Linux bridge's rule; 1500 with none).
  bool vlan_has_carrier(uint16_t vid) const;
  size_t vlan_ports_up(uint16_t vid) const;
  uint32_t vlan_mtu(uint16_t vid) const;

  // ---- for spanning tree ----
  // The gate on every frame: learning needs Learning or Forwarding, relaying
  // needs Forwarding (port_state.h). Default Forwarding. The caller traces
  // the change; the core only obeys it.
  void set_port_state(uint32_t port, PortState state);
  PortState port_state(uint32_t port) const { return entry(port).state; }
  void set_edge(uint32_t port, bool edge);
  bool edge(uint32_t port) const { return entry(port).edge; }
  // Forgets the MACs learned on one port, or on every non-edge port (an RSTP
  // topology change); each removed row is traced.
  void flush_port(uint32_t port);
  void flush_non_edge_ports();
  // 802.1D §8.3.5 topology change: entries age after `aging` (forward delay)
  // instead of mac_aging, existing ones included; nullopt restores mac_aging.
  void set_short_aging(std::optional<Time> aging);
  void set_bpdu_receiver(BpduReceiver* receiver) { bpdu_receiver_ = receiver; }

  // ---- for an upper layer (SVIs) ----
  // `mac`: the MAC the upper layer answers to in every VLAN it registers.
  void attach_upper(BridgeUpper& upper, wire::MacAddress mac);
  void add_upper_vlan(uint16_t vid) { upper_vlans_.set(vid); }
  // An untagged frame from the upper layer into VLAN `vid`: to the port where
  // its destination was learned, else flooded to every port carrying `vid`;
  // tagged or untagged as each port requires. Nothing is learned from it.
  void send_from_upper(uint16_t vid, Packet frame);

  // ---- the table, for expectations and dumps ----
  std::optional<uint32_t> lookup(uint16_t vid, wire::MacAddress mac, Time now) const {
    return table_.lookup(vid, mac, now);
  }
  std::vector<MacTableRecord> records(Time now) const { return table_.records(now); }
  void clear_table();

 private:
  struct BridgePort {
    VlanConfig vlans;
    PortState state = PortState::Forwarding;
    bool edge = false;
  };
  static const BridgePort kUnconfigured;  // immutable: a port no one configured
  class FrameForms;

  // Inline, as egress(): both run for every port a frame floods to.
  const BridgePort& entry(uint32_t port) const {
    return port < ports_.size() ? ports_[port] : kUnconfigured;
  }
  bool carries_live(const Port& port, uint16_t vid) const {
    return port.carrier() && entry(port.index()).vlans.carries(vid);
  }
  BridgePort& mutable_entry(uint32_t port);
  // The egress plan for one port: drop, or send tagged or untagged.
  Egress egress(const Port& out, uint16_t vid) const {
    const BridgePort& p = entry(out.index());
    if (!out.carrier() || !forwards(p.state)) return Egress::Drop;
    return p.vlans.egress(vid);
  }
  // Shared by frames from ports (`in`) and from the upper layer (in == nullptr).
  void forward(Port* in, uint16_t vid, Packet frame, const wire::EthernetRepr& eth);
  void flood(const Port* in, uint16_t vid, FrameForms& forms, wire::MacAddress dst, bool also_up);
  void learn(Port& in, uint16_t vid, wire::MacAddress src);
  void table_row_changed(wire::MacAddress mac, uint16_t vlan, std::string_view port);
  std::string vlan_words(uint16_t vid) const;

  Node& owner_;
  Time mac_aging_;
  MacTable table_;
  std::vector<BridgePort> ports_;  // by port index; grown as links add ports
  bool vlan_aware_ = false;
  BpduReceiver* bpdu_receiver_ = nullptr;
  BridgeUpper* upper_ = nullptr;
  wire::MacAddress upper_mac_;
  std::bitset<4096> upper_vlans_;
};

}  // namespace netsim::devices
