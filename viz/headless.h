// Rendering without a window (an X display is still needed for OpenGL: run
// under xvfb-run): one snapshot PNG at a time T, or PNG frames at a fixed rate
// of playback.
#pragma once
#include <cstddef>
#include <string>

#include "viz/animation_options.h"
#include "viz/recording.h"
#include "viz/topology.h"

namespace netsim::viz {

// Writes the picture at time `at` to `png`. When `positions` is not empty,
// also writes there one line per node, "NAME KIND X Y R G B": its icon's
// centre in the image and the colour drawn there (for tests). When `panel`
// is not empty, also writes there the open panel's text, one line per line.
void write_snapshot(const Recording& recording, const Topology& topology,
                    const AnimationOptions& options, Time at, const std::string& png,
                    const std::string& positions = {}, const std::string& panel = {});

// Writes DIR/frame-000000.png, ... from options.start to the end of the run,
// `fps` images per second of playback at options.speed (idle stretches
// skipped as on screen). Returns the number of images.
size_t record_frames(const Recording& recording, const Topology& topology,
                     const AnimationOptions& options, const std::string& directory, unsigned fps);

}  // namespace netsim::viz
