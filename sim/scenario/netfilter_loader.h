// The `nat:` and `virtual_servers:` keys of a router or l3switch, validated
// into the configuration the node's Netfilter takes.
#pragma once
#include "sim/scenario/yaml_tree.h"

#include "devices/netfilter/netfilter_config.h"
#include "sim/scenario/model.h"
#include "sim/scenario/yaml_util.h"

namespace netsim::scenario {

// Reads both keys of `node_map` when present; `node` has its interfaces loaded.
devices::NetfilterConfig load_netfilter(const YamlReader& in, const YamlNode& node_map,
                                        const NodeSpec& node);

}  // namespace netsim::scenario
