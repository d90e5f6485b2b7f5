// Round robin, least connections and source hashing over the real servers.
#include "devices/netfilter/virtual_servers.h"

#include <algorithm>

namespace netsim::devices {

std::string_view to_string(VsScheduler s) {
  switch (s) {
    case VsScheduler::RoundRobin:
      return "round-robin";
    case VsScheduler::LeastConnections:
      return "least-connections";
    case VsScheduler::SourceHash:
      return "source-hash";
  }
  return "round-robin";
}

std::optional<VsScheduler> parse_vs_scheduler(std::string_view word) {
  for (VsScheduler s : {VsScheduler::RoundRobin, VsScheduler::LeastConnections, VsScheduler::SourceHash})
    if (to_string(s) == word) return s;
  return std::nullopt;
}

VirtualServers::VirtualServers(std::vector<VirtualServerConfig> servers)
    : servers_(std::move(servers)), next_(servers_.size(), 0) {
  for (const VirtualServerConfig& vs : servers_) open_.emplace_back(vs.real.size(), 0);
}

std::optional<int> VirtualServers::match(wire::IpProtocol protocol, Endpoint dst) const {
  for (size_t i = 0; i < servers_.size(); ++i)
    if (servers_[i].protocol == protocol && servers_[i].vip == dst) return static_cast<int>(i);
  return std::nullopt;
}

bool VirtualServers::is_vip(wire::Ipv4Address address) const {
  return std::any_of(servers_.begin(), servers_.end(),
                     [&](const VirtualServerConfig& vs) { return vs.vip.address == address; });
}

std::pair<int, std::string> VirtualServers::choose(int vs, wire::Ipv4Address client) {
  const VirtualServerConfig& server = servers_[vs];
  const int n = static_cast<int>(server.real.size());
  switch (server.scheduler) {
    case VsScheduler::RoundRobin: {
      const int real = static_cast<int>(next_[vs]++ % n);
      return {real, "round robin"};
    }
    case VsScheduler::LeastConnections: {
      const std::vector<int>& open = open_[vs];
      const int real = static_cast<int>(std::min_element(open.begin(), open.end()) - open.begin());
      return {real, "least connections: " + std::to_string(open[real]) + " open"};
    }
    case VsScheduler::SourceHash: {
      // IPVS sh hashes the source address (multiplicative, golden ratio).
      const uint32_t h = client.value * 2654435761u;
      return {static_cast<int>(h % static_cast<uint32_t>(n)), "source hash of " + client.to_string()};
    }
  }
  return {0, ""};
}

void VirtualServers::opened(int vs, int real) {
  ++open_[vs][real];
  const Endpoint& e = servers_[vs].real[real];
  ++made_[{e.address.value, e.port}];
}

void VirtualServers::closed(int vs, int real) { --open_[vs][real]; }

}  // namespace netsim::devices
