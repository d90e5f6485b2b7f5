// The `dns_cache` node expectation: a node with dns_server is checked in the
// server's cache, any other in its stub resolver's, each name looked up in
// that cache alone, following cached CNAMEs.
#pragma once
#include <string>

#include "sim/net/node.h"
#include "sim/scenario/model.h"

namespace netsim::scenario {

// Every entry of x.dns_cache holds; `found` says what the cache has for those that do not.
bool dns_cache_holds(const ExpectSpec& x, const Node& node, std::string& found);

}  // namespace netsim::scenario
