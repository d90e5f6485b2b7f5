// The DHCP keys of a node (`dhcp_server`, `dhcp_relay`) and the check that a
// `dhcp_release` names a DHCP client: read and held to the contract, with
// file:line:col errors. Called by the loader once the interfaces are known.
#pragma once
#include <string>
#include <vector>

#include "sim/scenario/model.h"
#include "sim/scenario/yaml_util.h"

namespace netsim::scenario {

std::vector<devices::DhcpServedInterface> load_dhcp_server(const YamlReader& in,
                                                           const YamlNode& map,
                                                           const NodeSpec& node);
std::vector<devices::DhcpRelayInterface> load_dhcp_relay(const YamlReader& in,
                                                         const YamlNode& map,
                                                         const NodeSpec& node);
// `iface` of `node` is a `dhcp: true` interface, else an error at `at`.
void check_dhcp_client(const YamlReader& in, const YamlNode& at, const NodeSpec& node,
                       const std::string& iface);

}  // namespace netsim::scenario
