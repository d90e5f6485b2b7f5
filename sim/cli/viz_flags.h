// The flag tables of the commands that the SFML plug-in runs (sim/cli/viz_flags.cpp).
#pragma once
#include <vector>

#include "sim/cli/options.h"

namespace netsim::cli {

const std::vector<FlagSpec>& animate_flags();
const std::vector<FlagSpec>& plot_flags();

}  // namespace netsim::cli
