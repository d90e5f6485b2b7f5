// NAT and the layer-4 switch on one node, as one user of the IPv4 hooks:
// PREROUTING looks every datagram up in conntrack, creates port-forward and
// virtual-server bindings and rewrites destinations; POSTROUTING creates
// source-NAT mappings (inside -> outside, forwarded only) and rewrites
// sources. ICMP errors about a tracked flow are translated back, quoted
// header included. Every mapping made is a decision and a table row.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "devices/netfilter/conntrack.h"
#include "devices/netfilter/netfilter_config.h"
#include "devices/netfilter/virtual_servers.h"
#include "devices/stack/ipv4_hook.h"
#include "sim/core/random.h"

namespace netsim::wire {
class Ipv4Rewrite;
}

namespace netsim::devices {

class Ipv4Stack;

class Netfilter final : public Ipv4Hook {
 public:
  // The interfaces `config.nat` names exist in `stack` (the loader checked).
  Netfilter(Ipv4Stack& stack, NetfilterConfig config);

  HookVerdict prerouting(HookPacket& p) override;
  HookVerdict forward(HookPacket& p) override;
  HookVerdict postrouting(HookPacket& p) override;
  bool owns_address(wire::Ipv4Address address) const override { return vs_.is_vip(address); }
  bool answers_arp(const L3Interface& in, wire::Ipv4Address target) const override;

  // NAT translations alive now (source NAT and port forwards, as `conntrack -L`
  // lists NAT bindings).
  int nat_entries() const;
  // Bindings made to each real server since the start: (address, port) -> count.
  const std::map<std::pair<uint32_t, uint16_t>, int>& vs_bindings() const { return vs_.bindings(); }

 private:
  enum class Manip : uint8_t { Source, Destination };

  // The rewrite `manip` makes to a packet of `c` going in direction `reply`.
  static bool manip_needed(const Connection& c, bool reply, Manip manip);
  void apply(const Connection& c, bool reply, Manip manip, wire::Ipv4Rewrite& view, HookPacket& p);
  void translate_icmp_error(wire::Ipv4Rewrite& view, Manip manip, HookPacket& p);
  // New bindings: before routing (forwards, virtual servers) and after (source NAT).
  void bind_destination(HookPacket& p, wire::Ipv4Rewrite& view);
  HookVerdict source_nat(HookPacket& p, wire::Ipv4Rewrite& view);
  // Stores `c` and notes it on `p`; the first packet's flags start its clock.
  uint32_t track(Connection c, HookPacket& p, uint8_t tcp_flags);
  // A free outside port for `reply` (its dst_port first), or nullopt.
  std::optional<uint16_t> free_port(ConnTuple reply);
  void observe(uint32_t id, bool reply, uint8_t tcp_flags);
  void ended(const Connection& c);
  bool is_inside(const L3Interface* iface) const;
  template <typename MakeText>
  void explain(const HookPacket& p, MakeText&& make_text) const;
  void table_row(const Connection& c, bool removed) const;

  Ipv4Stack& stack_;
  std::optional<NatConfig> nat_;
  std::vector<const L3Interface*> inside_;
  const L3Interface* outside_ = nullptr;
  VirtualServers vs_;
  ConnTrack track_;
  RandomStream ports_;  // "nat:<node>": outside ports when the inside one is taken
};

}  // namespace netsim::devices
