// Reading a node's `dns_server` block: zones of master-file lines (an error
// points at the word of the line that is wrong), recursion mode, root hints,
// forwarders and cache.
#pragma once
#include <string>

#include "devices/dns/dns_server_config.h"
#include "sim/scenario/yaml_util.h"

namespace netsim::scenario {

devices::DnsServerConfig load_dns_server(const YamlReader& in, const YamlNode& map,
                                         const std::string& node);

}  // namespace netsim::scenario
