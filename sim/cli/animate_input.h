// What the animation and the charts are fed from a scenario: its nodes and
// links, and a recording of one run's trace (never the devices themselves).
#pragma once
#include "sim/cli/options.h"
#include "sim/scenario/model.h"
#include "sim/scenario/simulation.h"
#include "viz/recording.h"
#include "viz/topology.h"

namespace netsim::cli {

viz::Topology topology_of(const scenario::Scenario& sc);
// --stop and --seed, as `netsim run` takes them.
scenario::RunOptions run_options(const ParsedArgs& args);
// Throws when there is no X display for OpenGL, saying how to run `command` without a screen.
void require_display(const char* command);
// Runs the scenario once with `recording` listening (it is finished when this returns).
void record_run(const scenario::Scenario& sc, const scenario::RunOptions& run,
                viz::Recording& recording);

}  // namespace netsim::cli
