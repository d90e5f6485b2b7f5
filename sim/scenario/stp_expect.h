// The `stp` node expectation, checked against a bridge's spanning-tree engine.
#pragma once
#include <string>

#include "devices/bridge/stp_engine.h"
#include "sim/scenario/model.h"

namespace netsim::scenario {

// Every part `x` gives holds. `found` says what the engine has for each part
// given ("root s2, root_port none, p2 forwarding").
bool stp_holds(const StpExpect& x, const devices::StpEngine& engine, std::string& found);

// The words expectation messages use for `x`: "root s1, root_port p3, p2 blocking".
std::string describe(const StpExpect& x);

}  // namespace netsim::scenario
