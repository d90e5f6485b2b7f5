// The layer-4 switch's schedulers (as Linux IPVS: rr, lc, sh): which real
// server a new connection or flow to a virtual server is bound to, the open
// bindings least-connections weighs, and the bindings made to each server.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "devices/netfilter/netfilter_config.h"

namespace netsim::devices {

class VirtualServers {
 public:
  explicit VirtualServers(std::vector<VirtualServerConfig> servers);

  const std::vector<VirtualServerConfig>& servers() const { return servers_; }
  // The virtual server for a packet to `dst` (nullopt: none).
  std::optional<int> match(wire::IpProtocol protocol, Endpoint dst) const;
  bool is_vip(wire::Ipv4Address address) const;
  // A new binding of `client` to virtual server `vs`: the real server's index
  // and why ("round robin", "least connections: 0 open", "source hash of 198.51.100.11").
  std::pair<int, std::string> choose(int vs, wire::Ipv4Address client);
  void opened(int vs, int real);
  void closed(int vs, int real);
  // Bindings made to each real server since the start, by address and port.
  const std::map<std::pair<uint32_t, uint16_t>, int>& bindings() const { return made_; }

 private:
  std::vector<VirtualServerConfig> servers_;
  std::vector<size_t> next_;             // round robin: the next real server
  std::vector<std::vector<int>> open_;   // least connections: open bindings per real server
  std::map<std::pair<uint32_t, uint16_t>, int> made_;
};

}  // namespace netsim::devices
