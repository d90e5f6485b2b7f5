// What the animation draws of a scenario (the devices themselves are never
// shown: the picture is the scenario's nodes and links plus the recorded trace).
#pragma once
#include "sim/scenario/model.h"
#include "viz/topology.h"

namespace netsim::cli {

viz::Topology topology_of(const scenario::Scenario& sc);

}  // namespace netsim::cli
