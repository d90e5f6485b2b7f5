// The interactive animation: a window, the keyboard and the mouse.
#pragma once
#include "viz/animation_options.h"
#include "viz/recording.h"
#include "viz/topology.h"

namespace netsim::viz {

// Opens the window and plays the recording until the window is closed.
void run_window(const Recording& recording, const Topology& topology,
                const AnimationOptions& options);

}  // namespace netsim::viz
