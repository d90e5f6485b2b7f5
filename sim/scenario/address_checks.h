// Addresses that make no sense on a network, and setups that are legal but
// usually a mistake. Run by the loader once every node and link is read.
#pragma once
#include <string>
#include <vector>

#include "sim/scenario/model.h"

namespace netsim::scenario {

// Throws ScenarioError for an interface address, gateway or next hop in
// 0.0.0.0/8, 255.255.255.255, multicast, loopback or 240.0.0.0/4, and for a
// route whose next hop is the node itself. Returns the warnings
// ("file:line:col: warning: ...") for two interfaces with one IP or one MAC
// in a broadcast domain, overlapping subnets on one node, a gateway that is
// the host itself, and a gateway that a default route contradicts.
std::vector<std::string> check_addresses(const Scenario& sc, const std::string& file);

}  // namespace netsim::scenario
