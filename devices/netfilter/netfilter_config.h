// What a router or l3switch is told to translate: `nat:` (source NAT of the
// inside networks, port forwards) and `virtual_servers:` (the layer-4 switch).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "devices/netfilter/conntrack.h"
#include "sim/wire/address.h"
#include "sim/wire/ipv4.h"

namespace netsim::devices {

struct Endpoint {
  wire::Ipv4Address address;
  uint16_t port = 0;
  bool operator==(const Endpoint&) const = default;
};

struct PortForward {
  wire::IpProtocol protocol = wire::IpProtocol::Tcp;
  uint16_t port = 0;  // on the outside address
  Endpoint to;
};

struct NatConfig {
  std::vector<std::string> inside;  // interface names
  std::string outside;
  std::vector<PortForward> forwards;
};

enum class VsScheduler : uint8_t { RoundRobin, LeastConnections, SourceHash };
std::string_view to_string(VsScheduler s);  // "round-robin", "least-connections", "source-hash"
std::optional<VsScheduler> parse_vs_scheduler(std::string_view word);

struct VirtualServerConfig {
  Endpoint vip;
  wire::IpProtocol protocol = wire::IpProtocol::Tcp;
  VsScheduler scheduler = VsScheduler::RoundRobin;
  std::vector<Endpoint> real;
};

struct NetfilterConfig {
  std::optional<NatConfig> nat;
  std::vector<VirtualServerConfig> virtual_servers;
  ConnTimeouts timeouts;  // `nat: timeout:`; virtual servers' bindings follow them too
};

}  // namespace netsim::devices
